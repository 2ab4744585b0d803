// `lanyard server --database postgres://…` on a real PostgreSQL (test/helpers/postgres.ts): it migrates an empty
// database as its owner, answers /readyz with the database, migrations and scheduler checks, serves the API from
// the database (a workspace applied through one replica is read by the other), and exactly one of two replicas
// holds the scheduler; SIGTERM stops each cleanly.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, stopChildren } from '../helpers/processes';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { tempDirForTest } from '../helpers/temp-dir';
import { exitWithin, sealKeyEnv, startServer, type RunningServer } from './server-command-kit';

let pg: TestPostgres;
beforeAll(() => {
  pg = startPostgres();
});
afterEach(async () => {
  await stopChildren();
});
afterAll(() => pg?.stop());

const EXAMPLE = path.join(REPO_ROOT, 'test/fixtures/workspace-example.yaml');
const cookies = new Map<RunningServer, string>();

const rpc = async (
  s: RunningServer,
  method: string,
  input: unknown,
): Promise<{ ok: boolean; value?: unknown }> => {
  let cookie = cookies.get(s);
  if (!cookie) {
    // The printed token is a one-time sign-in: exchange it once for the session cookie.
    const r = await fetch(`${s.origin}/?token=${s.token}`, { redirect: 'manual' });
    cookie = String(r.headers.get('set-cookie')).split(';')[0]!;
    cookies.set(s, cookie);
  }
  const res = await fetch(`${s.origin}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: s.origin },
    body: JSON.stringify(input),
    signal: AbortSignal.timeout(15_000),
  });
  return (await res.json()) as { ok: boolean; value?: unknown };
};

const readyz = async (s: RunningServer) =>
  (await fetch(`${s.origin}/readyz`, { signal: AbortSignal.timeout(5_000) })).json() as Promise<{
    ready: boolean;
    checks: { name: string; ok: boolean; detail: string }[];
  }>;

describe('lanyard server on PostgreSQL', () => {
  it('migrates, serves one workspace from two replicas, and exactly one runs the scheduler', async () => {
    const url = pg.url(await pg.createDatabase('server'));
    const dir = tempDirForTest('server-pg');
    const env = { ...sealKeyEnv(dir), LANYARD_DATA_DIR: dir };
    const a = await startServer(['--database', url, '--listen', '127.0.0.1:0'], env);
    const b = await startServer(['--database', url, '--listen', '127.0.0.1:0'], env);

    const [ra, rb] = [await readyz(a), await readyz(b)];
    expect(ra.ready && rb.ready).toBe(true);
    for (const r of [ra, rb])
      expect(r.checks.map((c) => [c.name, c.ok])).toEqual([
        ['database', true],
        ['migrations', true],
        ['scheduler', true],
      ]);
    const schedulers = [ra, rb].map((r) => r.checks.find((c) => c.name === 'scheduler')!.detail);
    expect(schedulers.filter((d) => d === 'this process runs the scheduler')).toHaveLength(1);

    const applied = await rpc(a, 'config.apply', { yaml: fs.readFileSync(EXAMPLE, 'utf8') });
    expect(applied.ok).toBe(true);
    const exported = (await rpc(b, 'config.export', {})) as { ok: boolean; value: { yaml: string } };
    expect(exported.ok).toBe(true);
    expect(exported.value.yaml).toContain('apps:');
    const audit = (await rpc(b, 'audit.verify', {})) as {
      ok: boolean;
      value: { ok: boolean; count: number };
    };
    expect(audit.value).toMatchObject({ ok: true, count: 1 });

    for (const s of [a, b]) {
      s.proc.child.kill('SIGTERM');
      expect((await exitWithin(s.proc, 30_000)).code).toBe(0);
    }
  }, 120_000);
});
