// The store's tables as Kysely sees them (issue #14: one typed query layer over SQLite and PostgreSQL). One interface
// per table, columns in schema order, typed as the app reads them: TEXT → string, INTEGER/BIGINT → number (0/1
// flags included), a nullable column `| null`. `Generated<…>` marks what an insert may leave out: a column with a
// DEFAULT, or an id the database chooses (a rowid on SQLite, an identity on PostgreSQL).
// test/integration/pg-schema-parity.test.ts reads this file with the TypeScript compiler and checks it against the
// migrated SQLite and PostgreSQL schemas (tables, columns, order, nullability, defaults), so it cannot drift.
//
// On PostgreSQL, BIGINT arrives as a string unless the pool parses it: the pool behind Kysely must map int8 to a
// number (every value Lanyard stores is far below 2^53), as the parity test's pool does.
import type { Generated } from 'kysely';

export interface SettingsTable {
  key: string;
  value: string;
}

export interface SecretNamesTable {
  name: string;
  created_at: string;
  updated_at: string;
}

export interface DirectoriesTable {
  id: string;
  kind: string;
  name: string;
  settings: Generated<string>;
  secret_refs: Generated<string>;
  cursor: string | null;
  health: Generated<string>;
  health_detail: string | null;
  last_read_at: string | null;
  last_good_count: number | null;
}

export interface PeopleTable {
  id: string;
  directory_id: string;
  login: string;
  email: string | null;
  given_name: string | null;
  family_name: string | null;
  display_name: string | null;
  status: string;
  status_changed_at: string | null;
  attributes: Generated<string>;
  updated_at: string;
}

export interface GroupsTable {
  id: string;
  directory_id: string;
  name: string;
  description: string | null;
}

export interface MembershipsTable {
  group_id: string;
  person_id: string;
}

export interface AppsTable {
  id: string;
  name: string;
  kind: string;
  preset: string | null;
  settings: Generated<string>;
  secret_refs: Generated<string>;
  deprovision: Generated<string>;
  review: Generated<string>;
  health: Generated<string>;
  health_detail: string | null;
  rate_limit: string | null;
  capabilities: string | null;
  position: Generated<number>;
}

export interface RulesTable {
  id: Generated<number>;
  app_id: string;
  match: string;
  role: string | null;
  entitlements: Generated<string>;
  priority: Generated<number>;
  position: number;
}

export interface AccountsTable {
  app_id: string;
  remote_id: string;
  person_id: string | null;
  user_name: string;
  email: string | null;
  external_id: string | null;
  active: Generated<number>;
  role: string | null;
  groups: Generated<string>;
  attributes: Generated<string>;
  seen_at: string;
}

export interface RunsTable {
  id: Generated<number>;
  kind: string;
  trigger: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  stats: Generated<string>;
  error: string | null;
}

export interface PlanOpsTable {
  id: Generated<number>;
  run_id: number;
  app_id: string;
  person_id: string | null;
  kind: string;
  target: Generated<string>;
  status: string;
  reason: string;
  payload: Generated<string>;
  idempotency_key: string;
  attempts: Generated<number>;
  result: string | null;
  error: string | null;
  held_reason: string | null;
  created_at: string;
  updated_at: string;
  done_at: string | null;
  source: Generated<string>;
  destructive: Generated<number>;
  weight: Generated<number>;
  started_at: string | null;
  case_id: number | null;
  next_attempt_at: string | null;
}

export interface OffboardingCasesTable {
  id: Generated<number>;
  person_id: string;
  trigger: string;
  status: string;
  opened_at: string;
  closed_at: string | null;
  opened_by: string;
  person_label: Generated<string>;
  reason: Generated<string>;
  key_status: Generated<string>;
  key_changed_at: string | null;
  kill_sessions: Generated<number>;
  closed_reason: string | null;
}

export interface OffboardingTasksTable {
  id: Generated<number>;
  case_id: number;
  app_id: string | null;
  kind: string;
  title: string;
  status: string;
  note: string | null;
  op_id: number | null;
  done_at: string | null;
  done_by: string | null;
  position: Generated<number>;
  op_key: string | null;
  detail: Generated<string>;
  verification: string | null;
  verified_at: string | null;
}

/** seq is chosen by the ledger (head + 1), never by the database. */
export interface AuditEventsTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  app_id: string | null;
  person_id: string | null;
  run_id: number | null;
  case_id: number | null;
  before: string | null;
  after: string | null;
  result: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  count: number;
  head_seq: number;
  head_hash: string;
}

export interface AuditSealTable {
  id: number;
  ledger_id: string;
  key_id: string | null;
  sealed_from_seq: number | null;
  sealed_since: string | null;
  sealed_count: Generated<number>;
  sealed_seq: Generated<number>;
  sealed_hash: Generated<string>;
  seal: string | null;
}

export interface ReviewCampaignsTable {
  id: Generated<number>;
  name: string;
  status: string;
  definition_id: string | null;
  period: string | null;
  scope: string;
  assign: string;
  reviewers: Generated<string>;
  fallback: string;
  due_at: string;
  started_at: string;
  started_by: string;
  closed_at: string | null;
  closed_by: string | null;
  applied_at: string | null;
  sheet_key: string;
  warnings: Generated<string>;
  close_anchor: string | null;
  close_anchor_note: string | null;
}

export interface ReviewItemsTable {
  id: Generated<number>;
  campaign_id: number;
  kind: string;
  app_id: string;
  app_name: string;
  app_kind: string;
  person_id: string | null;
  person: string | null;
  display_name: string | null;
  person_status: string | null;
  remote_id: string;
  user_name: string;
  email: string | null;
  active: number;
  role: string | null;
  groups: Generated<string>;
  granted_by: string;
  rule_index: number | null;
  last_activity: string | null;
  reviewer: string;
  reviewer_basis: string;
  decision_id: number | null;
  op_keys: Generated<string>;
}

export interface ReviewDecisionsTable {
  id: Generated<number>;
  item_id: number;
  campaign_id: number;
  decision: string;
  role: string | null;
  reassign_to: string | null;
  comment: string | null;
  decided_by: string;
  for_reviewer: string;
  source: string;
  decided_at: string;
  audit_seq: number;
}

export interface ReviewDefinitionsTable {
  id: string;
  position: number;
  config: string;
}

export interface AccessExceptionsTable {
  app_id: string;
  person: string;
  campaign_id: number | null;
  comment: string | null;
  created_by: string | null;
  created_at: string | null;
  position: Generated<number>;
  role: string | null;
}

export interface OrphanDecisionsTable {
  app_id: string;
  remote_id: string;
  user_name: string;
  kind: string;
  person_id: string | null;
  reason: string | null;
  op_key: string | null;
  by: string;
  at: string;
}

/** Every table of the store, by its SQL name. */
export interface Database {
  settings: SettingsTable;
  secret_names: SecretNamesTable;
  directories: DirectoriesTable;
  people: PeopleTable;
  groups: GroupsTable;
  memberships: MembershipsTable;
  apps: AppsTable;
  rules: RulesTable;
  accounts: AccountsTable;
  runs: RunsTable;
  plan_ops: PlanOpsTable;
  offboarding_cases: OffboardingCasesTable;
  offboarding_tasks: OffboardingTasksTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  audit_seal: AuditSealTable;
  review_campaigns: ReviewCampaignsTable;
  review_items: ReviewItemsTable;
  review_decisions: ReviewDecisionsTable;
  review_definitions: ReviewDefinitionsTable;
  access_exceptions: AccessExceptionsTable;
  orphan_decisions: OrphanDecisionsTable;
}
