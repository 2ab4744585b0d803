// What admins decided about orphan accounts (migration 009): ignored with a reason, marked as a service account,
// linked to a person, or proposed for removal. One row per account; plain SQL, no I/O to apps.
// The links are the one part others read: withLinkOverrides() hands the planner and the account store the admin's
// link as the account's externalId (= the person's id), which correlation honours first (sync/correlate.ts).
import { sql } from 'kysely';
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

export const createOrphanDecisionsRepo = (store: Store) => {
  const rows = () => store.q().selectFrom('orphan_decisions').selectAll();
  const one = async (q: ReturnType<typeof rows>): Promise<OrphanDecision | null> => {
    const r = (await q.executeTakeFirst()) as Row | undefined;
    return r ? toDecision(r) : null;
  };
  return {
    async list(): Promise<OrphanDecision[]> {
      const all = (await rows()
        .orderBy('app_id')
        .orderBy(sql`lower(user_name)`)
        .orderBy('remote_id')
        .execute()) as Row[];
      return all.map(toDecision);
    },
    get: (appId: string, remoteId: string): Promise<OrphanDecision | null> =>
      one(rows().where('app_id', '=', appId).where('remote_id', '=', remoteId)),
    /** The removal decision a gate op carries out, by the op's idempotency key. */
    removalByKey: (key: string): Promise<OrphanDecision | null> =>
      one(
        rows().where('op_key', '=', key).where('kind', '=', 'removal').orderBy('app_id').orderBy('remote_id'),
      ),
    async put(d: OrphanDecision): Promise<void> {
      // "by" and "at" quoted: keywords on PostgreSQL. Written as SQL so the ON CONFLICT check of test/integration/pg-migrate.test.ts keeps finding its target.
      await sql`
        INSERT INTO orphan_decisions (app_id, remote_id, user_name, kind, person_id, reason, op_key, "by", "at")
        VALUES (${d.appId}, ${d.remoteId}, ${d.userName}, ${d.kind}, ${d.personId}, ${d.reason}, ${d.opKey},
          ${d.by}, ${d.at})
        ON CONFLICT (app_id, remote_id) DO UPDATE SET user_name = excluded.user_name, kind = excluded.kind,
          person_id = excluded.person_id, reason = excluded.reason, op_key = excluded.op_key, "by" = excluded."by",
          "at" = excluded."at"`.execute(store.q());
    },
    async remove(appId: string, remoteId: string): Promise<boolean> {
      const r = await store
        .q()
        .deleteFrom('orphan_decisions')
        .where('app_id', '=', appId)
        .where('remote_id', '=', remoteId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
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
