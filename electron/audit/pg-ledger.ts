// The audit ledger's tables on PostgreSQL (issue #14 item 2): the schema the first migration installs, the
// triggers that keep it append-only (an insert must follow the head, the head only advances by one to an event that
// exists, UPDATE/DELETE/TRUNCATE refused), and the grants that give the app's role no UPDATE, DELETE or TRUNCATE of
// events at all. The ledger itself, the same on both engines, is store-ledger.ts.
import { GENESIS_HASH } from './hash';

/** The triggers that make the tables append-only; verify reports any that is missing or disabled. */
export const PG_LEDGER_TRIGGERS = [
  'audit_events_no_update',
  'audit_events_no_delete',
  'audit_events_no_truncate',
  'audit_events_next_seq',
  'audit_head_forward_only',
  'audit_head_no_delete',
  'audit_head_no_truncate',
] as const;

export const PG_LEDGER_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_events (
  seq BIGINT PRIMARY KEY CHECK (seq > 0),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  app_id TEXT,
  person_id TEXT,
  run_id BIGINT,
  case_id BIGINT,
  before TEXT,
  after TEXT,
  result TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  count BIGINT NOT NULL,
  head_seq BIGINT NOT NULL,
  head_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, count, head_seq, head_hash) VALUES (1, 0, 0, '${GENESIS_HASH}')
  ON CONFLICT (id) DO NOTHING;

CREATE OR REPLACE FUNCTION lanyard_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit ledger is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE OR REPLACE FUNCTION lanyard_audit_next_seq() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE h audit_head%ROWTYPE;
BEGIN
  SELECT * INTO h FROM audit_head WHERE id = 1;
  IF NEW.seq <> h.head_seq + 1 OR NEW.prev_hash <> h.head_hash THEN
    RAISE EXCEPTION 'audit event % does not follow the head (seq %)', NEW.seq, h.head_seq
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION lanyard_audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id <> OLD.id OR NEW.head_seq <> OLD.head_seq + 1 OR NEW.count <> OLD.count + 1
     OR NOT EXISTS (SELECT 1 FROM audit_events WHERE seq = NEW.head_seq AND hash = NEW.head_hash) THEN
    RAISE EXCEPTION 'the audit head only advances by one, to an event that exists'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION lanyard_audit_refuse();
CREATE OR REPLACE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION lanyard_audit_refuse();
CREATE OR REPLACE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION lanyard_audit_refuse();
CREATE OR REPLACE TRIGGER audit_events_next_seq BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION lanyard_audit_next_seq();
CREATE OR REPLACE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION lanyard_audit_head_forward();
CREATE OR REPLACE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION lanyard_audit_refuse();
CREATE OR REPLACE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION lanyard_audit_refuse();
`;

/**
 * What the role Lanyard connects as may do, run by the database owner after each upgrade (docs/team-server.md,
 * "Database roles"): read and write the store's tables; on the ledger only read, append, and move the head and the
 * seal forward (no UPDATE or DELETE of events, no TRUNCATE anywhere); read the schema version, never change it.
 */
export const pgAppGrants = (role: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`not a plain role name: ${role}`);
  return `
GRANT USAGE ON SCHEMA public TO ${role};
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role};
REVOKE ALL ON audit_events, audit_head, audit_seal, lanyard_schema FROM ${role};
GRANT SELECT ON lanyard_schema TO ${role};
GRANT SELECT, INSERT ON audit_events TO ${role};
GRANT SELECT, UPDATE (count, head_seq, head_hash) ON audit_head TO ${role};
GRANT SELECT, UPDATE (key_id, sealed_from_seq, sealed_since, sealed_count, sealed_seq, sealed_hash, seal)
  ON audit_seal TO ${role};`;
};
