// Opening the store: pragmas, refusal of files Lanyard must not touch (newer schema, damaged), the append-only ledger.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LanyardError } from '../../../electron/app/errors';
import {
  closeDatabase,
  openDatabase,
  schemaVersion,
  DB_FILE,
  type Db,
} from '../../../electron/store/database';
import { latestSchemaVersion } from '../../../electron/store/migrations';
import { listFiles, tempDirForTest } from '../../helpers/temp-dir';

const withDb = <T>(dir: string, fn: (db: Db) => T): T => {
  const db = openDatabase(dir);
  try {
    return fn(db);
  } finally {
    closeDatabase(db);
  }
};

/** Opening must fail with a LanyardError, and leave every file in the folder byte-for-byte as it was. */
const expectRefusedUntouched = (dir: string, message: RegExp): LanyardError => {
  const file = path.join(dir, DB_FILE);
  const before = fs.readFileSync(file);
  const filesBefore = listFiles(dir);
  let caught: unknown;
  try {
    closeDatabase(openDatabase(dir));
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(LanyardError);
  expect((caught as LanyardError).message).toMatch(message);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  expect(listFiles(dir)).toEqual(filesBefore);
  return caught as LanyardError;
};

const addAuditEvent = (db: Db, seq: number): void => {
  db.prepare(
    `INSERT INTO audit_events (seq, at, actor, action, result, prev_hash, hash)
     VALUES (?, '2026-01-01T00:00:00.000Z', 'test', 'secret.set', 'ok', 'genesis', ?)`,
  ).run(seq, `hash-${seq}`);
};

describe('opening the database', () => {
  it('creates a new database at the latest schema with WAL and foreign keys on', () => {
    const dir = tempDirForTest('open');
    withDb(dir, (db) => {
      expect(schemaVersion(db)).toBe(latestSchemaVersion);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(() =>
        db
          .prepare(
            `INSERT INTO people (id, directory_id, login, status, updated_at) VALUES ('p1', 'missing', 'a', 'active', 'x')`,
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    });
    // WAL is a property of the file: a plain connection sees it too.
    const raw = new Database(path.join(dir, DB_FILE), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('reopens an existing database and keeps its data', () => {
    const dir = tempDirForTest('reopen');
    withDb(dir, (db) => addAuditEvent(db, 1));
    withDb(dir, (db) => {
      expect(schemaVersion(db)).toBe(latestSchemaVersion);
      expect(db.prepare('SELECT count(*) AS n FROM audit_events').get()).toEqual({ n: 1 });
    });
  });

  it('refuses a database written by a newer Lanyard and leaves the file untouched', () => {
    const dir = tempDirForTest('newer');
    withDb(dir, (db) => addAuditEvent(db, 1));
    const raw = new Database(path.join(dir, DB_FILE));
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
    raw.close();

    const err = expectRefusedUntouched(
      dir,
      new RegExp(
        `written by a newer Lanyard \\(schema ${latestSchemaVersion + 1}; this version knows up to ${latestSchemaVersion}\\)`,
      ),
    );
    expect(err.hint).toMatch(/Update Lanyard/);
  });

  it('refuses a file of random bytes as damaged and changes nothing', () => {
    const dir = tempDirForTest('random');
    fs.writeFileSync(path.join(dir, DB_FILE), crypto.randomBytes(16 * 1024));
    const err = expectRefusedUntouched(dir, /is damaged \(.+\)\. Nothing was changed\./);
    expect(err.hint).toMatch(/backup/);
  });

  it('refuses a truncated database as damaged and changes nothing', () => {
    const dir = tempDirForTest('truncated');
    withDb(dir, (db) => {
      const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      db.transaction(() => {
        for (let i = 0; i < 400; i++) insert.run(`key-${i}`, 'x'.repeat(500));
      })();
    });
    const file = path.join(dir, DB_FILE);
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThan(64 * 1024);
    fs.truncateSync(file, Math.floor(size / 2) + 123);
    expectRefusedUntouched(dir, /is damaged \(.+\)\. Nothing was changed\./);
  });
});

describe('the audit ledger', () => {
  it('refuses to update or delete a recorded event', () => {
    withDb(tempDirForTest('audit'), (db) => {
      addAuditEvent(db, 1);
      addAuditEvent(db, 2);
      expect(() => db.prepare("UPDATE audit_events SET result = 'forged' WHERE seq = 1").run()).toThrow(
        /append-only/,
      );
      expect(() => db.prepare('DELETE FROM audit_events WHERE seq = 2').run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
      expect(db.prepare('SELECT seq, result FROM audit_events ORDER BY seq').all()).toEqual([
        { seq: 1, result: 'ok' },
        { seq: 2, result: 'ok' },
      ]);
    });
  });
});
