// Which store `lanyard server` runs on: `--database URL` or LANYARD_DATABASE_URL, else the data folder.
// - `sqlite:PATH`: a data folder (the one `lanyard serve` and the desktop app use), relative to the working folder;
// - `postgres://…` / `postgresql://…`: a PostgreSQL database (user, password, host or ?host=/socket/dir, database).
// Anything else is refused with the forms that work. A message never quotes a password: postgres URLs are shown
// through redactPgUrl, and an unrecognised text is named only by its scheme.
//
// openCoreFor() is the one place that turns a target into a running core.
import path from 'node:path';
import { createLanyard, type Lanyard } from '../app/create-lanyard';
import { LanyardError } from '../app/errors';
import type { Logger } from '../log/logger';
import { createKeychainStore } from '../secrets/keychain';
import { checkDataDir, isReadOnlyError, readOnlyDatabase, type DataDirSource } from '../cli/data-dir-check';
import { DB_FILE } from '../store/database';
import { redactPgUrl } from '../store/pg/pool';
import { defaultDataDir } from '../app/data-dir';

export const DATABASE_URL_ENV = 'LANYARD_DATABASE_URL';

export type DatabaseTarget = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string };

const FORMS =
  'Use sqlite:/path/to/data-folder (a folder; Lanyard keeps lanyard.db in it) or ' +
  'postgres://USER:PASSWORD@HOST:5432/DATABASE (also postgresql://…; a Unix socket as ?host=/run/postgresql).';

const bad = (message: string): LanyardError => new LanyardError('bad_input', message, { hint: FORMS });

/** The scheme of a text for messages, never more of it (the rest may hold a password). */
const schemeOf = (text: string): string | null => /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1] ?? null;

/** Parses a --database value or LANYARD_DATABASE_URL. `from` names where it came from, for the messages. */
export const parseDatabaseUrl = (
  text: string,
  from = '--database',
  cwd: string = process.cwd(),
): DatabaseTarget => {
  if (text.trim() === '') throw bad(`${from} is empty.`);
  if (text !== text.trim()) throw bad(`${from} starts or ends with a space.`);
  const scheme = schemeOf(text)?.toLowerCase();
  if (scheme === 'sqlite') {
    const dir = text.slice('sqlite:'.length);
    if (dir.startsWith('//'))
      throw bad(
        `${from} is a sqlite:// URL; Lanyard takes sqlite: followed by a folder path, e.g. sqlite:/var/lib/lanyard.`,
      );
    if (dir === '') throw bad(`${from} names no folder after sqlite:.`);
    if (path.basename(dir) === DB_FILE)
      throw bad(
        `${from} names the database file; give the folder that holds it (sqlite:${path.dirname(dir)}).`,
      );
    return { kind: 'sqlite', dataDir: path.resolve(cwd, dir) };
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let url: URL;
    try {
      // A socket URL names no host before the path (postgres://user@/db?host=/run/postgresql), which pg and libpq
      // accept and WHATWG URL parsing does not: check its parts with a placeholder host.
      url = new URL(text.replace(/^(postgres(?:ql)?:\/\/[^/?#]*@)\//i, '$1placeholder.invalid/'));
    } catch {
      throw bad(`${from} (${redactPgUrl(text)}) is not a valid URL.`);
    }
    const socket = url.searchParams.get('host');
    const host = url.hostname === 'placeholder.invalid' ? '' : url.hostname;
    if (!host && !socket)
      throw bad(`${from} (${redactPgUrl(text)}) names no host (nor a socket folder as ?host=/path).`);
    if (url.pathname.replace(/^\//, '') === '')
      throw bad(`${from} (${redactPgUrl(text)}) names no database (…/DATABASE after the host).`);
    return { kind: 'postgres', url: text };
  }
  throw bad(
    scheme
      ? `${from} has the scheme "${scheme}:", which Lanyard does not support.`
      : `${from} is neither a sqlite: nor a postgres:// URL.`,
  );
};

/** A target for logs and messages: the folder, or the URL without its password. */
export const describeTarget = (t: DatabaseTarget): string =>
  t.kind === 'sqlite' ? `sqlite:${t.dataDir}` : redactPgUrl(t.url);

export interface OpenCoreForOptions {
  log: Logger;
  env: NodeJS.ProcessEnv;
  /** Where a sqlite folder came from, for the data folder's messages. */
  source: DataDirSource;
}

/**
 * The core on `target`, as the scheduler owner (or its standby), once it is open. SQLite: the data folder is
 * checked first, so a wrong folder is explained in words. PostgreSQL: the database is reached, its schema checked
 * (or migrated, when the role owns it) and the scheduler seat taken or watched before this resolves; the data
 * folder (LANYARD_DATA_DIR or the default) then only holds local files.
 */
export const openCoreFor = async (target: DatabaseTarget, opts: OpenCoreForOptions): Promise<Lanyard> => {
  const common = {
    secrets: createKeychainStore(opts.env.LANYARD_KEYCHAIN_SERVICE ?? 'Lanyard'),
    log: opts.log,
    env: opts.env,
    scheduler: true,
  };
  if (target.kind === 'postgres') {
    const core = createLanyard({
      ...common,
      dataDir: opts.env.LANYARD_DATA_DIR ?? defaultDataDir(opts.env),
      database: target.url,
    });
    try {
      await core.ready;
    } catch (err) {
      await core.shutdown().catch(() => undefined);
      throw err;
    }
    return core;
  }
  checkDataDir(target.dataDir, opts.source);
  try {
    const core = createLanyard({ ...common, dataDir: target.dataDir });
    await core.ready;
    return core;
  } catch (err) {
    if (isReadOnlyError(err)) throw readOnlyDatabase(path.join(target.dataDir, DB_FILE), err);
    throw err;
  }
};
