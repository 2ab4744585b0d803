// Every numbered migration, applied to an empty database and to one at the previous version, and the promise that
// pending migrations run all-or-nothing. Written over the `migrations` array so a new migration is covered by adding it.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  closeDatabase,
  migrate,
  openDatabase,
  schemaVersion,
  DB_FILE,
  type Db,
} from '../../../electron/store/database';
import { latestSchemaVersion, migrations, type Migration } from '../../../electron/store/migrations';
import { tempDirForTest } from '../../helpers/temp-dir';

const openBare = (dir: string): Db => new Database(path.join(dir, DB_FILE));

/** The schema as SQLite stores it, for comparing two paths to the same version. */
const schemaOf = (db: Db): { type: string; name: string; sql: string | null }[] =>
  db
    .prepare<[], { type: string; name: string; sql: string | null }>(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all();

const expectHealthy = (db: Db): void => {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
};

/** A database at `version`, built by applying the first migrations up to it. */
const databaseAt = (dir: string, version: number): Db => {
  const db = openBare(dir);
  migrate(
    db,
    0,
    migrations.filter((m) => m.version <= version),
  );
  expect(schemaVersion(db)).toBe(version);
  return db;
};

describe('the migration list', () => {
  it('numbers migrations 1, 2, 3… in order, each with a name', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    for (const m of migrations) expect(m.name).toMatch(/^[a-z0-9-]+$/);
    expect(latestSchemaVersion).toBe(migrations.length);
  });
});

describe.each(migrations.map((m, i) => ({ m, prev: i === 0 ? 0 : migrations[i - 1]!.version })))(
  'migration $m.version ($m.name)',
  ({ m, prev }) => {
    const upTo = migrations.filter((x) => x.version <= m.version);

    it('creates its schema on an empty database', () => {
      const db = openBare(tempDirForTest('mig'));
      try {
        migrate(db, 0, upTo);
        expect(schemaVersion(db)).toBe(m.version);
        expect(schemaOf(db).length).toBeGreaterThan(0);
        expectHealthy(db);
      } finally {
        db.close();
      }
    });

    it(`upgrades a database at schema ${prev} to the same schema a fresh install gets`, () => {
      const fresh = openBare(tempDirForTest('mig-fresh'));
      const old = databaseAt(tempDirForTest('mig-old'), prev);
      try {
        migrate(fresh, 0, upTo);
        migrate(old, prev, upTo);
        expect(schemaVersion(old)).toBe(m.version);
        expect(schemaOf(old)).toEqual(schemaOf(fresh));
        expectHealthy(old);
      } finally {
        fresh.close();
        old.close();
      }
    });

    it(`opens a data folder at schema ${prev} and brings it to the latest schema`, () => {
      const dir = tempDirForTest('mig-open');
      databaseAt(dir, prev).close();
      const db = openDatabase(dir);
      const reference = openDatabase(tempDirForTest('mig-ref'));
      try {
        expect(schemaVersion(db)).toBe(latestSchemaVersion);
        expect(schemaOf(db)).toEqual(schemaOf(reference));
        expectHealthy(db);
      } finally {
        closeDatabase(db);
        closeDatabase(reference);
      }
    });
  },
);

describe('upgrading a data folder that has been used', () => {
  it('keeps offboarding tasks linked to their ops through the rebuilds of plan_ops (schemas 3 and 5)', () => {
    const dir = tempDirForTest('mig-data');
    const old = databaseAt(dir, 2);
    old.exec(`
      INSERT INTO runs (id, kind, trigger, status, started_at) VALUES (1, 'full', 'manual', 'ok', '2026-01-01');
      INSERT INTO plan_ops (id, run_id, app_id, kind, status, reason, idempotency_key, created_at, updated_at)
        VALUES (7, 1, 'slack', 'deactivate', 'done', 'left', 'k7', '2026-01-01', '2026-01-01');
      INSERT INTO offboarding_cases (id, person_id, trigger, status, opened_at, opened_by)
        VALUES (3, 'p1', 'manual', 'open', '2026-01-01', 'admin');
      INSERT INTO offboarding_tasks (id, case_id, app_id, kind, title, status, op_id)
        VALUES (5, 3, 'slack', 'deactivate', 'Deactivate in Slack', 'done', 7);
    `);
    old.close();
    // The way Lanyard opens it: foreign keys enforced.
    const db = openDatabase(dir);
    try {
      expect(schemaVersion(db)).toBe(latestSchemaVersion);
      expect(db.prepare('SELECT op_id FROM offboarding_tasks WHERE id = 5').get()).toEqual({ op_id: 7 });
      expect(db.prepare('SELECT idempotency_key FROM plan_ops WHERE id = 7').get()).toEqual({
        idempotency_key: 'k7',
      });
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expectHealthy(db);
    } finally {
      closeDatabase(db);
    }
  });

  it('refuses an upgrade that would leave rows pointing at nothing, and changes nothing', () => {
    const dir = tempDirForTest('mig-orphan');
    const db = databaseAt(dir, latestSchemaVersion);
    db.pragma('foreign_keys = ON');
    const drop: Migration = {
      version: latestSchemaVersion + 1,
      name: 'loses-parents',
      up: (d) => d.exec('DELETE FROM runs'),
    };
    db.exec(`INSERT INTO runs (id, kind, trigger, status, started_at) VALUES (1, 'full', 'manual', 'ok', 'x');
      INSERT INTO plan_ops (run_id, app_id, kind, status, reason, idempotency_key, created_at, updated_at)
        VALUES (1, 'slack', 'deactivate', 'done', 'left', 'k', 'x', 'x');`);
    try {
      expect(() => migrate(db, latestSchemaVersion, [...migrations, drop])).toThrow(
        /would leave 1 row\(s\) of plan_ops pointing at missing runs rows\. Nothing was changed/,
      );
      expect(schemaVersion(db)).toBe(latestSchemaVersion);
      expect(db.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 1 });
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });
});

describe('pending migrations run in one transaction', () => {
  const extra = (version: number, name: string, up: Migration['up']): Migration => ({ version, name, up });
  const withFailingTail = (): Migration[] => [
    ...migrations,
    extra(latestSchemaVersion + 1, 'adds-a-table', (db) =>
      db.exec('CREATE TABLE added_by_test (id INTEGER)'),
    ),
    extra(latestSchemaVersion + 2, 'broken', (db) => db.exec('ALTER TABLE no_such_table ADD COLUMN x TEXT')),
  ];

  it('leaves an empty database empty when a later migration fails', () => {
    const db = openBare(tempDirForTest('mig-tx'));
    try {
      expect(() => migrate(db, 0, withFailingTail())).toThrow(
        new RegExp(`schema ${latestSchemaVersion + 2} \\(broken\\).*no such table.*Nothing was changed`),
      );
      expect(schemaVersion(db)).toBe(0);
      expect(schemaOf(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('leaves an up-to-date database at its version with its schema when a newer migration fails', () => {
    const dir = tempDirForTest('mig-tx2');
    const db = databaseAt(dir, latestSchemaVersion);
    const before = schemaOf(db);
    try {
      expect(() => migrate(db, latestSchemaVersion, withFailingTail())).toThrow(/Nothing was changed/);
      expect(schemaVersion(db)).toBe(latestSchemaVersion);
      expect(schemaOf(db)).toEqual(before);
      expect(schemaOf(db).map((s) => s.name)).not.toContain('added_by_test');
    } finally {
      db.close();
    }
  });

  it('applies several pending migrations together', () => {
    const db = databaseAt(tempDirForTest('mig-tx3'), latestSchemaVersion);
    try {
      migrate(db, latestSchemaVersion, [
        ...migrations,
        extra(latestSchemaVersion + 1, 'one', (d) => d.exec('CREATE TABLE t1 (id INTEGER PRIMARY KEY)')),
        extra(latestSchemaVersion + 2, 'two', (d) =>
          d.exec('CREATE TABLE t2 (id INTEGER REFERENCES t1(id))'),
        ),
      ]);
      expect(schemaVersion(db)).toBe(latestSchemaVersion + 2);
      expect(schemaOf(db).map((s) => s.name)).toEqual(expect.arrayContaining(['t1', 't2']));
    } finally {
      db.close();
    }
  });
});
