// Brings a PostgreSQL database to the latest schema (./migrations/), the team server's counterpart of migrate() in
// ../database.ts. Each pending version runs in a transaction of its own together with the bump of the recorded
// version (DDL is transactional on PostgreSQL), so a failing migration leaves the schema and the version exactly as
// the previous one left them, and a later start resumes from there. Refuses a database written by a newer Lanyard.
//
// The version lives in a one-row table, lanyard_schema (id = 1, version): the same single number SQLite keeps in
// PRAGMA user_version (PostgreSQL has no such per-database slot), so both engines at one version have the same
// tables and `lanyard store copy` can compare the two numbers directly. Not a row per applied migration (as
// knex's or Kysely's Migrator keep): migrations are applied strictly in order, and the ledger, not this table, is
// the history. Two replicas starting at once are serialized by a transaction-level advisory lock taken before
// anything is read, so each version is applied exactly once; the loser sees the new version and skips it.
import type pg from 'pg';
import { StoreError } from '../database';
import { pgMigrations, type PgMigration } from './migrations';

/** The advisory lock's key: "LANY" "MIGR" as one bigint (the scheduler's is "LANY" "SCHD"). */
export const MIGRATION_LOCK_KEY = ((0x4c414e59n << 32n) | 0x4d494752n).toString();

const SCHEMA_TABLE = `
  CREATE TABLE IF NOT EXISTS lanyard_schema (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
  );
  INSERT INTO lanyard_schema (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;`;

/** The schema version recorded in the database (0 for an empty one, before migratePg). */
export const pgSchemaVersion = async (client: pg.ClientBase): Promise<number> => {
  const t = await client.query<{ t: string | null }>("SELECT to_regclass('lanyard_schema')::text AS t");
  if (!t.rows[0]?.t) return 0;
  const r = await client.query<{ version: number }>('SELECT version FROM lanyard_schema WHERE id = 1');
  return r.rows[0]?.version ?? 0;
};

const newer = (version: number, latest: number): StoreError =>
  new StoreError(
    'internal',
    `The PostgreSQL database was written by a newer Lanyard (schema ${version}; this version knows up to ${latest}).`,
    { hint: 'Update Lanyard on every server that shares this database.' },
  );

/**
 * Applies every migration newer than the recorded version, one transaction each, on `client` (a dedicated
 * connection, not inside a transaction). Returns the versions before and after. `list` is injectable so tests can
 * prove a failing migration changes nothing.
 */
export const migratePg = async (
  client: pg.ClientBase,
  list: readonly PgMigration[] = pgMigrations,
): Promise<{ from: number; to: number }> => {
  const latest = list.length ? list[list.length - 1]!.version : 0;
  let from: number | null = null;
  for (;;) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      await client.query(SCHEMA_TABLE);
      const r = await client.query<{ version: number }>('SELECT version FROM lanyard_schema WHERE id = 1');
      const version = r.rows[0]!.version;
      from ??= version;
      if (version > latest) throw newer(version, latest);
      const next = list.find((m) => m.version > version);
      if (!next) {
        await client.query('COMMIT');
        return { from, to: version };
      }
      try {
        await client.query(next.sql);
      } catch (err) {
        throw new StoreError(
          'internal',
          `Updating the PostgreSQL database to schema ${next.version} (${next.name}) failed: ${(err as Error).message}. ` +
            `It stays at schema ${version}.`,
          {
            hint: 'Report this with the log; Lanyard of the previous version can still use this database.',
            cause: err,
          },
        );
      }
      await client.query('UPDATE lanyard_schema SET version = $1 WHERE id = 1', [next.version]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
};
