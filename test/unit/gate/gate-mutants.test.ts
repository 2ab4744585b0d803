// The gate's execute step through the API, against the Okta and SCIM fakes on loopback, a real core on SQLite and a
// clock the test moves: a quarantined app still gets its revocations, on every run at first and then with a backoff
// it states; the kill switch is journaled, recorded once in the ledger with its case, and retried with a backoff
// after a failure; an op left running by a crash is judged on the account re-read by id, never on a guess.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../electron/app/clock';
import { killSwitchBackoffMs } from '../../../electron/sync/gate/idp-lane';
import { scimUsers, worldPerTest, type TestCore, type World, storeRows } from '../sync-engine/kit';

const newWorld = worldPerTest();
const MINUTE = 60_000;

/**
 * A clock the test moves. It starts a minute ahead of the wall clock, which stamps the directory fake's records, so
 * people's last status change lies before a case opens (an offboarded person is not mistaken for a rehire).
 */
const testClock = () => {
  let t = Date.now() + MINUTE;
  return {
    now: () => new Date(t),
    advance: (ms: number) => void (t += ms),
  } satisfies Clock & { advance(ms: number): void };
};

const noPercentLimits = (t: TestCore) =>
  t.call('settings.set', {
    guardrails: { maxDeprovisionPercent: 100, maxDeprovisionPercentPerWindow: 100 },
  });

const idOf = (w: World, i: number): string =>
  scimUsers(w).find((u) => u.userName === `user${i}@example.com`)!.id;

describe('a quarantined app', () => {
  it('says why it was quarantined, in the run and in its health, with the requests it took', async () => {
    const { w, t } = await newWorld(8, { github: false, quarantineAfter: 2 });
    await noPercentLimits(t);
    await t.call('sync.run', { full: true });
    w.scim.set({ failWhen: (method) => (method === 'GET' ? null : 503) });
    w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
    w.okta.state.setStatus(w.people[2]!, 'SUSPENDED');
    const before = w.scim.requests.length;

    const r = await t.call('sync.run', { full: true });
    const acme = r.run.stats!.apps.acme!;
    expect(acme.status).toBe('quarantined');
    expect(acme.failed).toBe(2);
    expect(acme.detail).toMatch(
      /^2 operations in a row could not reach the app or got a server error; the last: /,
    );
    // The app's requests of this run: its listing and both (retried) deactivations, as the fake counted them.
    expect(acme.requests).toBeGreaterThan(2);
    expect(acme.requests).toBeLessThanOrEqual(w.scim.requests.length - before);
    expect(acme.requests).toBeGreaterThanOrEqual(
      w.scim.requests.slice(before).filter((x) => x.method !== 'GET').length,
    );
    const health = t.events.filter((e) => e.event === 'health.changed').map((e) => e.data);
    expect(health).toContainEqual({
      component: 'app:acme',
      status: 'error',
      detail: `quarantined: ${acme.detail}`,
    });
    expect((await t.call('sync.status', {})).quarantined.map((q) => q.appId)).toEqual(['acme']);
  });

  it('gets its revocations tried on the first runs, then at most every 1, 2, 4 … 30 minutes, and says when', async () => {
    const clock = testClock();
    // 10 people: the retried deactivation stays under the rolling window's limits.
    const { w, t } = await newWorld(10, { github: false, quarantineAfter: 1, clock });
    await noPercentLimits(t);
    await t.call('sync.run', { full: true });
    // The app errors on every write: one failed deactivation quarantines it.
    w.scim.set({ failWhen: (method) => (method === 'GET' ? null : 503) });
    w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
    expect((await t.call('sync.run', { full: true })).run.stats!.apps.acme!.status).toBe('quarantined');
    // From now on that leaver's deactivation is refused by the app (a rejection: it does not re-quarantine), so
    // every run that tries it sends one request for it.
    const leaver = idOf(w, 1);
    w.scim.set({ failWhen: (method, p) => (method !== 'GET' && p.includes(leaver) ? 400 : null) });
    const tries = () => w.scim.requests.filter((x) => x.method !== 'GET' && x.path.includes(leaver)).length;

    const run = async () => {
      const n = tries();
      const r = await t.call('sync.run', { full: true });
      return { tried: tries() > n, acme: r.run.stats!.apps.acme! };
    };
    // The first two runs after the quarantine both try.
    for (let i = 0; i < 2; i++) {
      const r = await run();
      expect(r.tried).toBe(true);
      expect(r.acme.status).toBe('quarantined');
      expect(r.acme.detail).toMatch(/^quarantined: 1 operations in a row .*; only revocations were tried$/);
    }
    const gaps: number[] = [];
    for (let i = 0; i < 7; i++) {
      const waiting = await run();
      expect(waiting.tried).toBe(false);
      expect(waiting.acme.status).toBe('quarantined');
      const at = /revocations are retried after (\S+)$/.exec(waiting.acme.detail ?? '')?.[1];
      expect(waiting.acme.detail).toMatch(/^quarantined: 1 operations in a row /);
      const gap = Date.parse(at!) - clock.now().getTime();
      gaps.push(gap / MINUTE);
      clock.advance(gap - 1);
      expect((await run()).tried).toBe(false);
      clock.advance(1);
      expect((await run()).tried).toBe(true);
    }
    expect(gaps).toEqual([1, 2, 4, 8, 16, 30, 30]);
  }, 60_000);

  it('starts the backoff over once resumed and quarantined again', async () => {
    const clock = testClock();
    const { w, t } = await newWorld(8, { github: false, quarantineAfter: 1, clock });
    await noPercentLimits(t);
    await t.call('sync.run', { full: true });
    w.scim.set({ failWhen: (method) => (method === 'GET' ? null : 503) });
    w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
    await t.call('sync.run', { full: true });
    // Tried on the first two runs; the third waits a minute.
    await t.call('sync.run', { full: true });
    await t.call('sync.run', { full: true });
    expect((await t.call('sync.run', { full: true })).run.stats!.apps.acme!.detail).toMatch(/retried after/);

    w.scim.set({ failWhen: null });
    await t.call('sync.resumeApp', { appId: 'acme' });
    // A new leaver whose deactivation errors: quarantined again.
    w.okta.state.setStatus(w.people[2]!, 'SUSPENDED');
    const leaver = idOf(w, 2);
    w.scim.set({ failWhen: (method, p) => (method !== 'GET' && p.includes(leaver) ? 503 : null) });
    const requarantined = await t.call('sync.run', { full: true });
    expect(requarantined.run.stats!.apps.acme!.status).toBe('quarantined');
    // The backoff starts over: the next run tries at once (the app now refuses that one op).
    w.scim.set({ failWhen: (method, p) => (method !== 'GET' && p.includes(leaver) ? 400 : null) });
    const n = w.scim.requests.length;
    const again = await t.call('sync.run', { full: true });
    expect(again.run.stats!.apps.acme!.detail).toMatch(/only revocations were tried$/);
    expect(w.scim.requests.slice(n).some((x) => x.method !== 'GET' && x.path.includes(leaver))).toBe(true);
  });
});

/** The fields of the core's warnings with this message, oldest first. */
const logged = (t: TestCore, message: string): Record<string, unknown>[] =>
  t.logs
    .filter((l) => l.startsWith('warn [') && l.includes(`] ${message} {`))
    .map(
      (l) => JSON.parse(l.slice(l.indexOf(`] ${message} `) + message.length + 3)) as Record<string, unknown>,
    );

const suspends = (w: World) =>
  w.okta.requests.filter((r) => r.method === 'POST' && /\/lifecycle\/suspend$/.test(r.path)).length;

describe('the kill switch', () => {
  it('suspends and ends sessions once each, recording each step in the ledger with its case and run', async () => {
    const clock = testClock();
    const { w, t } = await newWorld(6, { github: false, clock });
    await noPercentLimits(t);
    await t.call('sync.run', { full: true });
    const opened = await t.call('offboarding.start', {
      person: 'user2@example.com',
      killSessions: true,
      confirm: true,
    });
    expect(w.okta.killSwitch.suspended).toEqual([w.people[2]]);
    expect(w.okta.killSwitch.sessionsRevoked.map((s) => s.userId)).toEqual([w.people[2]]);
    const ops = await storeRows<{
      id: number;
      kind: string;
      status: string;
      run: number;
      result: string | null;
    }>(
      t.core,
      `SELECT id, kind, status, run_id AS run, result FROM plan_ops WHERE app_id = '@directory' ORDER BY id`,
    );
    expect(ops.map((o) => [o.kind, o.status])).toEqual([
      ['idp-suspend', 'done'],
      ['idp-revoke-sessions', 'done'],
    ]);
    const audit = await t.call('audit.list', { action: 'offboarding.idp.*', limit: 50 });
    const steps = audit.events
      .filter((e) => e.action.startsWith('offboarding.idp.'))
      .sort((a, b) => a.seq - b.seq);
    expect(steps).toMatchObject([
      {
        actor: 'test',
        action: 'offboarding.idp.suspend',
        person: w.people[2],
        run: ops[0]!.run,
        case: opened.id,
        after: { op: ops[0]!.id, kind: 'idp-suspend' },
        result: 'ok',
      },
      {
        action: 'offboarding.idp.revokeSessions',
        case: opened.id,
        after: { op: ops[1]!.id, kind: 'idp-revoke-sessions' },
        result: 'ok',
      },
    ]);
    const run = (await t.call('runs.list', {})).find((r) => r.id === ops[0]!.run)!;
    expect(run.stats!.apps['@directory']).toMatchObject({ status: 'ok', applied: 2, failed: 0 });
  });

  it('puts a failed suspend back with a growing backoff and says so, while ending sessions still goes ahead', async () => {
    const clock = testClock();
    const { w, t } = await newWorld(6, { github: false, clock });
    await noPercentLimits(t);
    await t.call('sync.run', { full: true });
    w.okta.faults.add({
      match: (r) => r.method === 'POST' && /\/lifecycle\/suspend$/.test(r.path),
      times: Infinity,
      fault: { kind: 'status', status: 503 },
    });
    const opened = await t.call('offboarding.start', {
      person: 'user2@example.com',
      killSessions: true,
      confirm: true,
    });
    const suspendOp = async () =>
      (
        await storeRows<{ status: string; attempts: number; error: string; next: string }>(
          t.core,
          `SELECT status, attempts, error, next_attempt_at AS next FROM plan_ops WHERE kind = 'idp-suspend'`,
        )
      )[0]!;
    expect(w.okta.killSwitch.sessionsRevoked.map((s) => s.userId)).toEqual([w.people[2]]);
    const manual = (await t.call('runs.list', {}))[0]!;
    // One step done (ending sessions), one failed this run (to be retried): counted once each.
    expect(manual.stats!.apps['@directory']).toMatchObject({ applied: 1, failed: 1 });

    for (let attempt = 1; attempt <= 3; attempt++) {
      const op = await suspendOp();
      const next = new Date(clock.now().getTime() + killSwitchBackoffMs(attempt)).toISOString();
      expect(op).toMatchObject({ status: 'planned', attempts: attempt, next });
      expect(op.error).toMatch(new RegExp(`^attempt ${attempt} failed, retried after ${next}: .*503`));
      // And in the log, for whoever watches it.
      expect(logged(t, 'kill switch step failed; retried later').at(-1)).toMatchObject({
        kind: 'idp-suspend',
        error: expect.stringMatching(/503/),
        next,
      });
      // A run before the backoff is over leaves it alone.
      await t.call('sync.run', { full: true });
      expect(suspends(w)).toBe(attempt);
      clock.advance(killSwitchBackoffMs(attempt));
      await t.call('sync.run', { full: true });
      expect(suspends(w)).toBe(attempt + 1);
    }
    expect((await t.call('audit.list', { action: 'offboarding.idp.suspend', limit: 10 })).events).toEqual([]);
    expect((await t.call('offboarding.get', { caseId: opened.id })).status).toBe('open');
  });

  it('backs off 1, 2, 4 … minutes after each failed attempt, at most an hour', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => killSwitchBackoffMs(n) / MINUTE)).toEqual([
      1, 1, 2, 4, 8, 16, 32, 60, 60,
    ]);
  });
});
