// A rehire before the case closes (call under the engine's run lock): every open task is cancelled (held and
// planned ops skipped in the journal with reason "rehired"), what the case deactivated is reactivated through the
// engine — with the reactivate op the sync planner itself would plan (same idempotency key: see
// electron/sync/app-plan.ts), so a sync run that got there first is simply followed — and the case is closed as
// cancelled.
import type { DirectoryPerson } from '../directory/types';
import { applyAppOps } from '../sync/engine/apply';
import type { JournalOp } from '../sync/engine/journal';
import { asManualTask } from '../sync/manual-ops';
import { makeOp } from '../sync/ops';
import type { PlanOp } from '../sync/types';
import { parseDetail } from './cases-repo';
import type { ExecuteDeps } from './execute';
import { FINISHED, taskStatus } from './task-status';

const REASON = 'rehired';

export const cancelForRehire = async (
  d: ExecuteDeps,
  caseId: number,
  person: DirectoryPerson,
  actor: string,
): Promise<void> => {
  const { engine, repo } = d;
  const { ctx, journal } = engine;
  const at = engine.now();
  const who = person.email ?? person.login;
  const reactivations: PlanOp[] = [];

  ctx.db
    .transaction(() => {
      for (const t of repo.tasks(caseId)) {
        const op = d.latestOp(t);
        const status = taskStatus(t, op);
        const detail = parseDetail(t);
        if (op && op.status === 'done' && op.kind === 'deactivate' && t.app_id) {
          const app = ctx.repos.workspace.getApp(t.app_id);
          if (app && detail.remoteId) {
            reactivations.push(
              makeOp({
                appId: app.id,
                personId: person.id,
                target: who,
                reason: `reactivate ${who} in ${app.name}: rehired before the offboarding case ${caseId} closed`,
                payload: { kind: 'reactivate', remoteId: detail.remoteId },
                keyParts: [
                  detail.remoteId,
                  journal.deactivatedAt(app.id, detail.remoteId),
                  person.statusChangedAt,
                ],
              }),
            );
          }
        } else if (
          t.kind === 'manual' &&
          t.status === 'done' &&
          detail.opKind === 'manual:deactivated' &&
          t.app_id
        ) {
          const app = ctx.repos.workspace.getApp(t.app_id);
          if (app?.kind === 'manual' && detail.remoteId) {
            const raw = makeOp({
              appId: app.id,
              personId: person.id,
              target: who,
              reason: `reactivate ${who} in ${app.name}: rehired before the offboarding case ${caseId} closed`,
              payload: { kind: 'reactivate', remoteId: detail.remoteId },
              keyParts: [detail.remoteId, null, person.statusChangedAt],
            });
            const manual = asManualTask(app, raw);
            if (manual) reactivations.push(manual);
          }
        }
        if (FINISHED.has(status)) continue;
        if (op && (op.status === 'held' || op.status === 'planned' || op.status === 'approved')) {
          journal.finish(op.id, 'skipped', null, `skipped: ${REASON}`);
          ctx.audit.append({
            actor,
            action: 'op.skipped',
            app: t.app_id,
            person: person.id,
            case: caseId,
            before: { op: op.id, kind: op.kind, reason: op.reason },
            result: `skipped: ${REASON}`,
          });
        }
        repo.setTask(t.id, 'skipped', { at, by: actor, note: REASON });
      }
    })
    .immediate();

  // Journal and apply the reactivations (or follow the ones a sync run already made).
  const runId = engine.runs.start('manual', `offboarding case ${caseId}: rehire`, at);
  const byApp = new Map<string, JournalOp[]>();
  ctx.db
    .transaction(() => {
      for (const op of reactivations) {
        const existing = d.latestOp({ op_key: op.key, op_id: null });
        if (existing && existing.status !== 'failed' && existing.status !== 'skipped') continue;
        const row = journal.insert({
          runId,
          appId: op.appId,
          personId: op.personId,
          kind: op.kind,
          target: op.target,
          status: 'planned',
          reason: op.reason,
          heldReason: null,
          payload: op.payload,
          key: op.key,
        });
        let list = byApp.get(op.appId);
        if (!list) byApp.set(op.appId, (list = []));
        list.push(row);
      }
    })
    .immediate();
  await Promise.all(
    [...byApp].map(async ([appId, ops]) => {
      const app = ctx.repos.workspace.getApp(appId);
      if (!app || engine.quarantine.reason(appId)) return;
      await applyAppOps(engine.applyDeps(actor), appId, runId, engine.connectorFor(app), ops, new Map());
    }),
  );
  engine.runs.finish(runId, 'ok', null, null, engine.now());

  ctx.db.transaction(() => {
    repo.close(
      caseId,
      'cancelled',
      engine.now(),
      `${who} was rehired (active in the directory again) before the case closed`,
    );
    ctx.audit.append({
      actor,
      action: 'offboarding.case.cancelled',
      person: person.id,
      case: caseId,
      after: { reactivated: reactivations.map((o) => o.appId) },
      result: `cancelled: ${REASON}`,
    });
  })();
  engine.emitReview();
};
