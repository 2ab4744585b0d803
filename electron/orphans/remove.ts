// Removing an orphan account: a proposal to the one gate (electron/sync/gate/) under the run lock, like any change
// to an app — never a connector call from here. The op deactivates or deletes the account as the app's deprovision
// mode says (a manual app gets a checklist task); the gate refuses it on a protected account, holds it when the
// review policy or the guardrails say so, journals it before any request and records its outcome in the ledger.
// The admin's decision (orphan_decisions, kind 'removal') is the op's reason: the gate's re-plan and the next sync's
// sweep keep a held removal while it stands (removal-stands.ts). The account Lanyard itself signs in as is refused
// before anything is proposed, and so is any removal while that account cannot be told.
import type { CoreContext } from '../app/context';
import { LanyardError } from '../app/errors';
import type { OrphanRemoveResult } from '../../shared/api/methods-orphans';
import type { SyncService } from '../sync/engine/sync-service';
import { opView } from '../sync/engine/journal';
import { runStats } from '../sync/engine/stats';
import { asManualTask } from '../sync/manual-ops';
import { createOpLabeller } from '../sync/op-label';
import { makeOp } from '../sync/ops';
import type { PlanOp } from '../sync/types';
import { isOwn } from './own-account';
import type { OrphanService } from './service';

export const removeOrphan = async (
  ctx: CoreContext,
  sync: SyncService,
  orphans: OrphanService,
  appId: string,
  remoteId: string,
  actor: string,
): Promise<OrphanRemoveResult> => {
  const engine = sync.deps;
  // Asked before the lock: GitHub may take a moment, and the run lock is not needed to read.
  const first = await orphans.orphanOf(appId, remoteId);
  const ownAccount = await orphans.own.of(first.app);
  return engine.lock.exclusive(async () => {
    const { app, account } = await orphans.orphanOf(appId, remoteId);
    if ('unknown' in ownAccount) {
      throw new LanyardError(
        'upstream',
        `Lanyard could not tell which ${app.name} account it signs in as (${ownAccount.unknown}), so it removes nothing there yet.`,
        { hint: `Test the connection on the Apps page, then try again.` },
      );
    }
    if (isOwn(ownAccount, account)) {
      throw new LanyardError(
        'forbidden',
        `${account.userName} is Lanyard's own account in ${app.name}: removing it would lock Lanyard out.`,
        { hint: 'Mark it as a service account, or ignore it.' },
      );
    }
    if (!account.active && app.deprovision !== 'delete') {
      throw new LanyardError('conflict', `${account.userName} is already deactivated in ${app.name}.`, {
        hint: 'Ignore it if it is no longer a concern.',
      });
    }
    const deletes = app.deprovision === 'delete';
    const why = `removed as an orphan account (nobody in the directory) by ${actor}`;
    const op: PlanOp = makeOp({
      appId,
      personId: null,
      target: account.userName,
      reason: `${deletes ? 'delete' : 'deactivate'} ${account.userName} in ${app.name}: ${why}`,
      payload: deletes
        ? { kind: 'delete', remoteId, userName: account.userName }
        : { kind: 'deactivate', remoteId, userName: account.userName, deleteAfterDays: null },
      keyParts: [remoteId, 'orphan-removal'],
    });
    const proposed = app.kind === 'manual' ? asManualTask(app, op) : op;
    if (!proposed) throw new LanyardError('internal', `No way to remove ${account.userName} in ${app.name}.`);
    const now = engine.now();
    const runId = await engine.runs.start('manual', `orphan removal of ${account.userName} by ${actor}`, now);
    await ctx.store.tx(async () => {
      await orphans.decisions.put({
        appId,
        remoteId,
        userName: account.userName,
        kind: 'removal',
        personId: null,
        reason: null,
        opKey: proposed.key,
        by: actor,
        at: now,
      });
      await ctx.audit.append({
        actor,
        action: 'orphan.removalProposed',
        app: appId,
        run: runId,
        after: { account: account.userName, remoteId, kind: proposed.kind },
        result: `ok: proposed to the gate: ${proposed.reason}`,
      });
    });
    const r = await sync.gate.submit({
      runId,
      actor,
      source: 'orphan-removal',
      ops: [proposed],
      apps: [app],
    });
    const stats = await runStats(ctx.store, await engine.journal.ofRun(runId), r.apps, {
      durationMs: 0,
      directory: null,
    });
    const refused = r.refused[0]?.reason ?? null;
    const run = await engine.runs.finish(
      runId,
      refused ? 'failed' : stats.failed ? 'partial' : 'ok',
      stats,
      refused ?? (r.tripped.length ? r.tripped.join('; ') : null),
      engine.now(),
    );
    ctx.events.emit('sync.finished', run);
    await engine.emitReview();
    const journaled = await engine.journal.latestByKey(proposed.key);
    const view = journaled ? opView(journaled, createOpLabeller([app])) : null;
    return { runId, op: view, message: outcome(view, refused, account.userName, app.name) };
  });
};

const outcome = (
  op: OrphanRemoveResult['op'],
  refused: string | null,
  userName: string,
  appName: string,
): string => {
  if (refused) return `Not removed: ${refused}.`;
  if (!op) return `Nothing was proposed for ${userName}.`;
  if (op.kind === 'manual-task') return `A checklist task to remove ${userName} from ${appName} is open.`;
  if (op.status === 'done')
    return `${userName} was ${op.kind === 'delete' ? 'deleted' : 'deactivated'} in ${appName}.`;
  if (op.status === 'held') return `Held for review: ${op.heldReason ?? 'the guardrails hold it'}.`;
  if (op.status === 'failed') return `${appName} refused: ${op.error ?? 'the request failed'}.`;
  return `Proposed; its status is ${op.status}.`;
};
