// One Kysely<Database> per engine for the store's PostgreSQL tests: SQLite over a better-sqlite3 connection, and
// PostgreSQL over a pg pool that parses BIGINT (int8) to the number the table types promise (pg returns it as text
// by default), refusing a value beyond Number.MAX_SAFE_INTEGER rather than rounding it.
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Db } from '../../electron/store/database';
import type { Database } from '../../electron/store/schema-types';
import { pgTypes } from '../../electron/store/pg/pool';

/** Kysely over an open SQLite database; destroy() closes it. */
export const kyselyOnSqlite = (db: Db): Kysely<Database> =>
  new Kysely<Database>({ dialect: new SqliteDialect({ database: db }) });

/** Kysely over a new pool to `config`; destroy() ends the pool. */
export const kyselyOnPg = (config: pg.ClientConfig): Kysely<Database> =>
  new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ ...config, types: pgTypes }) }),
  });
