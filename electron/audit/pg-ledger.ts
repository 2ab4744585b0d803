// The audit ledger on PostgreSQL (issue #14 item 2), for the team server: the same rows and hashes as the SQLite
// ledger (row.ts, hash.ts) with the same guarantees —
// - append-only: triggers refuse UPDATE, DELETE and TRUNCATE of events, and let the head only advance by one to an
//   event that exists; privileges give the app's role no UPDATE/DELETE/TRUNCATE on events at all (PG_APP_GRANTS);
// - one strict total order with no gaps under any number of concurrent writers: an append locks the one head row
//   (SELECT … FOR UPDATE) in its transaction, so appends are serialized and a rolled-back append leaves no gap
//   (no sequence object is involved), and an insert trigger refuses any seq other than head + 1;
// - verify and export read page by page by seq (keyset), so memory stays constant however large the ledger;
//   verify reads one REPEATABLE READ snapshot, so the head and the rows agree.
// Not yet here: the seal (sealer.ts) and the trigger restore of `audit protect`; the desktop ledger keeps both.
import pg from 'pg';
import type { AuditEvent, AuditVerifyResult } from '../../shared/api/methods-audit';
import type { Clock } from '../app/clock';
import { GENESIS_HASH, type AuditRow } from './hash';
import { toAuditEvent } from './ledger';
import { newRow, type AuditAppend } from './row';
import { verifyRowsAsync, type ChainResult, type HeadAnchor } from './verify-chain';

const COLUMNS =
  'seq, at, actor, action, app_id, person_id, run_id, case_id, before, after, result, prev_hash, hash';

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

/** Rows of one keyset page, in the types the hash expects (pg returns BIGINT as text). */
const toRow = (r: Record<string, unknown>): AuditRow => ({
  seq: Number(r.seq),
  at: r.at as string,
  actor: r.actor as string,
  action: r.action as string,
  app_id: (r.app_id as string | null) ?? null,
  person_id: (r.person_id as string | null) ?? null,
  run_id: r.run_id === null ? null : Number(r.run_id),
  case_id: r.case_id === null ? null : Number(r.case_id),
  before: (r.before as string | null) ?? null,
  after: (r.after as string | null) ?? null,
  result: r.result as string,
  prev_hash: r.prev_hash as string,
  hash: r.hash as string,
});

const PAGE = 1_000;

/** Every row from seq 1 up, one keyset page at a time on `client` (constant memory). */
async function* pages(client: pg.ClientBase, pageSize = PAGE): AsyncGenerator<AuditRow, void, undefined> {
  let after = 0;
  for (;;) {
    const r = await client.query(`SELECT ${COLUMNS} FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2`, [
      after,
      pageSize,
    ]);
    for (const row of r.rows) yield toRow(row as Record<string, unknown>);
    if (r.rows.length < pageSize) return;
    after = Number((r.rows[r.rows.length - 1] as { seq: string }).seq);
  }
}

export interface PgVerifyResult extends ChainResult {
  protections: AuditVerifyResult['protections'];
}

export const createPgLedger = (pool: pg.Pool, clock: Clock) => {
  const appendOn = async (client: pg.ClientBase, e: AuditAppend): Promise<AuditEvent> => {
    const head = await client.query<{ head_seq: string; head_hash: string }>(
      'SELECT head_seq, head_hash FROM audit_head WHERE id = 1 FOR UPDATE',
    );
    const h = head.rows[0];
    if (!h) throw new Error('the audit head row is missing: the ledger schema is not installed');
    const seq = Number(h.head_seq);
    const row = newRow(e, seq === 0 ? null : { seq, hash: h.head_hash }, clock.now().toISOString());
    await client.query(
      `INSERT INTO audit_events (${COLUMNS}) VALUES (${COLUMNS.split(', ').map((_, i) => `$${i + 1}`)})`,
      [
        row.seq,
        row.at,
        row.actor,
        row.action,
        row.app_id,
        row.person_id,
        row.run_id,
        row.case_id,
        row.before,
        row.after,
        row.result,
        row.prev_hash,
        row.hash,
      ],
    );
    await client.query(
      'UPDATE audit_head SET count = count + 1, head_seq = $1, head_hash = $2 WHERE id = 1',
      [row.seq, row.hash],
    );
    return toAuditEvent(row);
  };

  return {
    /** Creates the tables and triggers when missing (the database owner runs it; idempotent). */
    async install(): Promise<void> {
      await pool.query(PG_LEDGER_SCHEMA);
    },

    /**
     * Records one event. With `client` inside the caller's open transaction it joins it, so the event commits or
     * rolls back with the change it describes; otherwise it runs in a transaction of its own.
     */
    async append(e: AuditAppend, client?: pg.ClientBase): Promise<AuditEvent> {
      if (client) return appendOn(client, e);
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const event = await appendOn(c, e);
        await c.query('COMMIT');
        return event;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },

    /** Every event, oldest first, page by page (constant memory), from one snapshot. */
    async *iterate(): AsyncGenerator<AuditEvent, void, undefined> {
      const c = await pool.connect();
      try {
        await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        for await (const row of pages(c)) yield toAuditEvent(row);
        await c.query('COMMIT');
      } finally {
        await c.query('ROLLBACK').catch(() => undefined);
        c.release();
      }
    },

    /** The chain against the head, from one snapshot, and whether every protecting trigger is in place. */
    async verify(pageSize = PAGE): Promise<PgVerifyResult> {
      const c = await pool.connect();
      try {
        await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const h = await c.query<{ count: string; head_seq: string; head_hash: string }>(
          'SELECT count, head_seq, head_hash FROM audit_head WHERE id = 1',
        );
        const anchor: HeadAnchor | null = h.rows[0]
          ? {
              count: Number(h.rows[0].count),
              headSeq: Number(h.rows[0].head_seq),
              headHash: h.rows[0].head_hash,
            }
          : null;
        const chain = await verifyRowsAsync(pages(c, pageSize), anchor);
        const t = await c.query<{ name: string }>(
          `SELECT tgname AS name FROM pg_trigger
            WHERE tgrelid IN ('audit_events'::regclass, 'audit_head'::regclass) AND tgenabled <> 'D'`,
        );
        const present = new Set(t.rows.map((r) => r.name));
        const missing = PG_LEDGER_TRIGGERS.filter((n) => !present.has(n));
        await c.query('COMMIT');
        return {
          ...chain,
          ok: chain.ok && missing.length === 0,
          protections: {
            ok: missing.length === 0,
            detail: missing.length
              ? `The ledger's protecting triggers are missing or disabled: ${missing.join(', ')}.`
              : null,
          },
        };
      } finally {
        await c.query('ROLLBACK').catch(() => undefined);
        c.release();
      }
    },
  };
};

export type PgLedger = ReturnType<typeof createPgLedger>;
