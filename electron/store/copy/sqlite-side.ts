// The SQLite end of `lanyard store copy`. A source is opened read-only (never migrated, never written: a copy is a
// read) and read in one transaction; a target is opened and migrated like Lanyard opens its own data folder and
// written in one IMMEDIATE transaction. Tables, keys and foreign keys come from the schema itself.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { HeadAnchor } from '../../audit/verify-chain';
import { DB_FILE, StoreError, closeDatabase, migrate, openDatabase, type Db } from '../database';
import { latestSchemaVersion } from '../migrations';
import { ident, type Row, type SourceSide, type TableShape, type TargetSide, type Value } from './types';

const toValue = (v: unknown, table: string, column: string): Value => {
  if (v === null || typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'bigint') {
    if (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)) return Number(v);
    throw new StoreError('internal', `${table}.${column} holds ${v}, beyond what Lanyard can copy exactly.`);
  }
  throw new StoreError('internal', `${table}.${column} holds a value Lanyard does not store (${typeof v}).`);
};

interface SqliteTable extends TableShape {
  withoutRowid: boolean;
}

const readTables = (db: Db): SqliteTable[] => {
  const list = db
    .prepare(
      `SELECT name, wr FROM pragma_table_list
        WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
    )
    .all() as { name: string; wr: number }[];
  const cols = db.prepare('SELECT name, pk FROM pragma_table_info(?) ORDER BY cid');
  const fks = db.prepare('SELECT DISTINCT "table" AS parent FROM pragma_foreign_key_list(?)');
  return list.map(({ name, wr }) => {
    const columns = cols.all(name) as { name: string; pk: number }[];
    return {
      name,
      columns: columns.map((c) => c.name),
      key: columns
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      parents: (fks.all(name) as { parent: string }[]).map((f) => f.parent).filter((p) => p !== name),
      identity: [],
      withoutRowid: wr === 1,
    };
  });
};

const sqliteSide = (db: Db, file: string) => {
  let shapes: Map<string, SqliteTable> | null = null;
  const shapesOf = (): Map<string, SqliteTable> =>
    (shapes ??= new Map(readTables(db).map((t) => [t.name, t])));
  return {
    label: `sqlite:${file}`,
    engine: 'sqlite' as const,
    schemaVersion: () => Promise.resolve(db.pragma('user_version', { simple: true }) as number),
    tables: () => Promise.resolve([...shapesOf().values()]),
    count: (table: string) =>
      Promise.resolve((db.prepare(`SELECT count(*) AS n FROM ${ident(table)}`).get() as { n: number }).n),
    async *pages(shape: TableShape, size: number): AsyncGenerator<Row[], void, undefined> {
      const t = shapesOf().get(shape.name);
      if (!t) throw new StoreError('internal', `Table ${shape.name} is missing from sqlite:${file}.`);
      // Keyset paging: by rowid, or by the primary key of a WITHOUT ROWID table.
      const keys = t.withoutRowid ? t.key.map(ident) : ['rowid'];
      const cols = t.columns.map(ident).join(', ');
      const select = `SELECT ${cols}, ${keys.join(', ')} FROM ${ident(t.name)}`;
      const order = `ORDER BY ${keys.join(', ')} LIMIT ?`;
      const first = db.prepare(`${select} ${order}`).raw(true).safeIntegers(true);
      const next = db
        .prepare(`${select} WHERE (${keys.join(', ')}) > (${keys.map(() => '?').join(', ')}) ${order}`)
        .raw(true)
        .safeIntegers(true);
      let after: unknown[] | null = null;
      for (;;) {
        const raw = (after ? next.all(...after, size) : first.all(size)) as unknown[][];
        if (raw.length === 0) return;
        yield raw.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, toValue(r[i], t.name, c)])));
        if (raw.length < size) return;
        after = raw[raw.length - 1]!.slice(t.columns.length);
      }
    },
    head: () =>
      Promise.resolve(
        (db
          .prepare('SELECT count, head_seq AS headSeq, head_hash AS headHash FROM audit_head WHERE id = 1')
          .get() as HeadAnchor | undefined) ?? null,
      ),
  };
};

const cannotOpen = (file: string, err: unknown): StoreError =>
  new StoreError('internal', `Cannot open the SQLite database ${file}: ${(err as Error).message}`, {
    cause: err,
  });

/** The source, read-only: nothing in its folder is migrated or written. */
export const openSqliteSource = (file: string): SourceSide => {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw cannotOpen(file, err);
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      throw new StoreError('internal', `The database ${file} is damaged (quick_check: ${String(check)}).`, {
        hint: 'Restore it from a backup first; Lanyard copies only an intact database.',
      });
  } catch (err) {
    db.close();
    throw err instanceof StoreError ? err : cannotOpen(file, err);
  }
  return {
    ...sqliteSide(db, file),
    beginRead: () => Promise.resolve(void db.exec('BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema')),
    endRead: () => Promise.resolve(void (db.inTransaction && db.exec('COMMIT'))),
    close: () => Promise.resolve(void db.close()),
  };
};

/** Opens a target file of another name than lanyard.db the way openDatabase opens a data folder's. */
const openOtherFile = (file: string): Db => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file);
  } catch (err) {
    throw cannotOpen(file, err);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestSchemaVersion)
      throw new StoreError(
        'internal',
        `The database ${file} was written by a newer Lanyard (schema ${version}; this version knows up to ${latestSchemaVersion}).`,
      );
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, version);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
};

/** The target, brought to the latest schema. */
export const openSqliteTarget = (file: string): TargetSide => {
  const db = path.basename(file) === DB_FILE ? openDatabase(path.dirname(file)) : openOtherFile(file);
  const side = sqliteSide(db, file);
  const inserts = new Map<string, Database.Statement>();
  const insertOf = (t: TableShape): Database.Statement => {
    let s = inserts.get(t.name);
    if (!s) {
      const cols = t.columns.map(ident).join(', ');
      s = db.prepare(
        `INSERT INTO ${ident(t.name)} (${cols}) VALUES (${t.columns.map(() => '?').join(', ')})`,
      );
      inserts.set(t.name, s);
    }
    return s;
  };
  const moveHead = db.prepare(
    'UPDATE audit_head SET count = count + 1, head_seq = ?, head_hash = ? WHERE id = 1',
  );
  return {
    ...side,
    begin: () => Promise.resolve(void db.exec('BEGIN IMMEDIATE')),
    insert(t, rows) {
      const s = insertOf(t);
      for (const r of rows) s.run(t.columns.map((c) => r[c] ?? null));
      return Promise.resolve();
    },
    async appendEvents(rows) {
      const t = (await side.tables()).find((x) => x.name === 'audit_events')!;
      const s = insertOf(t);
      // audit_head_forward_only: the count moves by exactly one per update, the seq only forward.
      for (const r of rows) {
        s.run(t.columns.map((c) => r[c] ?? null));
        moveHead.run(r.seq, r.hash);
      }
    },
    replaceSeal(row) {
      // audit_seal_forward_only refuses a new ledger id, and the row cannot be deleted or inserted: the trigger is
      // dropped and re-created from its own stored SQL inside this transaction, so it is back before anyone sees.
      const trigger = db
        .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'audit_seal_forward_only'")
        .get() as { sql: string } | undefined;
      if (!trigger) throw new StoreError('internal', 'The target has no audit_seal_forward_only trigger.');
      const cols = Object.keys(row).filter((c) => c !== 'id');
      db.exec('DROP TRIGGER audit_seal_forward_only');
      db.prepare(`UPDATE audit_seal SET ${cols.map((c) => `${ident(c)} = ?`).join(', ')} WHERE id = 1`).run(
        cols.map((c) => row[c] ?? null),
      );
      db.exec(trigger.sql);
      return Promise.resolve();
    },
    finish: () => Promise.resolve(),
    commit: () => Promise.resolve(void db.exec('COMMIT')),
    rollback: () => Promise.resolve(void (db.inTransaction && db.exec('ROLLBACK'))),
    close: () => Promise.resolve(closeDatabase(db)),
  };
};
