// Words, tones and dates of access reviews, shared by the campaign list, the detail, the grid, the report view and
// the Overview card. Status is always a word (never colour alone); counts are pluralised.
import type {
  ReviewCampaignSummary,
  ReviewDecisionKind,
  ReviewDecisionSource,
  ReviewDecisionView,
  ReviewItemKind,
  ReviewOutcomeStatus,
  ReviewScope,
} from '../../../../shared/api/methods-reviews';
import type { BadgeTone } from '../../components/status-badge';
import { plural } from '../../components/plural';

/** Counts in words: the one rule of components/plural.ts. */
export { plural };

const DAY = 86_400_000;

export type CampaignState = 'open' | 'due-soon' | 'overdue' | 'closed';

/** Open, due within a week, past due, or closed: what the list and the Overview say about a campaign. */
export const campaignState = (
  c: Pick<ReviewCampaignSummary, 'status' | 'dueAt' | 'overdue'>,
  now = Date.now(),
): CampaignState =>
  c.status === 'closed'
    ? 'closed'
    : c.overdue
      ? 'overdue'
      : Date.parse(c.dueAt) - now < 7 * DAY
        ? 'due-soon'
        : 'open';

export const stateLabel: Record<CampaignState, string> = {
  open: 'Open',
  'due-soon': 'Due soon',
  overdue: 'Overdue',
  closed: 'Closed',
};

export const stateTone: Record<CampaignState, BadgeTone> = {
  open: 'ok',
  'due-soon': 'degraded',
  overdue: 'error',
  closed: 'neutral',
};

export const decisionLabel: Record<ReviewDecisionKind, string> = {
  keep: 'Keep',
  revoke: 'Revoke',
  'change-role': 'Change role',
  'not-mine': 'Not mine',
};

export const decisionTone: Record<ReviewDecisionKind, BadgeTone> = {
  keep: 'ok',
  revoke: 'error',
  'change-role': 'degraded',
  'not-mine': 'neutral',
};

/** "Change role → admin", "Not mine → office@acme.io", "Keep". */
export const decisionText = (d: Pick<ReviewDecisionView, 'decision' | 'role' | 'reassignTo'>): string =>
  d.decision === 'change-role'
    ? `Change role → ${d.role ?? '?'}`
    : d.decision === 'not-mine' && d.reassignTo
      ? `Not mine → ${d.reassignTo}`
      : decisionLabel[d.decision];

export const sourceLabel: Record<ReviewDecisionSource, string> = {
  ui: 'in Lanyard',
  sheet: 'from a sheet',
  cli: 'from the command line',
};

export const kindLabel: Record<ReviewItemKind, string> = {
  account: 'Account',
  orphan: 'Orphan',
  departed: 'Departed',
};

export const outcomeLabel: Record<ReviewOutcomeStatus, string> = {
  none: '',
  pending: 'Not carried out yet',
  held: 'Held for review',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  superseded: 'Superseded',
  skipped: 'Skipped',
  'not-needed': 'Nothing to change',
  'task-open': 'Task with a person',
};

export const outcomeTone: Record<ReviewOutcomeStatus, BadgeTone> = {
  none: 'neutral',
  pending: 'neutral',
  held: 'degraded',
  running: 'neutral',
  done: 'ok',
  failed: 'error',
  superseded: 'neutral',
  skipped: 'neutral',
  'not-needed': 'ok',
  'task-open': 'degraded',
};

/** A date in this computer's zone and language ("31 Mar 2027"), or "—". */
export const formatDay = (iso: string | null): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
};

export const formatTime = (iso: string | null): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
};

/** "Acme, GitHub · people in Engineering" — the apps by name where known. */
export const scopeText = (scope: ReviewScope, appName: (id: string) => string): string => {
  const apps = scope.apps.map(appName).join(', ');
  const who: string[] = [];
  if (scope.people?.groups?.length) who.push(`in ${scope.people.groups.join(' or ')}`);
  for (const [k, v] of Object.entries(scope.people?.attributes ?? {}))
    who.push(`${k} = ${Array.isArray(v) ? v.join(' or ') : v}`);
  return who.length ? `${apps} · people ${who.join(', ')}` : apps;
};

/** Progress as "12 of 40 decided (30%)". */
export const progressText = (decided: number, items: number): string =>
  `${decided.toLocaleString()} of ${plural(items, 'item')} decided${items ? ` (${Math.floor((decided / items) * 100)}%)` : ''}`;

/** Today plus `days`, as the yyyy-mm-dd a date input takes (local calendar). */
export const dayFromNow = (days: number, now = new Date()): string => {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
