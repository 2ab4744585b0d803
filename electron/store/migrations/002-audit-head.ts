// Schema 2: the audit ledger's head anchor. One row holding the ledger's row count and its last seq and hash,
// written by electron/audit/ledger.ts in the same transaction as each append, so deleting the newest events (which
// leaves a perfectly valid, shorter chain) is still detected by `audit verify`.
import type { Migration } from './index';

export const m002AuditHead: Migration = {
  version: 2,
  name: 'audit-head',
  up(db) {
    db.exec(`
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        count INTEGER NOT NULL,
        head_seq INTEGER NOT NULL,
        head_hash TEXT NOT NULL
      ) STRICT;

      INSERT INTO audit_head (id, count, head_seq, head_hash)
      SELECT 1, count(*), coalesce(max(seq), 0),
             coalesce((SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1), '${'0'.repeat(64)}')
      FROM audit_events;

      -- The anchor only moves forward, one event at a time, and is never removed.
      CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head
        WHEN NEW.count <> OLD.count + 1 OR NEW.head_seq <= OLD.head_seq OR NEW.id <> OLD.id
        BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward'); END;
      CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
        BEGIN SELECT RAISE(ABORT, 'audit_head cannot be deleted'); END;
      CREATE TRIGGER audit_head_single_row BEFORE INSERT ON audit_head
        BEGIN SELECT RAISE(ABORT, 'audit_head has exactly one row'); END;
    `);
  },
};
