// The offboarding use cases (issue #6): preview and start a manual offboard, open leavers' cases and cancel
// rehires after each directory pull, approve / skip / complete tasks, verify, and close a case once every task is
// done, skipped with a reason, or verified. Execution goes through the sync engine (execute.ts) under its run
// lock, so an offboard and a sync run never interleave.
import { LanyardError } from '../app/errors';
import type { CoreContext } from '../app/context';
import type { DirectoryPerson } from '../directory/types';
import { createReview } from '../sync/engine/review';
import type { SyncService } from '../sync/engine/sync-service';
import type { DirectoryPullResult } from '../../shared/api/methods-directory';
import type { OffboardingCaseView, OffboardingPreview } from '../../shared/api/methods-offboarding';
import { createCasesRepo, type CaseRow } from './cases-repo';
import { createCaseViews } from './case-views';
import { detectLeavers, isRehired } from './detect-leavers';
import { executeCase, journalTaskOps, type ExecuteDeps } from './execute';
import { findPerson } from './find-person';
import { openCase, planCase } from './open-case';
import { cancelForRehire } from './rehire';
import { FINISHED } from './task-status';
import { verifyCase } from './verify';
import { createTaskActions } from './task-actions';
import { hasActiveAccount, linkAccounts } from './linked-accounts';

export const createOffboardingService = (ctx: CoreContext, sync: SyncService) => {
  const engine = sync.deps;
  const repo = createCasesRepo(ctx.db);
  const views = createCaseViews(ctx.db, repo, (id) => ctx.repos.workspace.getApp(id)?.name ?? null);
  const review = createReview(engine);
  const log = ctx.log.child('offboarding');
  let lastPending = -1;
  let background: Promise<unknown> = Promise.resolve();

  const emitCase = (caseId: number): void => {
    const c = repo.getCase(caseId);
    if (c) ctx.events.emit('offboarding.caseChanged', { caseId, status: c.status, personId: c.person_id });
    const count = views.pendingCount();
    if (count !== lastPending) {
      lastPending = count;
      ctx.events.emit('offboarding.pendingChanged', { count });
    }
  };

  const execDeps = (caseId: number): ExecuteDeps => ({
    engine,
    directory: sync.directory,
    repo,
    latestOp: views.latestOp,
    onChange: () => emitCase(caseId),
  });

  const needCase = (caseId: number): CaseRow => {
    const c = repo.getCase(caseId);
    if (!c)
      throw new LanyardError('not_found', `There is no offboarding case ${caseId}.`, {
        hint: 'See the cases with `lanyard offboarding list`.',
      });
    return c;
  };

  /** Verifies when the automated tasks are through, and closes the case when every task is finished. */
  const settleCase = async (caseId: number, actor: string): Promise<void> => {
    const c = needCase(caseId);
    if (c.status !== 'open') return;
    await verifyCase(engine, repo, views, caseId, c.person_id, actor);
    const statuses = repo.tasks(caseId).map((t) => views.taskView(t).status);
    if (statuses.every((s) => FINISHED.has(s))) {
      ctx.db.transaction(() => {
        if (
          !repo.close(
            caseId,
            'closed',
            engine.now(),
            'every task is done, skipped with a reason, or verified',
          )
        )
          return;
        ctx.audit.append({
          actor,
          action: 'offboarding.case.closed',
          person: c.person_id,
          case: caseId,
          result: 'ok',
        });
      })();
    }
    emitCase(caseId);
  };

  /** Journals and executes the case's ops (under the run lock), then verifies and maybe closes. */
  const runCase = (caseId: number, actor: string): Promise<void> =>
    engine.lock
      .exclusive(async () => {
        const c = needCase(caseId);
        if (c.status !== 'open') return;
        const d = execDeps(caseId);
        const runId = engine.runs.start('manual', `offboarding case ${caseId} by ${actor}`, engine.now());
        ctx.db.transaction(() => journalTaskOps(d, caseId, runId, actor)).immediate();
        emitCase(caseId);
        await executeCase(d, caseId, c.person_id, actor, runId);
      })
      .then(() => settleCase(caseId, actor));

  const people = (): DirectoryPerson[] => sync.directory.snapshot.listPeople();

  /** Refuses (bad_input) a person with an open case, or offboarded and not rehired since. */
  const refuseAlreadyOffboarded = (p: DirectoryPerson): void => {
    const last = repo.lastCaseFor(p.id);
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

  /** After each directory pull: open leavers' cases now (before the run plans), execute and cancel in the background. */
  const onDirectoryPulled = (): void => {
    const open = repo
      .listCases('open')
      .map((c) => ({ id: c.id, personId: c.person_id, trigger: c.trigger, openedAt: c.opened_at }));
    const linking = linkAccounts(engine, sync.directory.snapshot, ctx.repos.workspace.listApps());
    const found = detectLeavers(people(), open, (id) => hasActiveAccount(linking, id));
    const killSessions = ctx.repos.settings.get().offboarding.killSessions;
    for (const person of found.open) {
      try {
        const caseId = openCase(
          ctx,
          engine,
          repo,
          { person, trigger: 'directory', actor: 'directory', killSessions },
          linking,
        );
        emitCase(caseId);
        queue(() => runCase(caseId, 'directory'));
      } catch (err) {
        log.warn('could not open an offboarding case', { person: person.id, error: (err as Error).message });
      }
    }
    for (const { caseId, person } of found.rehired) {
      queue(() =>
        engine.lock
          .exclusive(() =>
            repo.getCase(caseId)?.status === 'open'
              ? cancelForRehire(execDeps(caseId), caseId, person, 'directory')
              : Promise.resolve(),
          )
          .then(() => emitCase(caseId)),
      );
    }
  };

  const queue = (task: () => Promise<void>): void => {
    const next = background
      .then(task)
      .catch((err: unknown) => log.error('offboarding background step failed', { error: err }));
    background = next;
  };

  const unsubscribe = ctx.events.subscribe((e) => {
    if (e.event === 'directory.pulled' && (e.data as DirectoryPullResult).stored) onDirectoryPulled();
  });

  const actions = createTaskActions({ ctx, engine, repo, views, review, settleCase, needCase });

  return {
    preview(query: string, killSessions?: boolean): OffboardingPreview {
      const person = findPerson(people(), query);
      refuseAlreadyOffboarded(person);
      const kill = killSessions ?? ctx.repos.settings.get().offboarding.killSessions;
      const { drafts } = planCase(
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
      const person = findPerson(people(), query);
      refuseAlreadyOffboarded(person);
      const kill = killSessions ?? ctx.repos.settings.get().offboarding.killSessions;
      const caseId = openCase(
        ctx,
        engine,
        repo,
        { person, trigger: 'manual', actor, killSessions: kill },
        sync.directory.snapshot,
      );
      emitCase(caseId);
      await runCase(caseId, actor);
      return views.caseView(needCase(caseId));
    },
    list: (status?: CaseRow['status']) => ({ pending: views.pendingCount(), cases: views.list(status) }),
    get: (caseId: number): OffboardingCaseView => views.caseView(needCase(caseId)),
    ...actions,
    async verify(caseId: number, actor: string): Promise<OffboardingCaseView> {
      needCase(caseId);
      await settleCase(caseId, actor);
      return views.caseView(needCase(caseId));
    },
    pendingCount: (): number => views.pendingCount(),
    repo,
    views,
    /** Resolves when the background work started by directory pulls so far is finished. */
    settled: async (): Promise<void> => {
      let seen: Promise<unknown>;
      do {
        seen = background;
        await seen;
      } while (seen !== background);
    },
    dispose: unsubscribe,
  };
};

export type OffboardingService = ReturnType<typeof createOffboardingService>;
