// The data folder, checked before the core opens it, so a wrong `--data-dir` is explained in words (a file, a
// folder this user cannot write, a read-only database) instead of EEXIST/ENOTDIR/EACCES or "damaged".
// Exit 2 for all of them: the folder named is the caller's to fix.
import fs from 'node:fs';
import path from 'node:path';
import { LanyardError } from '../app/errors';
import { DB_FILE } from '../store/database';

/** Where the folder came from, for the messages: the flag, the variable or the default. */
export type DataDirSource = '--data-dir' | 'LANYARD_DATA_DIR' | 'default';

const sourceText = (source: DataDirSource): string =>
  source === 'default' ? 'the data folder' : `the data folder (${source})`;

const HINT =
  'Pass --data-dir DIR (or set LANYARD_DATA_DIR) with a folder this user can write; Lanyard creates it if needed.';

const statOf = (p: string): fs.Stats | null => {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
};

/** A folder needs write and search (x) permission to create files in it; a file needs write permission. */
const writable = (p: string, folder = true): boolean => {
  try {
    fs.accessSync(p, folder ? fs.constants.W_OK | fs.constants.X_OK : fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

const bad = (message: string, hint = HINT): LanyardError => new LanyardError('bad_input', message, { hint });

/** Throws a bad_input LanyardError that says what is wrong with the folder, or returns when it is usable. */
export const checkDataDir = (dir: string, source: DataDirSource): void => {
  const what = sourceText(source);
  const st = statOf(dir);
  if (st) {
    if (!st.isDirectory()) throw bad(`${what} ${dir} is a file, not a folder.`);
    const db = path.join(dir, DB_FILE);
    const dbStat = statOf(db);
    if (dbStat && !dbStat.isFile()) throw bad(`${db} is not a file; Lanyard keeps its database there.`);
    // SQLite writes next to the database (-wal, -shm), so a read-only folder makes a read-only database too.
    if (dbStat && (!writable(db, false) || !writable(dir))) throw readOnlyDatabase(db);
    if (!writable(dir)) throw bad(`${what} ${dir} is not writable by this user.`);
    return;
  }
  // Find the nearest part of the path that exists: that is what decides whether the folder can be created.
  let ancestor = path.dirname(dir);
  while (!statOf(ancestor) && path.dirname(ancestor) !== ancestor) ancestor = path.dirname(ancestor);
  const a = statOf(ancestor);
  if (a && !a.isDirectory())
    throw bad(`${what} ${dir} cannot be created: ${ancestor} is a file, not a folder.`);
  if (a && !writable(ancestor))
    throw bad(`${what} ${dir} cannot be created: ${ancestor} is not writable by this user.`);
};

/** A database this user may read but not write: say so, and that it is not damaged. */
export const readOnlyDatabase = (file: string, cause?: unknown): LanyardError =>
  new LanyardError(
    'bad_input',
    `The Lanyard database at ${file} is read-only for this user; it is not damaged, and nothing was changed.`,
    {
      hint: 'Run Lanyard as the user that owns the data folder, or make the database and its folder writable (SQLite also writes files next to it).',
      ...(cause === undefined ? {} : { cause }),
    },
  );

/** Whether an error from opening the store was SQLite refusing to write (not a damaged file). */
export const isReadOnlyError = (err: unknown): boolean => {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) return true;
    if (/attempt to write a readonly database/i.test((e as { message?: string }).message ?? '')) return true;
  }
  return false;
};
