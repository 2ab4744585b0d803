// The Audit page's filter as it lives in the URL (`#/audit?action=secret.*&since=7d`), so a filtered view can be
// bookmarked or pasted into a ticket. Pure functions: parse the query, write it back, and drop empty fields.
import type { AuditFilter } from '../../../../shared/api/methods-audit';

export const FILTER_KEYS = ['person', 'app', 'action', 'since', 'until'] as const;
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

/** Suggestions for the action field; the ledger accepts others too (and "prefix*"). */
export const KNOWN_ACTIONS: { value: string; label: string }[] = [
  { value: 'op.*', label: 'Any account operation' },
  { value: 'op.applied', label: 'Operation applied in an app' },
  { value: 'op.held', label: 'Operation held for review' },
  { value: 'op.approved', label: 'Held operation approved' },
  { value: 'op.failed', label: 'Operation failed' },
  { value: 'op.skipped', label: 'Operation skipped' },
  { value: 'config.applied', label: 'Workspace file applied' },
  { value: 'settings.changed', label: 'Settings changed' },
  { value: 'secret.*', label: 'Any secret change' },
  { value: 'secret.set', label: 'Secret set' },
  { value: 'secret.deleted', label: 'Secret deleted' },
];

/** A file name that says what is in it: lanyard-audit-2026-11-28T10-00-00Z.csv */
export const exportFileName = (format: 'csv' | 'json', now: Date = new Date()): string =>
  `lanyard-audit-${now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-')}.${format}`;
