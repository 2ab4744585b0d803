// The offboarding_cases and offboarding_tasks rows (migrations 001 + 004). Plain SQL, no decisions: the case
// service decides what to write; task status is derived from the linked op by task-status.ts.
import type { Db } from '../store/database';
import type { GuardedOp } from '../sync/types';
import type {
  OffboardingCaseStatus,
  OffboardingTaskKind,
  OffboardingTaskStatus,
} from '../../shared/api/methods-offboarding';

export interface CaseRow {
  id: number;
  person_id: string;
  trigger: 'directory' | 'manual';
  status: OffboardingCaseStatus;
  opened_at: string;
  closed_at: string | null;
  opened_by: string;
  person_label: string;
  reason: string;
  key_status: string;
  key_changed_at: string | null;
  kill_sessions: number;
  closed_reason: string | null;
}

/** What a task is about, kept as JSON: the account, the op kind, the manual instructions, results. */
export interface TaskDetail {
  remoteId?: string;
  userName?: string;
  opKind?: string;
  /** What the step does, in the shared op labels ("Remove from the GitHub org"), fixed when the case is planned. */
  effect?: string;
  /** What the effect means for the person ("They lose every repository …"), for the approval's confirmation. */
  consequence?: string | null;
  reason?: string;
  instructions?: string;
  /** Error of a kill-switch step. */
  error?: string;
  /** The planned op, journaled when the case runs (unless a sync run already journaled the same key). */
  op?: GuardedOp;
}

export interface TaskRow {
  id: number;
  case_id: number;
  app_id: string | null;
  kind: OffboardingTaskKind;
  title: string;
  status: OffboardingTaskStatus;
  note: string | null;
  op_id: number | null;
  done_at: string | null;
  done_by: string | null;
  position: number;
  op_key: string | null;
  detail: string;
  verification: string | null;
  verified_at: string | null;
}

export interface NewCase {
  personId: string;
  trigger: 'directory' | 'manual';
  openedAt: string;
  openedBy: string;
  personLabel: string;
  reason: string;
  keyStatus: string;
  keyChangedAt: string | null;
  killSessions: boolean;
}

export interface NewTask {
  appId: string | null;
  kind: OffboardingTaskKind;
  title: string;
  status: OffboardingTaskStatus;
  opId: number | null;
  opKey: string | null;
  detail: TaskDetail;
}

export const parseDetail = (t: TaskRow): TaskDetail => JSON.parse(t.detail) as TaskDetail;

export const createCasesRepo = (db: Db) => {
  const insertCase = db.prepare(
    `INSERT INTO offboarding_cases (person_id, trigger, status, opened_at, opened_by, person_label, reason,
       key_status, key_changed_at, kill_sessions)
     VALUES (@personId, @trigger, 'open', @openedAt, @openedBy, @personLabel, @reason, @keyStatus, @keyChangedAt, @kill)`,
  );
  const insertTask = db.prepare(
    `INSERT INTO offboarding_tasks (case_id, app_id, kind, title, status, op_id, op_key, detail, position)
     VALUES (@caseId, @appId, @kind, @title, @status, @opId, @opKey, @detail, @position)`,
  );
  const caseById = db.prepare<[number], CaseRow>('SELECT * FROM offboarding_cases WHERE id = ?');
  const openFor = db.prepare<[string], CaseRow>(
    `SELECT * FROM offboarding_cases WHERE person_id = ? AND status = 'open'`,
  );
  const lastFor = db.prepare<[string], CaseRow>(
    'SELECT * FROM offboarding_cases WHERE person_id = ? ORDER BY id DESC LIMIT 1',
  );
  const all = db.prepare<[], CaseRow>('SELECT * FROM offboarding_cases ORDER BY id DESC');
  const byStatus = db.prepare<[string], CaseRow>(
    'SELECT * FROM offboarding_cases WHERE status = ? ORDER BY id DESC',
  );
  const tasksOf = db.prepare<[number], TaskRow>(
    'SELECT * FROM offboarding_tasks WHERE case_id = ? ORDER BY position, id',
  );
  const taskById = db.prepare<[number], TaskRow>('SELECT * FROM offboarding_tasks WHERE id = ?');
  const setTask = db.prepare(
    `UPDATE offboarding_tasks SET status = @status, note = coalesce(@note, note), done_at = @doneAt,
       done_by = @doneBy WHERE id = @id`,
  );
  const linkOp = db.prepare<[number, number]>('UPDATE offboarding_tasks SET op_id = ? WHERE id = ?');
  const setDetail = db.prepare<[string, number]>('UPDATE offboarding_tasks SET detail = ? WHERE id = ?');
  const setVerification = db.prepare<[string | null, string | null, number]>(
    'UPDATE offboarding_tasks SET verification = ?, verified_at = ? WHERE id = ?',
  );
  const closeCase = db.prepare<[string, string, string | null, number]>(
    `UPDATE offboarding_cases SET status = ?, closed_at = ?, closed_reason = ? WHERE id = ? AND status = 'open'`,
  );

  return {
    insertCase(c: NewCase): number {
      return Number(insertCase.run({ ...c, kill: c.killSessions ? 1 : 0 }).lastInsertRowid);
    },
    insertTask(caseId: number, position: number, t: NewTask): number {
      return Number(
        insertTask.run({ caseId, position, ...t, detail: JSON.stringify(t.detail) }).lastInsertRowid,
      );
    },
    getCase: (id: number): CaseRow | null => caseById.get(id) ?? null,
    openCaseFor: (personId: string): CaseRow | null => openFor.get(personId) ?? null,
    lastCaseFor: (personId: string): CaseRow | null => lastFor.get(personId) ?? null,
    listCases: (status?: OffboardingCaseStatus): CaseRow[] => (status ? byStatus.all(status) : all.all()),
    tasks: (caseId: number): TaskRow[] => tasksOf.all(caseId),
    task: (id: number): TaskRow | null => taskById.get(id) ?? null,
    setTask(
      id: number,
      status: OffboardingTaskStatus,
      by: { at: string | null; by: string | null; note?: string },
    ): void {
      setTask.run({ id, status, note: by.note ?? null, doneAt: by.at, doneBy: by.by });
    },
    linkOp: (taskId: number, opId: number): void => void linkOp.run(opId, taskId),
    setDetail: (taskId: number, d: TaskDetail): void => void setDetail.run(JSON.stringify(d), taskId),
    setVerification: (taskId: number, result: string | null, at: string | null): void =>
      void setVerification.run(result, at, taskId),
    close(id: number, status: 'closed' | 'cancelled', at: string, reason: string | null): boolean {
      return closeCase.run(status, at, reason, id).changes > 0;
    },
  };
};

export type CasesRepo = ReturnType<typeof createCasesRepo>;
