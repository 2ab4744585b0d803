// The sync engine's orchestration (docs/architecture.md "The sync pipeline"): one run = directory pull → app
// reads → plan → leaver step (cases are opened by the run that carries them out) → the gate (guardrails across
// every source, per run and window; journal before any request; revocations first; ledger) → stats, events.
// Runs never overlap (run lock). A dry run stops after the gate's guardrail preview: it journals nothing, opens
// no case and sends nothing to any app or the IdP.
import { performance } from 'node:perf_hooks';
import type { CoreContext } from '../../app/context';
import { errorText } from '../../app/errors';
import type { AppConnector } from '../../apps/types';
import { createDirectoryService } from '../../directory/directory-service';
import type {
  AppRunStats,
  RunKind,
  RunView,
  SyncPlanResult,
  SyncProgress,
  SyncRunResult,
} from '../../../shared/api/methods-sync';
import { ruleGroupWarnings } from '../../config/rule-group-warnings';
import { createGate } from '../gate/gate';
import { createSafeStart } from '../gate/safe-start';
import type { PlanOp } from '../types';
import { createEngineDeps, type SyncEngineOptions } from './engine-deps';
import { opView } from './journal';
import { createOpLabeller } from '../op-label';
import { prepareRun, type Prepared } from './prepare';
import { emptyAppStats, runStats } from './stats';

export interface RunRequest {
  kind: RunKind;
  trigger: string;
  actor: string;
  appId?: string;
  full?: boolean;
  /** Deprovisions of pre-existing accounts wait (the run that is the workspace's first reviewed plan). */
  adoptionPending?: boolean;
}

/** What offboarding adds to a run: the leaver step before the gate and settling cases after it. */
export interface RunHooks {
  /** Opens cases for leavers and cancels rehired ones; returns the kill-switch steps due and each op's case. */
  leavers(a: { runId: number; actor: string }): Promise<{
    ops: PlanOp[];
    caseOf: (op: PlanOp) => number | null;
  }>;
  /** Verifies and closes the cases the run moved along. */
  settle(a: { runId: number; actor: string }): Promise<void>;
}

export const createSyncService = (ctx: CoreContext, opts: SyncEngineOptions = {}) => {
  const deps = createEngineDeps(ctx, opts);
  const directory = createDirectoryService(ctx, opts.http ? { http: opts.http } : {});
  const gate = createGate(deps, directory);
  const safeStart = createSafeStart(ctx.store);
  let hooks: RunHooks | null = null;
  /** A run that may apply is in progress (a dry run takes the lock too, but is not "syncing"). */
  let applyingRun = false;
  const progress = (p: SyncProgress): void => ctx.events.emit('sync.progress', p);

  const planOnly = (appId?: string): Promise<SyncPlanResult> =>
    deps.lock.exclusive(async () => {
      const { plan, skipped, ready, suspicious } = await prepareRun(deps, directory, {
        full: false,
        ...(appId ? { appId } : {}),
      });
      const guarded = await gate.guard(plan.ops, {
        source: 'sync',
        apps: ready.map((r) => r.app),
        suspicious,
        adoptionPending: (await safeStart.reviewed()) === null,
      });
      const label = createOpLabeller(ready.map((r) => r.app));
      const alreadyHeld = new Set<string>();
      for (const op of guarded.ops)
        if ((await deps.journal.openByKey(op.key))?.status === 'held') alreadyHeld.add(op.key);
      return {
        ops: guarded.ops.map((op) => ({
          appId: op.appId,
          personId: op.personId,
          kind: op.kind,
          target: op.target,
          label: label.label(op),
          consequence: label.consequence(op),
          status: op.status,
          reason: op.reason,
          heldReason: op.heldReason,
          key: op.key,
          alreadyHeld: alreadyHeld.has(op.key),
        })),
        held: guarded.held,
        orphans: plan.orphans,
        protected: (plan.protected ?? []).map((p) => ({
          appId: p.appId,
          remoteId: p.remoteId ?? '',
          userName: p.userName,
          reason: p.reason,
        })),
        warnings: [
          ...plan.warnings,
          ...guarded.refused.map((r) => `${r.target}: ${r.reason}`),
          ...(await ruleGroupWarnings(ctx.store, await ctx.repos.workspace.listRules(), appId)),
        ],
        skippedApps: skipped,
        total: plan.summary.total,
      };
    });

  const runLocked = async (req: RunRequest): Promise<SyncRunResult> => {
    const started = performance.now();
    const at = deps.now();
    await deps.runs.interruptStale(at);
    const runId = await deps.runs.start(req.kind, req.trigger, at);
    const finish = async (
      status: RunView['status'],
      stats: Parameters<typeof deps.runs.finish>[2],
      error: string | null,
    ) => {
      const run = await deps.runs.finish(runId, status, stats, error, deps.now());
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
      return { run: await finish('failed', null, error), failed: [], held: [], skippedApps: [] };
    }
    const { pull, plan, ready, skipped, suspicious } = prepared;
    const appIds = ready.map((r) => r.app.id);
    // The leaver step: a run for every app (not `--app X`) opens leavers' cases and cancels rehired ones.
    const leavers = !req.appId && hooks ? await hooks.leavers({ runId, actor: req.actor }) : null;

    let done = 0;
    const total = plan.ops.length + (leavers?.ops.length ?? 0);
    const onOp = (): void => {
      done++;
      if (done % 10 === 0 || done === total)
        progress({ runId, phase: 'apply', done, total, message: `${done} operations` });
    };
    const connectors = new Map<string, AppConnector>(ready.map((r) => [r.app.id, r.connector]));
    const result = await gate.submit({
      runId,
      actor: req.actor,
      source: 'sync',
      ops: leavers ? [...plan.ops, ...leavers.ops] : plan.ops,
      apps: ready.map((r) => r.app),
      connectors,
      suspicious,
      sweep: appIds,
      ...(leavers ? { caseOf: leavers.caseOf } : {}),
      ...(req.adoptionPending ? { adoptionPending: true } : {}),
      onOp,
    });
    if (leavers && hooks) {
      try {
        await hooks.settle({ runId, actor: req.actor });
      } catch (err) {
        deps.log.error('settling offboarding cases failed', { run: runId, error: err });
      }
    }

    const apps: Record<string, AppRunStats> = { ...result.apps };
    for (const id of appIds) {
      const q = await deps.quarantine.reason(id);
      apps[id] ??= q
        ? emptyAppStats('quarantined', `quarantined: ${q}; only revocations were tried`)
        : emptyAppStats();
    }
    for (const s of skipped) apps[s.appId] = emptyAppStats('skipped', s.reason);
    const ops = await deps.journal.ofRun(runId);
    const stats = await runStats(ctx.store, ops, apps, {
      durationMs: Math.round(performance.now() - started),
      directory: {
        mode: pull.mode,
        people: pull.people,
        requests: pull.requests,
        suspicious: pull.suspicious,
      },
    });
    const failed = ops.filter((o) => o.status === 'failed');
    const held = (await deps.journal.held()).filter((o) => appIds.includes(o.appId) || o.runId === runId);
    const quarantined = Object.values(apps).some((a) => a.status === 'quarantined');
    const status = failed.length || skipped.length || quarantined ? 'partial' : 'ok';
    const run = await finish(status, stats, null);
    await deps.emitReview();
    deps.log.info('sync run finished', {
      run: runId,
      status,
      applied: stats.applied,
      failed: stats.failed,
      held: held.length,
    });
    const label = createOpLabeller(await ctx.repos.workspace.listApps());
    return {
      run,
      failed: failed.map((o) => opView(o, label)),
      held: held.map((o) => opView(o, label)),
      skippedApps: skipped,
    };
  };

  return {
    deps,
    directory,
    gate,
    safeStart,
    plan: planOnly,
    run: (req: RunRequest): Promise<SyncRunResult> =>
      deps.lock.exclusive(async () => {
        applyingRun = true;
        try {
          return await runLocked(req);
        } finally {
          applyingRun = false;
        }
      }),
    /** Offboarding registers its leaver step and case settling here. */
    setHooks(h: RunHooks): void {
      hooks = h;
    },
    /** A sync run is in progress in this process (not a dry run). */
    get running(): boolean {
      return applyingRun;
    },
    /** The run lock is held (a run, a dry run, an approval or an offboard). */
    get busy(): boolean {
      return deps.lock.busy;
    },
    /** Clears an app's quarantine; ops it held go back to the plan of the next run. */
    async resumeApp(appId: string, actor: string): Promise<{ appId: string; released: number }> {
      const released = await deps.quarantine.resume(appId);
      await ctx.audit.append({ actor, action: 'app.resumed', app: appId, after: { released }, result: 'ok' });
      ctx.events.emit('health.changed', { component: `app:${appId}`, status: 'ok', detail: 'resumed' });
      await deps.emitReview();
      return { appId, released };
    },
    runs: (limit?: number): Promise<RunView[]> => deps.runs.list(limit),
  };
};

export type SyncService = ReturnType<typeof createSyncService>;
