// Schema 6: the audit ledger's seal (electron/audit/seal.ts). One row per database:
// - ledger_id: a random id for this ledger, bound into every seal and anchor (a seal copied from another ledger
//   does not fit this one) and naming its key in the OS keychain;
// - key_id: a fingerprint of the sealing key, set once when sealing starts (the key itself is never stored here);
// - sealed_from_seq / sealed_since: where and when sealing started (events before it were written by a Lanyard
//   that did not seal yet; the chain and any anchor kept elsewhere still protect them);
// - sealed_count / sealed_seq / sealed_hash / seal: the head the seal covers, and its HMAC. Each append moves them
//   in the same transaction as the event, when the key is available; otherwise they stay behind and `audit verify`
//   says which events the seal does not cover.
import type { Migration } from './index';

export const m006AuditSeal: Migration = {
  version: 6,
  name: 'audit-seal',
  up(db) {
    db.exec(`
      CREATE TABLE audit_seal (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        ledger_id TEXT NOT NULL,
        key_id TEXT,
        sealed_from_seq INTEGER,
        sealed_since TEXT,
        sealed_count INTEGER NOT NULL DEFAULT 0,
        sealed_seq INTEGER NOT NULL DEFAULT 0,
        sealed_hash TEXT NOT NULL DEFAULT '${'0'.repeat(64)}',
        seal TEXT
      ) STRICT;

      INSERT INTO audit_seal (id, ledger_id) VALUES (1, lower(hex(randomblob(16))));

      -- The ledger id never changes; the key is chosen once; the sealed head only moves forward.
      CREATE TRIGGER audit_seal_forward_only BEFORE UPDATE ON audit_seal
        WHEN NEW.id <> OLD.id OR NEW.ledger_id <> OLD.ledger_id
          OR (OLD.key_id IS NOT NULL AND NEW.key_id IS NOT OLD.key_id)
          OR (OLD.sealed_from_seq IS NOT NULL AND NEW.sealed_from_seq IS NOT OLD.sealed_from_seq)
          OR NEW.sealed_seq < OLD.sealed_seq OR NEW.sealed_count < OLD.sealed_count
        BEGIN SELECT RAISE(ABORT, 'audit_seal only moves forward'); END;
      CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal
        BEGIN SELECT RAISE(ABORT, 'audit_seal cannot be deleted'); END;
      CREATE TRIGGER audit_seal_single_row BEFORE INSERT ON audit_seal
        BEGIN SELECT RAISE(ABORT, 'audit_seal has exactly one row'); END;
    `);
  },
};
