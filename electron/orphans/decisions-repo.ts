// What admins decided about orphan accounts (migration 009): ignored with a reason, marked as a service account,
// linked to a person, or proposed for removal. One row per account; plain SQL, no I/O to apps.
// The links are the one part others read: withLinkOverrides() hands the planner and the account store the admin's
// link as the account's externalId (= the person's id), which correlation honours first (sync/correlate.ts).
import type { Db } from '../store/database';
import type { Store } from '../store/store';

export type OrphanDecisionKind = 'ignored' | 'service' | 'linked' | 'removal';

export interface OrphanDecision {
  appId: string;
  remoteId: string;
  userName: string;
  kind: OrphanDecisionKind;
  personId: string | null;
  reason: string | null;
  opKey: string | null;
  by: string;
  at: string;
}

interface Row {
  app_id: string;
  remote_id: string;
  user_name: string;
  kind: OrphanDecisionKind;
  person_id: string | null;
  reason: string | null;
  op_key: string | null;
  by: string;
  at: string;
}

const toDecision = (r: Row): OrphanDecision => ({
  appId: r.app_id,
  remoteId: r.remote_id,
  userName: r.user_name,
  kind: r.kind,
  personId: r.person_id,
  reason: r.reason,
  opKey: r.op_key,
  by: r.by,
  at: r.at,
});

export const createOrphanDecisionsRepo = (db: Db) => {
  const all = db.prepare<[], Row>('SELECT * FROM orphan_decisions ORDER BY app_id, lower(user_name)');
  const one = db.prepare<[string, string], Row>(
    'SELECT * FROM orphan_decisions WHERE app_id = ? AND remote_id = ?',
  );
  const byKey = db.prepare<[string], Row>(
    `SELECT * FROM orphan_decisions WHERE op_key = ? AND kind = 'removal'`,
  );
  const put = db.prepare(
    `INSERT INTO orphan_decisions (app_id, remote_id, user_name, kind, person_id, reason, op_key, by, at)
     VALUES (@appId, @remoteId, @userName, @kind, @personId, @reason, @opKey, @by, @at)
     ON CONFLICT(app_id, remote_id) DO UPDATE SET user_name = excluded.user_name, kind = excluded.kind,
       person_id = excluded.person_id, reason = excluded.reason, op_key = excluded.op_key, by = excluded.by,
       at = excluded.at`,
  );
  const drop = db.prepare<[string, string]>(
    'DELETE FROM orphan_decisions WHERE app_id = ? AND remote_id = ?',
  );
  return {
    list(): OrphanDecision[] {
      return all.all().map(toDecision);
    },
    get(appId: string, remoteId: string): OrphanDecision | null {
      const r = one.get(appId, remoteId);
      return r ? toDecision(r) : null;
    },
    /** The removal decision a gate op carries out, by the op's idempotency key. */
    removalByKey(key: string): OrphanDecision | null {
      const r = byKey.get(key);
      return r ? toDecision(r) : null;
    },
    put(d: OrphanDecision): void {
      put.run(d);
    },
    remove(appId: string, remoteId: string): boolean {
      return drop.run(appId, remoteId).changes > 0;
    },
  };
};

export type OrphanDecisionsRepo = ReturnType<typeof createOrphanDecisionsRepo>;

/** The admin's links of one app's accounts: remote id → the linked person's id. */
export const linkOverrides = async (store: Store, appId: string): Promise<Map<string, string>> => {
  const links = await store
    .q()
    .selectFrom('orphan_decisions')
    .select(['remote_id', 'person_id'])
    .where('app_id', '=', appId)
    .where('kind', '=', 'linked')
    .where('person_id', 'is not', null)
    .execute();
  return new Map(links.map((l) => [l.remote_id, l.person_id!]));
};

/** `accounts` with each of `links` (linkOverrides) applied: the linked person's id as externalId. */
export const applyLinkOverrides = <T extends { remoteId: string; externalId: string | null }>(
  links: ReadonlyMap<string, string>,
  accounts: T[],
): T[] => {
  if (!links.size) return accounts;
  return accounts.map((a) => {
    const person = links.get(a.remoteId);
    return person === undefined ? a : { ...a, externalId: person };
  });
};

/**
 * The accounts of one app with each admin link applied: the linked person's id as externalId, so correlation links
 * the account to them before any login or email match. Accounts without a link are returned as they are.
 */
export const withLinkOverrides = async <T extends { remoteId: string; externalId: string | null }>(
  store: Store,
  appId: string,
  accounts: T[],
): Promise<T[]> => applyLinkOverrides(await linkOverrides(store, appId), accounts);
