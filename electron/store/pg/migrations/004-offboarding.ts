// Schema 4 on PostgreSQL, the twin of ../../migrations/004-offboarding.ts (the same statements; INTEGER → BIGINT,
// kill_sessions stays a 0/1 integer as on SQLite).
import type { PgMigration } from './index';

export const pg004Offboarding: PgMigration = {
  version: 4,
  name: 'offboarding',
  sql: `
    ALTER TABLE offboarding_cases ADD COLUMN person_label TEXT NOT NULL DEFAULT '';
    ALTER TABLE offboarding_cases ADD COLUMN reason TEXT NOT NULL DEFAULT '';
    ALTER TABLE offboarding_cases ADD COLUMN key_status TEXT NOT NULL DEFAULT 'suspended';
    ALTER TABLE offboarding_cases ADD COLUMN key_changed_at TEXT;
    ALTER TABLE offboarding_cases ADD COLUMN kill_sessions BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE offboarding_cases ADD COLUMN closed_reason TEXT;
    CREATE INDEX offboarding_cases_person ON offboarding_cases(person_id);
    CREATE UNIQUE INDEX offboarding_cases_one_open ON offboarding_cases(person_id) WHERE status = 'open';

    ALTER TABLE offboarding_tasks ADD COLUMN position BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE offboarding_tasks ADD COLUMN op_key TEXT;
    ALTER TABLE offboarding_tasks ADD COLUMN detail TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE offboarding_tasks ADD COLUMN verification TEXT;
    ALTER TABLE offboarding_tasks ADD COLUMN verified_at TEXT;
    CREATE INDEX offboarding_tasks_case ON offboarding_tasks(case_id, position);
    CREATE INDEX offboarding_tasks_key ON offboarding_tasks(op_key);
  `,
};
