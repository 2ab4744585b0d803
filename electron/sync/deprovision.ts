// Deprovisioning one linked account of a person who is out of scope (not active, or no rule matches any more), per
// the app's deprovision mode: 'deactivate'; 'delete'; or deactivate now and delete once the account has been
// inactive for N days — counted from when Lanyard deactivated it, and never guessed when that is unknown.
import { makeOp } from './ops';
import { who } from './reasons';
import { isGithubInvitation } from '../../shared/ops/op-labels';
import type { AppConfig, PlanOp, SyncAccount, SyncPerson } from './types';

const DAY_MS = 86_400_000;

/** Whole days the account has been inactive, or null when Lanyard does not know since when. */
export const inactiveDays = (account: SyncAccount, now: Date): number | null => {
  if (!account.deactivatedAt) return null;
  const t = Date.parse(account.deactivatedAt);
  return Number.isNaN(t) ? null : Math.floor((now.getTime() - t) / DAY_MS);
};

export const deprovisionOps = (
  app: AppConfig,
  person: SyncPerson,
  account: SyncAccount,
  why: string,
  now: Date,
): PlanOp[] => {
  const target = who(person);
  // GitHub has no deactivated member: either deprovision removes them from the org (or cancels their invitation),
  // and the reason must not promise something milder (shared/ops/op-labels.ts says the same).
  const github =
    app.kind === 'github'
      ? isGithubInvitation(account.remoteId)
        ? `cancel the ${app.name} invitation of ${target}`
        : `remove ${target} from the ${app.name} org`
      : null;
  const deactivate = (deleteAfterDays: number | null): PlanOp =>
    makeOp({
      appId: app.id,
      personId: person.id,
      target,
      reason: github
        ? `${github}: ${why}`
        : `deactivate ${target} in ${app.name}: ${why}${deleteAfterDays ? `; deleted after ${deleteAfterDays} days` : ''}`,
      payload: {
        kind: 'deactivate',
        remoteId: account.remoteId,
        userName: account.userName,
        deleteAfterDays,
      },
      keyParts: [account.remoteId, person.status, person.statusChangedAt],
    });
  const remove = (reason: string): PlanOp =>
    makeOp({
      appId: app.id,
      personId: person.id,
      target,
      reason,
      payload: { kind: 'delete', remoteId: account.remoteId, userName: account.userName },
      keyParts: [account.remoteId],
    });

  const mode = app.deprovision;
  if (mode === 'deactivate') return account.active ? [deactivate(null)] : [];
  if (mode === 'delete')
    return [remove(github ? `${github}: ${why}` : `delete ${target} in ${app.name}: ${why}`)];
  const after = mode.deactivateThenDeleteAfterDays;
  if (account.active) return [deactivate(after)];
  const days = inactiveDays(account, now);
  if (days === null || days < after) return [];
  return [
    remove(
      `delete ${target} in ${app.name}: deactivated ${days} days ago and ${app.name} deletes after ${after} days; ${why}`,
    ),
  ];
};
