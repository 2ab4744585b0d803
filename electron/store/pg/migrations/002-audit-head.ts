// Schema 2 on PostgreSQL, the twin of ../../migrations/002-audit-head.ts: nothing to do. audit_head came with
// schema 1 here, because PG_LEDGER_SCHEMA (electron/audit/pg-ledger.ts) creates the events and their head together
// (its triggers need both), and schema 1 reuses it. The version stays so both engines count versions alike.
import type { PgMigration } from './index';

export const pg002AuditHead: PgMigration = {
  version: 2,
  name: 'audit-head',
  sql: 'SELECT 1',
};
