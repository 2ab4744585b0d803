// The review queue: held ops grouped by app with their reasons. Approving hands them to the gate, op by op:
// each is re-planned first (gate/replan.ts) — one whose reason no longer holds is `superseded` (never executed)
// and the admin is told why; one whose target changed is superseded and its replacement held for a fresh
// approval; the rest are approved and executed as a `review` run, under the run lock, with the same journaling,
// ordering and ledger as any run. An approval is the review, so bulk limits do not hold approved ops again (they
// still count in the rolling window). Skipping closes ops with the admin's reason.
import { LanyardError } from '../../app/errors';
import type { ReviewApproveResult, ReviewList } from '../../../shared/api/methods-sync';
import { recheckApproved } from '../gate/replan';
import { destructiveWeight } from '../ops';
import { IDP_APP_ID } from '../guard';
import { createOpLabeller } from '../op-label';
import type { EngineDeps } from './engine-deps';
import { opView, type JournalOp } from './journal';
import { runStats } from './stats';
import type { SyncService } from './sync-service';

const heldOnly = async (deps: EngineDeps, ids: number[]): Promise<JournalOp[]> => {
  const ops: (JournalOp | null)[] = [];
  for (const id of ids) ops.push(await deps.journal.get(id));
  const bad = ids.filter((id, i) => ops[i]?.status !== 'held');
  if (bad.length) {
    throw new LanyardError('conflict', `Not waiting for review: op ${bad.join(', ')}.`, {
      hint: 'See the queue with `lanyard review list`.',
    });
  }
  return ops as JournalOp[];
};

export const createReview = (service: Pick<SyncService, 'deps' | 'gate' | 'directory'>) => {
  const deps = service.deps;
  const { ctx } = deps;
  return {
    async list(appId?: string, personId?: string): Promise<ReviewList> {
      const workspaceApps = await ctx.repos.workspace.listApps();
      const names = new Map(workspaceApps.map((a) => [a.id, a.name]));
      const label = createOpLabeller(workspaceApps);
      names.set(IDP_APP_ID, 'Directory (kill switch)');
      const groups = new Map<string, JournalOp[]>();
      for (const op of await deps.journal.held()) {
        if (appId && op.appId !== appId) continue;
        if (personId && op.personId !== personId) continue;
        let list = groups.get(op.appId);
        if (!list) groups.set(op.appId, (list = []));
        list.push(op);
      }
      const apps = [...groups].map(([id, ops]) => ({
        appId: id,
        appName: names.get(id) ?? id,
        ops: ops.map((o) => opView(o, label)),
      }));
      return { total: apps.reduce((n, g) => n + g.ops.length, 0), apps };
    },

    approve(ids: number[], actor: string): Promise<ReviewApproveResult> {
      return deps.lock.exclusive(async () => {
        const held = await heldOnly(deps, ids);
        // Re-plan against what the directory says now, not the last stored read: someone rehired since the op
        // was held must not lose access. A directory that cannot be read means nothing is approved.
        try {
          await service.directory.pull({ full: false });
        } catch (err) {
          const e = err as { message?: string };
          throw new LanyardError(
            'upstream',
            `Nothing was approved: the directory could not be re-read to re-check these changes (${e.message ?? String(err)}).`,
            { hint: 'Check the directory connection (`lanyard directory test`), then approve again.' },
          );
        }
        const at = deps.now();
        await deps.runs.interruptStale(at);
        const runId = await deps.runs.start('review', 'review.approve', at);
        const started = Date.now();
        const checks = await recheckApproved(deps, service.directory, held);

        // The protected-account check and the audit trail of the gate, for what is still needed.
        const keep = checks.filter((c) => c.verdict === 'keep').map((c) => c.op);
        const apps = await ctx.repos.workspace.listApps();
        const guarded = await service.gate.guard(
          keep.map((op) => ({
            appId: op.appId,
            personId: op.personId,
            kind: op.kind,
            target: op.target,
            reason: op.reason,
            payload: op.payload,
            destructive: op.destructive,
            deprovision: op.kind === 'deactivate' || op.kind === 'delete',
            key: op.key,
            status: 'planned' as const,
            heldReason: null,
          })),
          { source: 'approval', apps },
        );
        const refused = new Set(guarded.refused.map((r) => `${r.appId}\0${r.target}`));

        const superseded: ReviewApproveResult['superseded'] = [];
        const replaced: JournalOp[] = [];
        const approved: JournalOp[] = [];
        await ctx.store.tx(async () => {
          const supersede = async (op: JournalOp, reason: string): Promise<void> => {
            await deps.journal.finish(op.id, 'superseded', null, reason);
            superseded.push({ id: op.id, target: op.target, reason });
            await ctx.audit.append({
              actor,
              action: 'op.superseded',
              app: op.appId,
              person: op.personId,
              run: runId,
              ...(op.caseId ? { case: op.caseId } : {}),
              before: { op: op.id, kind: op.kind, target: op.target, reason: op.reason },
              result: reason,
            });
          };
          for (const c of checks) {
            if (c.verdict === 'superseded') await supersede(c.op, c.reason);
            else if (c.verdict === 'replaced') {
              await supersede(c.op, c.reason);
              const open = await deps.journal.openByKey(c.fresh.key);
              if (open) {
                if (open.status === 'held') replaced.push(open);
                continue;
              }
              const heldReason = `held: replaces op ${c.op.id}, approved by ${actor} before its target changed; review the new change`;
              const row = await deps.journal.insert({
                runId,
                appId: c.fresh.appId,
                personId: c.fresh.personId,
                kind: c.fresh.kind,
                target: c.fresh.target,
                status: 'held',
                reason: c.fresh.reason,
                heldReason,
                payload: c.fresh.payload,
                key: c.fresh.key,
                source: c.op.source,
                destructive: c.fresh.destructive,
                weight: c.op.weight > 0 ? destructiveWeight(c.fresh.payload) : 0,
                caseId: c.op.caseId,
              });
              await ctx.audit.append({
                actor,
                action: 'op.held',
                app: row.appId,
                person: row.personId,
                run: runId,
                after: { op: row.id, kind: row.kind, target: row.target, reason: row.reason },
                result: heldReason,
              });
              replaced.push(row);
            } else if (refused.has(`${c.op.appId}\0${c.op.target}`)) {
              await supersede(c.op, `refused: ${c.op.target} is a protected account in the workspace`);
            } else {
              await deps.journal.setStatus(c.op.id, 'approved', { runId });
              await ctx.audit.append({
                actor,
                action: 'op.approved',
                app: c.op.appId,
                person: c.op.personId,
                run: runId,
                ...(c.op.caseId ? { case: c.op.caseId } : {}),
                after: { op: c.op.id, kind: c.op.kind, target: c.op.target, reason: c.op.reason },
                result: 'approved',
              });
              approved.push({ ...c.op, status: 'approved' });
            }
          }
        });

        const byApp = new Map<string, JournalOp[]>();
        for (const op of approved) {
          let list = byApp.get(op.appId);
          if (!list) byApp.set(op.appId, (list = []));
          list.push(op);
        }
        const { apps: appStats } = await service.gate.execute({ runId, actor }, byApp);
        const after: JournalOp[] = [];
        for (const o of held) after.push((await deps.journal.get(o.id))!);
        const stats = await runStats(ctx.store, await deps.journal.ofRun(runId), appStats, {
          durationMs: Date.now() - started,
          directory: null,
        });
        const run = await deps.runs.finish(runId, stats.failed ? 'partial' : 'ok', stats, null, deps.now());
        ctx.events.emit('sync.finished', run);
        await deps.emitReview();
        const label = createOpLabeller(apps);
        return {
          approved: approved.length,
          ops: after.map((o) => opView(o, label)),
          runId,
          superseded,
          replaced: replaced.map((o) => opView(o, label)),
        };
      });
    },

    async skip(ids: number[], reason: string, actor: string): Promise<{ skipped: number }> {
      const ops = await heldOnly(deps, ids);
      await ctx.store.tx(async () => {
        for (const op of ops) {
          await deps.journal.finish(op.id, 'skipped', null, `skipped by ${actor}: ${reason}`);
          await ctx.audit.append({
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
      });
      await deps.emitReview();
      return { skipped: ops.length };
    },
  };
};

export type Review = ReturnType<typeof createReview>;
