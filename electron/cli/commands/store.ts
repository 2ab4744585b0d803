// `lanyard store copy`: moves a whole workspace between stores (a desktop's SQLite data folder and the team server's
// PostgreSQL database, either way), verifying the ledger on arrival. Works on the two stores named, never on the
// data folder of --data-dir, and opens no core: it needs neither the OS keychain nor a running Lanyard.
import { copyStore, type StoreCopyReport } from '../../store/copy/copy';
import { CliUsageError, printResult, type CliCommand } from '../command';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const render = (r: StoreCopyReport): string =>
  [
    `Copied ${r.rows} rows in ${r.tables.length} tables from ${r.from} to ${r.to} in ${seconds(r.ms)}.`,
    `Ledger: ${r.ledger.events} events, head seq ${r.ledger.headSeq}, hash ${r.ledger.headHash} (verified on arrival).`,
    ...r.tables.filter((t) => t.rows > 0).map((t) => `  ${t.name.padEnd(20)} ${String(t.rows).padStart(9)}`),
  ].join('\n');

const copy: CliCommand = {
  words: ['store', 'copy'],
  usage: 'lanyard store copy --from SRC --to DST [--json]',
  summary: 'Copy a whole workspace between SQLite and PostgreSQL (verified, all or nothing)',
  help: [
    'Copies everything a workspace holds: configuration, directory snapshot, accounts, journal, offboarding',
    'cases, access reviews, and the whole audit ledger with its hashes and seal. Use it to move a desktop',
    'workspace to the team server, or to take a SQLite backup of a server.',
    '',
    'SRC and DST are each:',
    '  sqlite:PATH                 a Lanyard data folder (holding lanyard.db) or a database file',
    '  postgres://USER:PASSWORD@HOST:PORT/DATABASE   (or postgresql://; ?host=/socket/dir for a Unix socket)',
    '',
    "The source is only read (SQLite is opened read-only) and must be at this Lanyard's schema version: open it",
    'once with this version first. The target is brought to the current schema and must be empty; Lanyard',
    'never overwrites or merges. Everything is written in one transaction: before it commits, the ledger chain',
    "is verified on the target and its head compared with the source's, and every table's row count too; any",
    'difference, or any error, leaves the target as it was. On PostgreSQL, write as the role that owns',
    "Lanyard's tables (the one that runs the migrations; a member reaches it with ?options=-c%20role%3DROLE);",
    'reading a server needs only SELECT. --data-dir is not used: both stores are named here.',
    '',
    'No secrets are copied: credentials live only in the OS keychain (or the server’s secret files), never in',
    'the store, so this command does not use the keychain. Set the secrets up again where the copy will run.',
    'The ledger seal is copied as it is and stays valid under the same seal key; the key itself is a secret',
    'and is not copied (on a server it comes from LANYARD_AUDIT_SEAL_KEY).',
    'Passwords in URLs are never printed.',
    '',
    'Options:',
    '  --from SRC    the store to copy',
    '  --to DST      an empty store to copy into (created when it is a new folder or file)',
    '',
    'Example:',
    "  lanyard store copy --from sqlite:~/.config/Lanyard --to 'postgres://alice@db.internal/lanyard?options=-c%20role%3Dlanyard_owner'",
    '  lanyard store copy --from postgres://backup_reader@db.internal/lanyard --to sqlite:/backups/lanyard.db',
  ].join('\n'),
  options: { from: { type: 'string' }, to: { type: 'string' } },
  args: { max: 0 },
  async run({ values, io }) {
    const from = typeof values.from === 'string' ? values.from : '';
    const to = typeof values.to === 'string' ? values.to : '';
    if (!from || !to) throw new CliUsageError(`--${from ? 'to' : 'from'} is required`);
    const report = await copyStore(from, to);
    printResult(io, report, render);
    return 0;
  },
};

export const storeCommands: CliCommand[] = [copy];
