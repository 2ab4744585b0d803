// Numbered migrations, tracked by PRAGMA user_version. Add a file per version; never edit a shipped one.
import type Database from 'better-sqlite3';
import { m001Initial } from './001-initial';
import { m002AuditHead } from './002-audit-head';
import { m003SyncJournal } from './003-sync-journal';
import { m004Offboarding } from './004-offboarding';
import { m005Gate } from './005-gate';
import { m006AuditSeal } from './006-audit-seal';
import { m007AccessReviews } from './007-access-reviews';
import { m008ExceptionRoles } from './008-exception-roles';
import { m009Orphans } from './009-orphans';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const migrations: Migration[] = [
  m001Initial,
  m002AuditHead,
  m003SyncJournal,
  m004Offboarding,
  m005Gate,
  m006AuditSeal,
  m007AccessReviews,
  m008ExceptionRoles,
  m009Orphans,
];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
