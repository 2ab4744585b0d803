// `lanyard audit list | export | verify` in-process, against a real data folder: what an admin sees, the exit codes
// scripts rely on, and files that parse back.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditPage, AuditVerifyResult } from '../../../shared/api/methods-audit';
import { closeDatabase, openDatabase, DB_FILE } from '../../../electron/store/database';
import { createAuditLedger } from '../../../electron/audit/ledger';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { uniqueService } from '../../helpers/keychain';
import { EXAMPLE, runInProcess } from '../cli/run-cli';
import { appendSamples, attacker, steppingClock } from './harness';
import { parseCsv } from './csv-parse';

let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  dir = makeTempDir('audit-cli');
  env = { LANYARD_LOG_LEVEL: 'error', LANYARD_KEYCHAIN_SERVICE: uniqueService() };
});
afterEach(() => removeDir(dir));

const run = (...argv: string[]) => runInProcess(['--data-dir', dir, ...argv], { env });

/** Events written straight through the ledger (the sync engine's way), on a closed core. */
const seed = (n: number): void => {
  const db = openDatabase(dir);
  try {
    appendSamples(createAuditLedger(db, steppingClock()), n);
  } finally {
    closeDatabase(db);
  }
};

const json = <T>(stdout: string): T => (JSON.parse(stdout) as { ok: true; value: T }).value;

describe('lanyard audit', () => {
  it('records a config apply from the CLI and lists it with the actor', async () => {
    expect((await run('config', 'apply', EXAMPLE)).code).toBe(0);
    const r = await run('audit', 'list');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^SEQ\s+AT\s+ACTOR\s+ACTION/);
    expect(r.stdout).toMatch(/1\s+\S+Z\s+cli\s+config\.applied/);
    const page = json<AuditPage>((await run('audit', 'list', '--json')).stdout);
    expect(page.events).toHaveLength(1);
    expect(page.events[0]).toMatchObject({ seq: 1, actor: 'cli', action: 'config.applied' });
  });

  it('filters and pages from the command line', async () => {
    seed(40);
    const page = json<AuditPage>(
      (await run('audit', 'list', '--app', 'github', '--action', 'op.*', '--limit', '5', '--json')).stdout,
    );
    expect(page.events).toHaveLength(5);
    expect(page.events.every((e) => e.app === 'github' && e.action.startsWith('op.'))).toBe(true);
    const next = json<AuditPage>(
      (await run('audit', 'list', '--app', 'github', '--cursor', String(page.nextCursor), '--json')).stdout,
    );
    expect(next.events[0]!.seq).toBeLessThan(page.events[4]!.seq);
    const since = json<AuditPage>(
      (await run('audit', 'list', '--since', '2026-11-01T00:35:00Z', '--json')).stdout,
    );
    expect(since.events.map((e) => e.seq)).toEqual([40, 39, 38, 37, 36]);
    expect((await run('audit', 'list', '--person', 'person-1', '--json')).stdout).not.toMatch(/person-2/);
  });

  it('refuses a bad --since or --limit with exit 2', async () => {
    seed(1);
    const bad = await run('audit', 'list', '--since', 'yesterday-ish');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/since: "yesterday-ish" is not a date/);
    expect((await run('audit', 'list', '--limit', '0')).code).toBe(2);
    expect((await run('audit', 'export', '--format', 'xml')).code).toBe(2);
  });

  it('exports CSV to a file and JSON to stdout, both parsing back to the ledger', async () => {
    seed(30);
    const file = path.join(dir, 'audit.csv');
    const r = await run('audit', 'export', '--format', 'csv', '--out', file);
    expect(r).toMatchObject({ code: 0, stdout: `Exported 30 audit events to ${file} (csv).\n` });
    const records = parseCsv(fs.readFileSync(file, 'utf8'));
    expect(records).toHaveLength(31);
    expect(records.slice(1).map((rec) => Number(rec[0]))).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);

    const out = await run('audit', 'export', '--format', 'json', '--person', 'person-2');
    const events = JSON.parse(out.stdout) as AuditEvent[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.person === 'person-2')).toBe(true);
    expect(JSON.parse((await run('audit', 'export', '--json')).stdout)).toHaveLength(30);
  });

  it('verifies an intact ledger (exit 0) and prints the head hash to anchor elsewhere', async () => {
    seed(12);
    const r = await run('audit', 'verify');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/intact: 12 events/);
    expect(r.stdout).toMatch(/Head: seq 12, hash [0-9a-f]{64}/);
  });

  it('exits 1 and names the first bad event when the file was tampered with', async () => {
    seed(12);
    const raw = attacker(path.join(dir, DB_FILE));
    raw.prepare("UPDATE audit_events SET person_id = 'someone-else' WHERE seq = 7").run();
    raw.prepare('DELETE FROM audit_events WHERE seq = 12').run();
    raw.close();
    const r = await run('audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/first bad event seq 7 \(edited\)/);
    const j = await run('audit', 'verify', '--json');
    expect(j.code).toBe(1);
    expect(json<AuditVerifyResult>(j.stdout)).toMatchObject({
      ok: false,
      count: 6,
      firstBad: { seq: 7, problem: 'edited' },
    });
  });
});
