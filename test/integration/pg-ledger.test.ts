// The audit ledger on PostgreSQL keeps the SQLite ledger's properties (issue #14 item 2), against a real server:
// the same events give the same rows and head hash on both engines; appends racing from two processes get one
// gap-free order that verifies; the app's role cannot UPDATE or DELETE, and neither can the owner past the
// triggers; verify pages through with constant memory and names the first bad event.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPgLedger, pgAppGrants, type PgLedger } from '../../electron/audit/pg-ledger';
import { appendSamples, openLedger, sampleEvent, steppingClock } from '../unit/audit/harness';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { FIXTURES, spawnTs, stopChildren, waitForLine } from '../helpers/processes';

let server: TestPostgres;
const pools: pg.Pool[] = [];
beforeAll(() => {
  server = startPostgres();
});
afterEach(async () => {
  await stopChildren();
  await Promise.all(pools.splice(0).map((p) => p.end()));
});
afterAll(() => server?.stop());

const fresh = async (clock = steppingClock()): Promise<{ db: string; ledger: PgLedger; pool: pg.Pool }> => {
  const db = await server.createDatabase('ledger');
  const pool = new pg.Pool({ ...server.config(db), max: 4 });
  pools.push(pool);
  const ledger = createPgLedger(pool, clock);
  await ledger.install();
  return { db, ledger, pool };
};

const refusal = async (pool: pg.Pool, sql: string): Promise<string> => {
  try {
    await pool.query(sql);
  } catch (err) {
    return (err as Error).message;
  }
  return 'accepted';
};

describe('the audit ledger on PostgreSQL', () => {
  it('stores the same rows with the same hashes as the SQLite ledger, and verifies', async () => {
    const lite = openLedger();
    appendSamples(lite.ledger, 40);
    const { ledger } = await fresh();
    for (let i = 1; i <= 40; i++) await ledger.append(sampleEvent(i));
    const pgEvents = [];
    for await (const e of ledger.iterate()) pgEvents.push(e);
    expect(pgEvents).toEqual([...lite.ledger.iterate()]);
    const v = await ledger.verify(7); // small pages: the chain crosses page boundaries
    expect([v.ok, v.count, v.headSeq, v.headHash]).toEqual([true, 40, 40, lite.ledger.verify().headHash]);
    expect(v.protections).toEqual({ ok: true, detail: null });
  });

  it('gives appends racing from two processes one gap-free order that verifies', async () => {
    const { db, ledger } = await fresh();
    const a = spawnTs(`${FIXTURES}/pg-ledger-appender.ts`, [JSON.stringify(server.config(db)), '150', 'a']);
    const b = spawnTs(`${FIXTURES}/pg-ledger-appender.ts`, [JSON.stringify(server.config(db)), '150', 'b']);
    await Promise.all([waitForLine(a, /^done 150$/), waitForLine(b, /^done 150$/)]);
    const seqs: number[] = [];
    const actors = new Map<string, number>();
    for await (const e of ledger.iterate()) {
      seqs.push(e.seq);
      actors.set(e.actor, (actors.get(e.actor) ?? 0) + 1);
    }
    expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(Object.fromEntries(actors)).toEqual({ a: 150, b: 150 });
    const v = await ledger.verify();
    expect([v.ok, v.count]).toEqual([true, 300]);
  });

  it("refuses UPDATE, DELETE and TRUNCATE to the app's role by privilege and to the owner by trigger", async () => {
    const { db, ledger, pool } = await fresh();
    for (let i = 1; i <= 3; i++) await ledger.append(sampleEvent(i));
    const role = `app_${db}`;
    await server.admin(`CREATE ROLE ${role} LOGIN`);
    await pool.query(pgAppGrants(role));
    const app = new pg.Pool(server.config(db, role));
    pools.push(app);
    // The app's role appends …
    const asApp = createPgLedger(app, steppingClock('2026-12-01T00:00:00.000Z'));
    expect((await asApp.append({ actor: 'cli', action: 'x', result: 'ok' })).seq).toBe(4);
    // … and can change nothing.
    for (const sql of [
      `UPDATE audit_events SET result = 'forged' WHERE seq = 1`,
      'DELETE FROM audit_events WHERE seq = 4',
      'TRUNCATE audit_events',
      'DELETE FROM audit_head',
    ])
      expect(await refusal(app, sql)).toMatch(/permission denied/);
    expect(await refusal(app, 'UPDATE audit_head SET head_seq = 1, count = 1')).toMatch(
      /the audit head only advances by one, to an event that exists/,
    );
    // The owner is stopped by the triggers.
    expect(await refusal(pool, `UPDATE audit_events SET result = 'forged' WHERE seq = 1`)).toBe(
      'the audit ledger is append-only: UPDATE on audit_events is refused',
    );
    expect(await refusal(pool, 'DELETE FROM audit_events')).toMatch(/append-only: DELETE/);
    expect(await refusal(pool, 'TRUNCATE audit_events')).toMatch(/append-only: TRUNCATE/);
    // An insert that does not follow the head is refused, whoever writes it.
    expect(
      await refusal(
        app,
        `INSERT INTO audit_events (seq, at, actor, action, result, prev_hash, hash) VALUES (9, 'now', 'x', 'x', 'ok', 'x', 'x')`,
      ),
    ).toMatch(/audit event 9 does not follow the head \(seq 4\)/);
    expect((await ledger.verify()).ok).toBe(true);
  });

  it('names the first edited event and the disabled trigger when someone with the owner’s rights gets past them', async () => {
    const { ledger, pool } = await fresh();
    for (let i = 1; i <= 12; i++) await ledger.append(sampleEvent(i));
    await pool.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
    await pool.query(`UPDATE audit_events SET result = 'nothing happened' WHERE seq = 5`);
    const v = await ledger.verify(4);
    expect(v.ok).toBe(false);
    expect(v.firstBad).toMatchObject({ seq: 5, problem: 'edited' });
    expect(v.protections).toEqual({
      ok: false,
      detail: "The ledger's protecting triggers are missing or disabled: audit_events_no_update.",
    });
  });

  it('rolls an append back with the transaction it joined, leaving no gap', async () => {
    const { ledger, pool } = await fresh();
    await ledger.append(sampleEvent(1));
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await ledger.append(sampleEvent(2), c);
      await c.query('ROLLBACK');
    } finally {
      c.release();
    }
    expect((await ledger.append(sampleEvent(3))).seq).toBe(2);
    const v = await ledger.verify();
    expect([v.ok, v.count]).toEqual([true, 2]);
  });
});
