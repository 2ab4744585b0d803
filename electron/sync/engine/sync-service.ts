// The sync engine's orchestration (docs/architecture.md "The sync pipeline"): one run = directory pull → app
// reads → plan → guardrails → journal (before any request) → apply per app, in parallel across apps → stats,
// audit, events. Runs never overlap (run lock). A dry run stops after the guardrails and writes nothing to apps.
import { performance } from 'node:perf_hooks';
import type { CoreContext } from '../../app/context';
import { createDirectoryService } from '../../directory/directory-service';
import type {
  AppRunStats,
  RunKind,
  RunView,
  SyncPlanResult,
  SyncProgress,
  SyncRunResult,
} from '../../../shared/api/methods-sync';
import { applyAppOps } from './apply';
import { createEngineDeps, type SyncEngineOptions } from './engine-deps';
import { opView } from './journal';
import { prepareRun, type Prepared } from './prepare';
import { reconcile } from './reconcile';
import { emptyAppStats, runStats } from './stats';

export interface RunRequest {
  kind: RunKind;
  trigger: string;
  actor: string;
  appId?: string;
  full?: boolean;
}

const errorText = (err: unknown): string => {
  const e = err as { message?: string; hint?: string };
  return `${e?.message ?? String(err)}${e?.hint ? ` ${e.hint}` : ''}`;
};

export const createSyncService = (ctx: CoreContext, opts: SyncEngineOptions = {}) => {
  const deps = createEngineDeps(ctx, opts);
  const directory = createDirectoryService(ctx, opts.http ? { http: opts.http } : {});
  const progress = (p: SyncProgress): void => ctx.events.emit('sync.progress', p);

  const planOnly = (appId?: string): Promise<SyncPlanResult> =>
    deps.lock.exclusive(async () => {
      const { plan, skipped } = await prepareRun(deps, directory, {
        full: false,
        ...(appId ? { appId } : {}),
      });
      return {
        ops: plan.ops.map((op) => ({
          appId: op.appId,
          personId: op.personId,
          kind: op.kind,
          target: op.target,
          status: op.status,
          reason: op.reason,
          heldReason: op.heldReason,
          key: op.key,
          alreadyHeld: deps.journal.openByKey(op.key)?.status === 'held',
        })),
        held: plan.held,
        orphans: plan.orphans,
        warnings: plan.warnings,
        skippedApps: skipped,
        total: plan.summary.total,
      };
    });

  const runLocked = async (req: RunRequest): Promise<SyncRunResult> => {
    const started = performance.now();
    const at = deps.now();
    deps.runs.interruptStale(at);
    const runId = deps.runs.start(req.kind, req.trigger, at);
    const finish = (
      status: RunView['status'],
      stats: Parameters<typeof deps.runs.finish>[2],
      error: string | null,
    ) => {
      const run = deps.runs.finish(runId, status, stats, error, deps.now());
      ctx.events.emit('sync.finished', run);
      progress({ runId, phase: 'done', done: 0, total: 0, message: `run ${runId} ${status}` });
      return run;
    };
    progress({ runId, phase: 'directory', done: 0, total: 0, message: 'reading the directory' });

    let prepared: Prepared;
    try {
      prepared = await prepareRun(deps, directory, {
        full: req.full ?? req.kind === 'full',
        ...(req.appId ? { appId: req.appId } : {}),
        onPhase: (phase, message) => progress({ runId, phase, done: 0, total: 0, message }),
      });
    } catch (err) {
      const error = `The run stopped before planning, so nothing was changed in any app: ${errorText(err)}`;
      deps.log.warn('sync run failed', { run: runId, error });
      return { run: finish('failed', null, error), failed: [], held: [], skippedApps: [] };
    }
    const { pull, plan, ready, skipped } = prepared;
    const appIds = ready.map((r) => r.app.id);
    const rec = reconcile({
      db: ctx.db,
      journal: deps.journal,
      audit: ctx.audit,
      actor: req.actor,
      runId,
      ops: plan.ops,
      appIds,
    });

    const total = [...rec.execute.values()].reduce((n, l) => n + l.length, 0);
    let done = 0;
    const onOp = (): void => {
      done++;
      if (done % 10 === 0 || done === total)
        progress({ runId, phase: 'apply', done, total, message: `${done} of ${total} operations` });
    };
    const apps: Record<string, AppRunStats> = {};
    for (const s of skipped) apps[s.appId] = emptyAppStats('skipped', s.reason);
    let quarantinedHeld = 0;
    await Promise.all(
      ready.map(async ({ app, connector }) => {
        const stats = (apps[app.id] = emptyAppStats());
        const before = connector.requestCount();
        const ops = rec.execute.get(app.id) ?? [];
        const created = new Map<string, string>();
        const r = await applyAppOps(deps.applyDeps(req.actor, onOp), app.id, runId, connector, ops, created);
        stats.requests = connector.requestCount() - before;
        if (r.quarantined) {
          stats.status = 'quarantined';
          stats.detail = r.quarantined;
          quarantinedHeld += r.held;
          ctx.events.emit('health.changed', {
            component: `app:${app.id}`,
            status: 'error',
            detail: `quarantined: ${r.quarantined}`,
          });
        }
      }),
    );

    const ops = deps.journal.ofRun(runId);
    const stats = runStats(ctx.db, ops, apps, {
      durationMs: Math.round(performance.now() - started),
      directory: {
        mode: pull.mode,
        people: pull.people,
        requests: pull.requests,
        suspicious: pull.suspicious,
      },
    });
    const failed = ops.filter((o) => o.status === 'failed');
    const held = deps.journal.held().filter((o) => appIds.includes(o.appId) || o.runId === runId);
    const status = failed.length || skipped.length || quarantinedHeld ? 'partial' : 'ok';
    const run = finish(status, stats, null);
    if (rec.newlyHeld || quarantinedHeld || rec.resolved) deps.emitReview();
    deps.log.info('sync run finished', {
      run: runId,
      status,
      applied: stats.applied,
      failed: stats.failed,
      held: held.length,
    });
    return { run, failed: failed.map(opView), held: held.map(opView), skippedApps: skipped };
  };

  return {
    deps,
    directory,
    plan: planOnly,
    run: (req: RunRequest): Promise<SyncRunResult> => deps.lock.exclusive(() => runLocked(req)),
    get running(): boolean {
      return deps.lock.busy;
    },
    /** Clears an app's quarantine; ops it held go back to the plan of the next run. */
    resumeApp(appId: string, actor: string): { appId: string; released: number } {
      const released = deps.quarantine.resume(appId);
      ctx.audit.append({ actor, action: 'app.resumed', app: appId, after: { released }, result: 'ok' });
      ctx.events.emit('health.changed', { component: `app:${appId}`, status: 'ok', detail: 'resumed' });
      deps.emitReview();
      return { appId, released };
    },
    runs: (limit?: number): RunView[] => deps.runs.list(limit),
  };
};

export type SyncService = ReturnType<typeof createSyncService>;
