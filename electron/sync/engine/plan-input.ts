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

export const loadAccounts = async (
  accounts: AccountsRepo,
  journal: Journal,
  appId: string,
): Promise<SyncAccount[]> => {
  const out: SyncAccount[] = [];
  for (const a of await accounts.listForPlan(appId)) {
    const { appId: _a, personId: _p, seenAt: _s, ...account } = a;
    out.push(
      account.active
        ? account
        : { ...account, deactivatedAt: await journal.deactivatedAt(appId, a.remoteId) },
    );
  }
  return out;
};

/** Each app's accounts as the planner takes them (loadAccounts), by app id. */
export const loadAllAccounts = async (
  accounts: AccountsRepo,
  journal: Journal,
  apps: readonly AppConfig[],
): Promise<Record<string, SyncAccount[]>> => {
  const out: Record<string, SyncAccount[]> = {};
  for (const a of apps) out[a.id] = await loadAccounts(accounts, journal, a.id);
  return out;
};

/** Lanyard's record of the memberships it added, for each app with a group whose members it cannot read. */
export const loadMemberships = async (
  ctx: CoreContext,
  appGroups: Record<string, AppGroup[]>,
): Promise<Record<string, MembershipRecord>> => {
  const records = createMembershipRecords(ctx.store);
  const out: Record<string, MembershipRecord> = {};
  for (const [appId, groups] of Object.entries(appGroups))
    if (groups.some((g) => g.members === null)) out[appId] = await records.of(appId);
  return out;
};

export const buildPlanInput = async (
  ctx: CoreContext,
  deps: { snapshot: DirectorySnapshotRepo; accounts: AccountsRepo; journal: Journal },
  apps: AppConfig[],
  appGroups: Record<string, AppGroup[]>,
): Promise<PlanInput> => ({
  people: await withOffboardingHolds(ctx.store, await loadPeople(deps.snapshot)),
  apps,
  rules: await ctx.repos.workspace.listRules(),
  accounts: await loadAllAccounts(deps.accounts, deps.journal, apps),
  appGroups,
  memberships: await loadMemberships(ctx, appGroups),
  exceptions: await exceptionsForPlan(ctx.store),
  now: ctx.clock.now(),
});
