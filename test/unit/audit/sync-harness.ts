// Raw SQLite helpers for the tests that reach the ledger through the core on a data folder (audit-cli): a second,
// synchronous better-sqlite3 connection to the file with the ledger's triggers dropped, and a well-formed forged
// row written on it. The ledger's own tests use harness.ts's intruder, on both engines.
import Database from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import type { Db } from '../../../electron/store/database';
import { rowHash, type AuditRow } from '../../../electron/audit/hash';

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
