// The IdP kill switch as journaled ops through the gate (issue 11, deliverable 8): a suspend that meets 503s is
// retried with backoff by later runs and lands exactly once; a permanent failure (403, missing scope) keeps the case
// open with the step planned for a later attempt, which a run after the backoff makes; and a `lanyard offboard`
// SIGKILLed while the Okta fake is serving its suspend (the IdP suspends, Lanyard never hears it) is finished by the
// next `lanyard sync` from the re-read directory — one ledger event, no second suspend.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/app/clock';
import { killSwitchBackoffMs } from '../../electron/sync/gate/idp-lane';
import type { FakeRequest } from '../fakes/common/http';
import { runCli, spawnCli, stopChildren, type Spawned } from '../helpers/processes';
import { TEST_ENGINE } from '../helpers/test-database';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { configure, openTestCore, startWorld, worldEnv, type World } from '../unit/sync-engine/kit';
import { openCore, type OffboardingCore } from './offboarding-kit';

const isSuspend = (r: Pick<FakeRequest, 'method' | 'path'>): boolean =>
  r.method === 'POST' && /^\/api\/v1\/users\/[^/]+\/lifecycle\/suspend$/.test(r.path);

let world: World | null = null;
let tc: OffboardingCore | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await stopChildren();
  tc?.close();
  tc = null;
  await world?.close();
  world = null;
  for (const d of dirs.splice(0)) removeDir(d);
});

/**
 * A clock the test moves. It starts a minute ahead of the wall clock, which stamps the directory fake's records, so
 * people's last status change lies before the case opens (as it would in a real org): an offboarded person still
 * active in the directory is not mistaken for a rehire.
 */
const testClock = () => {
  let t = Date.now() + 60_000;
  return {
    now: () => new Date(t),
    advance: (ms: number) => void (t += ms),
  } satisfies Clock & { advance(ms: number): void };
};

/** Six people with accounts in Acme (SCIM) and, for Office members, badges; the first plan applied. */
const start = async (clock: Clock) => {
  const w = (world = await startWorld(6, { github: false }));
  const t = (tc = openCore(clock));
  await configure(t.core, w);
  const s = await t.core.context.repos.settings.get();
  await t.core.context.repos.settings.put({
    ...s,
    guardrails: { ...s.guardrails, maxDeprovisionPercent: 100, maxDeprovisionPercentPerWindow: 100 },
  });
  await t.call('sync.run', {});
  return { w, t };
};

const suspendEvents = (t: OffboardingCore, caseId: number) =>
  t.core.context.store
    .q()
    .selectFrom('audit_events')
    .select(['seq', 'result'])
    .where('action', '=', 'offboarding.idp.suspend')
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();

const suspendOp = (t: OffboardingCore, caseId: number) =>
  t.core.context.store
    .q()
    .selectFrom('plan_ops')
    .select(['id', 'status', 'attempts', 'next_attempt_at', 'error'])
    .where('kind', '=', 'idp-suspend')
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();

describe('the kill switch', () => {
  it('retries a suspend that met 503 twice: the person is suspended once, with one ledger event, and the task is done', async () => {
    const clock = testClock();
    const { w, t } = await start(clock);
    const person = w.people[2]!;
    w.okta.faults.add({ match: isSuspend, times: 2, fault: { kind: 'status', status: 503 } });
    const suspends = () => w.okta.requests.filter(isSuspend).length;

    const opened = await t.call('offboarding.start', {
      person: 'user2@example.com',
      killSessions: true,
      confirm: true,
    });
    expect(opened.status).toBe('open');
    expect(suspends()).toBe(1); // POST is not retried inside the request: the gate retries it, with backoff
    expect(w.okta.killSwitch.suspended).toEqual([]);

    // Runs before the backoff is over leave it alone; each run after it tries once more.
    for (let attempt = 1; attempt <= 2; attempt++) {
      const [op] = await suspendOp(t, opened.id);
      expect(op).toMatchObject({ status: 'planned', attempts: attempt });
      expect(Date.parse(op!.next_attempt_at!)).toBe(clock.now().getTime() + killSwitchBackoffMs(attempt));
      await t.call('sync.run', {});
      expect(suspends()).toBe(attempt);
      clock.advance(killSwitchBackoffMs(attempt));
      await t.call('sync.run', {});
      expect(suspends()).toBe(attempt + 1);
    }

    expect(w.okta.killSwitch.suspended).toEqual([person]);
    expect(w.okta.killSwitch.sessionsRevoked.map((s) => s.userId)).toEqual([person]);
    expect(await suspendEvents(t, opened.id)).toHaveLength(1);
    expect(await suspendOp(t, opened.id)).toMatchObject([{ status: 'done', attempts: 3 }]);
    const c = await t.call('offboarding.get', { caseId: opened.id });
    expect(c.tasks.find((x) => x.kind === 'idp-suspend')!.status).toBe('done');

    // Later runs do nothing more to the IdP.
    clock.advance(60 * 60_000);
    await t.call('sync.run', {});
    expect(suspends()).toBe(3);
    expect(await suspendEvents(t, opened.id)).toHaveLength(1);
    expect((await t.call('audit.verify', {})).ok).toBe(true);
  });

  it('keeps the case open after a permanent failure (403, missing scope), and retries the suspend after the backoff', async () => {
    const clock = testClock();
    const { w, t } = await start(clock);
    const person = w.people[2]!;
    w.okta.faults.add({
      match: isSuspend,
      times: Infinity,
      fault: {
        kind: 'status',
        status: 403,
        body: {
          errorCode: 'E0000006',
          errorSummary: 'You do not have permission to perform the requested action',
          errorLink: 'E0000006',
          errorId: 'oae-missing-scope',
          errorCauses: [],
        },
        headers: { 'www-authenticate': 'Bearer error="insufficient_scope", scope="okta.users.manage"' },
      },
    });
    const suspends = () => w.okta.requests.filter(isSuspend).length;

    const opened = await t.call('offboarding.start', {
      person: 'user2@example.com',
      killSessions: true,
      confirm: true,
    });
    expect(suspends()).toBe(1);
    const [op] = await suspendOp(t, opened.id);
    expect(op).toMatchObject({ status: 'planned', attempts: 1 });
    expect(op!.error).toMatch(/permission|403/i);
    expect(Date.parse(op!.next_attempt_at!)).toBe(clock.now().getTime() + killSwitchBackoffMs(1));
    let c = await t.call('offboarding.get', { caseId: opened.id });
    expect(c.status).toBe('open');
    expect(c.tasks.find((x) => x.kind === 'idp-suspend')!.status).not.toBe('done');
    expect(await suspendEvents(t, opened.id)).toHaveLength(0);

    // The admin grants the scope; a run before the retry time does not try; one after it does.
    w.okta.faults.clear();
    clock.advance(killSwitchBackoffMs(1) / 2);
    await t.call('sync.run', {});
    expect(suspends()).toBe(1);
    expect((await t.call('offboarding.get', { caseId: opened.id })).status).toBe('open');
    clock.advance(killSwitchBackoffMs(1));
    await t.call('sync.run', {});
    expect(suspends()).toBe(2);
    expect(w.okta.killSwitch.suspended).toEqual([person]);
    expect(await suspendEvents(t, opened.id)).toHaveLength(1);
    expect(await suspendOp(t, opened.id)).toMatchObject([{ status: 'done', attempts: 2 }]);
    c = await t.call('offboarding.get', { caseId: opened.id });
    expect(c.tasks.find((x) => x.kind === 'idp-suspend')!.status).toBe('done');
  });

  // A CLI process killed on a desktop data folder (SQLite): the CLI has no PostgreSQL mode.
  it.skipIf(TEST_ENGINE === 'postgres')(
    'finishes a suspend whose process was SIGKILLed while the IdP served it: one ledger event, no second suspend',
    async () => {
      const w = (world = await startWorld(6, { github: false }));
      const dataDir = makeTempDir('kill-switch');
      dirs.push(dataDir);
      const setup = openTestCore(dataDir);
      await configure(setup.core, w);
      const s = await setup.core.context.repos.settings.get();
      await setup.core.context.repos.settings.put({
        ...s,
        guardrails: { ...s.guardrails, maxDeprovisionPercent: 100, maxDeprovisionPercentPerWindow: 100 },
      });
      await setup.call('sync.run', {});
      setup.close();
      const person = w.people[2]!;

      // The Okta fake kills the CLI the moment the suspend reaches it, then serves it: the IdP suspends the person,
      // and Lanyard, already dead, never hears the answer.
      let child: Spawned | null = null;
      let suspendsSeen = 0;
      w.okta.faults.add({
        match: (r) => {
          if (isSuspend(r)) {
            suspendsSeen++;
            child?.child.kill('SIGKILL');
          }
          return false;
        },
        fault: { kind: 'status', status: 500 },
      });
      const env = { ...worldEnv(), LANYARD_LOG_LEVEL: 'error' };
      child = spawnCli(
        ['offboard', 'user2@example.com', '--yes', '--kill-sessions', '--json', '--data-dir', dataDir],
        {
          env,
        },
      );
      expect(await child.exited).toBe('SIGKILL');
      expect(suspendsSeen).toBe(1);
      expect(w.okta.killSwitch.suspended).toEqual([person]);

      const read = <T>(fn: (db: Database.Database) => T): T => {
        const db = new Database(path.join(dataDir, 'lanyard.db'), { readonly: true });
        try {
          return fn(db);
        } finally {
          db.close();
        }
      };
      const state = () =>
        read((db) => ({
          op: db.prepare(`SELECT id, status, result FROM plan_ops WHERE kind = 'idp-suspend'`).all() as {
            id: number;
            status: string;
            result: string | null;
          }[],
          events: db
            .prepare(
              `SELECT action, after, result FROM audit_events WHERE action = 'offboarding.idp.suspend'`,
            )
            .all() as { action: string; after: string; result: string }[],
          cases: db.prepare('SELECT id, status FROM offboarding_cases').all() as {
            id: number;
            status: string;
          }[],
        }));
      const crashed = state();
      expect(crashed.op).toMatchObject([{ status: 'running' }]);
      expect(crashed.events).toHaveLength(0);
      expect(crashed.cases).toMatchObject([{ status: 'open' }]);

      const again = await runCli(['sync', '--json', '--data-dir', dataDir], { env });
      expect(again.code, again.stderr).toBe(0);

      expect(suspendsSeen).toBe(1); // no second suspend
      expect(w.okta.killSwitch.suspended).toEqual([person]);
      const after = state();
      expect(after.op).toHaveLength(1);
      expect(after.op[0]!.status).toBe('done');
      expect(JSON.parse(after.op[0]!.result!)).toEqual({ recovered: true });
      expect(after.events).toHaveLength(1);
      expect(JSON.parse(after.events[0]!.after)).toMatchObject({ op: after.op[0]!.id });
      expect(after.events[0]!.result).toMatch(/confirmed by re-reading/);
      // The rest of the case went through too: sessions ended once, the account deactivated.
      expect(w.okta.killSwitch.sessionsRevoked.map((x) => x.userId)).toEqual([person]);
      const users = [...w.scim.store.users.values()] as unknown as { userName: string; active?: boolean }[];
      expect(users.find((u) => u.userName === 'user2@example.com')?.active).toBe(false);
      const verify = await runCli(['audit', 'verify', '--json', '--data-dir', dataDir], { env });
      expect(verify.code, verify.stderr).toBe(0);
    },
    120_000,
  );
});
