// migratePg (electron/store/pg/migrate.ts) against a real PostgreSQL: each version applied once, also when two
// servers start together; a failing version changes nothing; a newer database is refused; rows survive the plan_ops
// rebuilds of schemas 3 and 5 exactly as on SQLite; and every ON CONFLICT target the repositories write finds its
// unique index on PostgreSQL too.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/store/database';
import { migrations } from '../../electron/store/migrations';
import { migratePg, pgSchemaVersion } from '../../electron/store/pg/migrate';
import { pgMigrations, type PgMigration } from '../../electron/store/pg/migrations';
import type { Database as Tables } from '../../electron/store/schema-types';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { tempDirForTest } from '../helpers/temp-dir';
import { kyselyOnPg, kyselyOnSqlite } from './kysely-engines';
import { pgSchema } from './schema-introspection';

const LATEST = migrations.length;
let server: TestPostgres;
const clients: pg.Client[] = [];

const connect = async (db: string): Promise<pg.Client> => {
  const client = new pg.Client(server.config(db));
  await client.connect();
  clients.push(client);
  return client;
};

const freshClient = async (label: string): Promise<{ db: string; client: pg.Client }> => {
  const db = await server.createDatabase(label);
  return { db, client: await connect(db) };
};

beforeAll(() => {
  server = startPostgres();
});
afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end()));
  server?.stop();
});

describe('migratePg', () => {
  it('records the latest version once, and a second run changes nothing', async () => {
    const { client } = await freshClient('once');
    expect(await pgSchemaVersion(client)).toBe(0);
    expect(await migratePg(client)).toEqual({ from: 0, to: LATEST });
    expect(await pgSchemaVersion(client)).toBe(LATEST);
    expect(await migratePg(client)).toEqual({ from: LATEST, to: LATEST });
  });

  it('applies each version once when two servers start at the same time', async () => {
    const { db, client: a } = await freshClient('race');
    const b = await connect(db);
    const results = await Promise.all([migratePg(a), migratePg(b)]);
    expect(results.map((r) => r.to)).toEqual([LATEST, LATEST]);
    const { client: alone } = await freshClient('alone');
    await migratePg(alone);
    expect(await pgSchema(a)).toEqual(await pgSchema(alone));
  });

  it('leaves the schema and the version as they were when a migration fails, and resumes from there', async () => {
    const { client } = await freshClient('fail');
    const broken: PgMigration[] = [
      ...pgMigrations.slice(0, 2),
      {
        version: 3,
        name: 'broken',
        sql: 'ALTER TABLE plan_ops ADD COLUMN x TEXT; SELECT no_such_function()',
      },
    ];
    await expect(migratePg(client, broken)).rejects.toThrow(/schema 3 \(broken\).*It stays at schema 2/);
    expect(await pgSchemaVersion(client)).toBe(2);
    const cols = await client.query("SELECT 1 FROM information_schema.columns WHERE column_name = 'x'");
    expect(cols.rowCount).toBe(0);
    expect(await migratePg(client)).toEqual({ from: 2, to: LATEST });
  });

  it('refuses a database written by a newer Lanyard', async () => {
    const { client } = await freshClient('newer');
    await migratePg(client);
    await client.query('UPDATE lanyard_schema SET version = 99');
    await expect(migratePg(client)).rejects.toThrow(/newer Lanyard \(schema 99/);
  });
});

describe('the PostgreSQL migrations with data', () => {
  it('carry plan_ops through the rebuilds of schemas 3 and 5 as SQLite does, and the tasks pointing at them', async () => {
    const lite = new Database(path.join(tempDirForTest('rebuild'), 'lanyard.db'));
    lite.pragma('foreign_keys = ON');
    migrate(lite, 0, migrations.slice(0, 2));
    const { db, client } = await freshClient('rebuild');
    await migratePg(client, pgMigrations.slice(0, 2));
    const engines = [kyselyOnSqlite(lite), kyselyOnPg(server.config(db))];
    const fill = async (k: Kysely<Tables>, linkTask: boolean) => {
      const at = '2026-12-01T10:00:00.000Z';
      const run = await k
        .insertInto('runs')
        .values({ kind: 'sync', trigger: 'manual', status: 'done', started_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const op = (kind: string, status: string, attempts: number) => ({
        run_id: run.id,
        app_id: 'slack',
        person_id: 'p1',
        kind,
        status,
        reason: 'rule',
        idempotency_key: `${kind}:p1`,
        attempts,
        created_at: at,
        updated_at: '2026-12-01T10:05:00.000Z',
      });
      const [done] = await k
        .insertInto('plan_ops')
        .values([op('deactivate', 'done', 1), op('create', 'planned', 0)])
        .returning('id')
        .execute();
      const kase = await k
        .insertInto('offboarding_cases')
        .values({ person_id: 'p1', trigger: 'directory', status: 'open', opened_at: at, opened_by: 'sync' })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (!linkTask) return;
      await k
        .insertInto('offboarding_tasks')
        .values({ case_id: kase.id, kind: 'app', title: 'Slack', status: 'done', op_id: done!.id })
        .execute();
    };
    const read = async (k: Kysely<Tables>) => ({
      ops: await k.selectFrom('plan_ops').selectAll().orderBy('id').execute(),
      firstReview: (
        await k.selectFrom('settings').select('value').where('key', '=', 'first-review').execute()
      ).map((r) => JSON.parse(r.value) as unknown),
      next: await k
        .insertInto('plan_ops')
        .values({
          ...{ run_id: 1, app_id: 'slack', kind: 'create', status: 'planned', reason: 'rule' },
          ...{ idempotency_key: 'create:p2', created_at: 'now', updated_at: 'now' },
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    });
    try {
      // A task pointing at an op only on PostgreSQL: SQLite's own rebuilds (migrations 003 and 005) fail with
      // "FOREIGN KEY constraint failed" when one exists, because DROP TABLE plan_ops leaves a deferred violation
      // that the rename does not clear (reported with issue #14; the SQLite migrations are not this test's).
      await fill(engines[0]!, false);
      await fill(engines[1]!, true);
      migrate(lite, 2);
      await migratePg(client);
      const [onLite, onPg] = [await read(engines[0]!), await read(engines[1]!)];
      expect(onPg).toEqual(onLite);
      expect(onLite.ops.map((o) => [o.id, o.kind, o.destructive, o.weight, o.started_at])).toEqual([
        [1, 'deactivate', 1, 1, '2026-12-01T10:05:00.000Z'],
        [2, 'create', 0, 0, null],
      ]);
      const tasks = await engines[1]!.selectFrom('offboarding_tasks').select(['op_id', 'position']).execute();
      expect(tasks).toEqual([{ op_id: 1, position: 0 }]);
      expect(onLite.next.id).toBe(3);
      await expect(client.query('UPDATE offboarding_tasks SET op_id = 99')).rejects.toThrow(/foreign key/);
    } finally {
      await Promise.all(engines.map((k) => k.destroy()));
    }
  });

  it('has, on PostgreSQL, the unique index every ON CONFLICT target in the repositories names', async () => {
    const root = path.resolve(__dirname, '../../electron');
    const targets = new Set<string>();
    for (const file of fs.readdirSync(root, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts') || file.includes('migrations')) continue;
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const m of text.matchAll(/INSERT INTO (\w+)\s[^;`]*?ON CONFLICT\s*\(((?:[^()]|\([^()]*\))*)\)/g)) {
        targets.add(`${m[1]} (${m[2]!.trim()})`);
      }
      // The same written with the query builder: .insertInto('t') … .onConflict((oc) => oc.column('a') / .columns([…]))
      for (const m of text.matchAll(
        /insertInto\('(\w+)'\)(?:(?!insertInto\()[\s\S])*?\.onConflict\(\(oc\)\s*=>\s*oc\s*\.columns?\(\[?([^)\]]*)\]?\)/g,
      )) {
        const cols = m[2]!
          .split(',')
          .map((c) => c.trim().replace(/^'|'$/g, ''))
          .filter(Boolean);
        targets.add(`${m[1]} (${cols.join(', ')})`);
      }
    }
    expect(targets.size).toBeGreaterThanOrEqual(9);
    const { client } = await freshClient('conflict');
    await migratePg(client);
    for (const t of targets) {
      const [table, cols] = [t.slice(0, t.indexOf(' ')), t.slice(t.indexOf(' ') + 1)];
      // EXPLAIN plans the insert without running it; planning is where the arbiter index is looked up.
      await expect(
        client
          .query(`EXPLAIN INSERT INTO ${table} DEFAULT VALUES ON CONFLICT ${cols} DO NOTHING`)
          .then(() => t),
      ).resolves.toBe(t);
    }
  });
});
