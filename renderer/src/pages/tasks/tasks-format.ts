// The task inbox's grouping and words (pure): tasks by app or by assignee, each group in a stable order, and
// the sentence a sync page says about tasks to do by hand.
import type { HandTaskView } from '../../../../shared/api/methods-tasks';
import { plural } from '../../components/plural';

export type GroupBy = 'app' | 'assignee';

export interface TaskGroup {
  key: string;
  label: string;
  tasks: HandTaskView[];
}

const CHECKLIST = 'Offboarding checklist';
const UNASSIGNED = 'No assignee named';

const labelOf = (t: HandTaskView, by: GroupBy): string =>
  by === 'app' ? (t.appName ?? (t.appId ? t.appId : CHECKLIST)) : (t.assignee ?? UNASSIGNED);

/** Groups in name order, the catch-all group last; tasks keep the list's order (oldest first). */
export const groupTasks = (tasks: readonly HandTaskView[], by: GroupBy): TaskGroup[] => {
  const groups = new Map<string, TaskGroup>();
  for (const t of tasks) {
    const label = labelOf(t, by);
    let g = groups.get(label);
    if (!g) groups.set(label, (g = { key: `${by}:${label}`, label, tasks: [] }));
    g.tasks.push(t);
  }
  const last = by === 'app' ? CHECKLIST : UNASSIGNED;
  return [...groups.values()].sort((a, b) =>
    a.label === last ? 1 : b.label === last ? -1 : a.label.localeCompare(b.label),
  );
};

/** "3 tasks to do by hand" — what a sync page says instead of "nothing to apply". */
export const handTasksSentence = (n: number): string => `${plural(n, 'task')} to do by hand`;

/** "Create", "Revoke", … the task's verb for its side, for screen readers and the summary line. */
export const sideWord = (t: Pick<HandTaskView, 'side' | 'action'>): string =>
  t.action === 'checklist' ? 'Checklist step' : t.side === 'joiner' ? 'Joiner' : 'Leaver';
