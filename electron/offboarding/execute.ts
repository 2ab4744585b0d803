// Carrying a case out through the sync engine (call under the engine's run lock): its ops are journaled like a
// sync run's — or, when a sync run already planned the same op (same idempotency key), the task follows that op —
// and applied by the engine's applyAppOps, so crash safety, guardrail holds, quarantine and audit are the
// engine's own. The IdP kill switch (suspend, revoke sessions) runs first, each step with its own result. One
// app failing never stops the others.
import type { DirectoryService } from '../directory/directory-service';
import { applyAppOps } from '../sync/engine/apply';
import type { EngineDeps } from '../sync/engine/engine-deps';
import type { JournalOp } from '../sync/engine/journal';
import { emptyAppStats, runStats } from '../sync/engine/stats';
import type { AppRunStats } from '../../shared/api/methods-sync';
import { parseDetail, type CasesRepo } from './cases-repo';
import type { OpLookup } from './case-views';

const OPEN = new Set(['planned', 'held', 'approved', 'running']);

const errorText = (err: unknown): string => {
  const e = err as { message?: string; hint?: string };
  return `${e?.message ?? String(err)}${e?.hint ? ` ${e.hint}` : ''}`.slice(0, 2000);
};

export interface ExecuteDeps {
  engine: EngineDeps;
  directory: DirectoryService;
  repo: CasesRepo;
  latestOp: OpLookup;
  /** Live progress: called after each step. */
  onChange: () => void;
}

/**
 * Journals each not-yet-journaled task's op unless an open or done op with its key exists (then the task follows it). Runs inside the
 * caller's transaction. Held ops are audited as the engine's reconcile does.
 */
export const journalTaskOps = (d: ExecuteDeps, caseId: number, runId: number, actor: string): void => {
  const { journal } = d.engine;
  for (const t of d.repo.tasks(caseId)) {
    const op = parseDetail(t).op;
    if (!op || t.op_id !== null || t.status === 'skipped') continue;
    const taskId = t.id;
    const existing = d.latestOp({ op_key: op.key, op_id: null });
    if (existing && (OPEN.has(existing.status) || existing.status === 'done')) {
      d.repo.linkOp(taskId, existing.id);
      continue;
    }
    const row = journal.insert({
      runId,
      appId: op.appId,
      personId: op.personId,
      kind: op.kind,
      target: op.target,
      status: op.status,
      reason: op.reason,
      heldReason: op.heldReason,
      payload: op.payload,
      key: op.key,
    });
    d.repo.linkOp(taskId, row.id);
    if (row.status === 'held') {
      d.engine.ctx.audit.append({
        actor,
        action: 'op.held',
        app: op.appId,
        person: op.personId,
        run: runId,
        case: caseId,
        after: { op: row.id, kind: op.kind, target: op.target, reason: op.reason },
        result: op.heldReason ?? 'held',
      });
    }
  }
};

const killSwitch = async (d: ExecuteDeps, caseId: number, personId: string, actor: string): Promise<void> => {
  const { ctx } = d.engine;
  const steps = d.repo
    .tasks(caseId)
    .filter(
      (t) =>
        (t.kind === 'idp-suspend' || t.kind === 'idp-revoke-sessions') &&
        (t.status === 'pending' || t.status === 'failed'),
    );
  for (const t of steps) {
    const action = t.kind === 'idp-suspend' ? 'offboarding.idp.suspend' : 'offboarding.idp.revokeSessions';
    try {
      const connector = await d.directory.connector();
      if (t.kind === 'idp-suspend') await connector.suspend(personId);
      else await connector.revokeSessions(personId);
      const at = d.engine.now();
      ctx.db.transaction(() => {
        d.repo.setTask(t.id, 'done', { at, by: actor });
        ctx.audit.append({
          actor,
          action,
          person: personId,
          case: caseId,
          after: { task: t.id },
          result: 'ok',
        });
      })();
    } catch (err) {
      const error = errorText(err);
      ctx.db.transaction(() => {
        d.repo.setTask(t.id, 'failed', { at: null, by: null });
        d.repo.setDetail(t.id, { ...parseDetail(t), error });
        ctx.audit.append({
          actor,
          action,
          person: personId,
          case: caseId,
          after: { task: t.id },
          result: `failed: ${error}`,
        });
      })();
      d.engine.log.warn('offboarding kill switch step failed', { case: caseId, step: t.kind, error });
    }
    d.onChange();
  }
};

/** Runs the kill switch, then applies every planned or approved op of the case, per app in parallel, in run `runId`. */
export const executeCase = async (
  d: ExecuteDeps,
  caseId: number,
  personId: string,
  actor: string,
  runId: number,
): Promise<void> => {
  const { engine } = d;
  const started = Date.now();
  await killSwitch(d, caseId, personId, actor);

  const byApp = new Map<string, JournalOp[]>();
  for (const t of d.repo.tasks(caseId)) {
    if (t.kind !== 'app' && t.kind !== 'manual') continue;
    if (t.status === 'skipped') continue;
    const latest = d.latestOp(t);
    if (!latest || (latest.status !== 'planned' && latest.status !== 'approved')) continue;
    const op = engine.journal.get(latest.id)!;
    let list = byApp.get(op.appId);
    if (!list) byApp.set(op.appId, (list = []));
    list.push(op);
  }

  const apps: Record<string, AppRunStats> = {};
  await Promise.all(
    [...byApp].map(async ([appId, ops]) => {
      const app = engine.ctx.repos.workspace.getApp(appId);
      const quarantined = engine.quarantine.reason(appId);
      if (!app || quarantined) {
        // Left planned: resuming the app (or the next run) applies them.
        apps[appId] = emptyAppStats('skipped', quarantined ? `quarantined: ${quarantined}` : 'no such app');
        return;
      }
      const stats = (apps[appId] = emptyAppStats());
      try {
        const connector = engine.connectorFor(app);
        const r = await applyAppOps(
          engine.applyDeps(actor, () => d.onChange()),
          appId,
          runId,
          connector,
          ops,
          new Map(),
        );
        stats.requests = connector.requestCount();
        if (r.quarantined) {
          stats.status = 'quarantined';
          stats.detail = r.quarantined;
          engine.ctx.events.emit('health.changed', {
            component: `app:${appId}`,
            status: 'error',
            detail: `quarantined: ${r.quarantined}`,
          });
        }
      } catch (err) {
        // The connector could not even be built (a missing secret): every op of this app fails with the reason.
        const error = errorText(err);
        for (const op of ops) engine.journal.finish(op.id, 'failed', null, error);
        stats.status = 'failed';
        stats.detail = error;
      }
    }),
  );
  const ops = engine.journal.ofRun(runId);
  const stats = runStats(engine.ctx.db, ops, apps, { durationMs: Date.now() - started, directory: null });
  const run = engine.runs.finish(runId, stats.failed ? 'partial' : 'ok', stats, null, engine.now());
  engine.ctx.events.emit('sync.finished', run);
  engine.emitReview();
};
