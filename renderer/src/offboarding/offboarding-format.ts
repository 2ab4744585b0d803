// Words, tones and times for offboarding cases and tasks, shared by the Offboarding page, the Offboard dialog and
// the Overview. Status is always a word (never colour alone).
import type {
  OffboardingCaseView,
  OffboardingTaskStatus,
  OffboardingTaskView,
} from '../../../shared/api/methods-offboarding';
import type { BadgeTone } from '../components/status-badge';
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
