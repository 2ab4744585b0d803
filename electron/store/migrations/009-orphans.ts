// Schema 9: what admins decided about orphan accounts (issue #16 item 11, electron/orphans/).
// - orphan_decisions: one row per (app, account) an admin acted on. `kind`:
//   'ignored'  — known and accepted (with the reason): listed under "ignored", left out of orphan counts;
//   'service'  — marked as a service account (it was also added to the app's protected list);
//   'linked'   — belongs to `person_id`: a correlation override the planner and every read honour;
//   'removal'  — a removal was proposed to the gate; `op_key` is the op's idempotency key, so the gate's
//                re-plan keeps that op while the decision stands (the plan never contains it on its own).
//   Un-ignoring deletes the row (the ledger keeps the history).
import type { Migration } from './index';

export const m009Orphans: Migration = {
  version: 9,
  name: 'orphans',
  up(db) {
    db.exec(`
      CREATE TABLE orphan_decisions (
        app_id TEXT NOT NULL,
        remote_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('ignored','service','linked','removal')),
        person_id TEXT,
        reason TEXT,
        op_key TEXT,
        by TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (app_id, remote_id)
      ) STRICT;
      CREATE INDEX orphan_decisions_key ON orphan_decisions(op_key) WHERE op_key IS NOT NULL;
    `);
  },
};
