// Which app accounts belong to whom, decided exactly as the sync planner decides it (electron/sync/correlate.ts:
// externalId, then userName / emails, GitHub logins from the directory attribute), so a case revokes the accounts
// a sync run would revoke. Accounts carry when Lanyard deactivated them (for the op keys), as in plan-input.ts.
import { correlate, indexPeople, type PeopleIndex } from '../sync/correlate';
import type { EngineDeps } from '../sync/engine/engine-deps';
import { loadAccounts, loadPeople } from '../sync/engine/plan-input';
import type { DirectorySnapshotRepo } from '../store/directory-snapshot-repo';
import type { AppConfig, SyncAccount } from '../sync/types';

export interface Linking {
  index: PeopleIndex;
  /** appId → the person's linked account, by person position. */
  linked: Map<string, (SyncAccount | undefined)[]>;
}

export const linkAccounts = async (
  engine: EngineDeps,
  snapshot: DirectorySnapshotRepo,
  apps: AppConfig[],
): Promise<Linking> => {
  const index = indexPeople(await loadPeople(snapshot));
  const linked = new Map<string, (SyncAccount | undefined)[]>();
  for (const a of apps)
    linked.set(a.id, correlate(a, await loadAccounts(engine.accounts, engine.journal, a.id), index).linked);
  return { index, linked };
};

/** The person's accounts, by app id. */
export const accountsOf = (l: Linking, personId: string): Record<string, SyncAccount[]> => {
  const i = l.index.byId.get(personId);
  const out: Record<string, SyncAccount[]> = {};
  if (i === undefined) return out;
  for (const [appId, list] of l.linked) {
    const a = list[i];
    if (a) out[appId] = [a];
  }
  return out;
};

export const hasActiveAccount = (l: Linking, personId: string): boolean =>
  Object.values(accountsOf(l, personId)).some((list) => list.some((a) => a.active));
