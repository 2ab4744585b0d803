// Carrying decisions out. Revokes and role changes become proposals to the one gate (electron/sync/gate/) under
// the run lock, like any bulk: protected accounts are refused, the guardrails hold what exceeds the limits, every
// op is journaled before its request and recorded in the ledger with its outcome. Nothing here calls a connector.
// Revoking access a rule grants, or changing its role, first records an access exception (person × app, the decided
// role for a role change, campaign, comment; audited) so the planner stops granting it or re-setting the rule's
// role: the op is then the very op the next sync would plan (same key), which also keeps a held op valid through
// re-planned approvals. Orphans and accounts no rule manages get an op of their
// own; a change already made (account gone or inactive, role already set) is marked "not needed".
import type { CoreContext } from '../app/context';
import { exceptionEffect } from '../../shared/domain/exceptions';
import type { ReviewApplyResult, AccessExceptionView } from '../../shared/api/methods-reviews';
import type { AppConfig, PlanOp } from '../sync/types';
import type { SyncService } from '../sync/engine/sync-service';
import { buildPlanInput } from '../sync/engine/plan-input';
import { buildPlan } from '../sync/plan';
import { makeOp } from '../sync/ops';
import { asManualTask } from '../sync/manual-ops';
import { runStats } from '../sync/engine/stats';
import type { CampaignsRepo, ItemRow } from './campaigns-repo';
import type { WorkspaceReviewsRepo } from './workspace-reviews-repo';
import { NOT_NEEDED, type Views } from './views';

const RETRY = new Set(['pending', 'failed', 'superseded', 'skipped']);

interface Wanted {
  item: ItemRow;
  decision: 'revoke' | 'change-role';
  role: string | null;
  comment: string | null;
}

const ownOp = (
  app: AppConfig,
  w: Wanted,
  account: { remoteId: string; userName: string; role: string | null },
  campaignId: number,
): PlanOp | null => {
  const target = w.item.person ?? w.item.user_name;
  const why = `decided in access review ${campaignId}${w.comment ? ` (“${w.comment}”)` : ''}`;
  const op =
    w.decision === 'change-role'
      ? makeOp({
          appId: app.id,
          personId: w.item.person_id,
          target,
          reason: `set the role of ${target} in ${app.name} to ${w.role}: ${why}`,
          payload: { kind: 'set-role', remoteId: account.remoteId, role: w.role!, previous: account.role },
          keyParts: [account.remoteId, w.role],
        })
      : makeOp({
          appId: app.id,
          personId: w.item.person_id,
          target,
          reason: `${app.deprovision === 'delete' ? 'delete' : 'deactivate'} ${target} in ${app.name}: ${why}`,
          payload:
            app.deprovision === 'delete'
              ? { kind: 'delete', remoteId: account.remoteId, userName: account.userName }
              : {
                  kind: 'deactivate',
                  remoteId: account.remoteId,
                  userName: account.userName,
                  deleteAfterDays: null,
                },
          keyParts: [account.remoteId, 'access-review', campaignId],
        });
  return app.kind === 'manual' ? asManualTask(app, op) : op;
};

export const carryOut = async (
  ctx: CoreContext,
  sync: SyncService,
  repo: CampaignsRepo,
  views: Views,
  ws: WorkspaceReviewsRepo,
  campaignId: number,
  actor: string,
): Promise<ReviewApplyResult> => {
  const engine = sync.deps;
  return engine.lock.exclusive(async () => {
    const c = (await repo.campaign(campaignId))!;
    const wanted: Wanted[] = [];
    for (const v of await views.items(campaignId))
      if (
        v.decision &&
        (v.decision.decision === 'revoke' || v.decision.decision === 'change-role') &&
        RETRY.has(v.outcome)
      )
        wanted.push({
          item: (await repo.item(v.id))!,
          decision: v.decision.decision,
          role: v.decision.role,
          comment: v.decision.comment,
        });
    const result: ReviewApplyResult = {
      campaignId,
      runId: null,
      proposed: 0,
      done: 0,
      held: 0,
      failed: 0,
      superseded: 0,
      notNeeded: 0,
      tasks: 0,
      tripped: [],
      exceptionsAdded: [],
    };
    if (!wanted.length) return result;
    const now = engine.now();

    // Exceptions first, each with its ledger event, so the plan below no longer grants what is revoked.
    await ctx.store.tx(async () => {
      for (const w of wanted) {
        if (w.item.rule_index === null || !w.item.person) continue;
        const role = w.decision === 'change-role' ? w.role : null;
        const e = {
          app: w.item.app_id,
          person: w.item.person,
          ...(role !== null ? { role } : {}),
          campaign: campaignId,
          ...(w.comment ? { comment: w.comment } : {}),
          by: actor,
          at: now,
        };
        if (!(await ws.addException(e))) continue;
        const view: AccessExceptionView = {
          appId: e.app,
          appName: w.item.app_name,
          person: e.person,
          personId: w.item.person_id,
          role,
          campaignId,
          comment: w.comment,
          by: actor,
          at: now,
        };
        await ctx.audit.append({
          actor,
          action: 'review.exception.added',
          app: e.app,
          person: w.item.person_id,
          after: { campaign: campaignId, item: w.item.id, person: e.person, role, comment: w.comment },
          result: `ok: ${exceptionEffect(view)} (access review ${campaignId})`,
        });
        result.exceptionsAdded.push(view);
      }
    });

    const apps = await ctx.repos.workspace.listApps();
    const plan = buildPlan(
      await buildPlanInput(ctx, { ...engine, snapshot: sync.directory.snapshot }, apps, {}),
    );
    const ops: PlanOp[] = [];
    const keysOf = new Map<number, string[]>();
    for (const w of wanted) {
      const app = apps.find((a) => a.id === w.item.app_id);
      const account = await engine.accounts.get(w.item.app_id, w.item.remote_id);
      const gone = !app || !account || (w.decision === 'revoke' ? !account.active : account.role === w.role);
      if (gone) {
        keysOf.set(w.item.id, [NOT_NEEDED]);
        result.notNeeded++;
        continue;
      }
      // The op the planner now plans for this person (its key is the one the next sync plans), else one of its own.
      const planned = w.item.person_id
        ? plan.ops.filter(
            (o) =>
              o.appId === app.id &&
              o.personId === w.item.person_id &&
              (w.decision === 'revoke' ? o.deprovision : o.payload.kind === 'set-role'),
          )
        : [];
      const mine = planned.length
        ? planned
        : [ownOp(app, w, account, campaignId)].filter((o): o is PlanOp => o !== null);
      ops.push(...mine);
      keysOf.set(
        w.item.id,
        mine.map((o) => o.key),
      );
      result.proposed++;
    }
    await ctx.store.tx(async () => {
      for (const [itemId, keys] of keysOf) await repo.setOpKeys(itemId, keys);
      await repo.markApplied(campaignId, now);
    });
    if (ops.length) {
      const runId = await engine.runs.start(
        'manual',
        `access review ${campaignId} (${c.name}) by ${actor}`,
        now,
      );
      result.runId = runId;
      const r = await sync.gate.submit({ runId, actor, source: 'access-review', ops, apps });
      result.tripped = r.tripped;
      const stats = await runStats(ctx.store, await engine.journal.ofRun(runId), r.apps, {
        durationMs: 0,
        directory: null,
      });
      const run = await engine.runs.finish(runId, stats.failed ? 'partial' : 'ok', stats, null, engine.now());
      ctx.events.emit('sync.finished', run);
      await engine.emitReview();
    }
    for (const v of await views.items(campaignId)) {
      if (!keysOf.has(v.id) || keysOf.get(v.id)![0] === NOT_NEEDED) continue;
      if (v.outcome === 'done') result.done++;
      else if (v.outcome === 'held') result.held++;
      else if (v.outcome === 'failed') result.failed++;
      else if (v.outcome === 'superseded') result.superseded++;
      else if (v.outcome === 'task-open') result.tasks++;
    }
    return result;
  });
};
