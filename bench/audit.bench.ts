// Audit ledger benchmark: append rate (one transaction per 1,000 events and one per event), verify of 1 M events,
// and a streamed CSV export of 1 M events with its peak RSS growth (which must stay flat: the export reads from an
// open SQLite cursor with backpressure). AUDIT_BENCH_EVENTS overrides the 1 M (e.g. for a quick run).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '../electron/store/database';
import { createAuditLedger, type AuditAppend } from '../electron/audit/ledger';
import { rowHash } from '../electron/audit/hash';
import { writeExport } from '../electron/audit/write-export';
import { systemClock } from '../electron/app/clock';

const N = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);
const SINGLE = Math.min(5_000, N);
const BATCH = 1_000;

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

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

export default async function (): Promise<string[]> {
  const out: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanyard-bench-audit-'));
  try {
    // One transaction per event (the way a one-off change is recorded): each commit is a WAL write.
    {
      const single = path.join(dir, 'single');
      const db = openDatabase(single);
      const ledger = createAuditLedger(db, systemClock);
      const t0 = performance.now();
      for (let i = 0; i < SINGLE; i++) ledger.append(event(i));
      const s = (performance.now() - t0) / 1000;
      out.push(
        `append, one transaction per event: ${fmt(SINGLE)} events in ${s.toFixed(2)} s = ${fmt(SINGLE / s)} events/s (${((s / SINGLE) * 1e6).toFixed(1)} µs/event)`,
      );
      closeDatabase(db);
    }

    // One transaction per 1,000 events (the way a sync run records its ops); this also builds the big ledger.
    const db = openDatabase(path.join(dir, 'big'));
    const ledger = createAuditLedger(db, systemClock);
    const batch = db.transaction((from: number) => {
      for (let i = from; i < Math.min(from + BATCH, N); i++) ledger.append(event(i));
    });
    let t0 = performance.now();
    for (let i = 0; i < N; i += BATCH) batch(i);
    let s = (performance.now() - t0) / 1000;
    out.push(
      `append, one transaction per ${fmt(BATCH)}: ${fmt(N)} events in ${s.toFixed(1)} s = ${fmt(N / s)} events/s (${((s / N) * 1e6).toFixed(1)} µs/event)`,
    );
    const dbBytes = fs.statSync(path.join(dir, 'big', 'lanyard.db')).size;
    out.push(`  database file: ${mb(dbBytes)} (${fmt(dbBytes / N)} bytes/event incl. indexes)`);

    // The floor for verify: hashing alone (canonical JSON + SHA-256), no SQLite.
    const sample = db.prepare('SELECT * FROM audit_events WHERE seq = 1').get() as Parameters<
      typeof rowHash
    >[0];
    const HASHES = 200_000;
    t0 = performance.now();
    for (let i = 0; i < HASHES; i++) rowHash({ ...sample, seq: i });
    const hashUs = ((performance.now() - t0) / HASHES) * 1000;

    t0 = performance.now();
    const v = ledger.verify();
    s = (performance.now() - t0) / 1000;
    out.push(
      `verify: ${fmt(v.count)} events in ${s.toFixed(1)} s = ${fmt(v.count / s)} events/s, ok=${v.ok}`,
    );
    out.push(
      `  ${((s / v.count) * 1e6).toFixed(2)} µs/event vs ${hashUs.toFixed(2)} µs for the hash alone (ratio ${(((s / v.count) * 1e6) / hashUs).toFixed(2)}: the rest is reading rows)`,
    );

    // Streamed CSV export to a file; RSS sampled while it runs.
    const file = path.join(dir, 'audit.csv');
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    t0 = performance.now();
    const stream = fs.createWriteStream(file);
    const { count, bytes } = await writeExport(ledger.iterate(), 'csv', stream);
    await new Promise<void>((resolve, reject) =>
      stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    s = (performance.now() - t0) / 1000;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    out.push(
      `export csv: ${fmt(count)} events, ${mb(bytes)} in ${s.toFixed(1)} s = ${fmt(count / s)} events/s, ${(bytes / 2 ** 20 / s).toFixed(1)} MiB/s`,
    );
    out.push(
      `  peak RSS delta during export: ${mb(peak - rss0)} (the file is ${mb(bytes)}: constant memory means the delta stays far below it)`,
    );
    closeDatabase(db);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
