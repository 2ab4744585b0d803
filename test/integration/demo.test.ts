// `npm run demo`, smoke-tested as a user runs it: the demo process starts, prints its URL, has synced the demo
// company into the stand-in apps as the workspace's rules say, lets the scripted leaver flow into offboarding,
// and on Ctrl-C (SIGINT) exits 0 leaving no process and no listening port behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/api/result';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import { demoLeaver, demoPeople } from '../../demo/people';
import { GITHUB_BOT } from '../../demo/stand-ins';
import { REPO_ROOT, waitForLine, type Spawned } from '../helpers/processes';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

interface DemoInfo {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  leaver: { email: string; seconds: number };
  standIns: {
    okta: { url: string; token: string };
    scim: { url: string; token: string };
    github: { url: string; token: string; org: string };
  };
}

const people = demoPeople();
const leaver = demoLeaver(people);
let demo: Spawned | null = null;
let info: DemoInfo;
let dataDir = '';

/** `node --import tsx demo/run.ts` in its own process group, so the test can check nothing of it outlives it. */
const spawnDemo = (args: string[], env: NodeJS.ProcessEnv): Spawned => {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'demo/run.ts'), ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'SIGKILL')),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
};

const groupAlive = (pid: number): boolean => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Polls `check` until it returns a value, failing after `ms` (a bound, not a sleep: it returns as soon as it can). */
const eventually = async <T>(what: string, ms: number, check: () => Promise<T | null>): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

const rpc = async <K extends MethodName>(method: K, input: MethodInput<K>): Promise<MethodOutput<K>> => {
  const res = await fetch(`${info.origin}/api/rpc/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as ApiResult<MethodOutput<K>>;
  if (!body.ok) throw new Error(`${method}: ${body.error.message}`);
  return body.value;
};

const scimUsers = async (): Promise<{ userName: string; active?: boolean }[]> => {
  const { url, token } = info.standIns.scim;
  const res = await fetch(`${url}/Users?startIndex=1&count=1000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const list = (await res.json()) as {
    totalResults: number;
    Resources: { userName: string; active?: boolean }[];
  };
  expect(list.Resources).toHaveLength(list.totalResults);
  return list.Resources;
};

/** Every login on every page of a GitHub list endpoint. */
const githubLogins = async (what: 'members' | 'invitations'): Promise<string[]> => {
  const { url, token, org } = info.standIns.github;
  const logins: string[] = [];
  let next: string | null = `${url}/orgs/${org}/${what}?per_page=100`;
  while (next) {
    const res: Response = await fetch(next, {
      headers: {
        authorization: `Bearer ${token}`,
        'user-agent': 'lanyard-demo-test',
        accept: 'application/vnd.github+json',
      },
    });
    expect(res.status).toBe(200);
    for (const x of (await res.json()) as { login: string | null }[]) if (x.login) logins.push(x.login);
    next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
  }
  return logins;
};

const refusesConnections = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });

beforeAll(async () => {
  dataDir = makeTempDir('demo');
  demo = spawnDemo(['--data-dir', dataDir], {
    LANYARD_DEMO_LEAVER_SECONDS: '2',
    LANYARD_DEMO_JSON: '1',
    LANYARD_KEYCHAIN_SERVICE: `Lanyard-test-${randomUUID()}`,
    LANYARD_LOG_LEVEL: 'warn',
  });
  const urlLine = await waitForLine(demo, /^Lanyard demo is running at http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  const jsonLine = await waitForLine(demo, /^LANYARD_DEMO \{/);
  info = JSON.parse(jsonLine.slice('LANYARD_DEMO '.length)) as DemoInfo;
  expect(urlLine).toBe(`Lanyard demo is running at ${info.url}`);
}, 120_000);

afterAll(async () => {
  if (demo && demo.child.exitCode === null && demo.child.signalCode === null) {
    try {
      process.kill(-demo.child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    await demo.exited;
  }
  removeDir(dataDir);
});

describe('npm run demo', () => {
  it('serves the API on the printed URL, over the demo data folder, as the scheduler owner', async () => {
    const appInfo = await rpc('app.info', {});
    expect(appInfo.dataDir).toBe(path.resolve(dataDir));
    expect(appInfo.schedulerOwner).toBe(true);
  });

  it('has given every person in Everyone a Slack account and every engineer a GitHub seat in the first sync', async () => {
    const users = await scimUsers();
    expect(users.map((u) => u.userName).sort()).toEqual(people.map((p) => p.email).sort());

    const members = await githubLogins('members');
    const invited = await githubLogins('invitations');
    const engineers = people
      .filter((p) => p.groups.includes('Engineering') || p.groups.includes('Platform Leads'))
      .map((p) => p.githubUsername!.toLowerCase());
    expect(engineers.length).toBeGreaterThan(50);
    const seated = [...members, ...invited].map((l) => l.toLowerCase()).filter((l) => l !== GITHUB_BOT);
    expect(seated.sort()).toEqual([...engineers].sort());
  });

  it('revokes the scripted leaver in Slack at once and holds their GitHub removal for review', async () => {
    expect(info.leaver.email).toBe(leaver.email);
    const c = await eventually('the leaver’s offboarding case', 60_000, async () => {
      const list = await rpc('offboarding.list', { status: 'all' });
      const found = list.cases.find((x) => x.person === leaver.email);
      return found && found.tasks.some((t) => t.appId === 'slack' && t.status === 'done') ? found : null;
    });
    expect(c.trigger).toBe('directory');
    const github = c.tasks.find((t) => t.appId === 'github')!;
    expect(github.status).toBe('review');
    expect(c.tasks.find((t) => t.appId === 'badge')?.status).toBe('todo');
    const users = await scimUsers();
    expect(users.find((u) => u.userName === leaver.email)?.active).toBe(false);
    // The held removal is in the review queue, and GitHub still has the seat until an admin approves.
    const review = await rpc('review.list', {});
    const held = review.apps.find((a) => a.appId === 'github')?.ops.map((o) => o.id) ?? [];
    expect(held).toContain(github.opId);
    expect((await githubLogins('members')).map((l) => l.toLowerCase())).toContain(leaver.githubUsername);
  }, 90_000);

  it('stops everything on Ctrl-C: exit code 0, no process and no port left', async () => {
    const d = demo!;
    const ports = [info.origin, info.standIns.okta.url, info.standIns.scim.url, info.standIns.github.url].map(
      (u) => Number(new URL(u).port),
    );
    d.child.kill('SIGINT');
    expect(await d.exited).toBe(0);
    expect(d.stdout()).toContain('Lanyard demo stopped; nothing is left running.');
    for (const port of ports) expect(await refusesConnections(port)).toBe(true);
    // Helpers the demo's node started (tsx's esbuild service) end when their parent's pipes close.
    await eventually('the demo’s process group to end', 10_000, async () =>
      groupAlive(d.child.pid!) ? null : true,
    );
  }, 60_000);
});
