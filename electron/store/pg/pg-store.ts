// The store on PostgreSQL (see ../store.ts): a pg pool behind Kysely's PostgresDialect, brought to the latest
// schema on open. Write transactions take the advisory lock "LANY" "WRIT" first, so writes from any number of
// server replicas are serialized exactly as SQLite serializes the desktop's; read snapshots are REPEATABLE READ,
// READ ONLY.
import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import type { Database } from '../schema-types';
import { readOnlyJoin, txContext, type Store } from '../store';
import { createPgPool, redactPgUrl, type PgPoolOptions } from './pool';
import { migratePg, pgSchemaVersion } from './migrate';
import { pgMigrations } from './migrations';
import { StoreError } from '../database';

/** "LANY" "WRIT" as one bigint: the write lock every write transaction takes first. */
export const WRITE_LOCK_KEY = ((0x4c414e59n << 32n) | 0x57524954n).toString();

export interface PgStore extends Store {
  readonly pool: pg.Pool;
}

/** The store over an existing pool (its schema must be current: openPgStore migrates first). */
export const createPgStore = (pool: pg.Pool): PgStore => {
  const root = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const ctx = txContext();
  let writeTail: Promise<void> = Promise.resolve();
  const run = async <T>(write: boolean, fn: () => Promise<T>): Promise<T> => {
    const open = ctx.current();
    if (open) {
      if (write && !open.write) throw readOnlyJoin();
      return fn();
    }
    if (write) {
      // Write transactions of this process queue here, before taking a pooled connection: waiting for the write
      // lock inside the database would hold one connection per waiter and starve the pool (25 apps storing their
      // reads at once ran 10 connections out and timed out).
      const previous = writeTail;
      let done!: () => void;
      writeTail = new Promise<void>((resolve) => (done = resolve));
      await previous;
      try {
        return await inTransaction(write, fn);
      } finally {
        done();
      }
    }
    return inTransaction(write, fn);
  };
  const inTransaction = <T>(write: boolean, fn: () => Promise<T>): Promise<T> => {
    const builder = write
      ? root.transaction()
      : root.transaction().setIsolationLevel('repeatable read').setAccessMode('read only');
    return builder.execute(async (trx) => {
      if (write) await sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY}::bigint)`.execute(trx);
      return ctx.within({ q: trx, open: true, write }, fn);
    });
  };
  return {
    engine: 'postgres',
    pool,
    q: () => ctx.current()?.q ?? root,
    tx: (fn) => run(true, fn),
    read: (fn) => run(false, fn),
    inTransaction: () => ctx.current() !== undefined,
    schemaVersion: async () =>
      (
        await sql<{ version: number }>`SELECT version FROM lanyard_schema WHERE id = 1`.execute(
          ctx.current()?.q ?? root,
        )
      ).rows[0]?.version ?? 0,
    close: () => root.destroy(), // ends the pool
  };
};

const latestPgSchemaVersion = pgMigrations[pgMigrations.length - 1]!.version;

/** A migration refused for lack of privileges: say who may run it. */
const notOwner =
  (url: string) =>
  (err: unknown): never => {
    if (
      (err as { cause?: { code?: string } }).cause?.code === '42501' ||
      (err as { code?: string }).code === '42501'
    )
      throw new StoreError(
        'internal',
        `The PostgreSQL database at ${redactPgUrl(url)} needs a schema upgrade, which only its owner may run.`,
        {
          hint: 'Run `lanyard server` (or `lanyard store copy`) once with the owner role\'s URL, then grant the app role again (docs/team-server.md, "Database roles").',
          cause: err,
        },
      );
    throw err;
  };

/**
 * Connects to `url`, applies pending migrations (as the connecting role: the database owner on first start, see
 * docs/team-server.md) and returns the store. A database that cannot be reached is a clear error naming the
 * server without its password.
 */
export const openPgStore = async (url: string, opts: PgPoolOptions = {}): Promise<PgStore> => {
  const pool = createPgPool(url, opts);
  try {
    await ensurePgSchema(pool, url);
    return createPgStore(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
};

/**
 * Checks the database is reachable and at the latest schema, applying pending migrations when the role may (the
 * owner). A database that cannot be reached is a clear error naming the server without its password.
 */
export const ensurePgSchema = async (pool: pg.Pool, url: string): Promise<void> => {
  const client = await pool.connect().catch((err: Error) => {
    throw new StoreError(
      'internal',
      `Cannot reach the PostgreSQL database at ${redactPgUrl(url)}: ${err.message}`,
      {
        hint: 'Check the address, that PostgreSQL runs and accepts this role, and the network between them.',
        cause: err,
      },
    );
  });
  try {
    // Only the database owner may change the schema (docs/team-server.md): a server connecting as the app's
    // role finds it current and migrates nothing; an owner brings it up to date.
    if ((await pgSchemaVersion(client)) !== latestPgSchemaVersion)
      await migratePg(client).catch(notOwner(url));
  } finally {
    client.release();
  }
};
