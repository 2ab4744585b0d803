// Schema 4: offboarding cases and tasks as electron/offboarding/ uses them. A case remembers the person's status and
// status time it was opened on (the deprovision ops' idempotency keys are made from them, so the sync planner and
// the case always name the same op), why it was opened, and whether the IdP kill switch is part of it. At most one
// OPEN case per person. A task keeps its op's idempotency key (a retried op is a new row with the same key), its
// order, what it is about and its verification result.
import type { Migration } from './index';

export const m004Offboarding: Migration = {
  version: 4,
  name: 'offboarding',
  up(db) {
    db.exec(`
      ALTER TABLE offboarding_cases ADD COLUMN person_label TEXT NOT NULL DEFAULT '';
      ALTER TABLE offboarding_cases ADD COLUMN reason TEXT NOT NULL DEFAULT '';
      ALTER TABLE offboarding_cases ADD COLUMN key_status TEXT NOT NULL DEFAULT 'suspended';
      ALTER TABLE offboarding_cases ADD COLUMN key_changed_at TEXT;
      ALTER TABLE offboarding_cases ADD COLUMN kill_sessions INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE offboarding_cases ADD COLUMN closed_reason TEXT;
      CREATE INDEX offboarding_cases_person ON offboarding_cases(person_id);
      CREATE UNIQUE INDEX offboarding_cases_one_open ON offboarding_cases(person_id) WHERE status = 'open';

      ALTER TABLE offboarding_tasks ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE offboarding_tasks ADD COLUMN op_key TEXT;
      ALTER TABLE offboarding_tasks ADD COLUMN detail TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE offboarding_tasks ADD COLUMN verification TEXT;
      ALTER TABLE offboarding_tasks ADD COLUMN verified_at TEXT;
      CREATE INDEX offboarding_tasks_case ON offboarding_tasks(case_id, position);
      CREATE INDEX offboarding_tasks_key ON offboarding_tasks(op_key);
    `);
  },
};
