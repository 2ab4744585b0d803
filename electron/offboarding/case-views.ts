// Reading cases as the API shows them: each task's status derived from its latest op (task-status.ts), its detail
// (held reason, failure, skip reason, note), and the case's progress; plus the pending count (review + todo over
// open cases) that the tray and notifications show.
import type { Store } from '../store/store';
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

const LATEST_OP = [
  'id',
  'status',
  'kind',
  'reason',
  'held_reason',
  'error',
  'created_at',
  'done_at',
] as const;

export const createOpLookup = (store: Store) => {
  const byKey = async (key: string): Promise<LatestOp | undefined> =>
    (await store
      .q()
      .selectFrom('plan_ops')
      .select(LATEST_OP)
      .where('idempotency_key', '=', key)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()) as LatestOp | undefined;
  const byId = async (id: number): Promise<LatestOp | undefined> =>
    (await store.q().selectFrom('plan_ops').select(LATEST_OP).where('id', '=', id).executeTakeFirst()) as
      LatestOp | undefined;
  /** The op a task follows: the newest with its key (a retry is a new row), else the linked one. */
  return async (t: Pick<TaskRow, 'op_key' | 'op_id'>): Promise<LatestOp | null> =>
    (t.op_key ? await byKey(t.op_key) : undefined) ?? (t.op_id ? await byId(t.op_id) : undefined) ?? null;
};

export type OpLookup = ReturnType<typeof createOpLookup>;

export const createCaseViews = (
  store: Store,
  repo: CasesRepo,
  appOf: (id: string) => Promise<AppConfig | null>,
) => {
  const latestOp = createOpLookup(store);

  const taskView = async (t: TaskRow): Promise<OffboardingTaskView> => {
    const op = t.op_key || t.op_id ? await latestOp(t) : null;
    const status = taskStatus(t, op);
    const d = parseDetail(t);
    const app = t.app_id ? await appOf(t.app_id) : null;
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

  const caseView = async (c: CaseRow): Promise<OffboardingCaseView> => {
    const tasks: OffboardingTaskView[] = [];
    for (const t of await repo.tasks(c.id)) tasks.push(await taskView(t));
    const person = await store
      .q()
      .selectFrom('people')
      .select('display_name')
      .where('id', '=', c.person_id)
      .executeTakeFirst();
    return {
      id: c.id,
      personId: c.person_id,
      person: c.person_label,
      displayName: person?.display_name ?? null,
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
    async list(status?: OffboardingCaseStatus): Promise<OffboardingCaseView[]> {
      const out: OffboardingCaseView[] = [];
      for (const c of await repo.listCases(status)) out.push(await caseView(c));
      return out;
    },
    /** Tasks waiting for an admin (held for review, or a manual step) over every open case. */
    async pendingCount(): Promise<number> {
      let n = 0;
      for (const c of await repo.listCases('open'))
        for (const t of await repo.tasks(c.id)) if (isPendingForAdmin((await taskView(t)).status)) n++;
      return n;
    },
  };
};

export type CaseViews = ReturnType<typeof createCaseViews>;
