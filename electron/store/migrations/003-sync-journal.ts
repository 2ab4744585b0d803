// Schema 3: the sync journal. plan_ops.idempotency_key was UNIQUE over the whole table, but the same situation can
// legitimately recur after an op finished (a role flipped back, an account removed by hand and created again), so
// the key is now unique only among OPEN ops (planned / held / approved / running): exactly what the journal needs
// to never duplicate a pending op. Also: the op's target (who or what, as an admin reads it) and when it finished.
//
// SQLite cannot drop a column constraint, so the table is rebuilt. offboarding_tasks.op_id references plan_ops;
// foreign-key checks are deferred to the end of the migration transaction, when the ids are back in place.
import type { Migration } from './index';

export const m003SyncJournal: Migration = {
  version: 3,
  name: 'sync-journal',
  up(db) {
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      CREATE TABLE plan_ops_v3 (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        app_id TEXT NOT NULL,
        person_id TEXT,
        kind TEXT NOT NULL,
        target TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('planned','held','approved','running','done','failed','skipped')),
        reason TEXT NOT NULL,
        payload TEXT NOT NULL DEFAULT '{}',
        idempotency_key TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        result TEXT,
        error TEXT,
        held_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        done_at TEXT
      ) STRICT;
      INSERT INTO plan_ops_v3 (id, run_id, app_id, person_id, kind, status, reason, payload, idempotency_key,
        attempts, result, error, held_reason, created_at, updated_at)
      SELECT id, run_id, app_id, person_id, kind, status, reason, payload, idempotency_key,
        attempts, result, error, held_reason, created_at, updated_at FROM plan_ops;
      DROP TABLE plan_ops;
      ALTER TABLE plan_ops_v3 RENAME TO plan_ops;
      CREATE UNIQUE INDEX plan_ops_open_key ON plan_ops(idempotency_key)
        WHERE status IN ('planned','held','approved','running');
      CREATE INDEX plan_ops_key ON plan_ops(idempotency_key);
      CREATE INDEX plan_ops_status ON plan_ops(status, app_id);
      CREATE INDEX plan_ops_run ON plan_ops(run_id);
      CREATE INDEX runs_started ON runs(started_at);
    `);
  },
};
