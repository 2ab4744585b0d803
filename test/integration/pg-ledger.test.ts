// The audit ledger on PostgreSQL keeps the SQLite ledger's properties (issue #14 item 2), against a real server:
// the same events give the same rows and head hash on both engines; appends racing from two server processes get
// one gap-free order that verifies; the app's role (pgAppGrants) runs the ledger but cannot UPDATE, DELETE or
// TRUNCATE, and the owner is stopped by the triggers; an owner who gets past them is named by verify.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pgAppGrants } from '../../electron/audit/pg-ledger';
import { LEDGER_PAGE, openStoreLedger } from '../../electron/audit/store-ledger';
import { openPgStore } from '../../electron/store/pg/pg-store';
import { createSqliteStore, type Store } from '../../electron/store/store';
import { closeDatabase, openDatabase } from '../../electron/store/database';
import { sampleEvent, steppingClock } from '../unit/audit/harness';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { FIXTURES, spawnTs, stopChildren, waitForLine } from '../helpers/processes';
import { tempDirForTest } from '../helpers/temp-dir';

let server: TestPostgres;
const closing: (() => Promise<void> | void)[] = [];
beforeAll(() => {
  server = startPostgres();
});
afterEach(async () => {
  await stopChildren();
  for (const c of closing.splice(0).reverse()) await c();
});
afterAll(() => server?.stop());

const pgStore = async (url: string): Promise<Store> => {
  const store = await openPgStore(url, { max: 4 });
  closing.push(() => store.close());
  return store;
};

const fresh = async (clock = steppingClock()) => {
  const db = await server.createDatabase('ledger');
  const store = await pgStore(server.url(db));
  return { db, store, ledger: await openStoreLedger(store, clock) };
};

const admin = async (db: string, user?: string): Promise<pg.Pool> => {
  const pool = new pg.Pool({ ...server.config(db, user), max: 2 });
  closing.push(() => pool.end());
  return pool;
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
  it('stores the same rows with the same hashes as on SQLite, and verifies across keyset pages', async () => {
    const dir = tempDirForTest('ledger-lite');
    const db = openDatabase(dir);
    closing.push(() => closeDatabase(db));
    const lite = await openStoreLedger(createSqliteStore(db), steppingClock());
    const { ledger } = await fresh();
    const n = LEDGER_PAGE + 40; // the chain crosses a page boundary
    for (let i = 1; i <= n; i++) {
      await lite.append(sampleEvent(i));
      await ledger.append(sampleEvent(i));
    }
    const events = async (l: typeof lite) => {
      const out = [];
      for await (const e of l.iterate()) out.push(e);
      return out;
    };
    expect(await events(ledger)).toEqual(await events(lite));
    const [v, w] = [await ledger.verify(), await lite.verify()];
    expect([v.ok, v.count, v.headSeq, v.headHash]).toEqual([true, n, n, w.headHash]);
    expect(v.protections).toEqual({ ok: true, detail: null });
  });

  it('gives appends racing from two server processes one gap-free order that verifies', async () => {
    const { db, ledger } = await fresh();
    const url = server.url(db);
    const a = spawnTs(`${FIXTURES}/pg-ledger-appender.ts`, [url, '150', 'a']);
    const b = spawnTs(`${FIXTURES}/pg-ledger-appender.ts`, [url, '150', 'b']);
    await Promise.all([waitForLine(a, /^done 150$/), waitForLine(b, /^done 150$/)]);
    const seqs: number[] = [];
    const actors = new Map<string, number>();
    for await (const e of ledger.iterate()) {
      seqs.push(e.seq);
      actors.set(e.actor, (actors.get(e.actor) ?? 0) + 1);
    }
    expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(Object.fromEntries(actors)).toEqual({ a: 150, b: 150 });
    expect(await ledger.verify()).toMatchObject({ ok: true, count: 300 });
  });

  it("lets the app's role run the ledger but refuses it UPDATE, DELETE and TRUNCATE; the owner is stopped by triggers", async () => {
    const { db, ledger } = await fresh();
    for (let i = 1; i <= 3; i++) await ledger.append(sampleEvent(i));
    const role = `app_${db}`;
    await server.admin(`CREATE ROLE ${role} LOGIN`);
    const owner = await admin(db);
    await owner.query(pgAppGrants(role));
    // The app's role opens the store (the schema is current: nothing to migrate) and appends, sealing included …
    const asApp = await openStoreLedger(
      await pgStore(server.url(db, role)),
      steppingClock('2026-12-01T00:00:00Z'),
    );
    expect((await asApp.append({ actor: 'cli', action: 'x', result: 'ok' })).seq).toBe(4);
    expect((await asApp.verify()).ok).toBe(true);
    // … and can change nothing that is recorded.
    const app = await admin(db, role);
    for (const sql of [
      `UPDATE audit_events SET result = 'forged' WHERE seq = 1`,
      'DELETE FROM audit_events WHERE seq = 4',
      'TRUNCATE audit_events',
      'DELETE FROM audit_head',
      'DELETE FROM audit_seal',
      'UPDATE lanyard_schema SET version = 1',
      'UPDATE audit_seal SET ledger_id = 0',
    ])
      expect(await refusal(app, sql), sql).toMatch(/permission denied/);
    expect(await refusal(app, 'UPDATE audit_head SET head_seq = 1, count = 1')).toMatch(
      /the audit head only advances by one, to an event that exists/,
    );
    // The owner is stopped by the triggers.
    expect(await refusal(owner, `UPDATE audit_events SET result = 'forged' WHERE seq = 1`)).toBe(
      'the audit ledger is append-only: UPDATE on audit_events is refused',
    );
    expect(await refusal(owner, 'DELETE FROM audit_events')).toMatch(/append-only: DELETE/);
    expect(await refusal(owner, 'TRUNCATE audit_events')).toMatch(/append-only: TRUNCATE/);
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
    const { db, ledger } = await fresh();
    for (let i = 1; i <= 12; i++) await ledger.append(sampleEvent(i));
    const owner = await admin(db);
    await owner.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
    await owner.query(`UPDATE audit_events SET result = 'nothing happened' WHERE seq = 5`);
    const v = await ledger.verify();
    expect(v.ok).toBe(false);
    expect(v.firstBad).toMatchObject({ seq: 5, problem: 'edited' });
    expect(v.protections).toEqual({
      ok: false,
      detail:
        "The audit ledger's append-only protections were altered outside Lanyard (changed: audit_events_no_update).",
    });
  });

  it('finds a trigger function replaced by a no-op, refuses to record until protect restores it', async () => {
    const { db, store, ledger } = await fresh();
    await ledger.append(sampleEvent(1));
    const owner = await admin(db);
    await owner.query(
      `CREATE OR REPLACE FUNCTION lanyard_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$`,
    );
    const reopened = await openStoreLedger(store, steppingClock('2026-12-02T00:00:00Z'));
    const v = await reopened.verify();
    expect(v.protections.ok).toBe(false);
    expect(v.protections.detail).toMatch(/changed: .*audit_events_no_delete/);
    await expect(reopened.append(sampleEvent(2))).rejects.toThrow(/append-only protections were altered/);
    expect(await reopened.protect('admin')).toEqual(expect.arrayContaining(['audit_events_no_delete']));
    expect(await refusal(owner, 'DELETE FROM audit_events')).toMatch(/append-only: DELETE/);
    expect((await reopened.append(sampleEvent(3))).seq).toBe(3); // 2 is audit.protected
    expect((await reopened.verify()).ok).toBe(true);
  });
});
