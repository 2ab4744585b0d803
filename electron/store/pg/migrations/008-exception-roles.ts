// Schema 8 on PostgreSQL, the twin of ../../migrations/008-exception-roles.ts (the same statement).
import type { PgMigration } from './index';

export const pg008ExceptionRoles: PgMigration = {
  version: 8,
  name: 'exception-roles',
  sql: 'ALTER TABLE access_exceptions ADD COLUMN role TEXT',
};
