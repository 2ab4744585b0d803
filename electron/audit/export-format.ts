// Audit events as CSV (RFC 4180: CRLF line ends, fields with a comma, quote, CR or LF quoted, quotes doubled) or
// as one JSON array. Both are produced as a lazy sequence of text chunks, so an export of any size is written
// piece by piece (see write-export.ts) and never held in memory whole.
import type { AuditEvent } from '../../shared/api/methods-audit';

export type AuditExportFormat = 'csv' | 'json';

export const CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'action',
  'app',
  'person',
  'run',
  'case',
  'before',
  'after',
  'result',
  'prev_hash',
  'hash',
] as const;

/** One CSV field: null is an empty field; before/after are written as their JSON text. */
export const csvField = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const csvRow = (e: AuditEvent): string =>
  [
    e.seq,
    e.at,
    e.actor,
    e.action,
    e.app,
    e.person,
    e.run,
    e.case,
    e.before,
    e.after,
    e.result,
    e.prevHash,
    e.hash,
  ]
    .map(csvField)
    .join(',') + '\r\n';

/** Rows are grouped into chunks of about this many characters: fewer, larger writes. */
const CHUNK_CHARS = 64 * 1024;

/** The export as text chunks, pulling events from `events` only as chunks are consumed. */
export function* exportChunks(events: Iterable<AuditEvent>, format: AuditExportFormat): Generator<string> {
  let buf = format === 'csv' ? CSV_COLUMNS.join(',') + '\r\n' : '[';
  let first = true;
  for (const e of events) {
    if (format === 'csv') buf += csvRow(e);
    else {
      buf += (first ? '\n' : ',\n') + JSON.stringify(e);
      first = false;
    }
    if (buf.length >= CHUNK_CHARS) {
      yield buf;
      buf = '';
    }
  }
  if (format === 'json') buf += first ? ']\n' : '\n]\n';
  if (buf) yield buf;
}
