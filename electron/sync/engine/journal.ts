// The sync journal: plan_ops rows. Every op is written here BEFORE any request is sent, and every state change
// (planned/held/approved → running → done/failed/skipped) is committed around the request, so a crash at any point
// leaves a journal a restart can finish from. The idempotency key is unique among open ops (migration 003): the
// same situation replanned by a later run finds its op instead of adding a second one.
import { jsonString } from '../../store/sql-json';
import type { Store } from '../../store/store';
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

const OPEN = [...OPEN_STATUSES];

/** A JSON text column parsed, or null when it is empty or not JSON (a row written by hand, say). */
export const parsedObject = (text: string | null): Record<string, unknown> | null => {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

export const createJournal = (store: Store, now: () => string) => {
  const ops = () => store.q().selectFrom('plan_ops').selectAll();
  const one = async (q: ReturnType<typeof ops>): Promise<JournalOp | null> => {
    const r = await q.executeTakeFirst();
    return r ? toOp(r as OpRow) : null;
  };
  const all = async (q: ReturnType<typeof ops>): Promise<JournalOp[]> =>
    (await q.execute()).map((r) => toOp(r as OpRow));

  return {
    async insert(op: NewOp): Promise<JournalOp> {
      const at = now();
      const row = await store
        .q()
        .insertInto('plan_ops')
        .values({
          run_id: op.runId,
          app_id: op.appId,
          person_id: op.personId,
          kind: op.kind,
          target: op.target,
          status: op.status,
          reason: op.reason,
          payload: JSON.stringify(op.payload),
          idempotency_key: op.key,
          held_reason: op.heldReason,
          created_at: at,
          updated_at: at,
          source: op.source,
          destructive: op.destructive ? 1 : 0,
          weight: op.weight,
          case_id: op.caseId ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toOp(row as OpRow);
    },
    get(id: number): Promise<JournalOp | null> {
      return one(ops().where('id', '=', id));
    },
    openByKey(key: string): Promise<JournalOp | null> {
      return one(ops().where('idempotency_key', '=', key).where('status', 'in', OPEN).orderBy('id').limit(1));
    },
    /** A manual task with this key was already issued (it stays open until an admin confirms the account). */
    async issued(key: string): Promise<boolean> {
      const r = await store
        .q()
        .selectFrom('plan_ops')
        .select('id')
        .where('idempotency_key', '=', key)
        .where('status', '=', 'done')
        .limit(1)
        .executeTakeFirst();
      return r !== undefined;
    },
    openForApp(appId: string): Promise<JournalOp[]> {
      return all(ops().where('app_id', '=', appId).where('status', 'in', OPEN).orderBy('id'));
    },
    held(): Promise<JournalOp[]> {
      return all(ops().where('status', '=', 'held').orderBy('app_id').orderBy('id'));
    },
    async heldCount(): Promise<number> {
      const r = await store
        .q()
        .selectFrom('plan_ops')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'held')
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    ofRun(runId: number): Promise<JournalOp[]> {
      return all(ops().where('run_id', '=', runId).orderBy('id'));
    },
    async setStatus(
      id: number,
      status: SyncOpStatus,
      extra: { heldReason?: string | null; error?: string | null; runId?: number | null } = {},
    ): Promise<void> {
      await store
        .q()
        .updateTable('plan_ops')
        .set({
          status,
          updated_at: now(),
          error: extra.error ?? null,
          // A null keeps the column as it was.
          ...(extra.heldReason != null ? { held_reason: extra.heldReason } : {}),
          ...(extra.runId != null ? { run_id: extra.runId } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
    /** Committed before the request: after a crash, a `running` op is one whose request may or may not have happened. */
    async start(id: number, runId: number): Promise<void> {
      const at = now();
      await store
        .q()
        .updateTable('plan_ops')
        .set((eb) => ({
          status: 'running',
          attempts: eb('attempts', '+', 1),
          updated_at: at,
          run_id: runId,
          started_at: at,
          next_attempt_at: null,
        }))
        .where('id', '=', id)
        .execute();
    },
    async finish(
      id: number,
      status: 'done' | 'failed' | 'skipped' | 'superseded',
      result: unknown,
      error: string | null,
    ): Promise<void> {
      const at = now();
      await store
        .q()
        .updateTable('plan_ops')
        .set({
          status,
          result: result === undefined ? null : JSON.stringify(result),
          error,
          updated_at: at,
          ...(status === 'done' ? { done_at: at } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
    /** Back to planned after a failed attempt, to be retried no earlier than `next` (kill-switch steps). */
    async retryLater(id: number, error: string, next: string): Promise<void> {
      await store
        .q()
        .updateTable('plan_ops')
        .set({ status: 'planned', error, updated_at: now(), next_attempt_at: next })
        .where('id', '=', id)
        .execute();
    },
    /** Destructive weight whose first request was sent at or after `since`, per app and in total. */
    async windowUse(since: string): Promise<{ total: number; perApp: Record<string, number> }> {
      const rows = await store
        .q()
        .selectFrom('plan_ops')
        .select((eb) => ['app_id', eb.fn.sum<number>('weight').as('w')])
        .where('weight', '>', 0)
        .where('started_at', '>=', since)
        .groupBy('app_id')
        .execute();
      const perApp: Record<string, number> = {};
      let total = 0;
      for (const r of rows) {
        const w = Number(r.w);
        perApp[r.app_id] = w;
        total += w;
      }
      return { total, perApp };
    },
    /** Lanyard created this account itself (a done create, not an adoption of an existing account). */
    async createdByLanyard(appId: string, remoteId: string): Promise<boolean> {
      const rows = await store
        .q()
        .selectFrom('plan_ops')
        .select('result')
        .where('app_id', '=', appId)
        .where('kind', '=', 'create')
        .where('status', '=', 'done')
        .where(jsonString(store, 'result', ['remoteId']), '=', remoteId)
        .execute();
      return rows.some((r) => !parsedObject(r.result)?.adopted);
    },
    openOfKind(kind: SyncOpKind): Promise<JournalOp[]> {
      return all(ops().where('kind', '=', kind).where('status', 'in', OPEN).orderBy('id'));
    },
    latestByKey(key: string): Promise<JournalOp | null> {
      return one(ops().where('idempotency_key', '=', key).orderBy('id', 'desc').limit(1));
    },
    async failures(key: string): Promise<number> {
      const r = await store
        .q()
        .selectFrom('plan_ops')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('idempotency_key', '=', key)
        .where('status', '=', 'failed')
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** When Lanyard last deactivated this account (for deactivate-then-delete-after-N-days). */
    async deactivatedAt(appId: string, remoteId: string): Promise<string | null> {
      const r = await store
        .q()
        .selectFrom('plan_ops')
        .select('done_at')
        .where('app_id', '=', appId)
        .where('kind', '=', 'deactivate')
        .where('status', '=', 'done')
        .where(jsonString(store, 'payload', ['remoteId']), '=', remoteId)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r?.done_at ?? null;
    },
  };
};

export type Journal = ReturnType<typeof createJournal>;
