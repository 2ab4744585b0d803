// Tasks a sync run (or an access review) issued for manual apps: manual-task ops the gate journaled and marked
// `done` (= issued to a person). Such a task is open until someone does it: marked done here (the op's journaled
// `confirmed`), or the accounts table already shows it (confirmed with `lanyard apps confirm`), or it no longer
// applies (a later task for the same account replaced it; a joiner left before getting the account). Tasks of an
// offboarding case are the case's (case-tasks.ts). Reads only.
import { sql } from 'kysely';
import type { Store } from '../store/store';
import type { OpPayload } from '../sync/types';
import type { HandTaskView } from '../../shared/api/methods-tasks';
import { confirmationOf, type Confirmation } from './task-journal';

export interface IssuedOp {
  id: number;
  runId: number;
  appId: string;
  personId: string | null;
  key: string;
  reason: string;
  createdAt: string;
  payload: Extract<OpPayload, { kind: 'manual-task' }>;
  confirmed: Confirmation | null;
}

interface Row {
  id: number;
  run_id: number;
  app_id: string;
  person_id: string | null;
  idempotency_key: string;
  reason: string;
  created_at: string;
  payload: string;
  result: string | null;
}

const LEAVING = new Set(['deactivated', 'deleted', 'remove-from-group']);

const toIssued = (r: Row): IssuedOp => ({
  id: r.id,
  runId: r.run_id,
  appId: r.app_id,
  personId: r.person_id,
  key: r.idempotency_key,
  reason: r.reason,
  createdAt: r.created_at,
  payload: JSON.parse(r.payload) as IssuedOp['payload'],
  confirmed: confirmationOf(r.result),
});

export const createIssuedTasks = (store: Store) => {
  const COLUMNS = [
    'id',
    'run_id',
    'app_id',
    'person_id',
    'idempotency_key',
    'reason',
    'created_at',
    'payload',
    'result',
  ] as const;
  const issuedOps = () =>
    store
      .q()
      .selectFrom('plan_ops')
      .select(COLUMNS)
      .where('kind', '=', 'manual-task')
      .where('status', '=', 'done')
      .where('case_id', 'is', null);
  const person = (id: string) =>
    store
      .q()
      .selectFrom('people')
      .select([sql<string>`coalesce(display_name, email, login)`.as('label'), 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
  /** The first sync run started after the Done (null: none yet). */
  const runSince = async (c: Confirmation): Promise<{ id: number; started_at: string } | null> =>
    (await store
      .q()
      .selectFrom('runs')
      .select(['id', 'started_at'])
      .where('id', '>', c.lastRun ?? 0)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst()) ?? null;

  /** The accounts table already shows what the task asks for (someone confirmed it another way). */
  const shown = async (op: IssuedOp): Promise<boolean> => {
    const p = op.payload;
    const id = (p.remoteId ?? p.spec?.userName ?? '').toLowerCase();
    const a = await store
      .q()
      .selectFrom('accounts')
      .select(['active', 'role'])
      .where('app_id', '=', op.appId)
      .where((eb) => eb.or([eb('person_id', '=', op.personId ?? ''), eb('remote_id', '=', id)]))
      .orderBy('active', 'desc')
      .orderBy('remote_id')
      .limit(1)
      .executeTakeFirst();
    switch (p.action) {
      case 'created':
      case 'reactivated':
        return a?.active === 1;
      case 'deactivated':
        return !a || a.active === 0;
      case 'deleted':
        return !a;
      case 'updated':
        return !a || (p.role !== null && a.role === p.role);
      default:
        return false;
    }
  };

  /** A joiner who is no longer active no longer needs the account. */
  const moot = async (op: IssuedOp): Promise<boolean> =>
    !LEAVING.has(op.payload.action) && !!op.personId && (await person(op.personId))?.status !== 'active';

  const view = async (op: IssuedOp, appName: string | null): Promise<HandTaskView> => {
    const p = op.payload;
    const c = op.confirmed;
    const next = c ? await runSince(c) : null;
    const who = op.personId ? (await person(op.personId))?.label : null;
    return {
      id: `op:${op.id}`,
      side: LEAVING.has(p.action) ? 'leaver' : 'joiner',
      action: p.action,
      appId: op.appId,
      appName,
      assignee: p.task.assignee,
      personId: op.personId,
      person: who ?? p.task.target ?? '',
      title: p.task.title,
      instructions: p.task.instructions,
      reason: op.reason,
      caseId: null,
      opId: op.id,
      opKey: op.key,
      issuedAt: op.createdAt,
      status: c ? 'done' : 'open',
      doneAt: c?.at ?? null,
      doneBy: c?.by ?? null,
      note: c?.note || null,
      undo: c
        ? next
          ? { allowed: false, until: `sync run #${next.id} has since confirmed it` }
          : { allowed: true, until: 'until the next sync run confirms it' }
        : null,
    };
  };

  return {
    get: async (id: number): Promise<IssuedOp | null> => {
      const r = await issuedOps().where('id', '=', id).executeTakeFirst();
      return r ? toIssued(r) : null;
    },
    shown,
    moot,
    view,
    runSince,
    /** The newest run's id (0: none yet), kept with a Done. */
    lastRun: async (): Promise<number> =>
      Number(
        (
          await store
            .q()
            .selectFrom('runs')
            .select((eb) => eb.fn.max('id').as('id'))
            .executeTakeFirst()
        )?.id ?? 0,
      ),
    /** Open tasks, and Dones still within their undo window; only the newest task per account counts. */
    async list(
      appName: (id: string) => string | null,
    ): Promise<{ open: HandTaskView[]; done: HandTaskView[] }> {
      const latest = new Map<string, IssuedOp>();
      for (const op of (await issuedOps().orderBy('id').execute()).map(toIssued)) {
        latest.set(`${op.appId}\u0000${op.personId ?? op.payload.task.target}`, op);
      }
      const open: HandTaskView[] = [];
      const done: HandTaskView[] = [];
      for (const op of latest.values()) {
        if (op.confirmed) {
          const v = await view(op, appName(op.appId));
          if (v.undo?.allowed) done.push(v);
        } else if (!(await shown(op)) && !(await moot(op))) open.push(await view(op, appName(op.appId)));
      }
      return { open, done };
    },
  };
};

export type IssuedTasks = ReturnType<typeof createIssuedTasks>;
