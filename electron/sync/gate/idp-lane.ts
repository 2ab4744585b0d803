// The gate's directory lane: kill-switch steps (IdP suspend, end sessions), one at a time. A success and its ledger
// event are committed together; a failure is retried later with backoff (the op goes back to planned with a retry
// time), so its outcome reaches the ledger exactly once.
import type { DirectoryService } from '../../directory/directory-service';
import type { AppRunStats } from '../../../shared/api/methods-sync';
import { errorText } from '../engine/apply';
import type { EngineDeps } from '../engine/engine-deps';
import { executeIdpOp } from '../engine/executor';
import type { JournalOp } from '../engine/journal';
import { emptyAppStats } from '../engine/stats';

const MINUTE = 60_000;

/** Kill-switch retry: 1, 2, 4 … minutes after each failed attempt, at most an hour. */
export const killSwitchBackoffMs = (attempts: number): number =>
  Math.min(60 * MINUTE, 2 ** Math.max(0, attempts - 1) * MINUTE);

export const executeIdpLane = async (
  deps: EngineDeps,
  directory: DirectoryService,
  b: { runId: number; actor: string; onOp?: () => void },
  ops: JournalOp[],
): Promise<AppRunStats> => {
  const { ctx, journal } = deps;
  const stats = emptyAppStats();
  for (const op of ops) {
    await journal.start(op.id, b.runId);
    const action = op.kind === 'idp-suspend' ? 'offboarding.idp.suspend' : 'offboarding.idp.revokeSessions';
    try {
      const ex = await executeIdpOp(await directory.connector(), op.personId!, op.payload);
      await ctx.store.tx(async () => {
        await journal.finish(op.id, 'done', ex.result, null);
        await ctx.audit.append({
          actor: b.actor,
          action,
          person: op.personId,
          run: b.runId,
          ...(op.caseId ? { case: op.caseId } : {}),
          after: { op: op.id, kind: op.kind },
          result: 'ok',
        });
      });
    } catch (err) {
      const error = errorText(err);
      const attempts = ((await journal.get(op.id))?.attempts ?? 1) || 1;
      const next = new Date(ctx.clock.now().getTime() + killSwitchBackoffMs(attempts)).toISOString();
      await journal.retryLater(op.id, `attempt ${attempts} failed, retried after ${next}: ${error}`, next);
      deps.log.warn('kill switch step failed; retried later', { op: op.id, kind: op.kind, error, next });
      stats.failed++;
    }
    b.onOp?.();
  }
  return stats;
};
