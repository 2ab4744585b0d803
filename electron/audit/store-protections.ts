// The ledger's append-only protections on either engine, for the async ledger (store-ledger.ts).
// - SQLite: the triggers in sqlite_master compared with the ones the migrations create (protections.ts).
// - PostgreSQL: the triggers on the ledger's tables (present, enabled, defined as the migrations define them) and
//   the functions they run (their source as the migrations wrote it): an owner who replaced
//   lanyard_audit_refuse() by a no-op, or disabled a trigger, is found as surely as a dropped trigger.
// Restoring re-creates what the migrations created; on PostgreSQL that needs the tables' owner (docs/team-server.md).
import { sql } from 'kysely';
import type { Store } from '../store/store';
import { expectedTriggers, type ProtectionCheck } from './protections';
import { pgMigrations } from '../store/pg/migrations';

const LEDGER_TABLES = ['audit_events', 'audit_head', 'audit_seal'] as const;

const squash = (s: string): string =>
  s
    .replace(/\s+/g, ' ')
    .replace(/\bOR REPLACE /gi, '')
    .replace(/\bpublic\./g, '')
    .trim();

interface PgReference {
  /** trigger name → its definition, normalized */
  triggers: Map<string, string>;
  /** function name → its body as written between $$ … $$ */
  functions: Map<string, string>;
  /** The statements that (re)create every function and trigger, idempotently. */
  restoreSql: string;
}

let pgReference: PgReference | null = null;

/** What the PostgreSQL migrations create for the ledger, read from their SQL. */
export const pgExpected = (): PgReference => {
  if (pgReference) return pgReference;
  const text = pgMigrations.map((m) => m.sql).join('\n');
  const functions = new Map<string, string>();
  const fnSql: string[] = [];
  for (const m of text.matchAll(
    /CREATE (?:OR REPLACE )?FUNCTION (\w+)\(\) RETURNS trigger LANGUAGE plpgsql AS \$\$([\s\S]*?)\$\$;/g,
  )) {
    functions.set(m[1]!, m[2]!);
    fnSql.push(`CREATE OR REPLACE FUNCTION ${m[1]}() RETURNS trigger LANGUAGE plpgsql AS $$${m[2]}$$;`);
  }
  const triggers = new Map<string, string>();
  const trSql: string[] = [];
  for (const m of text.matchAll(
    /CREATE (?:OR REPLACE )?TRIGGER (\w+) ((?:BEFORE|AFTER) \w+ ON (\w+)\s+FOR EACH (?:ROW|STATEMENT) EXECUTE FUNCTION \w+\(\));/g,
  )) {
    if (!(LEDGER_TABLES as readonly string[]).includes(m[3]!)) continue;
    triggers.set(m[1]!, squash(`CREATE TRIGGER ${m[1]} ${m[2]}`));
    trSql.push(`CREATE OR REPLACE TRIGGER ${m[1]} ${m[2]};`);
  }
  pgReference = { triggers, functions, restoreSql: [...fnSql, ...trSql].join('\n') };
  return pgReference;
};

const diff = (expected: Map<string, string>, found: Map<string, string>): ProtectionCheck => {
  const missing: string[] = [];
  const changed: string[] = [];
  for (const [name, def] of expected) {
    const actual = found.get(name);
    if (actual === undefined) missing.push(name);
    else if (actual !== def) changed.push(name);
  }
  const added = [...found.keys()].filter((name) => !expected.has(name));
  return { ok: missing.length + changed.length + added.length === 0, missing, changed, added };
};

const checkSqlite = async (store: Store): Promise<ProtectionCheck> => {
  const r = await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master
    WHERE type = 'trigger' AND tbl_name IN ('audit_events', 'audit_head', 'audit_seal') ORDER BY name`.execute(
    store.q(),
  );
  return diff(expectedTriggers(), new Map(r.rows.map((t) => [t.name, t.sql])));
};

/**
 * A trigger that does not fire in an ordinary session counts as changed: disabled ('D'), or enabled for replicas
 * only ('R', ENABLE REPLICA TRIGGER); 'O' (as created) and 'A' (ALWAYS, stricter) are intact. A function whose
 * body differs changes every trigger that runs it.
 */
const checkPg = async (store: Store): Promise<ProtectionCheck> => {
  const ref = pgExpected();
  const t = await sql<{ name: string; def: string; enabled: string; fn: string; src: string }>`
    SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS def, t.tgenabled AS enabled, p.proname AS fn,
           p.prosrc AS src
      FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
     WHERE NOT t.tgisinternal AND t.tgrelid IN ('audit_events'::regclass, 'audit_head'::regclass, 'audit_seal'::regclass)
     ORDER BY t.tgname`.execute(store.q());
  // A role or database set to session_replication_role = replica (ALTER ROLE/DATABASE … SET) silences every
  // ordinary trigger without touching it: such a session's triggers count as not firing.
  const mode = await sql<{
    mode: string;
  }>`SELECT current_setting('session_replication_role') AS mode`.execute(store.q());
  const replica = mode.rows[0]?.mode === 'replica';
  const found = new Map(
    t.rows.map((r) => {
      const fires = r.enabled === 'A' || (r.enabled === 'O' && !replica);
      const intact = fires && ref.functions.get(r.fn) === r.src;
      return [r.name, intact ? squash(r.def) : `${squash(r.def)} (disabled or its function was changed)`];
    }),
  );
  return diff(ref.triggers, found);
};

export const checkStoreProtections = (store: Store): Promise<ProtectionCheck> =>
  store.engine === 'sqlite' ? checkSqlite(store) : checkPg(store);

/** Re-creates the expected triggers (dropping altered and foreign ones first), in one transaction. */
export const restoreStoreProtections = (store: Store, p: ProtectionCheck): Promise<void> =>
  store.tx(async () => {
    const quote = (n: string) => `"${n.replace(/"/g, '""')}"`;
    if (store.engine === 'sqlite') {
      const expected = expectedTriggers();
      for (const name of [...p.added, ...p.changed])
        await sql.raw(`DROP TRIGGER IF EXISTS ${quote(name)}`).execute(store.q());
      for (const name of [...p.changed, ...p.missing]) await sql.raw(expected.get(name)!).execute(store.q());
      return;
    }
    for (const name of p.added)
      for (const table of LEDGER_TABLES)
        await sql.raw(`DROP TRIGGER IF EXISTS ${quote(name)} ON ${table}`).execute(store.q());
    await sql.raw(pgExpected().restoreSql).execute(store.q());
    for (const table of LEDGER_TABLES)
      await sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER USER`).execute(store.q());
  });
