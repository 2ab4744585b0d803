// A rehire before the case closes (found by a sync run's leaver step): every open task is cancelled — the case's
// held or planned ops are superseded in the journal with reason "rehired" (never executed) — and the case is
// closed as cancelled. What the case already deactivated is reactivated by the same run's plan: the person is in
// scope again, and the planner plans the reactivation (through the gate, like any op), so a case never writes to
// an app itself.
import type { DirectoryPerson } from '../directory/types';
import type { ExecuteDeps } from './execute';
import { FINISHED, taskStatus } from './task-status';

const REASON = 'rehired';

export const cancelForRehire = async (
  d: ExecuteDeps,
  caseId: number,
  person: DirectoryPerson,
  actor: string,
  runId: number | null,
): Promise<void> => {
  const { engine, repo } = d;
  const { ctx, journal } = engine;
  const at = engine.now();
  const who = person.email ?? person.login;
  await ctx.store.tx(async () => {
    for (const t of await repo.tasks(caseId)) {
      const op = await d.latestOp(t);
      const status = taskStatus(t, op);
      if (FINISHED.has(status)) continue;
      if (op && (op.status === 'held' || op.status === 'planned' || op.status === 'approved')) {
        await journal.finish(op.id, 'superseded', null, `superseded: ${who} was ${REASON}`);
        await ctx.audit.append({
          actor,
          action: 'op.superseded',
          app: t.app_id,
          person: person.id,
          case: caseId,
          ...(runId ? { run: runId } : {}),
          before: { op: op.id, kind: op.kind, reason: op.reason },
          result: `superseded: ${REASON}`,
        });
      }
      await repo.setTask(t.id, 'skipped', { at, by: actor, note: REASON });
    }
    await repo.close(
      caseId,
      'cancelled',
      at,
      `${who} was rehired (active in the directory again) before the case closed`,
    );
    await ctx.audit.append({
      actor,
      action: 'offboarding.case.cancelled',
      person: person.id,
      case: caseId,
      result: `cancelled: ${REASON}`,
    });
  });
  await engine.emitReview();
};
