// The Audit page's filter as it lives in the URL (`#/audit?action=secret.*&since=7d`), so a filtered view can be
// bookmarked or pasted into a ticket. Pure functions: parse the query, write it back, and drop empty fields; and
// the action picker's plain names, each an action (or prefix) and, for account operations, the op's kind.
import type { AuditFilter } from '../../../../shared/api/methods-audit';

export const FILTER_KEYS = ['person', 'app', 'action', 'kind', 'since', 'until'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Only the fields that have a value; the API rejects empty strings. */
export const filterFromParams = (params: URLSearchParams): AuditFilter => {
  const filter: AuditFilter = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  return filter;
};

export const paramsFromFilter = (filter: AuditFilter): URLSearchParams => {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key]?.trim();
    if (value) params.set(key, value);
  }
  return params;
};

export const isFiltered = (filter: AuditFilter): boolean => FILTER_KEYS.some((k) => filter[k] !== undefined);

export interface ActionChoice {
  label: string;
  action: string;
  kind?: string;
}

/**
 * What the core records (grep `action: '` under electron/), in words an admin uses. Account changes are
 * `op.applied` events told apart by the op's kind.
 */
export const ACTION_GROUPS: { label: string; choices: ActionChoice[] }[] = [
  {
    label: 'Accounts in apps',
    choices: [
      { label: 'Any account change', action: 'op.*' },
      { label: 'Account created or invited', action: 'op.applied', kind: 'create' },
      { label: 'Account updated', action: 'op.applied', kind: 'update' },
      { label: 'Role changed', action: 'op.applied', kind: 'set-role' },
      { label: 'Added to a group or team', action: 'op.applied', kind: 'add-to-group' },
      { label: 'Removed from a group or team', action: 'op.applied', kind: 'remove-from-group' },
      { label: 'Account deactivated', action: 'op.applied', kind: 'deactivate' },
      { label: 'Account reactivated', action: 'op.applied', kind: 'reactivate' },
      { label: 'Account deleted', action: 'op.applied', kind: 'delete' },
      { label: 'Any change carried out', action: 'op.applied' },
      { label: 'Change held for review', action: 'op.held' },
      { label: 'Held change approved', action: 'op.approved' },
      { label: 'Change skipped', action: 'op.skipped' },
      { label: 'Change no longer needed', action: 'op.superseded' },
      { label: 'Change failed', action: 'op.failed' },
    ],
  },
  {
    label: 'Offboarding',
    choices: [
      { label: 'Any offboarding event', action: 'offboarding.*' },
      { label: 'Offboarding started', action: 'offboarding.case.opened' },
      { label: 'Offboarding closed', action: 'offboarding.case.closed' },
      { label: 'Offboarding cancelled (rehired)', action: 'offboarding.case.cancelled' },
      { label: 'Offboarding task approved', action: 'offboarding.task.approved' },
      { label: 'Offboarding task skipped', action: 'offboarding.task.skipped' },
      { label: 'Offboarding task done by hand', action: 'offboarding.task.completed' },
      { label: 'Offboarding task undone', action: 'offboarding.task.reopened' },
      { label: 'Offboarding verified', action: 'offboarding.verified' },
      { label: 'Suspended in the directory', action: 'offboarding.idp.suspend' },
      { label: 'Sessions ended in the directory', action: 'offboarding.idp.revokeSessions' },
    ],
  },
  {
    label: 'Tasks done by hand',
    choices: [
      { label: 'Any task done or undone', action: 'task.*' },
      { label: 'Task done by hand', action: 'task.completed' },
      { label: 'Task undone', action: 'task.reopened' },
    ],
  },
  {
    label: 'Access reviews',
    choices: [
      { label: 'Any access review event', action: 'review.*' },
      { label: 'Access review started', action: 'review.started' },
      { label: 'Access review decision', action: 'review.decided' },
      { label: 'Access review closed', action: 'review.closed' },
      { label: 'Access exception granted', action: 'review.exception.added' },
      { label: 'Access exception removed', action: 'review.exception.removed' },
    ],
  },
  {
    label: 'Orphan accounts',
    choices: [
      { label: 'Any orphan account decision', action: 'orphan.*' },
      { label: 'Orphan account ignored', action: 'orphan.ignored' },
      { label: 'Orphan account no longer ignored', action: 'orphan.unignored' },
      { label: 'Marked as a service account', action: 'orphan.markedService' },
      { label: 'Orphan account linked to a person', action: 'orphan.linked' },
      { label: 'Orphan account removal proposed', action: 'orphan.removalProposed' },
    ],
  },
  {
    label: 'Workspace',
    choices: [
      { label: 'Settings changed', action: 'settings.changed' },
      { label: 'Workspace file applied', action: 'config.applied' },
      { label: 'Access rules changed', action: 'rules.changed' },
      { label: 'App added', action: 'app.added' },
      { label: 'App changed', action: 'app.updated' },
      { label: 'App removed', action: 'app.removed' },
      { label: 'App resumed after quarantine', action: 'app.resumed' },
      { label: 'Directory connection saved', action: 'directory.saved' },
      { label: 'First plan reviewed', action: 'sync.firstPlanReviewed' },
      { label: 'Any secret change', action: 'secret.*' },
      { label: 'Secret set', action: 'secret.set' },
      { label: 'Secret deleted', action: 'secret.deleted' },
      { label: 'Ledger protections restored', action: 'audit.protected' },
    ],
  },
];

/** The picker's value for an action and kind ("op.applied|deactivate"; "" = any action). */
export const choiceValue = (action: string | undefined, kind: string | undefined): string =>
  action ? `${action}|${kind ?? ''}` : kind ? `|${kind}` : '';

export const parseChoice = (value: string): { action?: string; kind?: string } => {
  const [action = '', kind = ''] = value.split('|');
  return { ...(action ? { action } : {}), ...(kind ? { kind } : {}) };
};

const ALL_CHOICES = ACTION_GROUPS.flatMap((g) => g.choices);

/** The plain name of a filter's action and kind, or null when the picker has no such choice (a custom URL). */
export const choiceLabel = (action: string | undefined, kind: string | undefined): string | null =>
  ALL_CHOICES.find((c) => c.action === action && (c.kind ?? undefined) === kind)?.label ?? null;

/** A file name that says what is in it: lanyard-audit-2026-11-28T10-00-00Z.csv */
export const exportFileName = (format: 'csv' | 'json', now: Date = new Date()): string =>
  `lanyard-audit-${now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-')}.${format}`;
