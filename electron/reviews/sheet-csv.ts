// Reviewer sheets as CSV, for reviewers without Lanyard (they open it in Excel or Sheets, fill in the decision
// column and send it back). Each row carries the campaign id, the item id, the reviewer and a check value: an
// HMAC over those and the account columns, keyed by the campaign's own random key (never exported). On import a row
// from another campaign, a forged row, a changed account column or an unknown decision is refused with its row
// number and the reason, and nothing from a sheet with any error is recorded (sheet-import.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { REVIEW_DECISIONS } from '../../shared/api/methods-reviews';
import type { ItemRow } from './campaigns-repo';

export const DECISION_HEADER = `decision (${REVIEW_DECISIONS.join(' | ')})`;

/** The sheet's columns, in order. The first ones identify the row; reviewers fill in the last four. */
export const SHEET_COLUMNS = [
  'campaign',
  'item',
  'reviewer',
  'app',
  'account',
  'email',
  'person',
  'person status',
  'role',
  'groups',
  'granted by',
  'last activity',
  DECISION_HEADER,
  'new role (change-role)',
  'reassign to (not-mine)',
  'comment',
  'check',
] as const;

/** The account columns a reviewer must not change, as written in the sheet. */
export const accountColumns = (i: ItemRow): string[] => [
  i.app_name,
  i.user_name,
  i.email ?? '',
  i.person ?? '',
  i.person_status ?? (i.kind === 'orphan' ? 'orphan' : ''),
  i.role ?? '',
  (JSON.parse(i.groups) as string[]).join('; '),
  i.granted_by,
  i.last_activity ?? '',
];

export const checkValue = (
  key: string,
  campaignId: number,
  itemId: number,
  reviewer: string,
  account: readonly string[],
): string =>
  createHmac('sha256', Buffer.from(key, 'hex'))
    .update(JSON.stringify([campaignId, itemId, reviewer.toLowerCase(), ...account]))
    .digest('hex')
    .slice(0, 24);

export const checkMatches = (expected: string, given: string): boolean =>
  expected.length === given.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given));

export interface SheetDecision {
  decision: string;
  role: string | null;
  reassignTo: string | null;
  comment: string | null;
}

/** A reviewer's CSV: one row per item, the current decision (if any) filled in. */
export const sheetCsv = (
  key: string,
  campaignId: number,
  reviewer: string,
  items: readonly ItemRow[],
  current: (item: ItemRow) => SheetDecision | null,
): string => {
  const rows = items.map((i) => {
    const account = accountColumns(i);
    const d = current(i);
    return [
      String(campaignId),
      String(i.id),
      reviewer,
      ...account,
      d?.decision ?? '',
      d?.role ?? '',
      d?.reassignTo ?? '',
      d?.comment ?? '',
      checkValue(key, campaignId, i.id, reviewer, account),
    ];
  });
  // A BOM so Excel reads UTF-8; every field quoted so ids and dates stay text.
  return '\uFEFF' + stringify([[...SHEET_COLUMNS], ...rows], { quoted: true, record_delimiter: '\r\n' });
};
