// The store's asynchronous query layer: one typed Kysely<Database> API over either engine, so the same repository
// code runs on the desktop's embedded SQLite (better-sqlite3) and on the team server's PostgreSQL (pg).
//
// Repositories never hold a connection: they ask `store.q()` for the executor of the calling async context, which
// is the open transaction when the caller is inside `store.tx()` and the root otherwise. Atomicity stays explicit
// at the call sites that need it (journal + ledger, a decision and its event): they wrap their writes in
// `store.tx(async () => …)`; everything a repository does inside joins that transaction.
//
// Write transactions are serialized on both engines, as SQLite has always done for Lanyard:
// - SQLite: BEGIN IMMEDIATE takes the file's write lock first, so a read-then-write cannot interleave with another
//   process (the CLI beside the desktop app) and fail at commit;
// - PostgreSQL: the transaction first takes a transaction-level advisory lock ("LANY" "WRIT"), so two server
//   replicas never interleave two write transactions either. Reads outside a transaction run concurrently.
//
// Rule for repository code: always `store.q()` at the time of the query, never a Kysely captured earlier. On SQLite
// there is one connection; a query on the root from inside a transaction would wait for the transaction to end.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, SqliteDialect, sql, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { Db } from './database';
import type { Database } from './schema-types';

export type Q = Kysely<Database>;
export type StoreEngine = 'sqlite' | 'postgres';

export interface Store {
  readonly engine: StoreEngine;
  /** The executor for the calling async context: its open transaction, else the root. */
  q(): Q;
  /**
   * Runs `fn` in one write transaction (serialized: see the header) and commits when it resolves, rolls back when
   * it throws. Inside an open transaction it joins it, so a helper that needs atomicity can be called from a caller
   * that already has it.
   */
  tx<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` on one consistent read snapshot (export, verify, a page that reads several tables). */
  read<T>(fn: () => Promise<T>): Promise<T>;
  /** True inside tx() or read(). */
  inTransaction(): boolean;
  /** The schema version the database records (SQLite's user_version; PostgreSQL's lanyard_schema row). */
  schemaVersion(): Promise<number>;
  /** Ends the pool (PostgreSQL); on SQLite the database is closed by its owner (closeDatabase). */
  close(): Promise<void>;
}

/** What an open transaction leaves in the async context; `open` turns false when it ends. */
export interface TxFrame {
  q: Q;
  open: boolean;
  write: boolean;
}

/** The async-context plumbing both engines share. */
export const txContext = () => {
  const als = new AsyncLocalStorage<TxFrame>();
  const current = (): TxFrame | undefined => {
    const f = als.getStore();
    return f?.open ? f : undefined;
  };
  return {
    current,
    /** Runs fn with `frame` as the context's transaction, and closes the frame when fn settles. */
    async within<T>(frame: TxFrame, fn: () => Promise<T>): Promise<T> {
      try {
        return await als.run(frame, fn);
      } finally {
        frame.open = false;
      }
    },
  };
};

/** A write inside a read snapshot is a bug in the caller: refuse it rather than write outside the snapshot. */
export const readOnlyJoin = (): Error =>
  new Error(
    'store.tx() was called inside store.read(): a read snapshot cannot write; start the write outside it',
  );

/**
 * better-sqlite3 behind Kysely's SqliteDialect, with prepared statements cached by their SQL (the dialect prepares
 * every query afresh, which costs more than the query itself for the small lookups repositories make).
 */
const cachedStatements = (db: Db, max = 500): SqliteDatabase => {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => undefined, // the database belongs to its opener (openDatabase / closeDatabase)
    prepare(text: string): SqliteStatement {
      let s = cache.get(text);
      if (s) {
        cache.delete(text); // most recently used last
        cache.set(text, s);
        return s;
      }
      s = db.prepare(text) as unknown as SqliteStatement;
      cache.set(text, s);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
      return s;
    },
  };
};

/** How long a write transaction waits for another process's write lock before it fails as busy. */
export const SQLITE_BUSY_WAIT_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * BEGIN, waiting for another connection's write lock without blocking the event loop: SQLite's own busy handler
 * sleeps inside the call, which would freeze the app (and, for a second connection in the same process, wait for
 * a lock that only this very thread could release). So the attempt does not wait (busy_timeout 0 around it) and is
 * retried after a short pause, up to SQLITE_BUSY_WAIT_MS.
 */
const beginWaiting = async (db: Db, begin: string): Promise<void> => {
  const deadline = Date.now() + SQLITE_BUSY_WAIT_MS;
  const usual = db.pragma('busy_timeout', { simple: true }) as number;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    db.pragma('busy_timeout = 0');
    try {
      db.exec(begin);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw err;
    } finally {
      db.pragma(`busy_timeout = ${usual}`);
    }
    await sleep(pause);
  }
};

/** The store over an open, migrated SQLite database (openDatabase). */
export const createSqliteStore = (db: Db): Store => {
  const root = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachedStatements(db) }) });
  const ctx = txContext();
  const run = async <T>(begin: string, write: boolean, fn: () => Promise<T>): Promise<T> => {
    const open = ctx.current();
    if (open) {
      if (write && !open.write) throw readOnlyJoin();
      return fn();
    }
    return root.connection().execute(async (conn) => {
      await beginWaiting(db, begin);
      try {
        const result = await ctx.within({ q: conn, open: true, write }, fn);
        await sql`COMMIT`.execute(conn);
        return result;
      } catch (err) {
        if (db.inTransaction) await sql`ROLLBACK`.execute(conn);
        throw err;
      }
    });
  };
  return {
    engine: 'sqlite',
    q: () => ctx.current()?.q ?? root,
    tx: (fn) => run('BEGIN IMMEDIATE', true, fn),
    read: (fn) => run('BEGIN', false, fn),
    inTransaction: () => ctx.current() !== undefined,
    schemaVersion: async () =>
      (await sql<{ user_version: number }>`PRAGMA user_version`.execute(ctx.current()?.q ?? root)).rows[0]!
        .user_version,
    close: async () => undefined,
  };
};
