// Builds the pure core's PlanInput from the store: directory people with their group NAMES (rules name groups),
// the workspace's apps and rules, and each readable app's accounts (with when Lanyard deactivated each one, from
// the journal, for deactivate-then-delete-after-N-days), and — for apps whose group members cannot be read — the
// memberships Lanyard added itself (membership-record.ts).
import type { CoreContext } from '../../app/context';
import type { AccountsRepo } from '../../store/accounts-repo';
import type { DirectorySnapshotRepo } from '../../store/directory-snapshot-repo';
import type { AppConfig, AppGroup, PlanInput, SyncAccount, SyncPerson } from '../types';
import type { Journal } from './journal';
import { createMembershipRecords } from './membership-record';
import type { MembershipRecord } from '../group-ops';
import { withOffboardingHolds } from '../../offboarding/plan-overrides';
import { exceptionsForPlan } from '../../reviews/workspace-reviews-repo';

export const loadPeople = async (snapshot: DirectorySnapshotRepo): Promise<SyncPerson[]> => {
  const groupName = new Map((await snapshot.listGroups()).map((g) => [g.id, g.name]));
  const groupsOf = new Map<string, string[]>();
  for (const [groupId, personId] of await snapshot.listMemberships()) {
    const name = groupName.get(groupId);
    if (!name) continue;
    let list = groupsOf.get(personId);
    if (!list) groupsOf.set(personId, (list = []));
    list.push(name);
  }
  return (await snapshot.listPeople()).map((p) => ({ ...p, groups: groupsOf.get(p.id) ?? [] }));
};

export const loadAccounts = (accounts: AccountsRepo, journal: Journal, appId: string): SyncAccount[] =>
  accounts.listForPlan(appId).map((a) => {
    const { appId: _a, personId: _p, seenAt: _s, ...account } = a;
    return account.active ? account : { ...account, deactivatedAt: journal.deactivatedAt(appId, a.remoteId) };
  });

/** Lanyard's record of the memberships it added, for each app with a group whose members it cannot read. */
export const loadMemberships = (
  ctx: CoreContext,
  appGroups: Record<string, AppGroup[]>,
): Record<string, MembershipRecord> => {
  const records = createMembershipRecords(ctx.db);
  const out: Record<string, MembershipRecord> = {};
  for (const [appId, groups] of Object.entries(appGroups))
    if (groups.some((g) => g.members === null)) out[appId] = records.of(appId);
  return out;
};

export const buildPlanInput = (
  ctx: CoreContext,
  deps: { snapshot: DirectorySnapshotRepo; accounts: AccountsRepo; journal: Journal },
  apps: AppConfig[],
  appGroups: Record<string, AppGroup[]>,
): PlanInput => ({
  people: withOffboardingHolds(ctx.db, loadPeople(deps.snapshot)),
  apps,
  rules: ctx.repos.workspace.listRules(),
  accounts: Object.fromEntries(apps.map((a) => [a.id, loadAccounts(deps.accounts, deps.journal, a.id)])),
  appGroups,
  memberships: loadMemberships(ctx, appGroups),
  exceptions: exceptionsForPlan(ctx.db),
  now: ctx.clock.now(),
});
