// Audit events as CSV (RFC 4180: CRLF line ends, fields with a comma, quote, CR or LF quoted, quotes doubled) or
// as one JSON array. Both are produced as a lazy sequence of text chunks, so an export of any size is written
// piece by piece (see write-export.ts) and never held in memory whole.
//
// Names: the person's name and email from the directory snapshot are appended as the last two CSV columns
// (person_name, person_email) and as personName / personEmail in JSON, so tools reading the earlier columns by
// position keep working; the id stays in `person`.
import type { AuditEvent, AuditPersonName } from '../../shared/api/methods-audit';

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
  'person_name',
  'person_email',
] as const;

/** Resolves a person id to their name and email (undefined: not in the directory snapshot). */
export type PersonLookup = (id: string) => AuditPersonName | undefined;

const noNames: PersonLookup = () => undefined;

/** An exported event: the stored fields, then the person's name and email (null when unknown). */
export type ExportedEvent = AuditEvent & { personName: string | null; personEmail: string | null };

const withNames = (e: AuditEvent, names: PersonLookup): ExportedEvent => {
  const p = e.person === null ? undefined : names(e.person);
  return { ...e, personName: p?.name ?? null, personEmail: p?.email ?? null };
};

/** One CSV field: null is an empty field; before/after are written as their JSON text. */
export const csvField = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const csvRow = (e: ExportedEvent): string =>
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
    e.personName,
    e.personEmail,
  ]
    .map(csvField)
    .join(',') + '\r\n';

/** Rows are grouped into chunks of about this many characters: fewer, larger writes. */
const CHUNK_CHARS = 64 * 1024;

/** The export as text chunks, pulling events from `events` (a ledger's async iterate, or a list) only as chunks are consumed. */
export async function* exportChunks(
  events: Iterable<AuditEvent> | AsyncIterable<AuditEvent>,
  format: AuditExportFormat,
  names: PersonLookup = noNames,
): AsyncGenerator<string> {
  let buf = format === 'csv' ? CSV_COLUMNS.join(',') + '\r\n' : '[';
  let first = true;
  for await (const event of events) {
    const e = withNames(event, names);
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
