// Graceful shutdown of `lanyard server` with a scheduled sync run in flight against a slow SCIM app (the fake holds
// every /Users request): within the bound the run finishes and the process exits 0; past the bound it exits 1 at
// the bound with the run's remaining ops journaled, and the next start's run completes them. Either way every
// account ends up created exactly once (one user per person in the app, one op.applied per person in the ledger)
// and no op stays open. A second signal ends the process at once.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLanyard } from '../../electron/app/create-lanyard';
import { sealKeysFromEnv } from '../../electron/audit/seal-key';
import { createLogger, memorySink } from '../../electron/log/logger';
import { createKeychainStore } from '../../electron/secrets/keychain';
import { stopChildren } from '../helpers/processes';
import { tempDirForTest } from '../helpers/temp-dir';
import { configure, scimUsers, startWorld, worldEnv, type World } from '../unit/sync-engine/kit';
import { eventually, exitWithin, sealKeyEnv, startServer, type RunningServer } from './server-command-kit';

let world: World | null = null;
afterEach(async () => {
  await stopChildren();
  await world?.close();
  world = null;
});

/** A world of `people` (directory + SCIM app + manual app) and a data folder set to apply on schedule. */
const prepare = async (people: number): Promise<{ w: World; dir: string; env: NodeJS.ProcessEnv }> => {
  const w = (world = await startWorld(people, { github: false }));
  const dir = tempDirForTest('server-shutdown');
  const env = { ...worldEnv(), ...sealKeyEnv(dir) };
  const core = createLanyard({
    dataDir: dir,
    secrets: createKeychainStore(`Lanyard-test-${randomUUID()}`),
    log: createLogger(memorySink()),
    env,
    sealKeys: sealKeysFromEnv(env),
  });
  try {
    await configure(core, w);
    const settings = core.context.repos.settings;
    // A poll every 5 s, so the next start's first run comes within seconds (a full one would wait an hour).
    const current = await settings.get();
    await settings.put({ ...current, schedule: { ...current.schedule, pollSeconds: 5 } });
    await core.sync.firstReview('test'); // the schedule applies from the first run on
  } finally {
    core.close();
  }
  return { w, dir, env };
};

const serverArgs = (dir: string, timeoutS: number): string[] => [
  ...['--database', `sqlite:${dir}`, '--listen', '127.0.0.1:0', '--renderer-dir', dir],
  ...['--shutdown-timeout', String(timeoutS)],
];

const userPosts = (w: World): number =>
  w.scim.requests.filter((r) => r.method === 'POST' && r.path === '/Users').length;

/** What the data folder says: open ops, the runs' statuses, and the ledger's account creations in the SCIM app. */
const journal = (dir: string) => {
  const db = new Database(path.join(dir, 'lanyard.db'), { readonly: true });
  try {
    const one = <T>(sql: string): T => db.prepare(sql).get() as T;
    return {
      open: one<{ n: number }>(
        `SELECT COUNT(*) AS n FROM plan_ops WHERE status IN ('planned','approved','running')`,
      ).n,
      created: one<{ n: number }>(
        `SELECT COUNT(*) AS n FROM plan_ops WHERE app_id = 'acme' AND status = 'done'`,
      ).n,
      runs: (db.prepare('SELECT status FROM runs ORDER BY id').all() as { status: string }[]).map(
        (r) => r.status,
      ),
      applied: one<{ n: number; people: number }>(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT person_id) AS people FROM audit_events
         WHERE action = 'op.applied' AND app_id = 'acme'`,
      ),
    };
  } finally {
    db.close();
  }
};

/** The app holds one user per person, each once. */
const expectEveryoneOnce = (w: World, people: number): void => {
  const users = scimUsers(w);
  expect(users).toHaveLength(people);
  expect(new Set(users.map((u) => u.userName)).size).toBe(people);
  expect(new Set(users.map((u) => u.externalId)).size).toBe(people);
};

const msgs = (s: RunningServer): string[] => s.lines().map((l) => l.msg);

describe('lanyard server: SIGTERM with a sync run in flight', () => {
  it('lets the run finish within the bound, then exits 0 with every account created once', async () => {
    const people = 12;
    const { w, dir, env } = await prepare(people);
    w.scim.set({ slowMs: 150, slowPath: /\/Users$/ });
    const s = await startServer(serverArgs(dir, 30), env);
    await eventually('the first account creation', 20_000, () => userPosts(w) >= 1);

    s.proc.child.kill('SIGTERM');
    const { code } = await exitWithin(s.proc, 40_000);
    expect(code).toBe(0);
    const waiting = s.lines().find((l) => l.msg.startsWith('stopped accepting'));
    expect(waiting?.runInProgress).toBe(true);
    expect(msgs(s)).toContain('scheduler stopped: no scheduled run in flight');
    expect(msgs(s).at(-1)).toBe('stopped');
    expect(msgs(s).some((m) => m.includes('timed out'))).toBe(false);

    expectEveryoneOnce(w, people);
    const j = journal(dir);
    expect(j.open).toBe(0);
    expect(j.runs).toEqual(['ok']);
    expect(j.applied).toEqual({ n: people, people });
  }, 90_000);

  it('exits 1 at the bound with the rest journaled; the next start completes it, each account once', async () => {
    const people = 30;
    const { w, dir, env } = await prepare(people);
    w.scim.set({ slowMs: 400, slowPath: /\/Users$/ });
    const first = await startServer(serverArgs(dir, 1), env);
    await eventually('three account creations', 30_000, () => userPosts(w) >= 3);

    first.proc.child.kill('SIGTERM');
    const { code, ms } = await exitWithin(first.proc, 15_000);
    expect(code).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(6_000); // the 1 s bound, plus start-up noise on a loaded machine; not the ~10 s left
    expect(first.lines().at(-1)).toMatchObject({ level: 'warn', runInProgress: true });
    expect(first.lines().at(-1)!.msg).toContain('remaining ops stay journaled');
    const cut = journal(dir);
    expect(cut.open).toBeGreaterThan(0);
    expect(cut.created).toBeLessThan(people);
    expect(cut.runs).toEqual(['running']);

    w.scim.set({ slowMs: 0 });
    const second = await startServer(serverArgs(dir, 30), env);
    await eventually('the journal to have no open op', 30_000, () => journal(dir).open === 0);
    second.proc.child.kill('SIGTERM');
    expect((await exitWithin(second.proc, 40_000)).code).toBe(0);

    expectEveryoneOnce(w, people);
    const j = journal(dir);
    expect(j.open).toBe(0);
    expect(j.runs[0]).toBe('interrupted');
    expect(j.applied).toEqual({ n: people, people });
  }, 120_000);

  it('exits at once on a second signal, without waiting for the bound', async () => {
    const { w, dir, env } = await prepare(30);
    w.scim.set({ slowMs: 400, slowPath: /\/Users$/ });
    const s = await startServer(serverArgs(dir, 60), env);
    await eventually('the first account creation', 30_000, () => userPosts(w) >= 1);
    s.proc.child.kill('SIGTERM');
    await eventually('the drain to start', 10_000, () =>
      msgs(s).some((m) => m.startsWith('stopped accepting')),
    );
    s.proc.child.kill('SIGINT');
    const { code, ms } = await exitWithin(s.proc, 10_000);
    expect(code).toBe(130);
    expect(ms).toBeLessThan(5_000);
    expect(msgs(s)).toContain('second signal: exiting now without waiting');
    expect(journal(dir).open).toBeGreaterThan(0);
  }, 90_000);
});
