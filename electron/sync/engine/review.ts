// The review queue: held ops grouped by app with their reasons; approving applies them at once (as a `review`
// run, under the run lock, with the same journaling and audit as any run); skipping closes them with the admin's
// reason. Held ops are never dropped by later runs — only an admin's approve or skip ends them.
import { LanyardError } from '../../app/errors';
import type { ReviewApproveResult, ReviewList } from '../../../shared/api/methods-sync';
import { applyAppOps } from './apply';
import type { EngineDeps } from './engine-deps';
import { opView, type JournalOp } from './journal';
import { emptyAppStats, runStats } from './stats';

const heldOnly = (deps: EngineDeps, ids: number[]): JournalOp[] => {
  const ops = ids.map((id) => deps.journal.get(id));
  const bad = ids.filter((id, i) => ops[i]?.status !== 'held');
  if (bad.length) {
    throw new LanyardError('conflict', `Not waiting for review: op ${bad.join(', ')}.`, {
      hint: 'See the queue with `lanyard review list`.',
    });
  }
  return ops as JournalOp[];
};

export const createReview = (deps: EngineDeps) => {
  const { ctx } = deps;
  return {
    list(appId?: string): ReviewList {
      const names = new Map(ctx.repos.workspace.listApps().map((a) => [a.id, a.name]));
      const groups = new Map<string, JournalOp[]>();
      for (const op of deps.journal.held()) {
        if (appId && op.appId !== appId) continue;
        let list = groups.get(op.appId);
        if (!list) groups.set(op.appId, (list = []));
        list.push(op);
      }
      const apps = [...groups].map(([id, ops]) => ({
        appId: id,
        appName: names.get(id) ?? id,
        ops: ops.map(opView),
      }));
      return { total: apps.reduce((n, g) => n + g.ops.length, 0), apps };
    },

    approve(ids: number[], actor: string): Promise<ReviewApproveResult> {
      return deps.lock.exclusive(async () => {
        const ops = heldOnly(deps, ids);
        const at = deps.now();
        deps.runs.interruptStale(at);
        const runId = deps.runs.start('review', 'review.approve', at);
        ctx.db
          .transaction(() => {
            for (const op of ops) {
              deps.journal.setStatus(op.id, 'approved', { runId });
              ctx.audit.append({
                actor,
                action: 'op.approved',
                app: op.appId,
                person: op.personId,
                run: runId,
                after: { op: op.id, kind: op.kind, target: op.target, reason: op.reason },
                result: 'approved',
              });
            }
          })
          .immediate();

        const byApp = new Map<string, JournalOp[]>();
        for (const op of ops) {
          let list = byApp.get(op.appId);
          if (!list) byApp.set(op.appId, (list = []));
          list.push({ ...op, status: 'approved' });
        }
        const apps = Object.fromEntries([...byApp.keys()].map((id) => [id, emptyAppStats()]));
        const started = Date.now();
        await Promise.all(
          [...byApp].map(async ([appId, list]) => {
            const app = ctx.repos.workspace.getApp(appId);
            const quarantined = deps.quarantine.reason(appId);
            // Approved ops of a missing or quarantined app stay approved: the next run after resuming applies them.
            if (!app || quarantined) {
              apps[appId] = emptyAppStats(
                'skipped',
                quarantined ? `quarantined: ${quarantined}` : 'no such app',
              );
              return;
            }
            const connector = deps.connectorFor(app);
            const before = connector.requestCount();
            await applyAppOps(deps.applyDeps(actor), appId, runId, connector, list, new Map());
            apps[appId]!.requests = connector.requestCount() - before;
          }),
        );
        const after = ops.map((o) => deps.journal.get(o.id)!);
        const stats = runStats(ctx.db, deps.journal.ofRun(runId), apps, {
          durationMs: Date.now() - started,
          directory: null,
        });
        const run = deps.runs.finish(runId, stats.failed ? 'partial' : 'ok', stats, null, deps.now());
        ctx.events.emit('sync.finished', run);
        deps.emitReview();
        return { approved: ops.length, ops: after.map(opView), runId };
      });
    },

    skip(ids: number[], reason: string, actor: string): { skipped: number } {
      const ops = heldOnly(deps, ids);
      ctx.db
        .transaction(() => {
          for (const op of ops) {
            deps.journal.finish(op.id, 'skipped', null, `skipped by ${actor}: ${reason}`);
            ctx.audit.append({
              actor,
              action: 'op.skipped',
              app: op.appId,
              person: op.personId,
              run: op.runId,
              before: {
                op: op.id,
                kind: op.kind,
                target: op.target,
                reason: op.reason,
                heldReason: op.heldReason,
              },
              result: `skipped: ${reason}`,
            });
          }
        })
        .immediate();
      deps.emitReview();
      return { skipped: ops.length };
    },
  };
};

export type Review = ReturnType<typeof createReview>;
