// `lanyard audit list | export | verify` in-process, against a real data folder: what an admin sees, the exit codes
// scripts rely on, and files that parse back.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditPage, AuditVerifyResult } from '../../../shared/api/methods-audit';
import { closeDatabase, openDatabase, DB_FILE } from '../../../electron/store/database';
import { openStoreLedger } from '../../../electron/audit/store-ledger';
import { createSqliteStore } from '../../../electron/store/store';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { uniqueService } from '../../helpers/keychain';
import { EXAMPLE, runInProcess } from '../cli/run-cli';
import Database from 'better-sqlite3';
import { rowHash, type AuditRow } from '../../../electron/audit/hash';
import { appendSamples, attacker, forged, insertWellFormed, steppingClock } from './harness';
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
const seed = async (n: number): Promise<void> => {
  const db = openDatabase(dir);
  try {
    await appendSamples(await openStoreLedger(createSqliteStore(db), steppingClock()), n);
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
    await seed(40);
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
    await seed(1);
    const bad = await run('audit', 'list', '--since', 'yesterday-ish');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/since: "yesterday-ish" is not a date/);
    expect((await run('audit', 'list', '--limit', '0')).code).toBe(2);
    expect((await run('audit', 'export', '--format', 'xml')).code).toBe(2);
  });

  it('exports CSV to a file and JSON to stdout, both parsing back to the ledger', async () => {
    await seed(30);
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
    await seed(12);
    const r = await run('audit', 'verify');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/intact: 12 events/);
    expect(r.stdout).toMatch(/Head: seq 12, hash [0-9a-f]{64}/);
  });

  it('exits 1 and names the first bad event when the file was tampered with', async () => {
    await seed(12);
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

  it('exits 1 when an event was appended to the file without the seal key, and says which', async () => {
    await seed(12);
    expect((await run('config', 'apply', EXAMPLE)).code).toBe(0); // the CLI seals from here on (event 13)
    const raw = new Database(path.join(dir, DB_FILE));
    const last = raw.prepare<[], AuditRow>('SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1').get()!;
    insertWellFormed(raw, forged(14, last.hash));
    raw
      .prepare('UPDATE audit_head SET count = 14, head_seq = 14, head_hash = ? WHERE id = 1')
      .run(rowHash(forged(14, last.hash)));
    raw.close();
    const r = await run('audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('The hash chain is intact: 14 events.');
    expect(r.stdout).toContain('Seal: behind — Event 14 is not covered by the seal');
  });

  it('anchors the head to a file and proves it later; an edited or foreign anchor file fails', async () => {
    expect((await run('config', 'apply', EXAMPLE)).code).toBe(0);
    const file = path.join(dir, 'anchor.json');
    const a = await run('audit', 'anchor', '--out', file);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(`Anchored event 1 in ${file}.\n`);
    expect((await run('config', 'apply', EXAMPLE)).code).toBe(0);
    const ok = await run('audit', 'verify', '--anchor', file);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /Anchor: matches — The ledger still contains the head anchored on \S+ \(event 1\) unchanged; the anchor carries this ledger’s signature\./,
    );

    const anchor = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...anchor, at: '2020-01-01T00:00:00.000Z' }));
    const edited = await run('audit', 'verify', '--anchor', file);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('Anchor: forged');

    fs.writeFileSync(file, '{"format":"something else"}');
    const bad = await run('audit', 'verify', '--anchor', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('format');
  });

  it('refuses to record (and so to change anything) after the triggers were dropped, until `audit protect`', async () => {
    expect((await run('config', 'apply', EXAMPLE)).code).toBe(0);
    attacker(path.join(dir, DB_FILE)).close();
    const changed = path.join(dir, 'workspace.yaml');
    fs.writeFileSync(
      changed,
      fs.readFileSync(EXAMPLE, 'utf8').replace('name: Acme Okta', 'name: Acme Okta EU'),
    );
    const refused = await run('config', 'apply', changed);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      "The audit ledger's append-only protections were altered outside Lanyard",
    );
    const v = await run('audit', 'verify');
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('Protections: ');
    const p = await run('audit', 'protect');
    expect(p.code).toBe(0);
    expect(p.stdout).toMatch(/^Restored the audit ledger's protections: audit_head_forward_only, /);
    expect((await run('audit', 'verify')).code).toBe(0);
    expect((await run('config', 'apply', changed)).code).toBe(0);
  });
});
