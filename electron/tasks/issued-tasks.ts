// Tasks a sync run (or an access review) issued for manual apps: manual-task ops the gate journaled and marked
// `done` (= issued to a person). Such a task is open until someone does it: marked done here (the op's journaled
// `confirmed`), or the accounts table already shows it (confirmed with `lanyard apps confirm`), or it no longer
// applies (a later task for the same account replaced it; a joiner left before getting the account). Tasks of an
// offboarding case are the case's (case-tasks.ts). Reads only.
import type { Db } from '../store/database';
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

export const createIssuedTasks = (db: Db) => {
  const issued = db.prepare<[], Row>(
    `SELECT id, run_id, app_id, person_id, idempotency_key, reason, created_at, payload, result FROM plan_ops
     WHERE kind = 'manual-task' AND status = 'done' AND case_id IS NULL ORDER BY id`,
  );
  const one = db.prepare<[number], Row>(
    `SELECT id, run_id, app_id, person_id, idempotency_key, reason, created_at, payload, result FROM plan_ops
     WHERE id = ? AND kind = 'manual-task' AND status = 'done' AND case_id IS NULL`,
  );
  const person = db.prepare<[string], { label: string; status: string }>(
    `SELECT coalesce(display_name, email, login) AS label, status FROM people WHERE id = ?`,
  );
  const accountOf = db.prepare<[string, string, string], { active: number; role: string | null }>(
    `SELECT active, role FROM accounts WHERE app_id = ? AND (person_id = ? OR remote_id = ?)
     ORDER BY active DESC LIMIT 1`,
  );
  const runAfter = db.prepare<[number], { id: number; started_at: string }>(
    'SELECT id, started_at FROM runs WHERE id > ? ORDER BY id LIMIT 1',
  );
  const lastRun = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM runs');
  /** The first sync run started after the Done (null: none yet). */
  const runSince = (c: Confirmation): { id: number; started_at: string } | null =>
    runAfter.get(c.lastRun ?? 0) ?? null;

  /** The accounts table already shows what the task asks for (someone confirmed it another way). */
  const shown = (op: IssuedOp): boolean => {
    const p = op.payload;
    const id = (p.remoteId ?? p.spec?.userName ?? '').toLowerCase();
    const a = accountOf.get(op.appId, op.personId ?? '', id);
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
  const moot = (op: IssuedOp): boolean =>
    !LEAVING.has(op.payload.action) && !!op.personId && person.get(op.personId)?.status !== 'active';

  const view = (op: IssuedOp, appName: string | null): HandTaskView => {
    const p = op.payload;
    const c = op.confirmed;
    const next = c ? runSince(c) : null;
    return {
      id: `op:${op.id}`,
      side: LEAVING.has(p.action) ? 'leaver' : 'joiner',
      action: p.action,
      appId: op.appId,
      appName,
      assignee: p.task.assignee,
      personId: op.personId,
      person: (op.personId ? person.get(op.personId)?.label : null) ?? p.task.target ?? '',
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
    get: (id: number): IssuedOp | null => {
      const r = one.get(id);
      return r ? toIssued(r) : null;
    },
    shown,
    moot,
    view,
    runSince,
    /** The newest run's id (0: none yet), kept with a Done. */
    lastRun: (): number => lastRun.get()?.id ?? 0,
    /** Open tasks, and Dones still within their undo window; only the newest task per account counts. */
    list(appName: (id: string) => string | null): { open: HandTaskView[]; done: HandTaskView[] } {
      const latest = new Map<string, IssuedOp>();
      for (const op of issued.all().map(toIssued)) {
        latest.set(`${op.appId}\u0000${op.personId ?? op.payload.task.target}`, op);
      }
      const open: HandTaskView[] = [];
      const done: HandTaskView[] = [];
      for (const op of latest.values()) {
        if (op.confirmed) {
          const v = view(op, appName(op.appId));
          if (v.undo?.allowed) done.push(v);
        } else if (!shown(op) && !moot(op)) open.push(view(op, appName(op.appId)));
      }
      return { open, done };
    },
  };
};

export type IssuedTasks = ReturnType<typeof createIssuedTasks>;
