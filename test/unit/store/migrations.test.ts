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
        extra(latestSchemaVersion + 1, 'one', (d) => d.exec('CREATE TABLE t1 (id INTEGER)')),
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
