// `lanyard reviews export|import|report`: a reviewer's sheet (CSV to e-mail, or a printable page) written to a file
// through a temporary file renamed at the end; a returned sheet imported (every row valid, or nothing recorded: the
// refused rows are printed with their numbers, exit 1); the campaign report in JSON, CSV or printable HTML.
import fs from 'node:fs';
import path from 'node:path';
import { LanyardError } from '../../app/errors';
import { importText } from '../../reviews/cli-text';
import { CliUsageError, printResult, type CliCommand, type CliRunArgs } from '../command';
import { readTextFile } from '../read-input';
import { idOf, str } from './reviews-args';

/** The reader's zone and locale, so a printable page shows local times. */
const here = (): { timeZone?: string; locale?: string } => {
  const o = Intl.DateTimeFormat().resolvedOptions();
  return { ...(o.timeZone ? { timeZone: o.timeZone } : {}), ...(o.locale ? { locale: o.locale } : {}) };
};

/** Writes FILE through a temporary file renamed at the end, so a failed write never leaves a partial sheet. */
const writeAtomically = (file: string, content: string): string => {
  const target = path.resolve(file);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  try {
    fs.writeFileSync(tmp, content, { flag: 'wx', mode: 0o600 });
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new LanyardError('bad_input', `Cannot write ${file}: ${(err as Error).message}`);
  }
  return target;
};

/** Prints a document (sheet, report) to stdout, or writes it to --out and says where. */
const emit = (
  a: Pick<CliRunArgs, 'io' | 'values'>,
  doc: { format: string; fileName: string; content: string },
  what: string,
  extra: Record<string, unknown> = {},
): number => {
  const out = str(a.values.out);
  if (!out) {
    if (a.io.json) printResult(a.io, { ...doc, ...extra }, '');
    else a.io.stdout.write(doc.content.endsWith('\n') ? doc.content : `${doc.content}\n`);
    return 0;
  }
  const file = writeAtomically(out, doc.content);
  printResult(a.io, { file, format: doc.format, ...extra }, `Wrote ${what} to ${file} (${doc.format}).`);
  return 0;
};

const exportCmd: CliCommand = {
  words: ['reviews', 'export'],
  usage: 'lanyard reviews export ID --reviewer EMAIL [--format csv|html] [--out FILE]',
  summary:
    "A reviewer's sheet: CSV to fill in (Excel, Sheets) or a printable page; reading it changes nothing",
  help: [
    '  --reviewer EMAIL  whose items (see the reviewers with `lanyard reviews show ID`)',
    '  --format F        csv (default): the sheet to e-mail; the reviewer fills in the decision column and sends it',
    '                    back for `lanyard reviews import`. html: a printable page of the same items.',
    '  --out FILE        write to FILE (through a temporary file renamed at the end) instead of stdout',
  ].join('\n'),
  args: { min: 1, max: 1 },
  options: { reviewer: { type: 'string' }, format: { type: 'string' }, out: { type: 'string', short: 'o' } },
  async run({ positionals, values, call, io }) {
    const reviewer = str(values.reviewer);
    if (!reviewer) throw new CliUsageError('--reviewer is required');
    const format = str(values.format) ?? 'csv';
    if (format !== 'csv' && format !== 'html') throw new CliUsageError('--format must be csv or html');
    const sheet = await call('reviews.exportSheet', {
      campaignId: idOf(positionals[0]!),
      reviewer,
      format,
      ...here(),
    });
    return emit({ io, values }, sheet, `${sheet.reviewer}'s sheet of ${sheet.rows} items`, {
      reviewer: sheet.reviewer,
      rows: sheet.rows,
    });
  },
};

const importCmd: CliCommand = {
  words: ['reviews', 'import'],
  usage: 'lanyard reviews import FILE [--dry-run]',
  summary: 'Import a returned reviewer sheet (CSV): every row valid, or nothing is recorded',
  help: [
    '  FILE       the returned CSV ("-" reads stdin)',
    '  --dry-run  check every row and say what would be recorded; record nothing',
    'Rows are matched by item id and checked against the campaign: a row from another campaign, a changed account',
    'column, a forged check value or an unknown decision is refused with its row number, and then nothing from the',
    'sheet is recorded (exit 1). Importing the same sheet again records nothing new.',
  ].join('\n'),
  args: { min: 1, max: 1 },
  options: { 'dry-run': { type: 'boolean' } },
  async run({ positionals, values, call, io }) {
    const csv = await readTextFile(positionals[0]!, io);
    if (!csv.trim()) throw new CliUsageError(`${positionals[0]} is empty`);
    const dryRun = values['dry-run'] === true;
    const r = await call('reviews.importSheet', { csv, dryRun });
    printResult(io, r, (v) => importText(v, dryRun));
    return r.ok ? 0 : 1;
  },
};

const report: CliCommand = {
  words: ['reviews', 'report'],
  usage: 'lanyard reviews report ID [--format json|csv|html] [--out FILE]',
  summary: 'The campaign report for auditors: every item, decision, decider, the ops and their ledger seqs',
  help: [
    '  --format F  json (default), csv, or html (a printable page in this computer’s time zone)',
    '  --out FILE  write to FILE (through a temporary file renamed at the end) instead of stdout',
    "The report states the ledger's signed head at closing (while open: now); check it with `lanyard audit verify`.",
  ].join('\n'),
  args: { min: 1, max: 1 },
  options: { format: { type: 'string' }, out: { type: 'string', short: 'o' } },
  async run({ positionals, values, call, io }) {
    const format = str(values.format) ?? 'json';
    if (format !== 'json' && format !== 'csv' && format !== 'html')
      throw new CliUsageError('--format must be json, csv or html');
    const campaignId = idOf(positionals[0]!);
    const doc = await call('reviews.report', { campaignId, format, ...here() });
    return emit({ io, values }, doc, `the report of access review ${campaignId}`);
  },
};

export const reviewSheetCommands: CliCommand[] = [exportCmd, importCmd, report];
