// The offboarding use cases: preview and start an explicit offboard of one named person, the leaver step of a
// sync run (open leavers' cases, cancel rehired ones), approve / skip / complete tasks, verify, and close a case
// once every task is done, skipped with a reason, or verified. Nothing here reacts to events and nothing here
// writes to an app or the IdP: a case's ops are proposals carried out by the gate (electron/sync/gate/) in the
// run that opened the case, or — for an explicit offboard — in a run of its own, under the same run lock.
import { LanyardError } from '../app/errors';
import type { CoreContext } from '../app/context';
import type { DirectoryPerson } from '../directory/types';
import { buildPlanInput } from '../sync/engine/plan-input';
import { createReview } from '../sync/engine/review';
import type { SyncService } from '../sync/engine/sync-service';
import { buildPlan } from '../sync/plan';
import { runStats } from '../sync/engine/stats';
import type { PlanOp } from '../sync/types';
import type {
  OffboardingCaseView,
  OffboardingPreview,
  OffboardingTaskStatus,
} from '../../shared/api/methods-offboarding';
import { createCasesRepo, type CaseRow } from './cases-repo';
import { createCaseViews } from './case-views';
import { detectLeavers, isRehired } from './detect-leavers';
import { killSwitchProposals, linkTaskOps, type ExecuteDeps } from './execute';
import { findPerson } from './find-person';
import { openCase, planCase } from './open-case';
import { cancelForRehire } from './rehire';
import { FINISHED } from './task-status';
import { verifyCase } from './verify';
import { createTaskActions } from './task-actions';
import { hasActiveAccount, linkAccounts } from './linked-accounts';

export const createOffboardingService = (ctx: CoreContext, sync: SyncService) => {
  const engine = sync.deps;
  const repo = createCasesRepo(ctx.store);
  const views = createCaseViews(ctx.store, repo, (id) => ctx.repos.workspace.getApp(id));
  const review = createReview(sync);
  const log = ctx.log.child('offboarding');
  let lastPending = -1;

  const emitCase = async (caseId: number): Promise<void> => {
    const c = await repo.getCase(caseId);
    if (c) ctx.events.emit('offboarding.caseChanged', { caseId, status: c.status, personId: c.person_id });
    const count = await views.pendingCount();
    if (count !== lastPending) {
      lastPending = count;
      ctx.events.emit('offboarding.pendingChanged', { count });
    }
  };

  const execDeps: ExecuteDeps = { engine, repo, latestOp: views.latestOp };

  const needCase = async (caseId: number): Promise<CaseRow> => {
    const c = await repo.getCase(caseId);
    if (!c)
      throw new LanyardError('not_found', `There is no offboarding case ${caseId}.`, {
        hint: 'See the cases with `lanyard offboarding list`.',
      });
    return c;
  };

  /** Verifies when the automated tasks are through, and closes the case when every task is finished. */
  const settleCase = async (caseId: number, actor: string): Promise<void> => {
    const c = await needCase(caseId);
    if (c.status !== 'open') return;
    await linkTaskOps(execDeps, caseId);
    await verifyCase(engine, repo, views, caseId, c.person_id, actor);
    const statuses: OffboardingTaskStatus[] = [];
    for (const t of await repo.tasks(caseId)) statuses.push((await views.taskView(t)).status);
    if (statuses.every((s) => FINISHED.has(s))) {
      await ctx.store.tx(async () => {
        if (
          !(await repo.close(
            caseId,
            'closed',
            engine.now(),
            'every task is done, skipped with a reason, or verified',
          ))
        )
          return;
        await ctx.audit.append({
          actor,
          action: 'offboarding.case.closed',
          person: c.person_id,
          case: caseId,
          result: 'ok',
        });
      });
    }
    await emitCase(caseId);
  };

  const people = (): Promise<DirectoryPerson[]> => sync.directory.snapshot.listPeople();

  /** Refuses (bad_input) a person with an open case, or offboarded and not rehired since. */
  const refuseAlreadyOffboarded = async (p: DirectoryPerson): Promise<void> => {
    const last = await repo.lastCaseFor(p.id);
    if (!last || last.status === 'cancelled') return;
    if (last.status === 'closed' && isRehired(p, { trigger: last.trigger, openedAt: last.opened_at })) return;
    const label = p.email ?? p.login;
    throw new LanyardError(
      'bad_input',
      last.status === 'open'
        ? `${label} is already being offboarded (case ${last.id}, opened ${last.opened_at}).`
        : `${label} was already offboarded (case ${last.id}, closed ${last.closed_at}).`,
      { hint: `See it with \`lanyard offboarding list\` or the Offboarding page.` },
    );
  };

  /** Open cases by person, and each op's case (ops of a person with an open case belong to it). */
  const caseOfOps = async (): Promise<(op: PlanOp) => number | null> => {
    const byPerson = new Map((await repo.listCases('open')).map((c) => [c.person_id, c.id]));
    return (op) => (op.personId ? (byPerson.get(op.personId) ?? null) : null);
  };

  /**
   * The leaver step of a sync run (under its run lock, after its reads, before the gate): opens a case for each
   * leaver with an active account, cancels the cases of people rehired, and returns the kill-switch steps still
   * due of every open case. The leavers' deprovisions are already in the run's plan (same keys as the tasks).
   */
  const leaverStep = async ({ runId, actor }: { runId: number; actor: string }) => {
    const open = (await repo.listCases('open')).map((c) => ({
      id: c.id,
      personId: c.person_id,
      trigger: c.trigger,
      openedAt: c.opened_at,
    }));
    const linking = await linkAccounts(engine, sync.directory.snapshot, await ctx.repos.workspace.listApps());
    const found = detectLeavers(await people(), open, (id) => hasActiveAccount(linking, id));
    const killSessions = (await ctx.repos.settings.get()).offboarding.killSessions;
    for (const person of found.open) {
      try {
        const caseId = await openCase(
          ctx,
          engine,
          repo,
          { person, trigger: 'directory', actor: 'directory', killSessions },
          linking,
        );
        await emitCase(caseId);
      } catch (err) {
        log.warn('could not open an offboarding case', { person: person.id, error: (err as Error).message });
      }
    }
    for (const { caseId, person } of found.rehired) {
      await cancelForRehire(execDeps, caseId, person, 'directory', runId);
      await emitCase(caseId);
    }
    const ops: PlanOp[] = [];
    for (const c of await repo.listCases('open')) ops.push(...(await killSwitchProposals(execDeps, c.id)));
    void actor;
    return { ops, caseOf: await caseOfOps() };
  };

  const settleOpen = async ({ actor }: { runId: number; actor: string }): Promise<void> => {
    for (const c of await repo.listCases('open')) {
      try {
        await settleCase(c.id, actor);
      } catch (err) {
        log.warn('could not settle an offboarding case', { case: c.id, error: (err as Error).message });
      }
    }
  };
  sync.setHooks({ leavers: leaverStep, settle: settleOpen });

  /**
   * An explicit offboard of one named person: under the run lock, the person's ops are re-planned against the
   * current snapshot (the open case takes them out of scope) and proposed to the gate with the kill switch. It is
   * the only source that does not count against the bulk limits (review policy still applies); it is recorded.
   */
  const runCase = (caseId: number, actor: string): Promise<void> =>
    engine.lock
      .exclusive(async () => {
        const c = await needCase(caseId);
        if (c.status !== 'open') return;
        const runId = await engine.runs.start(
          'manual',
          `offboarding case ${caseId} by ${actor}`,
          engine.now(),
        );
        const apps = await ctx.repos.workspace.listApps();
        const input = await buildPlanInput(ctx, { ...engine, snapshot: sync.directory.snapshot }, apps, {});
        const plan = buildPlan(input);
        const ops = [
          ...(await killSwitchProposals(execDeps, caseId)),
          ...plan.ops.filter((op) => op.personId === c.person_id && op.destructive),
        ];
        const result = await sync.gate.submit({
          runId,
          actor,
          source: 'explicit-offboard',
          ops,
          apps,
          caseOf: () => caseId,
          onOp: () =>
            void emitCase(caseId).catch((err: unknown) =>
              log.warn('could not announce a case change', { case: caseId, error: (err as Error).message }),
            ),
        });
        await linkTaskOps(execDeps, caseId);
        const stats = await runStats(ctx.store, await engine.journal.ofRun(runId), result.apps, {
          durationMs: 0,
          directory: null,
        });
        const run = await engine.runs.finish(
          runId,
          stats.failed ? 'partial' : 'ok',
          stats,
          null,
          engine.now(),
        );
        ctx.events.emit('sync.finished', run);
        await engine.emitReview();
      })
      .then(() => settleCase(caseId, actor));

  const actions = createTaskActions({ ctx, engine, repo, views, review, settleCase, needCase });

  return {
    async preview(query: string, killSessions?: boolean): Promise<OffboardingPreview> {
      const person = findPerson(await people(), query);
      await refuseAlreadyOffboarded(person);
      const kill = killSessions ?? (await ctx.repos.settings.get()).offboarding.killSessions;
      const { drafts } = await planCase(
        ctx,
        engine,
        { person, trigger: 'manual', actor: 'preview', killSessions: kill },
        engine.now(),
        sync.directory.snapshot,
      );
      return {
        personId: person.id,
        person: person.email ?? person.login,
        displayName: person.displayName,
        status: person.status,
        killSessions: kill,
        tasks: drafts.map((d) => ({
          kind: d.kind,
          appId: d.appId,
          appName: d.appName,
          title: d.title,
          effect: d.detail.effect ?? null,
          account: d.detail.userName ?? null,
          consequence: d.detail.consequence ?? null,
          reason: d.op?.reason ?? d.title,
          heldReason: d.op?.heldReason ?? null,
        })),
      };
    },
    async start(
      query: string,
      killSessions: boolean | undefined,
      actor: string,
    ): Promise<OffboardingCaseView> {
      const person = findPerson(await people(), query);
      await refuseAlreadyOffboarded(person);
      const kill = killSessions ?? (await ctx.repos.settings.get()).offboarding.killSessions;
      const caseId = await openCase(
        ctx,
        engine,
        repo,
        { person, trigger: 'manual', actor, killSessions: kill },
        sync.directory.snapshot,
      );
      await emitCase(caseId);
      await runCase(caseId, actor);
      return views.caseView(await needCase(caseId));
    },
    list: async (status?: CaseRow['status']) => ({
      pending: await views.pendingCount(),
      cases: await views.list(status),
    }),
    get: async (caseId: number): Promise<OffboardingCaseView> => views.caseView(await needCase(caseId)),
    ...actions,
    async verify(caseId: number, actor: string): Promise<OffboardingCaseView> {
      await needCase(caseId);
      await settleCase(caseId, actor);
      return views.caseView(await needCase(caseId));
    },
    pendingCount: (): Promise<number> => views.pendingCount(),
    repo,
    views,
    /** Nothing runs in the background any more (cases move only inside runs); kept for the handlers' wrapper. */
    settled: async (): Promise<void> => undefined,
    dispose: (): void => undefined,
  };
};

export type OffboardingService = ReturnType<typeof createOffboardingService>;
