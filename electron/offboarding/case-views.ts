// Reading cases as the API shows them: each task's status derived from its latest op (task-status.ts), its detail
// (held reason, failure, skip reason, note), and the case's progress; plus the pending count (review + todo over
// open cases) that the tray and notifications show.
import type { Db } from '../store/database';
import type {
  OffboardingCaseStatus,
  OffboardingCaseView,
  OffboardingTaskView,
} from '../../shared/api/methods-offboarding';
import type { SyncOpStatus } from '../../shared/api/methods-sync';
import { parseDetail, type CaseRow, type CasesRepo, type TaskRow } from './cases-repo';
import { isPendingForAdmin, progressOf, taskStatus } from './task-status';
import { taskWords } from './task-effect';
import type { AppConfig } from '../sync/types';

export interface LatestOp {
  id: number;
  status: SyncOpStatus;
  kind: string;
  reason: string;
  held_reason: string | null;
  error: string | null;
  created_at: string;
  done_at: string | null;
}

export const createOpLookup = (db: Db) => {
  const byKey = db.prepare<[string], LatestOp>(
    `SELECT id, status, kind, reason, held_reason, error, created_at, done_at FROM plan_ops
     WHERE idempotency_key = ? ORDER BY id DESC LIMIT 1`,
  );
  const byId = db.prepare<[number], LatestOp>(
    'SELECT id, status, kind, reason, held_reason, error, created_at, done_at FROM plan_ops WHERE id = ?',
  );
  /** The op a task follows: the newest with its key (a retry is a new row), else the linked one. */
  return (t: Pick<TaskRow, 'op_key' | 'op_id'>): LatestOp | null =>
    (t.op_key ? byKey.get(t.op_key) : undefined) ?? (t.op_id ? byId.get(t.op_id) : undefined) ?? null;
};

export type OpLookup = ReturnType<typeof createOpLookup>;

export const createCaseViews = (db: Db, repo: CasesRepo, appOf: (id: string) => AppConfig | null) => {
  const latestOp = createOpLookup(db);
  const display = db.prepare<[string], { display_name: string | null }>(
    'SELECT display_name FROM people WHERE id = ?',
  );

  const taskView = (t: TaskRow): OffboardingTaskView => {
    const op = t.op_key || t.op_id ? latestOp(t) : null;
    const status = taskStatus(t, op);
    const d = parseDetail(t);
    const app = t.app_id ? appOf(t.app_id) : null;
    const words = taskWords(t, d, app);
    const detail =
      t.note ??
      (status === 'review' ? op?.held_reason : null) ??
      (status === 'failed' ? (op?.error ?? d.error) : null) ??
      (status === 'skipped' ? op?.error : null) ??
      d.error ??
      op?.reason ??
      d.reason ??
      null;
    return {
      id: t.id,
      caseId: t.case_id,
      kind: t.kind,
      appId: t.app_id,
      appName: app?.name ?? null,
      title: words.title,
      effect: words.effect,
      account: d.userName ?? null,
      consequence: words.consequence,
      status,
      opId: op?.id ?? t.op_id,
      detail,
      instructions: d.instructions ?? null,
      doneAt: t.done_at ?? (status === 'done' ? (op?.done_at ?? null) : null),
      doneBy: t.done_by,
      verification: t.verification,
      verifiedAt: t.verified_at,
    };
  };

  const caseView = (c: CaseRow): OffboardingCaseView => {
    const tasks = repo.tasks(c.id).map(taskView);
    return {
      id: c.id,
      personId: c.person_id,
      person: c.person_label,
      displayName: display.get(c.person_id)?.display_name ?? null,
      trigger: c.trigger,
      reason: c.reason,
      status: c.status,
      openedAt: c.opened_at,
      openedBy: c.opened_by,
      closedAt: c.closed_at,
      closedReason: c.closed_reason,
      killSessions: c.kill_sessions === 1,
      progress: progressOf(tasks.map((t) => t.status)),
      tasks,
    };
  };

  return {
    latestOp,
    taskView,
    caseView,
    list: (status?: OffboardingCaseStatus): OffboardingCaseView[] => repo.listCases(status).map(caseView),
    /** Tasks waiting for an admin (held for review, or a manual step) over every open case. */
    pendingCount: (): number =>
      repo
        .listCases('open')
        .reduce(
          (n, c) => n + repo.tasks(c.id).filter((t) => isPendingForAdmin(taskView(t).status)).length,
          0,
        ),
  };
};

export type CaseViews = ReturnType<typeof createCaseViews>;
