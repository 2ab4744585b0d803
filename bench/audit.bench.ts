// The audit ledger (openStoreLedger) on SQLite and on PostgreSQL, side by side in the same run (issue #14):
// - append, one store transaction per event (the way a one-off change is recorded);
// - append, 1,000 events per store.tx (the way a sync run records its ops);
// - verify of the whole ledger (one read snapshot, keyset pages);
// - a streamed CSV export of the whole ledger (iterate + writeExport), with its peak RSS growth;
// each as µs per event, extrapolated to 1 M events, and as the PostgreSQL/SQLite ratio. The phases alternate
// between the engines (SQLite, then PostgreSQL, phase by phase), so load from other processes hits both alike.
// Both ledgers are sealed (an in-memory seal key), as a team server runs with LANYARD_AUDIT_SEAL_KEY.
// PostgreSQL is a throwaway local cluster (test/helpers/postgres.ts) over a Unix socket with fsync off; SQLite is
// the desktop's database (WAL). So the figures measure Lanyard's work and the round trips, not a disk.
// LANYARD_BENCH_EVENTS sets the size of the batched ledger (default 50,000, a few minutes here; 1000000 for the full 1 M run).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { systemClock } from '../electron/app/clock';
import type { AuditAppend } from '../electron/audit/row';
import type { SealKeySource } from '../electron/audit/seal-key';
import { openStoreLedger, type StoreLedger } from '../electron/audit/store-ledger';
import { writeExport } from '../electron/audit/write-export';
import { closeDatabase, DB_FILE, openDatabase } from '../electron/store/database';
import { openPgStore } from '../electron/store/pg/pg-store';
import { createSqliteStore, type Store } from '../electron/store/store';
import { startPostgres } from '../test/helpers/postgres';

const N = Number(process.env.LANYARD_BENCH_EVENTS ?? 50_000);
const SINGLE = Math.min(2_000, N);
const BATCH = 1_000;
const MILLION = 1_000_000;

const event = (i: number): AuditAppend => ({
  actor: i % 10 === 0 ? 'cli' : 'scheduler',
  action: ['op.applied', 'op.held', 'op.failed', 'op.skipped'][i % 4]!,
  app: ['slack', 'github', 'zoom', 'jira'][i % 4]!,
  person: `person-${i % 5000}@example.com`,
  run: Math.floor(i / 1000) + 1,
  before: i % 2 === 0 ? { active: true, role: 'member' } : undefined,
  after: i % 2 === 0 ? { active: false, role: 'member' } : undefined,
  result: i % 4 === 2 ? 'failed: HTTP 503 Service Unavailable (after 3 attempts)' : 'ok',
});

/** A seal key kept in memory (the bench's ledgers live as long as the run). */
const memoryKeys = (): SealKeySource => {
  const keys = new Map<string, Buffer>();
  return {
    description: 'memory (bench)',
    load: (id) => keys.get(id) ?? null,
    create: (id) => {
      const k = randomBytes(32);
      keys.set(id, k);
      return k;
    },
  };
};

interface Engine {
  name: 'SQLite' | 'PostgreSQL';
  store: Store;
  ledger: StoreLedger;
  /** Bytes the ledger takes (table + indexes; the whole file on SQLite). */
  size(): Promise<number>;
  close(): Promise<void>;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
/** µs per event, with its cost for 1 M events. */
const per = (ms: number, n: number): string => {
  const us = (ms * 1000) / n;
  return `${us < 10 ? us.toFixed(2) : fmt(us, 1)} µs/event (${fmt((us * MILLION) / 1e6, 1)} s per 1 M)`;
};

const time = async (f: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
};

/** One line per engine and the ratio, for one phase of `n` events. */
const compare = (label: string, n: number, ms: Record<Engine['name'], number>): string[] => [
  `${label} (${fmt(n)} events):`,
  `  SQLite     ${per(ms.SQLite, n)}`,
  `  PostgreSQL ${per(ms.PostgreSQL, n)}`,
  `  ratio PostgreSQL/SQLite ${(ms.PostgreSQL / ms.SQLite).toFixed(2)}`,
];

export default async function (): Promise<string[]> {
  const out: string[] = [
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' / ',
      )} on ${os.cpus().length} cores at the start (shared machine: wall times stretch under load)`,
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanyard-bench-audit-'));
  const server = startPostgres();
  const engines: Engine[] = [];
  try {
    const db = openDatabase(dir);
    const lite = createSqliteStore(db);
    engines.push({
      name: 'SQLite',
      store: lite,
      ledger: await openStoreLedger(lite, systemClock, { keys: memoryKeys() }),
      size: async () =>
        fs
          .readdirSync(dir)
          .filter((f) => f.startsWith(DB_FILE))
          .reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0),
      close: async () => closeDatabase(db),
    });
    const pgStore = await openPgStore(server.url(await server.createDatabase('bench_audit')));
    engines.push({
      name: 'PostgreSQL',
      store: pgStore,
      ledger: await openStoreLedger(pgStore, systemClock, { keys: memoryKeys() }),
      size: async () => {
        const r = await sql<{
          bytes: string;
        }>`SELECT pg_total_relation_size('audit_events') AS bytes`.execute(pgStore.q());
        return Number(r.rows[0]!.bytes);
      },
      close: () => pgStore.close(),
    });

    /** Runs `phase` on each engine in turn; returns the wall milliseconds of each. */
    const each = async (phase: (e: Engine) => Promise<unknown>) => {
      const ms = {} as Record<Engine['name'], number>;
      for (const e of engines) ms[e.name] = await time(() => phase(e));
      return ms;
    };

    out.push(
      ...compare(
        'append, one store transaction per event',
        SINGLE,
        await each(async ({ ledger }) => {
          for (let i = 0; i < SINGLE; i++) await ledger.append(event(i));
        }),
      ),
    );

    out.push(
      ...compare(
        `append, ${fmt(BATCH)} events per store.tx`,
        N,
        await each(async ({ store, ledger }) => {
          for (let from = SINGLE; from < SINGLE + N; from += BATCH)
            await store.tx(async () => {
              for (let i = from; i < Math.min(from + BATCH, SINGLE + N); i++) await ledger.append(event(i));
            });
        }),
      ),
    );
    const total = SINGLE + N;
    for (const e of engines) {
      const bytes = await e.size();
      out.push(`  ${e.name} ledger size: ${mib(bytes)} = ${fmt(bytes / total)} bytes/event incl. indexes`);
    }

    const verified: string[] = [];
    out.push(
      ...compare(
        'verify, the whole ledger',
        total,
        await each(async ({ name, ledger }) => {
          const v = await ledger.verify();
          verified.push(`${name} ok=${v.ok} count=${fmt(v.count)} seal=${v.seal.status}`);
          if (!v.ok || v.count !== total) throw new Error(`${name}: verify said ${JSON.stringify(v)}`);
        }),
      ),
      `  (${verified.join('; ')})`,
    );

    const exported: string[] = [];
    out.push(
      ...compare(
        'export csv, streamed to a file',
        total,
        await each(async ({ name, ledger }) => {
          const file = path.join(dir, `audit-${name}.csv`);
          global.gc?.();
          const rss0 = process.memoryUsage().rss;
          let peak = rss0;
          const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
          const stream = fs.createWriteStream(file);
          try {
            const { count, bytes } = await writeExport(ledger.iterate(), 'csv', stream);
            await new Promise<void>((resolve, reject) =>
              stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
            );
            peak = Math.max(peak, process.memoryUsage().rss);
            exported.push(`${name} ${fmt(count)} events, ${mib(bytes)}, peak RSS +${mib(peak - rss0)}`);
            if (count !== total) throw new Error(`${name}: exported ${count} of ${total} events`);
          } finally {
            clearInterval(timer);
            fs.rmSync(file, { force: true });
          }
        }),
      ),
      `  (${exported.join('; ')})`,
    );
  } finally {
    for (const e of engines) await e.close();
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
