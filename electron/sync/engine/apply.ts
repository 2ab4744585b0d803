// Applies one app's journaled ops (the gate's execute step). Revocations run first (deactivate, delete, demotions,
// removals from groups and teams), then creates and updates in plan order (creates before the group changes that
// need their ids). Each op is marked `running` (committed) before its request; its outcome, the accounts it
// changed and its ledger event are committed together after it. Retries and rate limits live in the connector's
// HttpClient. Failures are classified (gate/failure.ts): per-op rejections (400, 404, 409, out of seats) fail
// that op only; transport failures (timeouts, 5xx, 401/403) in a row quarantine the app — its remaining creates
// and updates are held with the reason, while remaining revocations stay planned for the next run to retry.
// A quarantined app gets only its revocations tried (`revocationsOnly`).
import type { AuditLedger } from '../../audit/ledger';
import type { AppConnector } from '../../apps/types';
import type { AccountsRepo } from '../../store/accounts-repo';
import type { Store } from '../../store/store';
import type { Logger } from '../../log/logger';
import { errorText } from '../../app/errors';
import { classifyFailure } from '../gate/failure';
import { executeOp, type Execution } from './executor';
import type { Journal, JournalOp } from './journal';
import { QUARANTINE_PREFIX, type Quarantine } from './quarantine';

export interface ApplyDeps {
  store: Store;
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

/** Counts per app come from the journal (stats.ts); the gate needs to know only whether the app was quarantined. */
export interface AppApplyResult {
  quarantined: string | null;
}

/** The explainer, re-exported for the gate's modules that import it from here. */
export { errorText };

/** Ops that take access away: run first, and still tried while an app is quarantined. */
export const isRevocation = (op: Pick<JournalOp, 'destructive'>): boolean => op.destructive;

/** Revocations first, then the rest, each in their original order. */
export const revocationsFirst = <T extends Pick<JournalOp, 'destructive'>>(ops: readonly T[]): T[] => [
  ...ops.filter(isRevocation),
  ...ops.filter((o) => !isRevocation(o)),
];

const record = async (deps: ApplyDeps, appId: string, op: JournalOp, ex: Execution): Promise<void> => {
  const at = deps.now();
  for (const { account, personId } of ex.upserts) {
    await deps.accounts.upsert(appId, account, at, personId ?? undefined);
  }
  for (const remoteId of ex.removals) await deps.accounts.remove(appId, remoteId);
  if (ex.groupChange) {
    const { groupId, add, memberIds } = ex.groupChange;
    for (const id of memberIds) {
      const a = await deps.accounts.get(appId, id);
      if (!a) continue;
      const groups = add ? [...new Set([...a.groups, groupId])] : a.groups.filter((g) => g !== groupId);
      const { appId: _a, personId, seenAt: _s, ...account } = a;
      await deps.accounts.upsert(appId, { ...account, groups }, at, personId);
    }
  }
};

export const applyAppOps = async (
  deps: ApplyDeps,
  appId: string,
  runId: number,
  connector: AppConnector,
  input: JournalOp[],
  created: Map<string, string>,
  opts: { revocationsOnly?: boolean } = {},
): Promise<AppApplyResult> => {
  let quarantined: string | null = null;
  const ops = revocationsFirst(opts.revocationsOnly ? input.filter(isRevocation) : input);
  let streak = 0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    await deps.journal.start(op.id, runId);
    let ex: Execution;
    try {
      ex = await executeOp(
        { connector, accounts: deps.accounts, appId, personId: op.personId, created },
        op.payload,
      );
    } catch (err) {
      const error = errorText(err);
      const kind = classifyFailure(err);
      await deps.store.tx(async () => {
        await deps.journal.finish(op.id, 'failed', null, error);
        await deps.audit.append({
          actor: deps.actor,
          action: 'op.failed',
          app: appId,
          person: op.personId,
          run: runId,
          ...(op.caseId ? { case: op.caseId } : {}),
          before: { op: op.id, kind: op.kind, target: op.target, reason: op.reason },
          result: `failed (${kind === 'rejection' ? 'rejected by the app' : 'app unreachable or erroring'}): ${error}`,
        });
      });
      deps.log.warn('sync op failed', { app: appId, op: op.id, kind: op.kind, failure: kind, error });
      deps.onOp?.(op, 'failed');
      if (kind === 'rejection') continue; // the app refusing one op says nothing about the app
      if (++streak >= deps.quarantineAfter) {
        quarantined = `${streak} operations in a row could not reach the app or got a server error; the last: ${error}`;
        await holdRest(deps, appId, runId, ops.slice(i + 1), quarantined);
        break;
      }
      continue;
    }
    streak = 0;
    await deps.store.tx(async () => {
      await deps.journal.finish(op.id, 'done', ex.result, null);
      await record(deps, appId, op, ex);
      await deps.audit.append({
        actor: deps.actor,
        action: 'op.applied',
        app: appId,
        person: op.personId,
        run: runId,
        ...(op.caseId ? { case: op.caseId } : {}),
        before: { op: op.id, kind: op.kind, target: op.target, reason: op.reason },
        after: ex.result,
        result:
          'task' in ex.result
            ? 'ok: manual task issued'
            : ex.result.adopted
              ? 'ok (adopted an existing account)'
              : 'ok',
      });
    });
    deps.onOp?.(op, 'done');
  }
  return { quarantined };
};

/** Quarantines the app; holds its remaining creates and updates. Remaining revocations stay planned (retried). */
const holdRest = async (
  deps: ApplyDeps,
  appId: string,
  runId: number,
  rest: JournalOp[],
  reason: string,
): Promise<void> => {
  const heldReason = `${QUARANTINE_PREFIX}: ${reason}`;
  const toHold = rest.filter((op) => !isRevocation(op));
  await deps.store.tx(async () => {
    await deps.quarantine.quarantine(appId, reason);
    for (const op of toHold) {
      await deps.journal.setStatus(op.id, 'held', { heldReason, runId });
      await deps.audit.append({
        actor: deps.actor,
        action: 'op.held',
        app: appId,
        person: op.personId,
        run: runId,
        after: { op: op.id, kind: op.kind, target: op.target, reason: op.reason },
        result: heldReason,
      });
    }
  });
  deps.log.warn('app quarantined', { app: appId, reason });
};
