// Opens Lanyard's SQLite file: integrity check first, then pragmas, then pending migrations in one transaction.
// Refuses (and never overwrites) a file that is corrupt or was written by a newer Lanyard.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LanyardError } from '../app/errors';
import { migrations, latestSchemaVersion, type Migration } from './migrations';

export type Db = Database.Database;

export const DB_FILE = 'lanyard.db';

export class StoreError extends LanyardError {}

const openRaw = (file: string): Db => {
  try {
    return new Database(file, { fileMustExist: false });
  } catch (err) {
    throw new StoreError(
      'internal',
      `Cannot open the Lanyard database at ${file}: ${(err as Error).message}`,
      {
        hint: 'Check that the data folder exists and is writable.',
        cause: err,
      },
    );
  }
};

const corrupt = (file: string, detail: string, cause?: unknown): StoreError =>
  new StoreError('internal', `The Lanyard database at ${file} is damaged (${detail}). Nothing was changed.`, {
    hint: 'Restore it from a backup, or move it aside to start with an empty workspace; Lanyard will not overwrite it.',
    cause,
  });

/** Opens (creating if needed) and migrates the database in `dataDir`. */
export const openDatabase = (dataDir: string): Db => {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DB_FILE);
  const db = openRaw(file);
  try {
    let check: unknown;
    try {
      check = db.pragma('quick_check', { simple: true });
    } catch (err) {
      throw corrupt(file, (err as Error).message, err);
    }
    if (check !== 'ok') throw corrupt(file, `quick_check: ${String(check)}`);

    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestSchemaVersion) {
      throw new StoreError(
        'internal',
        `The database at ${file} was written by a newer Lanyard (schema ${version}; this version knows up to ${latestSchemaVersion}).`,
        { hint: 'Update Lanyard, or open a different data folder with --data-dir.' },
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db, version);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
};

/**
 * Applies every migration newer than `from` in a single transaction: all or nothing. A failing migration leaves
 * the schema and user_version exactly as they were. `list` is injectable so tests can prove the rollback.
 */
export const migrate = (db: Db, from: number, list: readonly Migration[] = migrations): void => {
  const pending = list.filter((m) => m.version > from);
  if (pending.length === 0) return;
  // Foreign keys are off while tables are rebuilt (SQLite's documented procedure for schema changes): with them
  // on, dropping a referenced table (plan_ops, which offboarding tasks point at) counts every referencing row as a
  // violation that re-creating the table does not clear, and the commit fails. They are checked before the commit
  // instead, and turned back on after it (the pragma cannot change inside a transaction).
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    migrateAll(db, pending);
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
};

const migrateAll = (db: Db, pending: readonly Migration[]): void => {
  db.transaction(() => {
    for (const m of pending) {
      try {
        m.up(db);
      } catch (err) {
        throw new StoreError(
          'internal',
          `Updating the database to schema ${m.version} (${m.name}) failed: ${(err as Error).message}. Nothing was changed.`,
          {
            hint: 'Report this with the log; the previous version of Lanyard can still open this data folder.',
            cause: err,
          },
        );
      }
      db.pragma(`user_version = ${m.version}`);
    }
    const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
    if (broken.length)
      throw new StoreError(
        'internal',
        `Updating the database to schema ${pending[pending.length - 1]!.version} would leave ${broken.length} row(s) of ${broken[0]!.table} pointing at missing ${broken[0]!.parent} rows. Nothing was changed.`,
        {
          hint: 'Report this with the log; the previous version of Lanyard can still open this data folder.',
        },
      );
  }).immediate();
};

export const closeDatabase = (db: Db): void => {
  if (!db.open) return;
  try {
    db.pragma('optimize');
  } finally {
    db.close();
  }
};

export const schemaVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number;
