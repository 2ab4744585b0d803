// What the `store copy` tests compare and prepare: every table's rows as SQLite holds them (integers as BigInt, so
// an INTEGER that came back as REAL or TEXT shows), the audit export the app offers (writeExport, JSON and CSV, byte
// for byte), the chain and the seal checked as `audit verify` checks them, and workspaces holding only a ledger.
// Read at the table level with the ledger's own pure functions, not through the repositories.
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { PersonLookup } from '../../electron/audit/export-format';
import type { AuditRow } from '../../electron/audit/hash';
import { toAuditEvent } from '../../electron/audit/ledger';
import { newRow } from '../../electron/audit/row';
import { keyIdOf, sealOf, type SealRow } from '../../electron/audit/seal';
import { verifyRows, type HeadAnchor } from '../../electron/audit/verify-chain';
import { writeExport } from '../../electron/audit/write-export';
import { DB_FILE, closeDatabase, openDatabase } from '../../electron/store/database';

/** The seal key the test workspaces use (LANYARD_AUDIT_SEAL_KEY=env:…), so a copy's seal can be checked. */
export const SEAL_ENV: NodeJS.ProcessEnv = {
  LANYARD_AUDIT_SEAL_KEY: 'env:STORE_COPY_TEST_SEAL_KEY',
  STORE_COPY_TEST_SEAL_KEY: Buffer.alloc(32, 7).toString('base64'),
};

export const dbFile = (dirOrFile: string): string =>
  fs.statSync(dirOrFile, { throwIfNoEntry: false })?.isDirectory()
    ? path.join(dirOrFile, DB_FILE)
    : dirOrFile;

const readOnly = (file: string): Database.Database => new Database(dbFile(file), { readonly: true });

/** Every table's rows, ordered by all their columns, integers as BigInt. */
export const dumpTables = (file: string): Record<string, unknown[]> => {
  const db = readOnly(file);
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    const out: Record<string, unknown[]> = {};
    for (const t of tables) {
      const n = (db.prepare(`SELECT count(*) FROM pragma_table_info('${t}')`).pluck().get() as number) ?? 0;
      const order = Array.from({ length: n }, (_, i) => i + 1).join(', ');
      out[t] = db.prepare(`SELECT * FROM "${t}" ORDER BY ${order}`).safeIntegers(true).all();
    }
    return out;
  } finally {
    db.close();
  }
};

/** The schema as SQLite stores it (tables, indexes, triggers). */
export const schemaOf = (file: string): unknown[] => {
  const db = readOnly(file);
  try {
    return db
      .prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
      .all();
  } finally {
    db.close();
  }
};

/** People's names as the export shows them beside ids (electron/audit/people-names.ts), from the snapshot. */
const namesOf = (db: Database.Database): PersonLookup => {
  const rows = db
    .prepare('SELECT id, login, email, display_name, given_name, family_name FROM people')
    .all() as Record<string, string | null>[];
  const map = new Map(
    rows.map((r) => {
      const full = [r.given_name, r.family_name].filter((v) => v && v.trim()).join(' ');
      return [
        r.id!,
        { id: r.id!, name: r.display_name?.trim() || full || null, email: r.email!, login: r.login! },
      ];
    }),
  );
  return (id) => map.get(id);
};

const auditRows = (db: Database.Database): AuditRow[] =>
  db.prepare('SELECT * FROM audit_events ORDER BY seq').all() as AuditRow[];

/** The streamed audit export (`lanyard audit export`: writeExport over the events, with people's names). */
export const exportOf = async (file: string, format: 'json' | 'csv'): Promise<string> => {
  const db = readOnly(file);
  try {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeExport(auditRows(db).map(toAuditEvent), format, out, namesOf(db));
    out.end();
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    db.close();
  }
};

/** The chain against the head, and whether the seal fits the head under the test key (audit verify's checks). */
export const verifySqlite = (file: string): { ok: boolean; headHash: string; sealed: boolean } => {
  const db = readOnly(file);
  try {
    const head = db
      .prepare('SELECT count, head_seq AS headSeq, head_hash AS headHash FROM audit_head')
      .get() as HeadAnchor;
    const chain = verifyRows(auditRows(db)[Symbol.iterator](), head);
    const s = db.prepare('SELECT * FROM audit_seal').get() as SealRow;
    const key = Buffer.from(SEAL_ENV.STORE_COPY_TEST_SEAL_KEY!, 'base64');
    const expected = sealOf(key, {
      ledgerId: s.ledger_id,
      fromSeq: Number(s.sealed_from_seq),
      since: String(s.sealed_since),
      count: head.count,
      seq: head.headSeq,
      hash: head.headHash,
    });
    const sealed = s.key_id === keyIdOf(key) && s.sealed_seq === head.headSeq && s.seal === expected;
    return { ok: chain.ok, headHash: chain.headHash, sealed };
  } finally {
    db.close();
  }
};

/**
 * A data folder with a ledger of `n` events and nothing else (a desktop workspace before any configuration),
 * written row by row as the ledger writes them (row.ts: the same rows and hashes on both engines).
 */
export const ledgerOnlyWorkspace = (dir: string, n: number): string => {
  const db = openDatabase(dir);
  try {
    const insert = db.prepare(
      `INSERT INTO audit_events (seq, at, actor, action, app_id, person_id, run_id, case_id, before, after, result,
         prev_hash, hash)
       VALUES (@seq, @at, @actor, @action, @app_id, @person_id, @run_id, @case_id, @before, @after, @result,
         @prev_hash, @hash)`,
    );
    const head = db.prepare(
      'UPDATE audit_head SET count = count + 1, head_seq = ?, head_hash = ? WHERE id = 1',
    );
    db.transaction(() => {
      let last: { seq: number; hash: string } | null = null;
      for (let i = 0; i < n; i++) {
        const e = { actor: 'cli', action: 'config.applied', run: i, after: { i }, result: 'ok' };
        const row = newRow(e, last, new Date(Date.UTC(2026, 11, 1, 9, 0, i)).toISOString());
        insert.run(row);
        head.run(row.seq, row.hash);
        last = row;
      }
    })();
  } finally {
    closeDatabase(db);
  }
  return dir;
};

/** Rows per table of a PostgreSQL database (lanyard_schema left out). */
export const pgCounts = async (client: pg.ClientBase): Promise<Record<string, number>> => {
  const tables = await client.query<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'lanyard_schema'
      ORDER BY 1`,
  );
  const out: Record<string, number> = {};
  for (const { t } of tables.rows)
    out[t] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${t}"`)).rows[0]!.n);
  return out;
};

/** Every table empty except the rows migrations seed (the ledger's head and seal, one each). */
export const EMPTY_COUNTS = (tables: string[]): Record<string, number> =>
  Object.fromEntries(tables.map((t) => [t, t === 'audit_head' || t === 'audit_seal' ? 1 : 0]));

export const connectPg = async (config: pg.ClientConfig): Promise<pg.Client> => {
  const c = new pg.Client(config);
  await c.connect();
  return c;
};
