// The synchronous SQLite ledger's helpers (electron/audit/ledger.ts), kept only for the tests that still reach the
// ledger through the core (audit-api, audit-cli) and for test/integration/pg-ledger.test.ts. They go with
// ledger.ts when the core switches to the store ledger; the ledger's own tests use harness.ts.
import path from 'node:path';
import Database from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import { closeDatabase, openDatabase, DB_FILE, type Db } from '../../../electron/store/database';
import { rowHash, type AuditRow } from '../../../electron/audit/hash';
import { createAuditLedger, type AuditLedger } from '../../../electron/audit/ledger';
import { tempDirForTest } from '../../helpers/temp-dir';
import { sampleEvent, steppingClock } from './events';

export interface SyncLedgerFixture {
  dir: string;
  file: string;
  db: Db;
  ledger: AuditLedger;
  clock: ReturnType<typeof steppingClock>;
}

export const openLedger = (): SyncLedgerFixture => {
  const dir = tempDirForTest('audit');
  const db = openDatabase(dir);
  onTestFinished(() => closeDatabase(db));
  const clock = steppingClock();
  return { dir, file: path.join(dir, DB_FILE), db, ledger: createAuditLedger(db, clock), clock };
};

export const appendSamples = (ledger: Pick<AuditLedger, 'appendSync'>, n: number): void => {
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

/** Writes a row with a correct hash over its contents, as an attacker who read Lanyard's source would. */
export const insertWellFormed = (raw: Db, r: Omit<AuditRow, 'hash'>): void => {
  raw
    .prepare(
      `INSERT INTO audit_events (seq, at, actor, action, app_id, person_id, run_id, case_id, before, after, result, prev_hash, hash)
       VALUES (@seq, @at, @actor, @action, @app_id, @person_id, @run_id, @case_id, @before, @after, @result, @prev_hash, @hash)`,
    )
    .run({ ...r, hash: rowHash(r) });
};
