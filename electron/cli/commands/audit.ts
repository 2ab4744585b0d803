// `lanyard audit …`: read, export and verify the audit ledger. `export` streams straight from SQLite to stdout or a
// file (constant memory, any size); `verify` exits 1 when the hash chain is broken and names the first bad event.
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import {
  AUDIT_PAGE_MAX,
  auditAnchorSchema,
  auditFilterSchema,
  type AuditAnchor,
  type AuditEvent,
  type AuditFilter,
  type AuditPage,
  type AuditVerifyResult,
} from '../../../shared/api/methods-audit';
import { validationError } from '../../app/dispatch';
import { filterSql } from '../../audit/filter';
import { writeExport } from '../../audit/write-export';
import { createPeopleNames } from '../../audit/people-names';
import { CliUsageError, printResult, type CliCommand, type CliRunArgs } from '../command';

const FILTER_OPTIONS = {
  person: { type: 'string' },
  app: { type: 'string' },
  action: { type: 'string' },
  kind: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
} as const;

const FILTER_HELP = [
  '  --person P    only events about this person: directory id, email, login or name (a shared name: all)',
  '  --app A       only events about this app (its id in the workspace file)',
  '  --action X    only this action, or a prefix ending in * (e.g. "op.*", "secret.*")',
  '  --kind K      only account operations of this kind (e.g. deactivate, create, delete, set-role)',
  '  --since T     from this time on (ISO date/time such as 2026-11-28 or 2026-11-28T09:00:00Z, or an age: 30m, 24h, 7d)',
  '  --until T     before this time (same forms)',
];

const filterFrom = (values: CliRunArgs['values']): AuditFilter => {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(FILTER_OPTIONS)) {
    const v = values[key];
    if (typeof v === 'string') raw[key] = v;
  }
  const parsed = auditFilterSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
};

const positiveInt = (value: unknown, flag: string, max: number): number | undefined => {
  if (typeof value !== 'string') return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max)
    throw new CliUsageError(`${flag} must be a whole number from 1 to ${max}`);
  return n;
};

const cell = (v: string | number | null): string => (v === null ? '-' : String(v));

const renderList = (page: AuditPage): string => {
  if (!page.events.length) return 'No audit events match.';
  const rows = [
    ['SEQ', 'AT', 'ACTOR', 'ACTION', 'APP', 'PERSON', 'RESULT'],
    ...page.events.map((e: AuditEvent) =>
      [e.seq, e.at, e.actor, e.action, e.app, e.person, e.result.replace(/\s+/g, ' ')].map(cell),
    ),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) => r.map((v, c) => (c < r.length - 1 ? v.padEnd(widths[c]!) : v)).join('  '));
  if (page.nextCursor !== null) lines.push(`… older events: add --cursor ${page.nextCursor}`);
  return lines.join('\n');
};

const list: CliCommand = {
  words: ['audit', 'list'],
  usage:
    'lanyard audit list [--person P] [--app A] [--action X] [--since T] [--until T] [--limit N] [--cursor SEQ]',
  summary: 'Show audit events, newest first',
  help: [
    'Options:',
    ...FILTER_HELP,
    `  --limit N     at most N events (default 100, at most ${AUDIT_PAGE_MAX})`,
    '  --cursor SEQ  only events older than SEQ (the next page)',
  ].join('\n'),
  options: { ...FILTER_OPTIONS, limit: { type: 'string' }, cursor: { type: 'string' } },
  args: { max: 0 },
  async run({ values, call, io }) {
    const page = await call('audit.list', {
      ...filterFrom(values),
      limit: positiveInt(values.limit, '--limit', AUDIT_PAGE_MAX),
      cursor: positiveInt(values.cursor, '--cursor', Number.MAX_SAFE_INTEGER),
    });
    printResult(io, page, renderList);
    return 0;
  },
};

/** Writes to FILE through a temporary file renamed at the end, so a failed export never looks complete. */
const exportToFile = async (
  file: string,
  run: (out: fs.WriteStream) => Promise<{ count: number; bytes: number }>,
): Promise<{ count: number; bytes: number }> => {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.partial`);
  const out = fs.createWriteStream(tmp, { flags: 'wx' });
  try {
    const result = await run(out);
    out.end();
    await finished(out);
    fs.renameSync(tmp, file);
    return result;
  } catch (err) {
    out.destroy();
    fs.rmSync(tmp, { force: true });
    throw err;
  }
};

const exportCmd: CliCommand = {
  words: ['audit', 'export'],
  usage:
    'lanyard audit export --format csv|json [--out FILE] [--person P] [--app A] [--action X] [--since T] [--until T]',
  summary: 'Export audit events as CSV or JSON (streamed, any number of events)',
  help: [
    'Events are written oldest first, straight from the database: memory stays flat however large the ledger.',
    'CSV follows RFC 4180 (CRLF line ends; fields with commas, quotes or line breaks are quoted); before/after',
    'are JSON text. JSON is one array of event objects. Each event carries prev_hash and hash, then the',
    "person's name and email from the directory (CSV: the last two columns, person_name and person_email).",
    '',
    'Options:',
    '  --format F    csv or json (default: csv; json with --json)',
    '  --out FILE    write to FILE instead of stdout',
    ...FILTER_HELP,
  ].join('\n'),
  options: { ...FILTER_OPTIONS, format: { type: 'string' }, out: { type: 'string', short: 'o' } },
  args: { max: 0 },
  async run({ values, openCore, io }) {
    const format = values.format ?? (io.json ? 'json' : 'csv');
    if (format !== 'csv' && format !== 'json') throw new CliUsageError('--format must be csv or json');
    const file = typeof values.out === 'string' && values.out !== '' ? values.out : null;
    if (io.json && !file && format === 'csv')
      throw new CliUsageError('--json prints one JSON document: use --format json, or --out FILE for CSV');
    const filter = filterFrom(values);
    const { audit, clock, store } = openCore().context;
    filterSql(filter, clock); // reject a bad --since/--until before creating the output file
    const names = await createPeopleNames(store).lookup();
    if (!file) {
      await writeExport(audit.iterate(filter), format, io.stdout, names);
      return 0;
    }
    const { count, bytes } = await exportToFile(file, (out) =>
      writeExport(audit.iterate(filter), format, out, names),
    );
    printResult(
      io,
      { file, format, count, bytes },
      `Exported ${count} audit event${count === 1 ? '' : 's'} to ${file} (${format}).`,
    );
    return 0;
  },
};

/**
 * Only the events before the first bad one are vouched for. The verifier may have walked past it (a rehashed row
 * looks fine until the next one fails to chain to it), so its count and head can include the bad event itself.
 */
const renderTampered = (v: AuditVerifyResult, bad: NonNullable<AuditVerifyResult['firstBad']>): string => {
  const intact = Math.min(v.count, bad.seq - 1);
  const before =
    intact === 0
      ? 'No event before it could be vouched for.'
      : v.headSeq < bad.seq
        ? `Events 1–${v.headSeq} before it are intact (${intact} checked; last good hash ${v.headHash}).`
        : `Events 1–${intact} before it are intact (${intact} checked).`;
  return [
    `The audit ledger has been tampered with: first bad event seq ${bad.seq} (${bad.problem}).`,
    bad.detail,
    before,
  ].join('\n');
};

/** What the seal, the triggers and an anchor add to the chain's verdict: one line each. */
const renderChecks = (v: AuditVerifyResult): string[] => [
  `Seal: ${v.seal.status} — ${v.seal.detail}`,
  ...(v.protections.ok ? [] : [`Protections: ${v.protections.detail}`]),
  ...(v.anchor ? [`Anchor: ${v.anchor.status} — ${v.anchor.detail}`] : []),
];

const renderVerify = (v: AuditVerifyResult): string => {
  if (v.firstBad) return [renderTampered(v, v.firstBad), ...renderChecks(v)].join('\n');
  const chain = `The hash chain is intact: ${v.count} event${v.count === 1 ? '' : 's'}. Head: seq ${v.headSeq}, hash ${v.headHash}.`;
  const verdict = v.ok ? 'The audit ledger is intact.' : 'The audit ledger cannot be vouched for: see below.';
  return [
    verdict,
    chain,
    ...renderChecks(v),
    ...(v.ok && !v.anchor
      ? [
          'Keep an anchor outside Lanyard (`lanyard audit anchor --out FILE`); `audit verify --anchor FILE` proves the ledger still contains it.',
        ]
      : []),
  ].join('\n');
};

/** Reads an anchor file written by `lanyard audit anchor` (small JSON; anything else is refused clearly). */
const readAnchorFile = (file: string): AuditAnchor => {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (stat.size > 64 * 1024) throw new CliUsageError(`${file} is ${stat.size} bytes: not an anchor file`);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof CliUsageError) throw err;
    throw new CliUsageError(`cannot read the anchor file ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliUsageError(`${file} is not JSON: write it with \`lanyard audit anchor --out ${file}\``);
  }
  const parsed = auditAnchorSchema.safeParse(json);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data as AuditAnchor;
};

const verify: CliCommand = {
  words: ['audit', 'verify'],
  usage: 'lanyard audit verify [--anchor FILE]',
  summary: 'Check the audit hash chain, its seal and protections; exit 1 and say why if it was tampered with',
  help: [
    'Reads every event once and checks its hash, its link to the previous event, its sequence number and the',
    'head anchor; then the seal (an HMAC over the head with a key kept outside the database: in the OS keychain,',
    'or LANYARD_AUDIT_SEAL_KEY=file:PATH|env:VAR on a server) and the append-only triggers.',
    '',
    'Options:',
    '  --anchor FILE  also prove the ledger still contains the head saved by `lanyard audit anchor`',
    '',
    'Exit codes: 0 intact, 1 tampered or not verifiable (broken or missing seal coverage, altered triggers,',
    'an anchor that does not match).',
  ].join('\n'),
  options: { anchor: { type: 'string' } },
  args: { max: 0 },
  async run({ values, call, io }) {
    const anchor = typeof values.anchor === 'string' ? readAnchorFile(values.anchor) : undefined;
    const result = await call('audit.verify', anchor ? { anchor } : {});
    printResult(io, result, renderVerify);
    return result.ok ? 0 : 1;
  },
};

const anchorCmd: CliCommand = {
  words: ['audit', 'anchor'],
  usage: 'lanyard audit anchor [--out FILE]',
  summary: "Print the ledger's head signed with its seal key, to keep outside Lanyard",
  help: [
    'Prints (or writes to FILE) the current head of the audit ledger — seq, count, hash, time — signed with the',
    "ledger's seal key. Keep it somewhere the database's owner cannot change (a ticket, an e-mail, a SIEM). Later,",
    '`lanyard audit verify --anchor FILE` proves the ledger still contains that head unchanged, which also catches',
    'a database replaced by an older copy of itself (something the seal alone cannot show).',
    'Refuses when the ledger does not verify.',
  ].join('\n'),
  options: { out: { type: 'string', short: 'o' } },
  args: { max: 0 },
  async run({ values, call, io }) {
    const anchor = await call('audit.anchor', {});
    const text = `${JSON.stringify(anchor, null, 2)}\n`;
    if (typeof values.out === 'string' && values.out !== '') {
      fs.writeFileSync(values.out, text, { flag: 'wx' });
      printResult(io, { file: values.out, anchor }, `Anchored event ${anchor.seq} in ${values.out}.`);
    } else printResult(io, anchor, text);
    return 0;
  },
};

const protect: CliCommand = {
  words: ['audit', 'protect'],
  usage: 'lanyard audit protect',
  summary:
    "Restore the ledger's append-only triggers after they were altered (only over a ledger that verifies)",
  help: [
    'When a database is opened whose append-only triggers were removed or changed, Lanyard records nothing (and so',
    'changes nothing). This re-creates them — only when the chain and the seal still verify — and records that it',
    'did. If the ledger does not verify, restore the data folder from a backup instead.',
  ].join('\n'),
  args: { max: 0 },
  async run({ call, io }) {
    const { restored } = await call('audit.protect', {});
    printResult(
      io,
      { restored },
      restored.length
        ? `Restored the audit ledger's protections: ${restored.join(', ')}.`
        : "The audit ledger's protections are intact; nothing to restore.",
    );
    return 0;
  },
};

export const auditCommands: CliCommand[] = [list, exportCmd, verify, anchorCmd, protect];
