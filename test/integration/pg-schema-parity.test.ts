// One store, two engines (issue #14): the PostgreSQL migrations (electron/store/pg/migrations/) build the same schema
// as the SQLite ones, against a real server. Both sets are applied to fresh databases and read back; the test fails
// when a table, a column (its place, storage type, nullability or default), a primary or foreign key, an index or
// a trigger exists on one engine and not on the other, except for the differences named below with their reasons.
// The Kysely table types (electron/store/schema-types.ts) are checked against the same schema, and one typed query
// runs unchanged on both engines.
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../electron/store/migrations';
import { closeDatabase, openDatabase } from '../../electron/store/database';
import { migratePg } from '../../electron/store/pg/migrate';
import { pgMigrations } from '../../electron/store/pg/migrations';
import type { Database as Tables } from '../../electron/store/schema-types';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { makeTempDir, removeDir, tempDirForTest } from '../helpers/temp-dir';
import { pgSchema, sqliteSchema, type Schema } from './schema-introspection';
import { kyselyOnPg, kyselyOnSqlite } from './kysely-engines';
import { kyselyTableTypes } from './schema-types-reader';

/** Each SQLite trigger's PostgreSQL twin, or why it has none. */
const TRIGGER_TWINS: Record<string, string | { none: string }> = {
  audit_no_update: 'audit_events_no_update',
  audit_no_delete: 'audit_events_no_delete',
  audit_head_forward_only: 'audit_head_forward_only',
  audit_head_no_delete: 'audit_head_no_delete',
  audit_head_single_row: {
    none:
      'CHECK (id = 1) and the primary key already allow one row, and PostgreSQL has no INSERT OR REPLACE (which on ' +
      'SQLite deletes the row without firing its DELETE trigger); an INSERT trigger would also break ' +
      "pg-ledger.ts's idempotent install(), whose INSERT … ON CONFLICT DO NOTHING fires it",
  },
  audit_seal_forward_only: 'audit_seal_forward_only',
  audit_seal_no_delete: 'audit_seal_no_delete',
  audit_seal_single_row: 'audit_seal_single_row',
};

/** Triggers only PostgreSQL has, and why. */
const PG_ONLY_TRIGGERS: Record<string, string> = {
  audit_events_no_truncate: 'TRUNCATE skips row triggers; SQLite has no TRUNCATE',
  audit_head_no_truncate: 'TRUNCATE skips row triggers; SQLite has no TRUNCATE',
  audit_seal_no_truncate: 'TRUNCATE skips row triggers; SQLite has no TRUNCATE',
  audit_events_next_seq:
    'several servers append at once: the database itself refuses an event that does not follow the head',
};

/** Tables only PostgreSQL has, and why. */
const PG_ONLY_TABLES: Record<string, string> = {
  lanyard_schema:
    'the schema version, which SQLite keeps in PRAGMA user_version (electron/store/pg/migrate.ts)',
};

/** Rowid aliases the app fills itself, so they are plain BIGINT keys on PostgreSQL, not identities. */
const APP_CHOSEN_IDS = new Set(['audit_events.seq', 'audit_head.id', 'audit_seal.id']);

let server: TestPostgres;
let lite: Schema;
let pgs: Schema;
const clients: pg.Client[] = [];

const connect = async (db: string): Promise<pg.Client> => {
  const client = new pg.Client(server.config(db));
  await client.connect();
  clients.push(client);
  return client;
};

const migratedPg = async (): Promise<{ db: string; client: pg.Client }> => {
  const db = await server.createDatabase('parity');
  const client = await connect(db);
  await migratePg(client);
  return { db, client };
};

beforeAll(async () => {
  server = startPostgres();
  const dir = makeTempDir('parity');
  try {
    const sqlite = openDatabase(dir);
    lite = sqliteSchema(sqlite);
    closeDatabase(sqlite);
  } finally {
    removeDir(dir);
  }
  pgs = await pgSchema((await migratedPg()).client);
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end()));
  server?.stop();
});

describe('the PostgreSQL schema', () => {
  it('has a twin for every SQLite migration, with the same version and name', () => {
    expect(pgMigrations.map((m) => `${m.version} ${m.name}`)).toEqual(
      migrations.map((m) => `${m.version} ${m.name}`),
    );
  });

  it('has the same tables, with the same columns in the same order, types, nullability and defaults', () => {
    const pgTables = Object.keys(pgs.tables).filter((t) => !(t in PG_ONLY_TABLES));
    expect(pgTables.sort()).toEqual(Object.keys(lite.tables).sort());
    for (const [table, { columns }] of Object.entries(lite.tables)) {
      const expected = columns.map((c) => ({
        ...c,
        auto: c.auto && !APP_CHOSEN_IDS.has(`${table}.${c.name}`),
      }));
      expect({ table, columns: pgs.tables[table]!.columns }).toEqual({ table, columns: expected });
    }
  });

  it('has the same primary and foreign keys', () => {
    for (const [table, t] of Object.entries(lite.tables)) {
      const p = pgs.tables[table]!;
      expect({ table, pk: p.primaryKey, fks: p.foreignKeys }).toEqual({
        table,
        pk: t.primaryKey,
        fks: t.foreignKeys,
      });
    }
  });

  it('has the same indexes: names, uniqueness, columns or expressions, and partial conditions', () => {
    const key = (i: Schema['indexes'][number]): string => `${i.table} ${i.name ?? '(unique constraint)'}`;
    const sorted = (s: Schema) =>
      [...s.indexes].sort(
        (a, b) => key(a).localeCompare(key(b)) || a.keys.join().localeCompare(b.keys.join()),
      );
    expect(sorted(pgs)).toEqual(sorted(lite));
  });

  it('has a twin for every SQLite trigger, on the same table, and names every trigger only it has', () => {
    for (const [name, table] of Object.entries(lite.triggers)) {
      const twin = TRIGGER_TWINS[name];
      expect(twin, `SQLite trigger ${name} needs an entry in TRIGGER_TWINS`).toBeDefined();
      if (typeof twin === 'string') expect({ name, table: pgs.triggers[twin] }).toEqual({ name, table });
    }
    const twins = Object.values(TRIGGER_TWINS).filter((t) => typeof t === 'string');
    expect(Object.keys(pgs.triggers).sort()).toEqual([...twins, ...Object.keys(PG_ONLY_TRIGGERS)].sort());
  });

  it('refuses on PostgreSQL the seal changes the SQLite triggers refuse', async () => {
    const sqlite = openDatabase(tempDirForTest('parity-seal'));
    const { client } = await migratedPg();
    const outcome = async (sql: string) => {
      let onLite = 'accepted';
      let onPg = 'accepted';
      try {
        sqlite.exec(sql);
      } catch {
        onLite = 'refused';
      }
      try {
        await client.query(sql);
      } catch {
        onPg = 'refused';
      }
      return { sql, onLite, onPg };
    };
    const cases: [string, string][] = [
      ["UPDATE audit_seal SET ledger_id = 'other'", 'refused'],
      [
        "UPDATE audit_seal SET key_id = 'k1', sealed_from_seq = 1, sealed_count = 1, sealed_seq = 1",
        'accepted',
      ],
      ["UPDATE audit_seal SET key_id = 'k2'", 'refused'],
      ['UPDATE audit_seal SET key_id = NULL', 'refused'],
      ['UPDATE audit_seal SET sealed_from_seq = 2', 'refused'],
      ['UPDATE audit_seal SET sealed_seq = 0', 'refused'],
      ['UPDATE audit_seal SET sealed_count = 0', 'refused'],
      ['UPDATE audit_seal SET sealed_count = 2, sealed_seq = 2', 'accepted'],
      ['DELETE FROM audit_seal', 'refused'],
      ["INSERT INTO audit_seal (id, ledger_id) VALUES (1, 'x')", 'refused'],
      ['DELETE FROM audit_head', 'refused'],
    ];
    try {
      for (const [sql, expected] of cases) {
        expect(await outcome(sql)).toEqual({ sql, onLite: expected, onPg: expected });
      }
    } finally {
      closeDatabase(sqlite);
    }
  });
});

describe('the Kysely table types', () => {
  it('name every table and column in schema order, with the nullability and defaults the schema has', () => {
    const expected = Object.fromEntries(
      Object.entries(lite.tables).map(([table, { columns }]) => [
        table,
        columns.map((c) => ({
          name: c.name,
          types: [c.type === 'INTEGER' ? 'number' : 'string', ...(c.notNull ? [] : ['null'])].sort(),
          generated: c.default !== null || (c.auto && !APP_CHOSEN_IDS.has(`${table}.${c.name}`)),
        })),
      ]),
    );
    expect(kyselyTableTypes()).toEqual(expected);
  }, 60_000);

  it('run the same typed query on SQLite and on PostgreSQL with the same results', async () => {
    const { db } = await migratedPg();
    const engines = [kyselyOnSqlite(openDatabase(tempDirForTest('kysely'))), kyselyOnPg(server.config(db))];
    const roundTrip = async (k: Kysely<Tables>) => {
      for (const value of ['"first"', '"second"']) {
        await k
          .insertInto('settings')
          .values({ key: 'kysely-proof', value })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
          .execute();
      }
      const run = await k
        .insertInto('runs')
        .values({
          kind: 'sync',
          trigger: 'manual',
          status: 'running',
          started_at: '2026-12-02T22:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        setting: await k.selectFrom('settings').selectAll().where('key', '=', 'kysely-proof').execute(),
        runs: await k.selectFrom('runs').selectAll().where('id', '=', run.id).execute(),
      };
    };
    try {
      const [onLite, onPg] = [await roundTrip(engines[0]!), await roundTrip(engines[1]!)];
      expect(onPg).toEqual(onLite);
      expect(onLite).toEqual({
        setting: [{ key: 'kysely-proof', value: '"second"' }],
        runs: [
          {
            id: 1,
            kind: 'sync',
            trigger: 'manual',
            status: 'running',
            started_at: '2026-12-02T22:00:00.000Z',
            finished_at: null,
            stats: '{}',
            error: null,
          },
        ],
      });
    } finally {
      await Promise.all(engines.map((k) => k.destroy())); // closes the SQLite file and ends the pool
    }
  });
});
