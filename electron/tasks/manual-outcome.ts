// What a manual task's Done means for Lanyard's record of the app: the accounts table of a manual app is what
// admins confirmed, so marking "Create Ana's badge" done records Ana's account, "Deactivate …" records it
// inactive, "Delete …" removes it. The account as it was is returned so an Undo can put it back exactly.
// Group changes record nothing (admins confirm accounts, not their groups). Runs inside the caller's transaction.
import type { AccountSpec } from '../apps/types';
import type { AccountsRepo, StoredAccount } from '../store/accounts-repo';
import type { HandTaskAction } from '../../shared/api/methods-tasks';

export interface ManualOutcome {
  appId: string;
  personId: string | null;
  action: HandTaskAction;
  /** The account the task is about (null for a creation). */
  remoteId: string | null;
  spec: AccountSpec | null;
  role: string | null;
}

/** The record an Undo restores: the account before the Done (null: there was none). */
export interface Recorded {
  remoteId: string;
  before: StoredAccount | null;
}

const withoutStore = (a: StoredAccount) => {
  const { appId: _a, personId: _p, seenAt: _s, ...account } = a;
  return account;
};

/** Records the outcome in the accounts table; null when the task changes no account Lanyard keeps. */
export const recordOutcome = async (
  accounts: AccountsRepo,
  o: ManualOutcome,
  at: string,
): Promise<Recorded | null> => {
  if (o.action === 'created' && o.spec) {
    const remoteId = o.spec.userName.toLowerCase();
    const before = await accounts.get(o.appId, remoteId);
    const email = o.spec.email ?? (o.spec.userName.includes('@') ? o.spec.userName : null);
    await accounts.upsert(
      o.appId,
      {
        remoteId,
        userName: o.spec.userName,
        emails: email ? [email] : [],
        externalId: o.spec.externalId,
        active: true,
        role: o.role ?? before?.role ?? null,
        groups: before?.groups ?? [],
        displayName: o.spec.displayName,
      },
      at,
      o.personId,
    );
    return { remoteId, before };
  }
  if (!o.remoteId) return null;
  const before = await accounts.get(o.appId, o.remoteId);
  if (!before) return null;
  if (o.action === 'deleted') await accounts.remove(o.appId, o.remoteId);
  else if (o.action === 'deactivated' || o.action === 'reactivated' || o.action === 'updated') {
    const change =
      o.action === 'updated' ? { role: o.role ?? before.role } : { active: o.action === 'reactivated' };
    await accounts.upsert(o.appId, { ...withoutStore(before), ...change }, at, before.personId);
  } else return null;
  return { remoteId: o.remoteId, before };
};

/** Undo: the account as it was before the Done (removed again when there was none). */
export const restoreOutcome = async (accounts: AccountsRepo, appId: string, r: Recorded): Promise<void> => {
  if (!r.before) await accounts.remove(appId, r.remoteId);
  else await accounts.upsert(appId, withoutStore(r.before), r.before.seenAt, r.before.personId);
};
