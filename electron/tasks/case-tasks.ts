// The hand tasks of open offboarding cases: a manual app's revoke to do by hand (its op issued the task) and the
// workspace's checklist steps. Done and Undo go through the case's own task actions (offboarding/task-actions.ts),
// which settle the case: when the last task is done the case closes, and a closed case's Dones are final.
import type { OffboardingService } from '../offboarding/case-service';
import { parseDetail, type CaseRow, type TaskRow } from '../offboarding/cases-repo';
import { caseTaskAction } from '../offboarding/task-actions';
import type { HandTaskView } from '../../shared/api/methods-tasks';

export const createCaseTasks = (
  offboarding: OffboardingService,
  assigneeOf: (appId: string) => Promise<string | null>,
) => {
  const { repo, views } = offboarding;

  const view = async (c: CaseRow, t: TaskRow, personLabel: string): Promise<HandTaskView> => {
    const v = await views.taskView(t);
    const d = parseDetail(t);
    const done = v.status === 'done';
    const op = t.op_key || t.op_id ? await views.latestOp(t) : null;
    return {
      id: `case-task:${t.id}`,
      side: 'leaver',
      action: caseTaskAction(d.opKind),
      appId: t.app_id,
      appName: v.appName,
      assignee: t.app_id ? await assigneeOf(t.app_id) : null,
      personId: c.person_id,
      person: personLabel,
      title: t.title,
      instructions: v.instructions,
      reason: d.reason ?? c.reason,
      caseId: c.id,
      opId: op?.id ?? null,
      opKey: t.op_key,
      issuedAt: op?.created_at ?? c.opened_at,
      status: done ? 'done' : 'open',
      doneAt: done ? t.done_at : null,
      doneBy: done ? t.done_by : null,
      note: done ? t.note : null,
      undo: done
        ? c.status === 'open'
          ? { allowed: true, until: `while case ${c.id} is open` }
          : { allowed: false, until: `case ${c.id} is ${c.status}` }
        : null,
    };
  };

  const labelOf = async (c: CaseRow): Promise<string> =>
    (await views.caseView(c)).displayName ?? c.person_label;

  return {
    /** Open hand tasks of open cases, and those done by hand that the case still lets undo. */
    async list(): Promise<{ open: HandTaskView[]; done: HandTaskView[] }> {
      const open: HandTaskView[] = [];
      const done: HandTaskView[] = [];
      for (const c of await repo.listCases('open')) {
        const label = await labelOf(c);
        for (const t of await repo.tasks(c.id)) {
          if (t.kind !== 'manual' && t.kind !== 'checklist') continue;
          const status = (await views.taskView(t)).status;
          if (status === 'todo') open.push(await view(c, t, label));
          else if (status === 'done' && t.done_by) done.push(await view(c, t, label));
        }
      }
      return { open, done };
    },
    async get(taskId: number): Promise<HandTaskView | null> {
      const t = await repo.task(taskId);
      const c = t ? await repo.getCase(t.case_id) : null;
      return t && c && (t.kind === 'manual' || t.kind === 'checklist') ? view(c, t, await labelOf(c)) : null;
    },
  };
};
