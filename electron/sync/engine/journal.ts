// The sync journal: plan_ops rows. Every op is written here BEFORE any request is sent, and every state change
// (planned/held/approved → running → done/failed/skipped) is committed around the request, so a crash at any point
// leaves a journal a restart can finish from. The idempotency key is unique among open ops (migration 003): the
// same situation replanned by a later run finds its op instead of adding a second one.
import type { Db } from '../../store/database';
import type { OpPayload } from '../types';
import type { OpLabeller } from '../op-label';
import type { OpSource, SyncOpKind, SyncOpStatus, SyncOpView } from '../../../shared/api/methods-sync';

export const OPEN_STATUSES = ['planned', 'held', 'approved', 'running'] as const;

interface OpRow {
  id: number;
  run_id: number;
  app_id: string;
  person_id: string | null;
  kind: string;
  target: string;
  status: SyncOpStatus;
  reason: string;
  payload: string;
  idempotency_key: string;
  attempts: number;
  result: string | null;
  error: string | null;
  held_reason: string | null;
  created_at: string;
  updated_at: string;
  done_at: string | null;
  source: string;
  destructive: number;
  weight: number;
  started_at: string | null;
  case_id: number | null;
  next_attempt_at: string | null;
}

export interface JournalOp extends SyncOpView {
  key: string;
  payload: OpPayload;
  result: unknown;
  weight: number;
  caseId: number | null;
  startedAt: string | null;
  nextAttemptAt: string | null;
}

const toOp = (r: OpRow): JournalOp => ({
  id: r.id,
  runId: r.run_id,
  appId: r.app_id,
  personId: r.person_id,
  kind: r.kind as SyncOpKind,
  target: r.target,
  status: r.status,
  reason: r.reason,
  heldReason: r.held_reason,
  error: r.error,
  attempts: r.attempts,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  doneAt: r.done_at,
  source: r.source as OpSource,
  destructive: r.destructive === 1,
  weight: r.weight,
  caseId: r.case_id,
  startedAt: r.started_at,
  nextAttemptAt: r.next_attempt_at,
  key: r.idempotency_key,
  payload: JSON.parse(r.payload) as OpPayload,
  result: r.result === null ? null : (JSON.parse(r.result) as unknown),
});

/** The public view (no payload or result: they may be large), labelled by `label` (electron/sync/op-label.ts). */
export const opView = (op: JournalOp, words?: OpLabeller): SyncOpView => {
  const {
    key: _k,
    payload: _p,
    result: _r,
    weight: _w,
    caseId: _c,
    startedAt: _s,
    nextAttemptAt: _n,
    ...view
  } = op;
  return words ? { ...view, label: words.label(op), consequence: words.consequence(op) } : view;
};

export interface NewOp {
  runId: number;
  appId: string;
  personId: string | null;
  kind: SyncOpKind;
  target: string;
  status: 'planned' | 'held';
  reason: string;
  heldReason: string | null;
  payload: OpPayload;
  key: string;
  source: OpSource;
  destructive: boolean;
  /** How much it counts against the bulk limits (0: not destructive, or an explicit offboard). */
  weight: number;
  caseId?: number | null;
}

export const createJournal = (db: Db, now: () => string) => {
  const insert = db.prepare(
    `INSERT INTO plan_ops (run_id, app_id, person_id, kind, target, status, reason, payload, idempotency_key,
       held_reason, created_at, updated_at, source, destructive, weight, case_id)
     VALUES (@runId, @appId, @personId, @kind, @target, @status, @reason, @payload, @key, @heldReason, @at, @at,
       @source, @destructive, @weight, @caseId)`,
  );
  const byId = db.prepare<[number], OpRow>('SELECT * FROM plan_ops WHERE id = ?');
  const openByKey = db.prepare<[string], OpRow>(
    `SELECT * FROM plan_ops WHERE idempotency_key = ? AND status IN ('planned','held','approved','running')`,
  );
  const doneByKey = db.prepare<[string], { id: number }>(
    `SELECT id FROM plan_ops WHERE idempotency_key = ? AND status = 'done' LIMIT 1`,
  );
  const openForApp = db.prepare<[string], OpRow>(
    `SELECT * FROM plan_ops WHERE app_id = ? AND status IN ('planned','held','approved','running') ORDER BY id`,
  );
  const heldAll = db.prepare<[], OpRow>(`SELECT * FROM plan_ops WHERE status = 'held' ORDER BY app_id, id`);
  const heldCount = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM plan_ops WHERE status = 'held'`);
  const ofRun = db.prepare<[number], OpRow>('SELECT * FROM plan_ops WHERE run_id = ? ORDER BY id');
  const setStatus = db.prepare(
    `UPDATE plan_ops SET status = @status, updated_at = @at, held_reason = coalesce(@heldReason, held_reason),
       error = @error, run_id = coalesce(@runId, run_id) WHERE id = @id`,
  );
  const start = db.prepare(
    `UPDATE plan_ops SET status = 'running', attempts = attempts + 1, updated_at = @at, run_id = @runId,
       started_at = @at, next_attempt_at = NULL WHERE id = @id`,
  );
  const retryLater = db.prepare(
    `UPDATE plan_ops SET status = 'planned', error = @error, updated_at = @at, next_attempt_at = @next WHERE id = @id`,
  );
  const windowUse = db.prepare<[string], { app_id: string; w: number }>(
    `SELECT app_id, sum(weight) AS w FROM plan_ops WHERE weight > 0 AND started_at >= ? GROUP BY app_id`,
  );
  const createdByLanyard = db.prepare<[string, string], { id: number }>(
    `SELECT id FROM plan_ops WHERE app_id = ? AND kind = 'create' AND status = 'done'
       AND json_extract(result, '$.remoteId') = ? AND coalesce(json_extract(result, '$.adopted'), 0) = 0 LIMIT 1`,
  );
  const openOfKind = db.prepare<[string], OpRow>(
    `SELECT * FROM plan_ops WHERE kind = ? AND status IN ('planned','held','approved','running') ORDER BY id`,
  );
  const latestByKey = db.prepare<[string], OpRow>(
    'SELECT * FROM plan_ops WHERE idempotency_key = ? ORDER BY id DESC LIMIT 1',
  );
  const failuresByKey = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM plan_ops WHERE idempotency_key = ? AND status = 'failed'`,
  );
  const finish = db.prepare(
    `UPDATE plan_ops SET status = @status, result = @result, error = @error, updated_at = @at,
       done_at = CASE WHEN @status = 'done' THEN @at ELSE done_at END WHERE id = @id`,
  );
  const lastDeactivation = db.prepare<[string, string], { done_at: string }>(
    `SELECT done_at FROM plan_ops WHERE app_id = ? AND kind = 'deactivate' AND status = 'done'
       AND json_extract(payload, '$.remoteId') = ? ORDER BY id DESC LIMIT 1`,
  );

  return {
    insert(op: NewOp): JournalOp {
      const id = Number(
        insert.run({
          ...op,
          payload: JSON.stringify(op.payload),
          destructive: op.destructive ? 1 : 0,
          caseId: op.caseId ?? null,
          at: now(),
        }).lastInsertRowid,
      );
      return toOp(byId.get(id)!);
    },
    get(id: number): JournalOp | null {
      const r = byId.get(id);
      return r ? toOp(r) : null;
    },
    openByKey(key: string): JournalOp | null {
      const r = openByKey.get(key);
      return r ? toOp(r) : null;
    },
    /** A manual task with this key was already issued (it stays open until an admin confirms the account). */
    issued(key: string): boolean {
      return doneByKey.get(key) !== undefined;
    },
    openForApp(appId: string): JournalOp[] {
      return openForApp.all(appId).map(toOp);
    },
    held(): JournalOp[] {
      return heldAll.all().map(toOp);
    },
    heldCount(): number {
      return heldCount.get()!.n;
    },
    ofRun(runId: number): JournalOp[] {
      return ofRun.all(runId).map(toOp);
    },
    setStatus(
      id: number,
      status: SyncOpStatus,
      extra: { heldReason?: string | null; error?: string | null; runId?: number | null } = {},
    ): void {
      setStatus.run({
        id,
        status,
        at: now(),
        heldReason: extra.heldReason ?? null,
        error: extra.error ?? null,
        runId: extra.runId ?? null,
      });
    },
    /** Committed before the request: after a crash, a `running` op is one whose request may or may not have happened. */
    start(id: number, runId: number): void {
      start.run({ id, runId, at: now() });
    },
    finish(
      id: number,
      status: 'done' | 'failed' | 'skipped' | 'superseded',
      result: unknown,
      error: string | null,
    ): void {
      finish.run({
        id,
        status,
        result: result === undefined ? null : JSON.stringify(result),
        error,
        at: now(),
      });
    },
    /** Back to planned after a failed attempt, to be retried no earlier than `next` (kill-switch steps). */
    retryLater(id: number, error: string, next: string): void {
      retryLater.run({ id, error, next, at: now() });
    },
    /** Destructive weight whose first request was sent at or after `since`, per app and in total. */
    windowUse(since: string): { total: number; perApp: Record<string, number> } {
      const perApp: Record<string, number> = {};
      let total = 0;
      for (const r of windowUse.all(since)) {
        perApp[r.app_id] = r.w;
        total += r.w;
      }
      return { total, perApp };
    },
    /** Lanyard created this account itself (a done create, not an adoption of an existing account). */
    createdByLanyard(appId: string, remoteId: string): boolean {
      return createdByLanyard.get(appId, remoteId) !== undefined;
    },
    openOfKind(kind: SyncOpKind): JournalOp[] {
      return openOfKind.all(kind).map(toOp);
    },
    latestByKey(key: string): JournalOp | null {
      const r = latestByKey.get(key);
      return r ? toOp(r) : null;
    },
    failures(key: string): number {
      return failuresByKey.get(key)!.n;
    },
    /** When Lanyard last deactivated this account (for deactivate-then-delete-after-N-days). */
    deactivatedAt(appId: string, remoteId: string): string | null {
      return lastDeactivation.get(appId, remoteId)?.done_at ?? null;
    },
  };
};

export type Journal = ReturnType<typeof createJournal>;
