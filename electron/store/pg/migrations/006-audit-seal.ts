// Schema 6 on PostgreSQL, the twin of ../../migrations/006-audit-seal.ts: the ledger's seal row, which
// PG_LEDGER_SCHEMA (electron/audit/pg-ledger.ts) does not have yet. Differences, all deliberate:
// - SQLite's `WHEN … BEGIN SELECT RAISE(ABORT, …) END` triggers are plpgsql functions; `IS NOT` is
//   `IS DISTINCT FROM`; DELETE and TRUNCATE reuse the ledger's lanyard_audit_refuse();
// - audit_seal_no_truncate has no SQLite twin (SQLite has no TRUNCATE; its DELETE trigger covers it);
// - the random ledger id is a version-4 UUID without its dashes (32 lowercase hex digits, like SQLite's
//   lower(hex(randomblob(16))), but 122 random bits instead of 128): gen_random_uuid() is built in from
//   PostgreSQL 13, where random bytes would need the pgcrypto extension;
// - the single-row trigger is created after the row is inserted (SQLite's fires only on later inserts too).
import type { PgMigration } from './index';

export const pg006AuditSeal: PgMigration = {
  version: 6,
  name: 'audit-seal',
  sql: `
    CREATE TABLE audit_seal (
      id BIGINT PRIMARY KEY CHECK (id = 1),
      ledger_id TEXT NOT NULL,
      key_id TEXT,
      sealed_from_seq BIGINT,
      sealed_since TEXT,
      sealed_count BIGINT NOT NULL DEFAULT 0,
      sealed_seq BIGINT NOT NULL DEFAULT 0,
      sealed_hash TEXT NOT NULL DEFAULT '${'0'.repeat(64)}',
      seal TEXT
    );

    INSERT INTO audit_seal (id, ledger_id) VALUES (1, replace(gen_random_uuid()::text, '-', ''));

    -- The ledger id never changes; the key is chosen once; the sealed head only moves forward.
    CREATE FUNCTION lanyard_audit_seal_forward() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.id <> OLD.id OR NEW.ledger_id <> OLD.ledger_id
         OR (OLD.key_id IS NOT NULL AND NEW.key_id IS DISTINCT FROM OLD.key_id)
         OR (OLD.sealed_from_seq IS NOT NULL AND NEW.sealed_from_seq IS DISTINCT FROM OLD.sealed_from_seq)
         OR NEW.sealed_seq < OLD.sealed_seq OR NEW.sealed_count < OLD.sealed_count THEN
        RAISE EXCEPTION 'audit_seal only moves forward' USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NEW;
    END $$;

    CREATE FUNCTION lanyard_audit_seal_single_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_seal has exactly one row' USING ERRCODE = 'integrity_constraint_violation';
    END $$;

    CREATE TRIGGER audit_seal_forward_only BEFORE UPDATE ON audit_seal
      FOR EACH ROW EXECUTE FUNCTION lanyard_audit_seal_forward();
    CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal
      FOR EACH ROW EXECUTE FUNCTION lanyard_audit_refuse();
    CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
      FOR EACH STATEMENT EXECUTE FUNCTION lanyard_audit_refuse();
    CREATE TRIGGER audit_seal_single_row BEFORE INSERT ON audit_seal
      FOR EACH ROW EXECUTE FUNCTION lanyard_audit_seal_single_row();
  `,
};
