// The offboarding_cases and offboarding_tasks rows (migrations 001 + 004). Plain SQL, no decisions: the case
// service decides what to write; task status is derived from the linked op by task-status.ts.
import type { Store } from '../store/store';
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

export const createCasesRepo = (store: Store) => {
  const cases = () => store.q().selectFrom('offboarding_cases').selectAll();
  const asCase = (r: unknown): CaseRow => r as CaseRow;
  return {
    async insertCase(c: NewCase): Promise<number> {
      const r = await store
        .q()
        .insertInto('offboarding_cases')
        .values({
          person_id: c.personId,
          trigger: c.trigger,
          status: 'open',
          opened_at: c.openedAt,
          opened_by: c.openedBy,
          person_label: c.personLabel,
          reason: c.reason,
          key_status: c.keyStatus,
          key_changed_at: c.keyChangedAt,
          kill_sessions: c.killSessions ? 1 : 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    },
    async insertTask(caseId: number, position: number, t: NewTask): Promise<number> {
      const r = await store
        .q()
        .insertInto('offboarding_tasks')
        .values({
          case_id: caseId,
          app_id: t.appId,
          kind: t.kind,
          title: t.title,
          status: t.status,
          op_id: t.opId,
          op_key: t.opKey,
          detail: JSON.stringify(t.detail),
          position,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    },
    getCase: async (id: number): Promise<CaseRow | null> =>
      ((await cases().where('id', '=', id).executeTakeFirst()) as CaseRow | undefined) ?? null,
    openCaseFor: async (personId: string): Promise<CaseRow | null> =>
      ((await cases().where('person_id', '=', personId).where('status', '=', 'open').executeTakeFirst()) as
        CaseRow | undefined) ?? null,
    lastCaseFor: async (personId: string): Promise<CaseRow | null> =>
      ((await cases().where('person_id', '=', personId).orderBy('id', 'desc').limit(1).executeTakeFirst()) as
        CaseRow | undefined) ?? null,
    listCases: async (status?: OffboardingCaseStatus): Promise<CaseRow[]> =>
      (status
        ? await cases().where('status', '=', status).orderBy('id', 'desc').execute()
        : await cases().orderBy('id', 'desc').execute()
      ).map(asCase),
    tasks: async (caseId: number): Promise<TaskRow[]> =>
      (await store
        .q()
        .selectFrom('offboarding_tasks')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('position')
        .orderBy('id')
        .execute()) as TaskRow[],
    task: async (id: number): Promise<TaskRow | null> =>
      ((await store
        .q()
        .selectFrom('offboarding_tasks')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()) as TaskRow | undefined) ?? null,
    async setTask(
      id: number,
      status: OffboardingTaskStatus,
      by: { at: string | null; by: string | null; note?: string },
    ): Promise<void> {
      await store
        .q()
        .updateTable('offboarding_tasks')
        .set({
          status,
          ...(by.note !== undefined ? { note: by.note } : {}),
          done_at: by.at,
          done_by: by.by,
        })
        .where('id', '=', id)
        .execute();
    },
    async linkOp(taskId: number, opId: number): Promise<void> {
      await store
        .q()
        .updateTable('offboarding_tasks')
        .set({ op_id: opId })
        .where('id', '=', taskId)
        .execute();
    },
    async setDetail(taskId: number, d: TaskDetail): Promise<void> {
      await store
        .q()
        .updateTable('offboarding_tasks')
        .set({ detail: JSON.stringify(d) })
        .where('id', '=', taskId)
        .execute();
    },
    async setVerification(taskId: number, result: string | null, at: string | null): Promise<void> {
      await store
        .q()
        .updateTable('offboarding_tasks')
        .set({ verification: result, verified_at: at })
        .where('id', '=', taskId)
        .execute();
    },
    /** Task back to to-do (checklist) or pending (manual app task), its Done forgotten. */
    async reopenTask(taskId: number, status: 'todo' | 'pending'): Promise<void> {
      await store
        .q()
        .updateTable('offboarding_tasks')
        .set({ status, note: null, done_at: null, done_by: null })
        .where('id', '=', taskId)
        .execute();
    },
    async close(
      id: number,
      status: 'closed' | 'cancelled',
      at: string,
      reason: string | null,
    ): Promise<boolean> {
      const r = await store
        .q()
        .updateTable('offboarding_cases')
        .set({ status, closed_at: at, closed_reason: reason })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
};

export type CasesRepo = ReturnType<typeof createCasesRepo>;
