// Journals a guarded plan against what the journal already holds, in ONE transaction, before any request:
// - an op whose key is already open keeps its row: held stays held (never dropped, never duplicated), approved is
//   executed, planned/running (left by an interrupted run) is executed again — safe, because every connector
//   write is idempotent (creates adopt, deactivate/delete of a gone account is a no-op);
// - a new op is inserted planned or held (held ones are audited at once);
// - an open op of a planned app that the fresh plan no longer contains is resolved from the re-read app state:
//   `running` means its request went through before the crash (the app now matches) → done; planned/approved
//   means the situation changed → skipped. Held ops are left for the admin.
import type { AuditLedger } from '../../audit/ledger';
import type { Db } from '../../store/database';
import type { GuardedOp } from '../types';
import type { Journal, JournalOp } from './journal';

export interface Reconciled {
  /** Ops to execute now, per app, in plan order. */
  execute: Map<string, JournalOp[]>;
  /** Held ops of the planned apps (old and new). */
  held: JournalOp[];
  newlyHeld: number;
  inserted: number;
  /** Open ops resolved without a request (recovered as done, or skipped as no longer needed). */
  resolved: number;
}

export interface ReconcileArgs {
  db: Db;
  journal: Journal;
  audit: AuditLedger;
  actor: string;
  runId: number;
  ops: GuardedOp[];
  /** Apps whose accounts were read and planned this run. */
  appIds: string[];
}

export const reconcile = (a: ReconcileArgs): Reconciled => {
  const { journal, audit, actor, runId } = a;
  const out: Reconciled = { execute: new Map(), held: [], newlyHeld: 0, inserted: 0, resolved: 0 };
  const push = (op: JournalOp): void => {
    let list = out.execute.get(op.appId);
    if (!list) out.execute.set(op.appId, (list = []));
    list.push(op);
  };
  const auditHeld = (op: JournalOp, reason: string): void => {
    audit.append({
      actor,
      action: 'op.held',
      app: op.appId,
      person: op.personId,
      run: runId,
      after: { op: op.id, kind: op.kind, target: op.target, reason: op.reason },
      result: reason,
    });
  };

  a.db
    .transaction(() => {
      const seen = new Set<string>();
      for (const op of a.ops) {
        if (seen.has(op.key)) continue;
        seen.add(op.key);
        const open = journal.openByKey(op.key);
        if (open) {
          if (open.status === 'held') out.held.push(open);
          else if (open.status === 'approved') push(open);
          else if (op.status === 'held') {
            journal.setStatus(open.id, 'held', { heldReason: op.heldReason, runId });
            const held = journal.get(open.id)!;
            auditHeld(held, op.heldReason ?? 'held');
            out.held.push(held);
            out.newlyHeld++;
          } else push(open);
          continue;
        }
        if (op.kind === 'manual-task' && journal.issued(op.key)) continue; // the task is out; waiting for an admin
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
        out.inserted++;
        if (row.status === 'held') {
          auditHeld(row, op.heldReason ?? 'held');
          out.held.push(row);
          out.newlyHeld++;
        } else push(row);
      }

      for (const appId of a.appIds) {
        for (const open of journal.openForApp(appId)) {
          if (seen.has(open.key) || open.status === 'held') continue;
          out.resolved++;
          if (open.status === 'running') {
            journal.finish(open.id, 'done', { recovered: true }, null);
            audit.append({
              actor,
              action: 'op.applied',
              app: appId,
              person: open.personId,
              run: runId,
              after: { op: open.id, kind: open.kind, target: open.target },
              result:
                'ok (the app already shows it: confirmed by re-reading the app after an interrupted run)',
            });
          } else {
            journal.finish(
              open.id,
              'skipped',
              null,
              'no longer needed: the current directory and app state do not call for it',
            );
            audit.append({
              actor,
              action: 'op.skipped',
              app: appId,
              person: open.personId,
              run: runId,
              after: { op: open.id, kind: open.kind, target: open.target },
              result: 'skipped: no longer needed',
            });
          }
        }
      }
    })
    .immediate();
  return out;
};
