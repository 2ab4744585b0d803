// Words, tones and times for offboarding cases and tasks, shared by the Offboarding page, the Offboard dialog and
// the Overview, and what an approval came to (done, superseded with why, waiting for a fresh approval). Status is
// always a word (never colour alone).
import type {
  OffboardingCaseView,
  OffboardingTaskStatus,
  OffboardingTaskView,
} from '../../../shared/api/methods-offboarding';
import type { BadgeTone } from '../components/status-badge';
import type { ConfirmEffect } from '../components/confirm-dialog';
import { ApiCallError } from '../api/api-error';

export const taskStatusLabel: Record<OffboardingTaskStatus, string> = {
  pending: 'Pending',
  review: 'Needs approval',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  todo: 'To do by hand',
  skipped: 'Skipped',
  verified: 'Verified',
  flagged: 'Still active',
};

export const taskStatusTone: Record<OffboardingTaskStatus, BadgeTone> = {
  pending: 'neutral',
  review: 'degraded',
  running: 'neutral',
  done: 'ok',
  failed: 'error',
  todo: 'degraded',
  skipped: 'neutral',
  verified: 'ok',
  flagged: 'error',
};

/** Tasks an admin can still act on. */
export const isOpenTask = (t: OffboardingTaskView): boolean =>
  t.status === 'pending' || t.status === 'review' || t.status === 'todo' || t.status === 'failed';

/** A manual or checklist step: ticked by a person, not run by Lanyard. */
export const isManualTask = (t: OffboardingTaskView): boolean =>
  t.kind === 'manual' || t.kind === 'checklist';

export const caseName = (c: Pick<OffboardingCaseView, 'displayName' | 'person'>): string =>
  c.displayName ? `${c.displayName} (${c.person})` : c.person;

export const formatTime = (iso: string | null): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
};

/** "42 s", "3 min", "1.5 h", "2 d": time to revoke and other durations. */
export const formatDuration = (ms: number | null | undefined): string => {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 90) return `${Math.round(s)} s`;
  const m = s / 60;
  if (m < 90) return `${Math.round(m)} min`;
  const h = m / 60;
  if (h < 36) return `${h.toFixed(1)} h`;
  return `${(h / 24).toFixed(1)} d`;
};

/** What failed and, when the core knows, how to fix it. */
export const errorText = (err: unknown, what: string): string =>
  err instanceof ApiCallError
    ? `${what}: ${err.message}${err.hint ? ` ${err.hint}` : ''}`
    : `${what}: ${err instanceof Error ? err.message : 'unknown error'}. Check that Lanyard is still running and try again.`;

/** A task whose op the gate re-planned at approval and found no longer needed: never executed (detail says why). */
export const isSupersededTask = (t: Pick<OffboardingTaskView, 'detail' | 'status'>): boolean =>
  t.status !== 'done' && t.status !== 'verified' && /^superseded\b/i.test(t.detail ?? '');

/** The status word of a task, "Superseded" for one the gate found no longer needed. */
export const taskStatusWord = (t: OffboardingTaskView): string =>
  isSupersededTask(t) ? 'Superseded' : taskStatusLabel[t.status];

export const taskStatusToneOf = (t: OffboardingTaskView): BadgeTone =>
  isSupersededTask(t) ? 'neutral' : taskStatusTone[t.status];

/** "superseded: ana@ is back in scope" → "ana@ is back in scope". */
export const supersededReason = (detail: string | null): string =>
  (detail ?? '').replace(/^superseded\s*[:—-]\s*/i, '').trim() || 'no longer needed';

/** What approving held tasks came to, from the case before and the cases the approval returned. */
export interface TaskApprovalOutcome {
  approved: number;
  done: number;
  failed: number;
  /** Never executed: the reason no longer held when Lanyard checked again. */
  superseded: { id: number; title: string; reason: string }[];
  /** Approved tasks back in review, and new tasks that replace approved ones whose target changed. */
  waiting: { id: number; title: string; reason: string | null }[];
}

export const taskApprovalOutcome = (
  before: OffboardingCaseView,
  /** The task ids approved; null for every held task of the case. */
  approvedIds: number[] | null,
  after: OffboardingCaseView[],
): TaskApprovalOutcome => {
  const wasHeld = before.tasks.filter((t) => t.status === 'review').map((t) => t.id);
  const ids = new Set(approvedIds ?? wasHeld);
  const known = new Set(before.tasks.map((t) => t.id));
  const now = after.find((c) => c.id === before.id)?.tasks ?? [];
  const approved = now.filter((t) => ids.has(t.id));
  const superseded = approved.filter(isSupersededTask);
  const waiting = [
    ...approved.filter((t) => t.status === 'review'),
    ...now.filter((t) => !known.has(t.id) && t.status === 'review'),
  ];
  return {
    approved: ids.size,
    done: approved.filter((t) => t.status === 'done' || t.status === 'verified').length,
    failed: approved.filter((t) => t.status === 'failed').length,
    superseded: superseded.map((t) => ({ id: t.id, title: t.title, reason: supersededReason(t.detail) })),
    waiting: waiting.map((t) => ({ id: t.id, title: t.title, reason: t.detail })),
  };
};

/** "Approved 3: 1 done, 1 not run, no longer called for, 1 waits for a fresh approval." */
export const taskApprovalSentence = (o: TaskApprovalOutcome): string => {
  const parts = [
    o.done ? `${o.done} done` : null,
    o.failed ? `${o.failed} failed` : null,
    o.superseded.length ? `${o.superseded.length} not run, no longer called for` : null,
    o.waiting.length
      ? `${o.waiting.length} ${o.waiting.length === 1 ? 'waits' : 'wait'} for a fresh approval`
      : null,
  ].filter((p): p is string => p !== null);
  return `Approved ${o.approved}${parts.length ? `: ${parts.join(', ')}` : ''}.`;
};

/** Where a task acts, for confirmations: its app, else the directory (kill switch) or the step's own kind. */
type EffectParts = Pick<
  OffboardingTaskView,
  'kind' | 'appName' | 'title' | 'effect' | 'account' | 'consequence'
>;

const taskPlace = (t: EffectParts): string =>
  t.appName ?? (t.kind.startsWith('idp') ? 'Directory' : t.kind === 'verify' ? 'Verification' : 'Checklist');

/** A task as a confirmation lists it: account, app and the effect in the shared op labels. */
export const taskEffect = (t: EffectParts, person: string): ConfirmEffect => ({
  account: t.account ?? (t.kind.startsWith('idp') ? person : null),
  app: taskPlace(t),
  // Cases planned before op labels carry no effect: their title is the best words there are.
  effect: t.effect ?? t.title,
  consequence: t.consequence ?? null,
});
