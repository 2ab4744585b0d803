// `lanyard tasks [--app APP]`, `lanyard tasks done TASK [--note TEXT]` and `lanyard tasks undo TASK`: the task
// inbox from a shell (the Tasks page's list, Done and Undo). TASK is the id the list prints ("op:12",
// "case-task:7"). A task that is not there is bad input (exit 2); one that cannot be done or undone any more is a
// conflict the core explains (exit 1).
import { printResult, type CliCommand } from '../command';
import type { HandTaskView, TasksList } from '../../../shared/api/methods-tasks';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

const line = (t: HandTaskView): string =>
  [
    `  ${t.id}  ${t.title}${t.assignee ? `  (for ${t.assignee})` : ''}`,
    `      ${t.person}${t.caseId ? ` · offboarding case ${t.caseId}` : ''} · since ${t.issuedAt}`,
    ...(t.status === 'done'
      ? [
          `      done ${t.doneAt ?? ''} by ${t.doneBy ?? '?'}${t.note ? `: ${t.note}` : ''}${t.undo ? `; ${t.undo.allowed ? 'can be undone ' : 'final: '}${t.undo.until}` : ''}`,
        ]
      : []),
  ].join('\n');

const listText = (l: TasksList): string =>
  [
    l.open.length ? `${l.open.length} task(s) to do by hand:` : 'Nothing to do by hand.',
    ...l.open.map(line),
    ...(l.recentlyDone.length ? ['Done recently (can be undone):', ...l.recentlyDone.map(line)] : []),
    ...(l.open.length ? ['Mark one done with `lanyard tasks done TASK [--note TEXT]`.'] : []),
  ].join('\n');

export const tasksCommands: CliCommand[] = [
  {
    words: ['tasks'],
    usage: 'lanyard tasks [--app APP]',
    summary: 'Tasks to do by hand (manual apps, offboarding checklists) and recent ones that can be undone',
    args: { max: 0 },
    options: { app: { type: 'string' } },
    async run({ values, call, io }) {
      const app = str(values.app);
      printResult(io, await call('tasks.list', app ? { appId: app } : {}), listText);
      return 0;
    },
  },
  {
    words: ['tasks', 'done'],
    usage: 'lanyard tasks done TASK [--note TEXT]',
    summary: 'Mark a task done by hand (the account is recorded; the note goes to the audit ledger)',
    args: { min: 1, max: 1 },
    options: { note: { type: 'string' } },
    async run({ positionals, values, call, io }) {
      const t = await call('tasks.done', { id: positionals[0]!, note: str(values.note) ?? '' });
      printResult(
        io,
        t,
        (v) => `Done: ${v.title}${v.undo?.allowed ? ` (can be undone ${v.undo.until})` : ''}`,
      );
      return 0;
    },
  },
  {
    words: ['tasks', 'undo'],
    usage: 'lanyard tasks undo TASK',
    summary: 'Undo a Done: while its offboarding case is open, or until the next sync run',
    args: { min: 1, max: 1 },
    async run({ positionals, call, io }) {
      const t = await call('tasks.undo', { id: positionals[0]! });
      printResult(io, t, (v) => `Undone: ${v.title} is to do again.`);
      return 0;
    },
  },
];
