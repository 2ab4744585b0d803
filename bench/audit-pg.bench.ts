// The audit ledger on PostgreSQL beside SQLite, same machine, same run (issue #14): append one event per
// transaction and 1,000 per transaction, and verify, as per-event costs and PG/SQLite ratios. PostgreSQL is a
// throwaway local cluster over a Unix socket with fsync off (as the tests run it): the figures measure Lanyard's
// work and the round trips, not a disk. AUDIT_PG_BENCH_EVENTS sets the size (default 100,000; per-event costs
// are flat, so 1 M costs ten times as much).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { closeDatabase, openDatabase } from '../electron/store/database';
import { createAuditLedger, type AuditAppend } from '../electron/audit/ledger';
import { createPgLedger } from '../electron/audit/pg-ledger';
import { systemClock } from '../electron/app/clock';
import { startPostgres } from '../test/helpers/postgres';

const N = Number(process.env.AUDIT_PG_BENCH_EVENTS ?? 100_000);
const SINGLE = Math.min(2_000, N);
const BATCH = 1_000;

const event = (i: number): AuditAppend => ({
  actor: i % 10 === 0 ? 'cli' : 'scheduler',
  action: ['op.applied', 'op.held', 'op.failed', 'op.skipped'][i % 4]!,
  app: ['slack', 'github', 'zoom', 'jira'][i % 4]!,
  person: `person-${i % 5000}@example.com`,
  run: Math.floor(i / 1000) + 1,
  after: i % 2 === 0 ? { active: false, role: 'member' } : undefined,
  result: 'ok',
});

const usPer = (ms: number, n: number): number => (ms * 1000) / n;
const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

const time = async (f: () => unknown): Promise<number> => {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
};

export default async function (): Promise<string[]> {
  const out: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanyard-bench-audit-pg-'));
  const server = startPostgres();
  const pool = new pg.Pool({ ...server.config(await server.createDatabase('bench')), max: 2 });
  try {
    const lite = createAuditLedger(openDatabase(path.join(dir, 'single')), systemClock);
    const pgLedger = createPgLedger(pool, systemClock);
    await pgLedger.install();

    const liteSingle = await time(() => {
      for (let i = 0; i < SINGLE; i++) lite.append(event(i));
    });
    const pgSingle = await time(async () => {
      for (let i = 0; i < SINGLE; i++) await pgLedger.append(event(i));
    });
    out.push(
      `append, one transaction per event (${fmt(SINGLE)}): SQLite ${fmt(usPer(liteSingle, SINGLE))} µs/event, PostgreSQL ${fmt(usPer(pgSingle, SINGLE))} µs/event (ratio ${(pgSingle / liteSingle).toFixed(1)})`,
    );

    const bigDb = openDatabase(path.join(dir, 'big'));
    const big = createAuditLedger(bigDb, systemClock);
    const batch = bigDb.transaction((from: number) => {
      for (let i = from; i < Math.min(from + BATCH, N); i++) big.append(event(i));
    });
    const liteBatch = await time(() => {
      for (let i = 0; i < N; i += BATCH) batch(i);
    });
    const pgBig = createPgLedger(pool, systemClock);
    const pgBatch = await time(async () => {
      const c = await pool.connect();
      try {
        for (let i = SINGLE; i < N + SINGLE; i += BATCH) {
          await c.query('BEGIN');
          for (let j = i; j < Math.min(i + BATCH, N + SINGLE); j++) await pgBig.append(event(j), c);
          await c.query('COMMIT');
        }
      } finally {
        c.release();
      }
    });
    out.push(
      `append, one transaction per ${fmt(BATCH)} (${fmt(N)}): SQLite ${fmt(usPer(liteBatch, N))} µs/event, PostgreSQL ${fmt(usPer(pgBatch, N))} µs/event (ratio ${(pgBatch / liteBatch).toFixed(1)})`,
    );

    let liteOk = false;
    const liteVerify = await time(() => (liteOk = big.verify().ok));
    let pgCount = 0;
    const pgVerify = await time(async () => {
      const v = await pgLedger.verify();
      pgCount = v.ok ? v.count : -1;
    });
    out.push(
      `verify: SQLite ${fmt(usPer(liteVerify, N))} µs/event (ok=${liteOk}), PostgreSQL ${fmt(usPer(pgVerify, pgCount))} µs/event over ${fmt(pgCount)} events in pages of 1,000 (ratio ${(usPer(pgVerify, pgCount) / usPer(liteVerify, N)).toFixed(1)})`,
    );
    out.push(
      `  1 M events at these rates: append (batched) SQLite ${fmt(usPer(liteBatch, N))} s, PostgreSQL ${fmt(usPer(pgBatch, N))} s; verify SQLite ${fmt(usPer(liteVerify, N))} s, PostgreSQL ${fmt(usPer(pgVerify, pgCount))} s`,
    );
    closeDatabase(bigDb);
  } finally {
    await pool.end();
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
