// Opening a case: plans its tasks (task-plan.ts) from the person's linked accounts and the offboarding settings,
// and writes the case and its tasks in ONE transaction (the op of each task is kept on the task and journaled
// when the case runs). The leaver step awaits it under the run lock: a directory pull opens leavers' cases before
// the sync run that follows it plans anything, so both name the same ops. At most one open case per person (unique
// index).
import type { CoreContext } from '../app/context';
import type { DirectoryPerson } from '../directory/types';
import type { EngineDeps } from '../sync/engine/engine-deps';
import { statusReason } from '../sync/reasons';
import type { SyncPerson } from '../sync/types';
import type { DirectorySnapshotRepo } from '../store/directory-snapshot-repo';
import { accountsOf, linkAccounts, type Linking } from './linked-accounts';
import type { CasesRepo } from './cases-repo';
import { planOffboarding, type TaskDraft } from './task-plan';

export interface OpenRequest {
  person: DirectoryPerson;
  trigger: 'directory' | 'manual';
  actor: string;
  killSessions: boolean;
}

/** The person as the op keys see them: the directory's status, or (manual offboard) suspended at `openedAt`. */
export const keyPersonOf = (
  p: DirectoryPerson,
  trigger: 'directory' | 'manual',
  openedAt: string,
): SyncPerson =>
  trigger === 'directory'
    ? { ...p, groups: [] }
    : { ...p, groups: [], status: 'suspended', statusChangedAt: openedAt };

export const planCase = async (
  ctx: CoreContext,
  engine: EngineDeps,
  req: OpenRequest,
  openedAt: string,
  linking: Linking | DirectorySnapshotRepo,
): Promise<{ drafts: TaskDraft[]; why: string; key: SyncPerson }> => {
  const key = keyPersonOf(req.person, req.trigger, openedAt);
  const now = ctx.clock.now();
  const why = req.trigger === 'directory' ? statusReason(key, now) : `offboarded by ${req.actor}`;
  const apps = await ctx.repos.workspace.listApps();
  const settings = await ctx.repos.settings.get();
  const linked = 'index' in linking ? linking : await linkAccounts(engine, linking, apps);
  const drafts = planOffboarding({
    person: key,
    activeInDirectory: req.person.status === 'active',
    why,
    apps,
    accounts: accountsOf(linked, req.person.id),
    killSessions: req.killSessions,
    openedAt,
    checklist: settings.offboarding.checklist,
    // The preview shows review policy only; the bulk limits are the gate's, across the whole batch it runs in.
    guardrails: null,
    now,
  });
  return { drafts, why, key };
};

export const openCase = async (
  ctx: CoreContext,
  engine: EngineDeps,
  repo: CasesRepo,
  req: OpenRequest,
  linking: Linking | DirectorySnapshotRepo,
): Promise<number> => {
  const openedAt = engine.now();
  const { drafts, why, key } = await planCase(ctx, engine, req, openedAt, linking);
  const label = req.person.email ?? req.person.login;
  return ctx.store.tx(async () => {
    const caseId = await repo.insertCase({
      personId: req.person.id,
      trigger: req.trigger,
      openedAt,
      openedBy: req.actor,
      personLabel: label,
      reason: why,
      keyStatus: key.status,
      keyChangedAt: key.statusChangedAt,
      killSessions: req.killSessions,
    });
    for (const [i, d] of drafts.entries())
      await repo.insertTask(caseId, i, {
        appId: d.appId,
        kind: d.kind,
        title: d.title,
        status: d.kind === 'checklist' ? 'todo' : 'pending',
        opId: null,
        opKey: d.op?.key ?? null,
        detail: d.op ? { ...d.detail, op: d.op } : d.detail,
      });
    await ctx.audit.append({
      actor: req.actor,
      action: 'offboarding.case.opened',
      person: req.person.id,
      case: caseId,
      after: { person: label, trigger: req.trigger, reason: why, tasks: drafts.map((d) => d.title) },
      result: 'ok',
    });
    return caseId;
  });
};
