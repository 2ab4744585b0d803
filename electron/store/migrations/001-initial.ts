// Schema 1: the domain model of docs/architecture.md. Secrets never live here: only references.
import type { Migration } from './index';

export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE secret_names (
        name TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE directories (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('okta','entra','google','auth0')),
        name TEXT NOT NULL,
        settings TEXT NOT NULL DEFAULT '{}',
        secret_refs TEXT NOT NULL DEFAULT '[]',
        cursor TEXT,
        health TEXT NOT NULL DEFAULT 'unknown',
        health_detail TEXT,
        last_read_at TEXT,
        last_good_count INTEGER
      ) STRICT;

      CREATE TABLE people (
        id TEXT PRIMARY KEY,
        directory_id TEXT NOT NULL REFERENCES directories(id) ON DELETE CASCADE,
        login TEXT NOT NULL,
        email TEXT,
        given_name TEXT,
        family_name TEXT,
        display_name TEXT,
        status TEXT NOT NULL CHECK (status IN ('active','staged','suspended','deprovisioned','deleted')),
        status_changed_at TEXT,
        attributes TEXT NOT NULL DEFAULT '{}',
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX people_email ON people(lower(email));
      CREATE INDEX people_login ON people(lower(login));

      CREATE TABLE groups (
        id TEXT PRIMARY KEY,
        directory_id TEXT NOT NULL REFERENCES directories(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT
      ) STRICT;
      CREATE INDEX groups_name ON groups(name);

      CREATE TABLE memberships (
        group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, person_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX memberships_person ON memberships(person_id);

      CREATE TABLE apps (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('scim','github','manual')),
        preset TEXT,
        settings TEXT NOT NULL DEFAULT '{}',
        secret_refs TEXT NOT NULL DEFAULT '[]',
        deprovision TEXT NOT NULL DEFAULT '"deactivate"',
        review TEXT NOT NULL DEFAULT 'auto' CHECK (review IN ('auto','required')),
        health TEXT NOT NULL DEFAULT 'ok' CHECK (health IN ('ok','degraded','quarantined','paused')),
        health_detail TEXT,
        rate_limit TEXT,
        capabilities TEXT,
        position INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE rules (
        id INTEGER PRIMARY KEY,
        app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        match TEXT NOT NULL,
        role TEXT,
        entitlements TEXT NOT NULL DEFAULT '{}',
        priority INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE accounts (
        app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        person_id TEXT REFERENCES people(id) ON DELETE SET NULL,
        user_name TEXT NOT NULL,
        email TEXT,
        external_id TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        role TEXT,
        groups TEXT NOT NULL DEFAULT '[]',
        attributes TEXT NOT NULL DEFAULT '{}',
        seen_at TEXT NOT NULL,
        PRIMARY KEY (app_id, remote_id)
      ) STRICT;
      CREATE INDEX accounts_person ON accounts(person_id);

      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        trigger TEXT NOT NULL,
        status TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        stats TEXT NOT NULL DEFAULT '{}',
        error TEXT
      ) STRICT;

      CREATE TABLE plan_ops (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        app_id TEXT NOT NULL,
        person_id TEXT,
        kind TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('planned','held','approved','running','done','failed','skipped')),
        reason TEXT NOT NULL,
        payload TEXT NOT NULL DEFAULT '{}',
        idempotency_key TEXT NOT NULL UNIQUE,
        attempts INTEGER NOT NULL DEFAULT 0,
        result TEXT,
        error TEXT,
        held_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX plan_ops_status ON plan_ops(status);
      CREATE INDEX plan_ops_run ON plan_ops(run_id);

      CREATE TABLE offboarding_cases (
        id INTEGER PRIMARY KEY,
        person_id TEXT NOT NULL,
        trigger TEXT NOT NULL,
        status TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        opened_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE offboarding_tasks (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES offboarding_cases(id) ON DELETE CASCADE,
        app_id TEXT,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT,
        op_id INTEGER REFERENCES plan_ops(id),
        done_at TEXT,
        done_by TEXT
      ) STRICT;

      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        app_id TEXT,
        person_id TEXT,
        run_id INTEGER,
        case_id INTEGER,
        before TEXT,
        after TEXT,
        result TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_person ON audit_events(person_id);
      CREATE INDEX audit_app ON audit_events(app_id);
      CREATE INDEX audit_at ON audit_events(at);

      -- The ledger is append-only: the database itself refuses updates and deletes.
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
    `);
  },
};
