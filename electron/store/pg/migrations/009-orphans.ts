// Schema 9 on PostgreSQL, the twin of ../../migrations/009-orphans.ts (the same statements; no type differs).
import type { PgMigration } from './index';

export const pg009Orphans: PgMigration = {
  version: 9,
  name: 'orphans',
  sql: `
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
    );
    CREATE INDEX orphan_decisions_key ON orphan_decisions(op_key) WHERE op_key IS NOT NULL;
  `,
};
