// A task's status, derived: an admin's decision on the task (skipped, completed, verified) wins; otherwise an
// op-linked task shows its op's journal status — the LATEST op with the task's idempotency key, so an op a later
// sync run retried (a new row with the same key) moves the task along. Pure.
import type { OffboardingProgress, OffboardingTaskStatus } from '../../shared/api/methods-offboarding';
import type { SyncOpStatus } from '../../shared/api/methods-sync';
import type { TaskRow } from './cases-repo';

const DECIDED = new Set<OffboardingTaskStatus>(['skipped', 'verified', 'flagged', 'done']);

export const FINISHED = new Set<OffboardingTaskStatus>(['done', 'skipped', 'verified']);

export const taskStatus = (
  t: Pick<TaskRow, 'kind' | 'status'>,
  op: { status: SyncOpStatus } | null,
): OffboardingTaskStatus => {
  if (DECIDED.has(t.status) || !op) return t.status;
  switch (op.status) {
    case 'planned':
    case 'approved':
      return 'pending';
    case 'running':
      return 'running';
    case 'held':
      return 'review';
    case 'failed':
      return 'failed';
    case 'skipped':
    case 'superseded':
      return 'skipped';
    case 'done':
      // A manual app's op only issues the checklist task: a person still has to do it and say so.
      return t.kind === 'manual' ? 'todo' : 'done';
  }
};

export const progressOf = (statuses: OffboardingTaskStatus[]): OffboardingProgress => ({
  total: statuses.length,
  finished: statuses.filter((s) => FINISHED.has(s)).length,
  review: statuses.filter((s) => s === 'review').length,
  failed: statuses.filter((s) => s === 'failed' || s === 'flagged').length,
  todo: statuses.filter((s) => s === 'todo').length,
});

/** Waiting for an admin: held for review, or a manual step to do. */
export const isPendingForAdmin = (s: OffboardingTaskStatus): boolean => s === 'review' || s === 'todo';
