// `lanyard store copy` (electron/store/copy/) between real engines: a desktop workspace made by the real core goes
// SQLite → PostgreSQL → SQLite and comes back identical (every table row for row, the audit export byte for byte,
// the same head hash, a seal that still verifies); the source is only read; a non-empty target, a tampered ledger,
// an older schema and an unreachable server are refused with clear words and leave the target as it was.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoreLedger } from '../../electron/audit/store-ledger';
import { createPgStore } from '../../electron/store/pg/pg-store';
import { systemClock } from '../../electron/app/clock';
import { copyStore } from '../../electron/store/copy/copy';
import { migratePg } from '../../electron/store/pg/migrate';
import { createPgPool } from '../../electron/store/pg/pool';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import {
  EMPTY_COUNTS,
  connectPg,
  dbFile,
  dumpTables,
  exportOf,
  pgCounts,
  schemaOf,
  verifySqlite,
} from './store-copy-kit';
import { buildWorkspace } from './store-copy-world';

let server: TestPostgres;
let root: string;
let source: string;
const clients: pg.Client[] = [];

const client = async (db: string): Promise<pg.Client> => {
  const c = await connectPg(server.config(db));
  clients.push(c);
  return c;
};

beforeAll(async () => {
  server = startPostgres();
  root = makeTempDir('store-copy');
  source = path.join(root, 'desktop');
  await buildWorkspace(source);
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end()));
  server?.stop();
  if (root) removeDir(root);
});

const fileState = (file: string) => {
  const bytes = fs.readFileSync(file);
  return { bytes: bytes.toString('base64'), mtimeMs: fs.statSync(file).mtimeMs };
};

describe('store copy SQLite → PostgreSQL → SQLite', { timeout: 60_000 }, () => {
  it('brings back every table row for row, the same audit export byte for byte and the same head hash', async () => {
    const original = dumpTables(dbFile(source));
    const empty = Object.entries(original).filter(([, rows]) => rows.length === 0);
    expect(empty.map(([t]) => t)).toEqual([]); // the workspace exercises every table

    const db = await server.createDatabase('roundtrip');
    const there = await copyStore(`sqlite:${source}`, server.url(db));
    const back = path.join(root, 'back');
    const again = await copyStore(server.url(db), `sqlite:${back}`);

    expect(dumpTables(dbFile(back))).toEqual(original);
    expect(schemaOf(dbFile(back))).toEqual(schemaOf(dbFile(source)));
    for (const format of ['json', 'csv'] as const)
      expect(await exportOf(dbFile(back), format)).toBe(await exportOf(dbFile(source), format));
    const head = (original.audit_head as { head_hash: string }[])[0]!.head_hash;
    expect([there.ledger.headHash, again.ledger.headHash]).toEqual([head, head]);
    expect(there.ledger.events).toBe((original.audit_events as unknown[]).length);
    expect(there.tables.map((t) => t.name).sort()).toEqual(Object.keys(original).sort());
    expect(there.rows).toBe(Object.values(original).reduce((n, rows) => n + rows.length, 0));

    // The copy is a working ledger: verified, sealed under the same key, protected on PostgreSQL.
    expect(verifySqlite(dbFile(source))).toEqual({ ok: true, headHash: head, sealed: true });
    expect(verifySqlite(dbFile(back))).toEqual({ ok: true, headHash: head, sealed: true });
    const pool = createPgPool(server.config(db));
    try {
      const pv = await (await openStoreLedger(createPgStore(pool), systemClock)).verify();
      expect([pv.ok, pv.headHash, pv.count, pv.protections.ok]).toEqual([
        true,
        head,
        there.ledger.events,
        true,
      ]);
    } finally {
      await pool.end();
    }
  });

  it('moves every PostgreSQL identity past the copied ids, so the next run, op, case or task gets a new id', async () => {
    const db = await server.createDatabase('identity');
    await copyStore(`sqlite:${source}`, server.url(db));
    const c = await client(db);
    const identities = await c.query<{ t: string; col: string }>(
      `SELECT table_name AS t, column_name AS col FROM information_schema.columns
        WHERE table_schema = 'public' AND is_identity = 'YES' ORDER BY 1`,
    );
    expect(identities.rows.map((r) => r.t)).toEqual(
      expect.arrayContaining(['offboarding_tasks', 'plan_ops', 'runs']),
    );
    await c.query('BEGIN');
    try {
      for (const { t, col } of identities.rows) {
        const max = Number((await c.query(`SELECT max(${col}) AS m FROM ${t}`)).rows[0].m);
        const next = await c.query(`SELECT nextval(pg_get_serial_sequence('${t}', '${col}')) AS n`);
        expect(Number(next.rows[0].n), t).toBe(max + 1);
      }
    } finally {
      await c.query('ROLLBACK');
    }
  });

  it('copies PostgreSQL → PostgreSQL (one server to another) with the same rows, head and protections', async () => {
    const a = await server.createDatabase('pgfrom');
    const b = await server.createDatabase('pgto');
    await copyStore(`sqlite:${source}`, server.url(a));
    const r = await copyStore(server.url(a), server.url(b));
    expect(await pgCounts(await client(b))).toEqual(await pgCounts(await client(a)));
    const pool = createPgPool(server.config(b));
    try {
      const v = await (await openStoreLedger(createPgStore(pool), systemClock)).verify();
      expect([v.ok, v.headHash, v.protections.ok]).toEqual([true, r.ledger.headHash, true]);
    } finally {
      await pool.end();
    }
  });

  it('leaves the source database file byte for byte unchanged, with its modification time', async () => {
    const before = fileState(dbFile(source));
    await copyStore(`sqlite:${dbFile(source)}`, `sqlite:${path.join(root, 'copy-of-file', 'backup.db')}`);
    expect(fileState(dbFile(source))).toEqual(before);
  });
});

describe('store copy refuses', { timeout: 60_000 }, () => {
  it('a target that is not empty, and leaves it exactly as it was', async () => {
    const db = await server.createDatabase('full');
    await copyStore(`sqlite:${source}`, server.url(db));
    const c = await client(db);
    const before = [await pgCounts(c), (await c.query('SELECT * FROM audit_head')).rows];
    await expect(copyStore(`sqlite:${source}`, server.url(db))).rejects.toThrow(
      /is not empty \(table \w+ has data\)\. Nothing was copied.*never overwrites or merges/,
    );
    expect([await pgCounts(c), (await c.query('SELECT * FROM audit_head')).rows]).toEqual(before);

    const target = path.join(root, 'used');
    await copyStore(`sqlite:${source}`, `sqlite:${target}`);
    const rows = dumpTables(dbFile(target));
    await expect(copyStore(server.url(db), `sqlite:${target}`)).rejects.toThrow(/is not empty/);
    expect(dumpTables(dbFile(target))).toEqual(rows);
  });

  it("a target with data at an older schema, or with tables that are not Lanyard's, before migrating it", async () => {
    const old = path.join(root, 'used-old.db');
    fs.copyFileSync(dbFile(source), old);
    const o = new Database(old);
    o.pragma('user_version = 8');
    o.close();
    const before = fileState(old);
    await expect(copyStore(`sqlite:${source}`, `sqlite:${old}`)).rejects.toThrow(
      /is not empty \(table \w+ has data\)/,
    );
    expect(fileState(old)).toEqual(before);

    const db = await server.createDatabase('foreign');
    const c = await client(db);
    await c.query('CREATE TABLE invoices (id BIGINT PRIMARY KEY); INSERT INTO invoices VALUES (1)');
    await expect(copyStore(`sqlite:${source}`, server.url(db))).rejects.toThrow(
      /is not empty \(it holds tables that are not Lanyard's, such as invoices\)/,
    );
    const tables = await c.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.rows).toEqual([{ table_name: 'invoices' }]);
  });

  it('a SQLite ledger edited behind the triggers: nothing lands in PostgreSQL, and the first bad seq is named', async () => {
    const tampered = path.join(root, 'tampered.db');
    fs.copyFileSync(dbFile(source), tampered);
    const t = new Database(tampered);
    const trigger = t
      .prepare("SELECT sql FROM sqlite_schema WHERE name = 'audit_no_update'")
      .pluck()
      .get() as string;
    t.exec(
      `DROP TRIGGER audit_no_update; UPDATE audit_events SET actor = 'mallory' WHERE seq = 5; ${trigger}`,
    );
    t.close();
    const db = await server.createDatabase('tampered');
    await expect(copyStore(`sqlite:${tampered}`, server.url(db))).rejects.toThrow(
      /does not verify on arrival: event 5's contents no longer match its hash \(first bad event: seq 5\)/,
    );
    const c = await client(db);
    const counts = await pgCounts(c);
    expect(counts).toEqual(EMPTY_COUNTS(Object.keys(counts)));
    expect((await c.query('SELECT count, head_seq FROM audit_head')).rows).toEqual([
      { count: '0', head_seq: '0' },
    ]);
  });

  it('a PostgreSQL ledger edited by a superuser with the triggers off: the SQLite target stays empty', async () => {
    const db = await server.createDatabase('pgtampered');
    await copyStore(`sqlite:${source}`, server.url(db));
    await (
      await client(db)
    ).query(`
      ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update;
      UPDATE audit_events SET result = 'ok, honestly' WHERE seq = 3;
      ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;`);
    const target = path.join(root, 'from-tampered');
    await expect(copyStore(server.url(db), `sqlite:${target}`)).rejects.toThrow(/first bad event: seq 3/);
    const rows = dumpTables(dbFile(target));
    const used = Object.entries(rows).filter(
      ([t, r]) => r.length !== (t === 'audit_head' || t === 'audit_seal' ? 1 : 0),
    );
    expect(used).toEqual([]);
    expect(rows.audit_head).toEqual([{ id: 1n, count: 0n, head_seq: 0n, head_hash: '0'.repeat(64) }]);
  });

  it('a source at an older schema version, without migrating it, on either engine', async () => {
    const old = path.join(root, 'old.db');
    fs.copyFileSync(dbFile(source), old);
    const o = new Database(old);
    o.pragma('user_version = 8');
    o.close();
    await expect(copyStore(`sqlite:${old}`, `sqlite:${path.join(root, 'never')}`)).rejects.toThrow(
      /is at schema 8, an older one than this Lanyard's \(9\)/,
    );
    const o2 = new Database(old, { readonly: true });
    expect(o2.pragma('user_version', { simple: true })).toBe(8);
    o2.close();
    expect(fs.existsSync(path.join(root, 'never'))).toBe(false);

    const db = await server.createDatabase('oldpg');
    await copyStore(`sqlite:${source}`, server.url(db));
    await (await client(db)).query('UPDATE lanyard_schema SET version = 8');
    const err = await copyStore(server.url(db), `sqlite:${path.join(root, 'never2')}`).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({
      code: 'bad_input',
      hint: expect.stringMatching(/Open it once with this version/),
    });
  });

  it('a table on one side only, naming it', async () => {
    const db = await server.createDatabase('extra');
    const c = await client(db);
    await migratePg(c);
    await c.query('CREATE TABLE notes_by_hand (id BIGINT PRIMARY KEY)');
    await expect(copyStore(`sqlite:${source}`, server.url(db))).rejects.toThrow(
      /do not have the same tables: notes_by_hand is in postgres:\/\/.* only/,
    );
    expect((await c.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBe(0);
  });

  it('an unreachable server or a URL that is not one, without ever showing the password', async () => {
    const down = 'postgres://lanyard:hunter2-secret@127.0.0.1:1/lanyard';
    const err = (await copyStore(`sqlite:${source}`, down).catch((e: unknown) => e)) as Error & {
      hint: string;
    };
    expect(err.message).toMatch(
      /^Cannot connect to PostgreSQL at postgres:\/\/lanyard:\*\*\*@127\.0\.0\.1:1\/lanyard: /,
    );
    expect(err.hint).toMatch(/host, port, database name, user and password/);
    const socket = `postgres://lanyard:hunter2-secret@/nowhere?host=${encodeURIComponent(path.join(root, 'no-socket'))}`;
    const err2 = (await copyStore(socket, `sqlite:${path.join(root, 'x')}`).catch(
      (e: unknown) => e,
    )) as Error;
    expect(err2.message).toMatch(/^Cannot connect to PostgreSQL at postgres:\/\/lanyard:\*\*\*@\/nowhere/);
    const err3 = (await copyStore(`sqlite:${source}`, 'mysql://root:hunter2-secret@db/x').catch(
      (e: unknown) => e,
    )) as Error;
    expect(err3.message).toMatch(/--to mysql:\/\/root:\*\*\*@db\/x is not a store Lanyard can copy/);
    for (const e of [err, err2, err3])
      expect(JSON.stringify({ m: e.message, h: (e as { hint?: string }).hint })).not.toContain('hunter2');
  });
});
