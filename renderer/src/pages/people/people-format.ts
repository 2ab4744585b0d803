// Words, tones and dates the People page shows for statuses and matrix cells (never colour alone).
import type { DirectoryPersonStatus } from '../../../../shared/api/methods-directory';
import type { PeopleListPerson } from '../../../../shared/api/methods-people';
import type { BadgeTone } from '../../components/status-badge';
import type { CellState } from './people-filter';

export const STATUSES: DirectoryPersonStatus[] = [
  'active',
  'staged',
  'suspended',
  'deprovisioned',
  'deleted',
];

export const statusLabel: Record<DirectoryPersonStatus, string> = {
  active: 'Active',
  staged: 'Staged',
  suspended: 'Suspended',
  deprovisioned: 'Deprovisioned',
  deleted: 'Deleted',
};

export const statusTone: Record<DirectoryPersonStatus, BadgeTone> = {
  active: 'ok',
  staged: 'neutral',
  suspended: 'degraded',
  deprovisioned: 'error',
  deleted: 'error',
};

export const cellLabel: Record<CellState, string> = {
  account: 'Account',
  deactivated: 'Deactivated',
  pending: 'Pending',
  none: 'None',
};

export const formatDate = (iso: string | null): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
};

/** "3 minutes ago", "2 days ago"; the exact time goes in a title attribute. */
export const formatAgo = (iso: string | null, now = Date.now()): string => {
  if (!iso) return 'never';
  const ms = now - new Date(iso).getTime();
  if (Number.isNaN(ms)) return iso;
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const minutes = Math.round(ms / 60_000);
  if (Math.abs(minutes) < 60) return rtf.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return rtf.format(-hours, 'hour');
  return rtf.format(-Math.round(hours / 24), 'day');
};

export const formatCount = (n: number): string => n.toLocaleString('en-US');

/**
 * The manager as a person: the IdP gives their directory id, email or login (Okta's managerId is an id), which is
 * matched against the directory; "Ana Kim (ana@acme.io)" when found, the raw value otherwise.
 */
export const managerLabel = (
  value: string | null | undefined,
  people: readonly Pick<PeopleListPerson, 'id' | 'login' | 'email' | 'displayName'>[],
): string | null | undefined => {
  if (!value) return value;
  const v = value.trim().toLowerCase();
  const m = people.find((p) => p.id === value || p.email?.toLowerCase() === v || p.login.toLowerCase() === v);
  if (!m) return value;
  const contact = m.email ?? m.login;
  return m.displayName ? `${m.displayName} (${contact})` : contact;
};
