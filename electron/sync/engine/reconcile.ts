// The gate's journaling step: a guarded batch is written to the journal in ONE transaction before any request.
// - an op whose key is already open keeps its row: held stays held (only an admin's approve or skip ends it),
//   approved is executed; `running` (left by a crash) is checked against the re-read app first — done only when
//   the app shows the intended state, otherwise retried; planned is executed (or held, if the guard now holds it),
//   unless a kill-switch step's backoff is not over yet;
// - a new op is inserted planned or held (held ones are audited at once), with who proposed it and its weight;
// - an open op of a fully read app that the fresh plan no longer contains is resolved: `running` → done when the
//   re-read app shows it, else failed with the reason; held / planned / approved → superseded (never executed),
//   unless its own reason still stands (an access review's decision, which no plan contains).
import type { AuditLedger } from '../../audit/ledger';
import type { Store } from '../../store/store';
import type { OpSource } from '../../../shared/api/methods-sync';
import { destructiveWeight } from '../ops';
import type { GuardedOp } from '../types';
import { intendedStateShown, type ReadState } from '../gate/verify-state';
import type { Journal, JournalOp } from './journal';

export interface Reconciled {
  /** Ops to execute now, per app, in plan order. */
  execute: Map<string, JournalOp[]>;
  /** Held ops of the batch (old and new). */
  held: JournalOp[];
  newlyHeld: number;
  inserted: number;
  /** Open ops resolved without a request (recovered as done, failed, or superseded). */
  resolved: number;
}

export interface ReconcileArgs {
  store: Store;
  journal: Journal;
  audit: AuditLedger;
  actor: string;
  runId: number;
  ops: GuardedOp[];
  source: OpSource;
  /** Apps whose accounts were read and planned this run: their open ops the plan no longer names are resolved. */
  appIds: string[];
  /** What the run re-read, for ops left running by a crash. */
  readState: (op: JournalOp) => Promise<ReadState>;
  /** ISO now: planned ops whose retry time is later wait. */
  now: string;
  caseOf?: (op: GuardedOp) => number | null;
  /**
   * Open ops the plan never names but whose own reason still stands (an access review's decision to revoke an
   * orphan, say): the sweep leaves them open instead of superseding them.
   */
  standsOnItsOwn?: (op: JournalOp) => Promise<boolean>;
}

export const SUPERSEDED_STALE =
  'superseded: the current directory and app state no longer call for it (re-planned before executing)';

export const reconcile = async (a: ReconcileArgs): Promise<Reconciled> => {
  const { journal, audit, actor, runId } = a;
  const out: Reconciled = { execute: new Map(), held: [], newlyHeld: 0, inserted: 0, resolved: 0 };
  const push = (op: JournalOp): void => {
    let list = out.execute.get(op.appId);
    if (!list) out.execute.set(op.appId, (list = []));
    list.push(op);
  };
  const auditHeld = async (op: JournalOp, reason: string): Promise<void> => {
    await audit.append({
      actor,
      action: 'op.held',
      app: op.appId,
      person: op.personId,
      run: runId,
      ...(op.caseId ? { case: op.caseId } : {}),
      after: { op: op.id, kind: op.kind, target: op.target, reason: op.reason, source: op.source },
      result: reason,
    });
  };
  const recovered = async (open: JournalOp): Promise<void> => {
    await journal.finish(open.id, 'done', { recovered: true }, null);
    await audit.append({
      actor,
      action: open.kind === 'idp-suspend' ? 'offboarding.idp.suspend' : 'op.applied',
      app: open.appId,
      person: open.personId,
      run: runId,
      ...(open.caseId ? { case: open.caseId } : {}),
      after: { op: open.id, kind: open.kind, target: open.target },
      result: 'ok (confirmed by re-reading after an interrupted run: the change had gone through)',
    });
  };

  await a.store.tx(async () => {
    const seen = new Set<string>();
    for (const op of a.ops) {
      if (seen.has(op.key)) continue;
      seen.add(op.key);
      const open = await journal.openByKey(op.key);
      if (open) {
        if (open.status === 'held') out.held.push(open);
        else if (open.status === 'approved') push(open);
        else if (open.status === 'running') {
          if (intendedStateShown(open, await a.readState(open)) === 'shown') {
            await recovered(open);
            out.resolved++;
          } else push(open);
        } else if (op.status === 'held') {
          await journal.setStatus(open.id, 'held', { heldReason: op.heldReason, runId });
          const held = (await journal.get(open.id))!;
          await auditHeld(held, op.heldReason ?? 'held');
          out.held.push(held);
          out.newlyHeld++;
        } else if (!open.nextAttemptAt || open.nextAttemptAt <= a.now) push(open);
        continue;
      }
      if (op.kind === 'manual-task' && (await journal.issued(op.key))) continue; // the task is out; waiting for an admin
      const row = await journal.insert({
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
        source: a.source,
        destructive: op.destructive,
        weight: a.source === 'explicit-offboard' ? 0 : destructiveWeight(op.payload),
        caseId: a.caseOf?.(op) ?? null,
      });
      out.inserted++;
      if (row.status === 'held') {
        await auditHeld(row, op.heldReason ?? 'held');
        out.held.push(row);
        out.newlyHeld++;
      } else push(row);
    }

    for (const appId of a.appIds) {
      for (const open of await journal.openForApp(appId)) {
        if (seen.has(open.key)) continue;
        if (open.status !== 'running' && a.standsOnItsOwn && (await a.standsOnItsOwn(open))) continue;
        out.resolved++;
        if (open.status === 'running') {
          if (intendedStateShown(open, await a.readState(open)) === 'shown') {
            await recovered(open);
            continue;
          }
          const error =
            'interrupted: the run stopped during this request, and the re-read app does not show the change; the current plan no longer calls for it, so it is not retried';
          await journal.finish(open.id, 'failed', null, error);
          await audit.append({
            actor,
            action: 'op.failed',
            app: appId,
            person: open.personId,
            run: runId,
            after: { op: open.id, kind: open.kind, target: open.target },
            result: `failed: ${error}`,
          });
          continue;
        }
        await journal.finish(open.id, 'superseded', null, SUPERSEDED_STALE);
        await audit.append({
          actor,
          action: 'op.superseded',
          app: appId,
          person: open.personId,
          run: runId,
          ...(open.caseId ? { case: open.caseId } : {}),
          before: { op: open.id, kind: open.kind, target: open.target, status: open.status },
          result: SUPERSEDED_STALE,
        });
      }
    }
  });
  return out;
};
