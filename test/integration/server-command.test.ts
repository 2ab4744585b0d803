// `lanyard server` as a service manager runs it: JSON lines on stdout with the sign-in URL once, the probes over
// loopback, the container's health check script, a clean SIGTERM (exit 0, "stopped"), and the refusals at start —
// a PostgreSQL server it cannot reach (without echoing the password), bad URL forms, and a non-loopback address
// without --allow-remote. The server on a real PostgreSQL is server-postgres.test.ts.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, stopChildren } from '../helpers/processes';
import { tempDirForTest } from '../helpers/temp-dir';
import {
  exitWithin,
  parseLines,
  sealKeyEnv,
  spawnServer,
  startServer,
  type RunningServer,
} from './server-command-kit';

afterEach(async () => {
  await stopChildren();
});

const HEALTHCHECK = path.join(REPO_ROOT, 'build/server/healthcheck.mjs');
const PASSWORD = 'not-for-logs-7f3a9c';

const get = async (s: RunningServer, p: string): Promise<{ status: number; body: unknown }> => {
  const res = await fetch(`${s.origin}${p}`, { signal: AbortSignal.timeout(5_000) });
  return { status: res.status, body: (await res.json()) as unknown };
};

const healthcheck = (port: number): number | null =>
  spawnSync(process.execPath, [HEALTHCHECK], {
    env: { ...process.env, LANYARD_LISTEN: `0.0.0.0:${port}` },
    timeout: 10_000,
  }).status;

describe('lanyard server', () => {
  it('logs the sign-in URL once as JSON, answers /healthz and /readyz, and exits 0 on SIGTERM', async () => {
    const dir = tempDirForTest('server-cmd');
    const s = await startServer(
      ['--database', `sqlite:${dir}`, '--listen', '127.0.0.1:0', '--renderer-dir', dir],
      sealKeyEnv(dir),
    );
    expect(s.lines().filter((l) => l.msg === 'listening')).toHaveLength(1);
    expect(s.lines().filter((l) => JSON.stringify(l).includes(s.token))).toHaveLength(1);
    expect(s.lines()[0]).toMatchObject({ level: 'info', component: 'lanyard:server', msg: 'starting' });
    expect(s.lines()[0]!.database).toBe(`sqlite:${path.resolve(dir)}`);

    expect(await get(s, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await get(s, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      ready: true,
      checks: [
        { name: 'database', ok: true },
        { name: 'migrations', ok: true },
        { name: 'scheduler', ok: true, detail: 'this process runs the scheduler' },
      ],
    });
    expect(healthcheck(s.port)).toBe(0);

    s.proc.child.kill('SIGTERM');
    const { code } = await exitWithin(s.proc, 15_000);
    expect(code).toBe(0);
    const msgs = s.lines().map((l) => l.msg);
    expect(msgs).toContain('shutting down');
    expect(msgs.at(-1)).toBe('stopped');
    expect(s.lines().at(-1)).toMatchObject({ signal: 'SIGTERM' });
    expect(s.proc.stderr()).toBe('');
    expect(healthcheck(s.port)).toBe(1);
  }, 60_000);

  it('takes its settings from LANYARD_DATABASE_URL and LANYARD_LISTEN, and text logs on stderr when asked', async () => {
    const dir = tempDirForTest('server-env');
    const s = spawnServer(['--renderer-dir', dir], {
      ...sealKeyEnv(dir),
      LANYARD_DATABASE_URL: `sqlite:${dir}`,
      LANYARD_LISTEN: '[::1]:0',
      LANYARD_LOG_FORMAT: 'text',
    });
    const until = Date.now() + 20_000;
    while (!/listening \{"url":"http:\/\/\[::1\]:\d+\/\?token=/.test(s.stderr()) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    expect(s.stderr()).toMatch(/INFO \[lanyard:server\] listening \{"url":"http:\/\/\[::1\]:\d+\/\?token=/);
    expect(s.stderr()).toContain(`"database":"sqlite:${path.resolve(dir)}"`);
    expect(s.stdout()).toBe('');
    s.child.kill('SIGINT');
    expect((await exitWithin(s, 15_000)).code).toBe(0);
  }, 60_000);

  it('says which PostgreSQL server it cannot reach and stops, never printing the password', async () => {
    const dir = tempDirForTest('server-pg');
    const p = spawnServer(
      ['--database', `postgres://lanyard:${PASSWORD}@127.0.0.1:1/lanyard`, '--listen', '127.0.0.1:0'],
      sealKeyEnv(dir),
    );
    const { code } = await exitWithin(p, 30_000);
    expect(code).not.toBe(0);
    const out = p.stdout() + p.stderr();
    expect(out).not.toContain(PASSWORD);
    const errors = parseLines(p.stdout()).filter((l) => l.level === 'error');
    expect(errors.map((l) => l.msg)).toContainEqual(
      expect.stringContaining(
        'Cannot reach the PostgreSQL database at postgres://lanyard:***@127.0.0.1:1/lanyard',
      ),
    );
    expect(out).not.toContain('"msg":"listening"');
  }, 45_000);

  it.each([
    [['--database', `mysql://root:${PASSWORD}@db/lanyard`], 'scheme "mysql:"'],
    [['--database', 'sqlite:'], 'names no folder after sqlite:'],
    [['--database', '/var/lib/lanyard'], 'neither a sqlite: nor a postgres:// URL'],
    [['--listen', '127.0.0.1'], 'has no port'],
    [['--listen', '::1:8080'], 'IPv6 address without brackets'],
    [['--shutdown-timeout', 'soon'], '--shutdown-timeout must be whole seconds'],
  ])(
    'exits 2 for %j, saying why',
    async (args, why) => {
      const dir = tempDirForTest('server-bad');
      const p = spawnServer([...args, ...(args[0] === '--listen' ? [] : ['--listen', '127.0.0.1:0'])], {
        ...sealKeyEnv(dir),
        LANYARD_DATA_DIR: dir,
      });
      expect((await exitWithin(p, 20_000)).code).toBe(2);
      const error = parseLines(p.stdout()).find((l) => l.level === 'error');
      expect(error?.msg).toContain(why);
      expect(p.stdout() + p.stderr()).not.toContain(PASSWORD);
    },
    30_000,
  );

  it('refuses a non-loopback address without --allow-remote, before opening anything', async () => {
    const dir = tempDirForTest('server-remote');
    const p = spawnServer(['--database', `sqlite:${dir}/data`, '--listen', '0.0.0.0:0'], sealKeyEnv(dir));
    expect((await exitWithin(p, 20_000)).code).toBe(2);
    const error = parseLines(p.stdout()).find((l) => l.level === 'error');
    expect(error?.msg).toContain('refusing to listen on 0.0.0.0');
    expect(error?.msg).toContain('--allow-remote');
    expect(p.stdout()).not.toContain('"msg":"listening"');
    expect(p.stdout()).not.toContain('"msg":"starting"');
  }, 30_000);
});
