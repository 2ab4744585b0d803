// The inbox's grouping and sentences: tasks by app or by assignee, named groups in order with the catch-all last,
// and what a sync page says instead of "nothing to apply".
import { describe, expect, it } from 'vitest';
import type { HandTaskView } from '../../../shared/api/methods-tasks';
import { groupTasks, handTasksSentence } from '../../../renderer/src/pages/tasks/tasks-format';

const task = (id: string, appName: string | null, assignee: string | null): HandTaskView => ({
  id,
  side: appName ? 'joiner' : 'leaver',
  action: appName ? 'created' : 'checklist',
  appId: appName?.toLowerCase() ?? null,
  appName,
  assignee,
  personId: 'p1',
  person: 'Ana',
  title: `task ${id}`,
  instructions: null,
  reason: null,
  caseId: appName ? null : 1,
  opId: null,
  opKey: null,
  issuedAt: '2026-12-02T10:00:00.000Z',
  status: 'open',
  doneAt: null,
  doneBy: null,
  note: null,
  undo: null,
});

const tasks = [
  task('op:1', 'Office badge', 'Front desk'),
  task('case-task:2', null, null),
  task('op:3', 'Alarm codes', 'Facilities'),
  task('op:4', 'Office badge', 'Front desk'),
  task('op:5', 'Alarm codes', null),
];

describe('grouping the tasks to do by hand', () => {
  it('by app: apps in name order, the offboarding checklist last, tasks in their list order', () => {
    expect(groupTasks(tasks, 'app').map((g) => [g.label, g.tasks.map((t) => t.id)])).toEqual([
      ['Alarm codes', ['op:3', 'op:5']],
      ['Office badge', ['op:1', 'op:4']],
      ['Offboarding checklist', ['case-task:2']],
    ]);
  });

  it('by assignee: named people in order, the tasks nobody is named for last', () => {
    expect(groupTasks(tasks, 'assignee').map((g) => [g.label, g.tasks.map((t) => t.id)])).toEqual([
      ['Facilities', ['op:3']],
      ['Front desk', ['op:1', 'op:4']],
      ['No assignee named', ['case-task:2', 'op:5']],
    ]);
  });

  it('gives each group a distinct key and nothing for an empty list', () => {
    const keys = groupTasks(tasks, 'app').map((g) => g.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(groupTasks([], 'assignee')).toEqual([]);
  });

  it('says how many tasks are to do by hand', () => {
    expect(handTasksSentence(1)).toBe('1 task to do by hand');
    expect(handTasksSentence(3)).toBe('3 tasks to do by hand');
  });
});
