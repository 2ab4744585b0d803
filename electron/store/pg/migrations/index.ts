// PostgreSQL twins of the SQLite migrations in electron/store/migrations/: the same version numbers and names, one
// file per version, each mirroring the SQLite migration of that number (the team server's store, issue #14).
// test/integration/pg-schema-parity.test.ts applies both sets and fails when the two schemas differ, so a new SQLite
// migration needs its PostgreSQL twin here. Applied by migratePg (../migrate.ts). Never edit a shipped one.
import { pg001Initial } from './001-initial';
import { pg002AuditHead } from './002-audit-head';
import { pg003SyncJournal } from './003-sync-journal';
import { pg004Offboarding } from './004-offboarding';
import { pg005Gate } from './005-gate';
import { pg006AuditSeal } from './006-audit-seal';
import { pg007AccessReviews } from './007-access-reviews';
import { pg008ExceptionRoles } from './008-exception-roles';
import { pg009Orphans } from './009-orphans';

export interface PgMigration {
  version: number;
  name: string;
  /** One or more statements, run in one transaction with the version bump. */
  sql: string;
}

export const pgMigrations: PgMigration[] = [
  pg001Initial,
  pg002AuditHead,
  pg003SyncJournal,
  pg004Offboarding,
  pg005Gate,
  pg006AuditSeal,
  pg007AccessReviews,
  pg008ExceptionRoles,
  pg009Orphans,
];

export const latestPgSchemaVersion = pgMigrations[pgMigrations.length - 1]!.version;
