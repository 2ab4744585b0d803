// A pg connection pool for Lanyard's PostgreSQL store. Shared by the server's store, `lanyard store copy` and the
// tests, so every connection parses and bounds values the same way:
// - BIGINT (int8, every integer column on PostgreSQL) becomes the JavaScript number the table types promise (pg
//   returns it as text by default); a value beyond Number.MAX_SAFE_INTEGER is refused rather than rounded;
// - connecting, each statement and an idle transaction have explicit time limits, so a cut network is an error
//   within seconds instead of a hang.
import pg from 'pg';
import { StoreError } from '../database';

const int8 = (v: string): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n))
    throw new StoreError(
      'internal',
      `A BIGINT value in the database (${v}) is beyond what Lanyard can count.`,
    );
  return n;
};

export const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? int8
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PgPoolOptions {
  /** Most connections the pool opens (default 10). */
  max?: number;
  /** Time limit to open a connection (default 10 s). */
  connectTimeoutMs?: number;
  /** Server-side limit per statement (default 60 s; 0: none). */
  statementTimeoutMs?: number;
  /** Server-side limit for a transaction left idle (default 60 s). */
  idleInTransactionTimeoutMs?: number;
}

/** The URL without its password, for messages and logs. */
export const redactPgUrl = (url: string): string => {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
};

/** Connection settings from a URL (postgres://user:pass@host:port/db?host=/socket/dir&sslmode=…) or a config. */
export const pgConfig = (target: string | pg.ClientConfig, opts: PgPoolOptions = {}): pg.PoolConfig => {
  const base: pg.ClientConfig = typeof target === 'string' ? { connectionString: target } : target;
  return {
    ...base,
    types: pgTypes,
    max: opts.max ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    statement_timeout: opts.statementTimeoutMs ?? 60_000,
    idle_in_transaction_session_timeout: opts.idleInTransactionTimeoutMs ?? 60_000,
    application_name: 'lanyard',
  };
};

/** A new pool; end() it when done. */
export const createPgPool = (target: string | pg.ClientConfig, opts: PgPoolOptions = {}): pg.Pool =>
  new pg.Pool(pgConfig(target, opts));
