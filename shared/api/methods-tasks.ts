// Contract methods of the task inbox (issue #16 item 2): every open task a person has to do by hand — a manual
// app's account to create for a joiner, to change for a mover, to revoke for a leaver, and an offboarding case's
// checklist steps — with Done (an optional note, recorded in the ledger) and Undo while it can still be undone.
// Merged into shared/api/contract.ts.
import { z } from 'zod';
import { method } from './define';

/** What the task asks for: an account change in a manual app, or a checklist step of an offboarding case. */
export type HandTaskAction =
  | 'created'
  | 'updated'
  | 'deactivated'
  | 'reactivated'
  | 'deleted'
  | 'add-to-group'
  | 'remove-from-group'
  | 'checklist';

export interface HandTaskView {
  /** "op:12": a task a sync run (or an access review) issued; "case-task:7": a task of an offboarding case. */
  id: string;
  /** joiner: an account to give or change; leaver: access to take away (an offboarding case or a revoke). */
  side: 'joiner' | 'leaver';
  action: HandTaskAction;
  appId: string | null;
  appName: string | null;
  /** Who does the app's tasks (the manual app's assignee), when the workspace names one. */
  assignee: string | null;
  personId: string | null;
  /** The person's name, else their email or login. */
  person: string;
  title: string;
  instructions: string | null;
  /** Why Lanyard asks for it (the rule, the leaver's status). */
  reason: string | null;
  caseId: number | null;
  /** The journaled op that issued it (plan_ops id), when there is one. */
  opId: number | null;
  /** The op's idempotency key, so a sync preview can tell a task already issued from a new one. */
  opKey: string | null;
  issuedAt: string;
  status: 'open' | 'done';
  doneAt: string | null;
  doneBy: string | null;
  note: string | null;
  /** A done task that can still be undone, and until when in words; null for open tasks. */
  undo: { allowed: boolean; until: string } | null;
}

export interface TasksList {
  open: HandTaskView[];
  /** Tasks marked done that can still be undone (newest first). */
  recentlyDone: HandTaskView[];
}

const taskId = z
  .string()
  .regex(/^(op|case-task):[1-9][0-9]{0,15}$/, 'expected a task id such as "op:12" or "case-task:7"');

export const tasksMethods = {
  'tasks.list': method<TasksList>()({
    input: z.object({ appId: z.string().min(1).max(63).optional() }).strict(),
    summary:
      'Open tasks to do by hand (manual apps and offboarding checklists), and recent ones that can be undone',
  }),
  'tasks.done': method<HandTaskView>()({
    input: z.object({ id: taskId, note: z.string().trim().max(500).default('') }).strict(),
    summary: 'Mark a task done by hand (the account is recorded, the note goes to the ledger)',
    mutates: true,
  }),
  'tasks.undo': method<HandTaskView>()({
    input: z.object({ id: taskId }).strict(),
    summary: 'Undo a Done: while its offboarding case is open, or for other tasks until the next sync run',
    mutates: true,
  }),
} as const;
