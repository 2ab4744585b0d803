// Shared set-up for the audit tests: a real Lanyard database in a temp folder, a clock the test moves, and the
// "attacker": a second, raw SQLite connection to the same file that drops the append-only triggers.
import path from 'node:path';
import Database from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import { closeDatabase, openDatabase, DB_FILE, type Db } from '../../../electron/store/database';
import { rowHash, type AuditRow } from '../../../electron/audit/hash';
import { createAuditLedger, type AuditAppend, type AuditLedger } from '../../../electron/audit/ledger';
import type { Clock } from '../../../electron/app/clock';
import { tempDirForTest } from '../../helpers/temp-dir';

/** Starts at `start` and moves one minute forward on every reading. */
export const steppingClock = (
  start = '2026-11-01T00:00:00.000Z',
  stepMs = 60_000,
): Clock & { set(iso: string): void } => {
  let t = Date.parse(start);
  return {
    now() {
      const d = new Date(t);
      t += stepMs;
      return d;
    },
    set(iso: string) {
      t = Date.parse(iso);
    },
  };
};

export interface LedgerFixture {
  dir: string;
  file: string;
  db: Db;
  ledger: AuditLedger;
  clock: ReturnType<typeof steppingClock>;
}

export const openLedger = (): LedgerFixture => {
  const dir = tempDirForTest('audit');
  const db = openDatabase(dir);
  onTestFinished(() => closeDatabase(db));
  const clock = steppingClock();
  return { dir, file: path.join(dir, DB_FILE), db, ledger: createAuditLedger(db, clock), clock };
};

/** A varied event: some with app/person/run/case and before/after, some without. */
export const sampleEvent = (i: number): AuditAppend => ({
  actor: ['scheduler', 'cli', 'ui'][i % 3]!,
  action: ['op.applied', 'op.held', 'op.failed', 'config.applied'][i % 4]!,
  app: i % 5 === 0 ? null : ['slack', 'github'][i % 2]!,
  person: i % 3 === 0 ? null : `person-${i % 4}`,
  run: i % 2 === 0 ? i : null,
  case: i % 7 === 0 ? 100 + i : null,
  before: i % 2 === 0 ? { active: true, role: 'member', n: i } : undefined,
  after: i % 2 === 0 ? { active: false } : undefined,
  result: i % 4 === 2 ? `failed: HTTP 503 on attempt ${i}` : 'ok',
});

export const appendSamples = (ledger: AuditLedger, n: number): void => {
  for (let i = 1; i <= n; i++) ledger.appendSync(sampleEvent(i));
};

/** A second connection to the file with the ledger's triggers dropped: anything goes from here. */
export const attacker = (file: string): Db => {
  const raw = new Database(file);
  onTestFinished(() => {
    raw.close();
  });
  raw.exec(`
    DROP TRIGGER IF EXISTS audit_no_update;
    DROP TRIGGER IF EXISTS audit_no_delete;
    DROP TRIGGER IF EXISTS audit_head_forward_only;
    DROP TRIGGER IF EXISTS audit_head_no_delete;
    DROP TRIGGER IF EXISTS audit_head_single_row;
  `);
  return raw;
};

export const row = (raw: Db, seq: number): AuditRow =>
  raw.prepare<[number], AuditRow>('SELECT * FROM audit_events WHERE seq = ?').get(seq)!;

/** Writes a row with a correct hash over its contents, as an attacker who read Lanyard's source would. */
export const insertWellFormed = (raw: Db, r: Omit<AuditRow, 'hash'>): void => {
  raw
    .prepare(
      `INSERT INTO audit_events (seq, at, actor, action, app_id, person_id, run_id, case_id, before, after, result, prev_hash, hash)
       VALUES (@seq, @at, @actor, @action, @app_id, @person_id, @run_id, @case_id, @before, @after, @result, @prev_hash, @hash)`,
    )
    .run({ ...r, hash: rowHash(r) });
};

/** Moves every row from `from` on by `by` seqs (through negatives, so the primary key never collides). */
export const renumber = (raw: Db, from: number, by: number): void => {
  raw.prepare('UPDATE audit_events SET seq = -(seq + ?) WHERE seq >= ?').run(by, from);
  raw.prepare('UPDATE audit_events SET seq = -seq WHERE seq < 0').run();
};

export const forged = (seq: number, prev: string): Omit<AuditRow, 'hash'> => ({
  seq,
  at: '2026-11-01T00:04:30.000Z',
  actor: 'ui',
  action: 'op.approved',
  app_id: 'github',
  person_id: 'mallory',
  run_id: null,
  case_id: null,
  before: null,
  after: '{"role":"admin"}',
  result: 'ok',
  prev_hash: prev,
});
