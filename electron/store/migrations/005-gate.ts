// Schema 5: the one gate for every write (electron/sync/gate/). plan_ops gains what the gate decides with:
// - status `superseded`: re-planned before executing and no longer called for (never executed; `error` says why);
// - `source`: who proposed the op (sync, approval, offboarding, explicit-offboard, rehire, kill-switch, …);
// - `destructive` and `weight`: whether it removes access, and how much it counts against the bulk limits (a group
//   removal counts each member; an explicit offboard of one named person counts 0);
// - `started_at`: when its first request was sent — the rolling guardrail window counts ops by it;
// - `case_id`: the offboarding case it belongs to; `next_attempt_at`: backoff for retried kill-switch steps.
// The status CHECK changes, so the table is rebuilt as in schema 3 (foreign keys deferred to the end).
// A workspace that already applied ops before this version counts as reviewed (its admin has seen plans), so an
// upgrade does not pause it; a new one starts with applying paused until the first plan is reviewed.
import type { Migration } from './index';

export const m005Gate: Migration = {
  version: 5,
  name: 'gate',
  up(db) {
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      CREATE TABLE plan_ops_v5 (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        app_id TEXT NOT NULL,
        person_id TEXT,
        kind TEXT NOT NULL,
        target TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL
          CHECK (status IN ('planned','held','approved','running','done','failed','skipped','superseded')),
        reason TEXT NOT NULL,
        payload TEXT NOT NULL DEFAULT '{}',
        idempotency_key TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        result TEXT,
        error TEXT,
        held_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        done_at TEXT,
        source TEXT NOT NULL DEFAULT 'sync',
        destructive INTEGER NOT NULL DEFAULT 0,
        weight INTEGER NOT NULL DEFAULT 0,
        started_at TEXT,
        case_id INTEGER,
        next_attempt_at TEXT
      ) STRICT;
      INSERT INTO plan_ops_v5 (id, run_id, app_id, person_id, kind, target, status, reason, payload,
        idempotency_key, attempts, result, error, held_reason, created_at, updated_at, done_at, destructive, weight,
        started_at)
      SELECT id, run_id, app_id, person_id, kind, target, status, reason, payload, idempotency_key, attempts, result,
        error, held_reason, created_at, updated_at, done_at,
        kind IN ('deactivate','delete','remove-from-group'), kind IN ('deactivate','delete'),
        CASE WHEN attempts > 0 THEN updated_at END
      FROM plan_ops;
      DROP TABLE plan_ops;
      ALTER TABLE plan_ops_v5 RENAME TO plan_ops;
      CREATE UNIQUE INDEX plan_ops_open_key ON plan_ops(idempotency_key)
        WHERE status IN ('planned','held','approved','running');
      CREATE INDEX plan_ops_key ON plan_ops(idempotency_key);
      CREATE INDEX plan_ops_status ON plan_ops(status, app_id);
      CREATE INDEX plan_ops_run ON plan_ops(run_id);
      CREATE INDEX plan_ops_window ON plan_ops(started_at) WHERE weight > 0;

      INSERT INTO settings (key, value)
        SELECT 'first-review', json_object('at', min(done_at), 'by', 'upgrade')
        FROM plan_ops WHERE status = 'done' HAVING count(*) > 0;
    `);
  },
};
