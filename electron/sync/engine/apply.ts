// Applies one app's journaled ops, one at a time and in plan order (creates before the group changes that need
// their ids). Each op is marked `running` (committed) before its request; its outcome, the accounts it changed and
// its audit event are committed together after it. Retries and rate limits live in the connector's HttpClient: an
// op that still fails is marked failed, and after N failures in a row the app is quarantined — its remaining ops
// are held with the reason — while the other apps carry on.
import type { AuditLedger } from '../../audit/ledger';
import type { AppConnector } from '../../apps/types';
import type { AccountsRepo } from '../../store/accounts-repo';
import type { Db } from '../../store/database';
import type { Logger } from '../../log/logger';
import { redact } from '../../log/logger';
import { executeOp, type Execution } from './executor';
import type { Journal, JournalOp } from './journal';
import { QUARANTINE_PREFIX, type Quarantine } from './quarantine';

export interface ApplyDeps {
  db: Db;
  journal: Journal;
  accounts: AccountsRepo;
  audit: AuditLedger;
  quarantine: Quarantine;
  log: Logger;
  now: () => string;
  actor: string;
  quarantineAfter: number;
  onOp?: (op: JournalOp, status: 'done' | 'failed') => void;
}

export interface AppApplyResult {
  applied: number;
  failed: number;
  held: number;
  quarantined: string | null;
}

const errorText = (err: unknown): string => {
  const e = err as { message?: string; hint?: string };
  return redact(`${e?.message ?? String(err)}${e?.hint ? ` ${e.hint}` : ''}`).slice(0, 2000);
};

const record = (deps: ApplyDeps, appId: string, op: JournalOp, ex: Execution): void => {
  const at = deps.now();
  for (const { account, personId } of ex.upserts) {
    deps.accounts.upsert(appId, account, at, personId ?? undefined);
  }
  for (const remoteId of ex.removals) deps.accounts.remove(appId, remoteId);
  if (ex.groupChange) {
    const { groupId, add, memberIds } = ex.groupChange;
    for (const id of memberIds) {
      const a = deps.accounts.get(appId, id);
      if (!a) continue;
      const groups = add ? [...new Set([...a.groups, groupId])] : a.groups.filter((g) => g !== groupId);
      const { appId: _a, personId, seenAt: _s, ...account } = a;
      deps.accounts.upsert(appId, { ...account, groups }, at, personId);
    }
  }
};

export const applyAppOps = async (
  deps: ApplyDeps,
  appId: string,
  runId: number,
  connector: AppConnector,
  ops: JournalOp[],
  created: Map<string, string>,
): Promise<AppApplyResult> => {
  const out: AppApplyResult = { applied: 0, failed: 0, held: 0, quarantined: null };
  let streak = 0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    deps.journal.start(op.id, runId);
    let ex: Execution;
    try {
      ex = await executeOp(
        { connector, accounts: deps.accounts, appId, personId: op.personId, created },
        op.payload,
      );
    } catch (err) {
      const error = errorText(err);
      deps.db
        .transaction(() => {
          deps.journal.finish(op.id, 'failed', null, error);
          deps.audit.append({
            actor: deps.actor,
            action: 'op.failed',
            app: appId,
            person: op.personId,
            run: runId,
            before: { op: op.id, kind: op.kind, target: op.target, reason: op.reason },
            result: `failed: ${error}`,
          });
        })
        .immediate();
      deps.log.warn('sync op failed', { app: appId, op: op.id, kind: op.kind, error });
      out.failed++;
      deps.onOp?.(op, 'failed');
      if (++streak >= deps.quarantineAfter) {
        out.quarantined = `${streak} operations in a row failed; the last: ${error}`;
        out.held = holdRest(deps, appId, runId, ops.slice(i + 1), out.quarantined);
        break;
      }
      continue;
    }
    streak = 0;
    deps.db
      .transaction(() => {
        deps.journal.finish(op.id, 'done', ex.result, null);
        record(deps, appId, op, ex);
        deps.audit.append({
          actor: deps.actor,
          action: 'op.applied',
          app: appId,
          person: op.personId,
          run: runId,
          before: { op: op.id, kind: op.kind, target: op.target, reason: op.reason },
          after: ex.result,
          result:
            'task' in ex.result
              ? 'ok: manual task issued'
              : ex.result.adopted
                ? 'ok (adopted an existing account)'
                : 'ok',
        });
      })
      .immediate();
    out.applied++;
    deps.onOp?.(op, 'done');
  }
  return out;
};

/** Quarantines the app and holds the ops it had left, with the reason. */
const holdRest = (
  deps: ApplyDeps,
  appId: string,
  runId: number,
  rest: JournalOp[],
  reason: string,
): number => {
  const heldReason = `${QUARANTINE_PREFIX}: ${reason}`;
  deps.db
    .transaction(() => {
      deps.quarantine.quarantine(appId, reason);
      for (const op of rest) {
        deps.journal.setStatus(op.id, 'held', { heldReason, runId });
        deps.audit.append({
          actor: deps.actor,
          action: 'op.held',
          app: appId,
          person: op.personId,
          run: runId,
          after: { op: op.id, kind: op.kind, target: op.target, reason: op.reason },
          result: heldReason,
        });
      }
    })
    .immediate();
  deps.log.warn('app quarantined', { app: appId, reason });
  return rest.length;
};
