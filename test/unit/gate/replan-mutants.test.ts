// Approving a held op re-plans it first (README "Safety": approvals are re-checked), against the Okta and SCIM
// fakes on loopback and a real core on SQLite. Acme requires review here, so every destructive op waits for an
// admin: one whose target changed since it was held is superseded and the new op is held for a fresh approval;
// one the current directory and app state no longer call for is superseded with why in words, never executed;
// a kill-switch step is re-checked against the person and their case.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../electron/app/clock';
import { ruleSchema } from '../../../shared/config/workspace';
import { appsOf, scimUsers, worldPerTest, type TestCore, type World, storeRows } from '../sync-engine/kit';

const newWorld = worldPerTest();
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const scimWrites = (w: World): number => w.scim.requests.filter((r) => WRITES.has(r.method)).length;

/** Acme requires review; Engineering (people 0, 3, 6, 9) are Acme admins and in its "Eng Team" group. */
const start = async (opts: { killSessions?: boolean; clock?: Clock } = {}) => {
  const { w, t } = await newWorld(10, { github: false, ...(opts.clock ? { clock: opts.clock } : {}) });
  w.scim.store.createGroup({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName: 'Eng Team',
  });
  const ws = t.core.context.repos.workspace;
  await ws.setApps(appsOf(w).map((a) => (a.id === 'acme' ? { ...a, review: 'required' as const } : a)));
  await ws.setRules(
    [
      { app: 'acme', groups: ['Everyone'], role: 'member' },
      { app: 'acme', groups: ['Engineering'], role: 'admin', priority: 1, appGroups: ['Eng Team'] },
    ].map((r) => ruleSchema.parse(r)),
  );
  await t.call('settings.set', {
    guardrails: { maxDeprovisionPercent: 100, maxDeprovisionPercentPerWindow: 100 },
    ...(opts.killSessions ? { offboarding: { killSessions: true } } : {}),
  } as never);
  await t.call('sync.run', { full: true });
  expect(scimUsers(w)).toHaveLength(10);
  return { w, t };
};

/** A clock the test moves, a minute ahead of the fakes' wall clock (a case opens after the status it follows). */
const testClock = () => {
  let t = Date.now() + 60_000;
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) } satisfies Clock & {
    advance(ms: number): void;
  };
};

const heldOf = async (t: TestCore) => (await t.call('review.list', {})).apps.flatMap((a) => a.ops);

describe('approving a held op re-plans it first', () => {
  it('supersedes a held deactivation when the deprovision mode changed, and holds the delete for a fresh approval', async () => {
    const { w, t } = await start();
    w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
    const run = await t.call('sync.run', { full: true });
    const [held] = run.held;
    expect(held).toMatchObject({ kind: 'deactivate', target: 'user1@example.com' });
    await t.core.context.repos.workspace.setApps(
      (await t.core.context.repos.workspace.listApps()).map((a) =>
        a.id === 'acme' ? { ...a, deprovision: 'delete' as const } : a,
      ),
    );
    const before = scimWrites(w);

    const r = await t.call('review.approve', { ids: [held!.id] });
    expect(r.approved).toBe(0);
    expect(r.superseded).toHaveLength(1);
    expect(r.superseded[0]!.reason).toMatch(
      /^superseded: its target changed since it was held; now: delete user1@example.com in Acme/,
    );
    expect(r.replaced).toMatchObject([
      {
        kind: 'delete',
        target: 'user1@example.com',
        status: 'held',
        heldReason: `held: replaces op ${held!.id}, approved by test before its target changed; review the new change`,
      },
    ]);
    expect(scimWrites(w)).toBe(before);
    expect((await heldOf(t)).map((o) => o.kind)).toEqual(['delete']);

    const second = await t.call('review.approve', { ids: [r.replaced[0]!.id] });
    expect(second.ops[0]!.status).toBe('done');
    expect(scimUsers(w).some((u) => u.userName === 'user1@example.com')).toBe(false);
  });

  it('supersedes a held demotion once the person has left, saying the plan no longer calls for it', async () => {
    const { w, t } = await start();
    w.okta.state.removeMember(w.groupIds.get('Engineering')!, w.people[3]!);
    const run = await t.call('sync.run', { full: true });
    const demotion = run.held.find((o) => o.kind === 'set-role')!;
    expect(demotion.target).toBe('user3@example.com');
    // Before the admin gets to it, the person leaves: a deactivation is called for, not a demotion.
    w.okta.state.setStatus(w.people[3]!, 'SUSPENDED');
    const before = scimWrites(w);

    const r = await t.call('review.approve', { ids: [demotion.id] });
    expect(r.superseded).toHaveLength(1);
    expect(r.superseded[0]!.reason).toMatch(
      /^superseded: user3@example.com no longer calls for it in Acme: /,
    );
    expect(r.replaced).toEqual([]);
    expect(scimWrites(w)).toBe(before);
    expect(scimUsers(w).find((u) => u.userName === 'user3@example.com')!.roles?.[0]?.value).toBe('admin');
  });

  it('supersedes a held op of an app no longer in the workspace', async () => {
    const { w, t } = await start();
    w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
    const [held] = (await t.call('sync.run', { full: true })).held;
    const ws = t.core.context.repos.workspace;
    await ws.setRules((await ws.listRules()).filter((r) => r.app !== 'acme'));
    await ws.setApps((await ws.listApps()).filter((a) => a.id !== 'acme'));
    const before = scimWrites(w);

    const r = await t.call('review.approve', { ids: [held!.id] });
    expect(r.superseded).toEqual([
      {
        id: held!.id,
        target: 'user1@example.com',
        reason: 'superseded: the app "acme" is no longer in the workspace',
      },
    ]);
    expect(scimWrites(w)).toBe(before);
  });

  it('re-plans a held group removal: replaced when its members changed, superseded once its member is back', async () => {
    const { w, t } = await start();
    const eng = w.groupIds.get('Engineering')!;
    w.okta.state.removeMember(eng, w.people[3]!);
    w.okta.state.removeMember(eng, w.people[6]!);
    const run = await t.call('sync.run', { full: true });
    const removal = run.held.find((o) => o.kind === 'remove-from-group')!;
    expect(removal.target).toBe('Eng Team');
    // One of the two is back in Engineering: the removal now names one member.
    w.okta.state.addMember(eng, w.people[6]!);
    const before = scimWrites(w);
    const r = await t.call('review.approve', { ids: [removal.id] });
    expect(r.superseded[0]!.reason).toMatch(/^superseded: its target changed since it was held; now: /);
    expect(r.replaced).toMatchObject([{ kind: 'remove-from-group', target: 'Eng Team', status: 'held' }]);
    expect(scimWrites(w)).toBe(before);

    // The other is back too: no removal is called for any more.
    w.okta.state.addMember(eng, w.people[3]!);
    const again = await t.call('review.approve', { ids: [r.replaced[0]!.id] });
    expect(again.superseded.map((s) => s.reason)).toEqual([
      'superseded: user3@example.com has access to Acme again: in Engineering (rule 2); role admin (rule 2 has the highest priority)',
    ]);
    expect(again.replaced).toEqual([]);
    expect(scimWrites(w)).toBe(before);
  });

  it('supersedes a held removal of several members when none of them leaves the group any more', async () => {
    const { w, t } = await start();
    const eng = w.groupIds.get('Engineering')!;
    w.okta.state.removeMember(eng, w.people[3]!);
    w.okta.state.removeMember(eng, w.people[6]!);
    const removal = (await t.call('sync.run', { full: true })).held.find(
      (o) => o.kind === 'remove-from-group',
    )!;
    w.okta.state.addMember(eng, w.people[3]!);
    w.okta.state.addMember(eng, w.people[6]!);
    // Someone new joins Engineering: the fresh plan adds to the group, which is not the removal's target.
    w.okta.state.addMember(eng, w.people[1]!);
    const before = scimWrites(w);
    const r = await t.call('review.approve', { ids: [removal.id] });
    expect(r.superseded.map((s) => s.reason)).toEqual([
      'superseded: the current directory and app state no longer call for it',
    ]);
    expect(r.replaced).toEqual([]);
    expect(scimWrites(w)).toBe(before);
  });

  it('approves what is still called for, and executes it', async () => {
    const { w, t } = await start();
    const eng = w.groupIds.get('Engineering')!;
    w.okta.state.removeMember(eng, w.people[3]!);
    w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
    const run = await t.call('sync.run', { full: true });
    expect(run.held.map((o) => o.kind).sort()).toEqual(['deactivate', 'remove-from-group', 'set-role']);
    const r = await t.call('review.approve', { ids: run.held.map((o) => o.id) });
    expect(r.superseded).toEqual([]);
    expect(r.approved).toBe(3);
    expect(r.ops.map((o) => o.status)).toEqual(['done', 'done', 'done']);
    expect(scimUsers(w).find((u) => u.userName === 'user1@example.com')!.active).toBe(false);
    expect(scimUsers(w).find((u) => u.userName === 'user3@example.com')!.roles?.[0]?.value).toBe('member');
  });
});

describe('approving held kill-switch steps re-checks the person and their case', () => {
  it('ends the sessions of leavers still offboarded, and supersedes the step of someone rehired', async () => {
    const { w, t } = await start({ killSessions: true });
    await t.call('settings.set', { guardrails: { maxDeprovisionsPerRun: 1 } });
    // Acme's review policy holds its deactivations; the limit of 1 per run holds the 4 session revocations.
    for (const i of [1, 2, 4, 5]) w.okta.state.setStatus(w.people[i]!, 'SUSPENDED');
    const run = await t.call('sync.run', { full: true });
    const steps = run.held.filter((o) => o.appId === '@directory');
    expect(steps.map((o) => [o.kind, o.target]).sort()).toEqual(
      [1, 2, 4, 5].map((i) => ['idp-revoke-sessions', `user${i}@example.com`]),
    );
    const stepOf = (i: number) => steps.find((o) => o.target === `user${i}@example.com`)!;
    const cases = (await t.call('offboarding.list', { status: 'open' })).cases;
    const caseOf = (i: number) => cases.find((c) => c.personId === w.people[i])!.id;
    // user2 is back before the admin approves; user4's return was already seen by a run (case cancelled).
    w.okta.state.setStatus(w.people[4]!, 'ACTIVE');
    await t.call('sync.run', { full: true });
    expect((await t.call('offboarding.get', { caseId: caseOf(4) })).status).toBe('cancelled');
    w.okta.state.setStatus(w.people[2]!, 'ACTIVE');
    // Their Okta login is not their email: the admin is told the email.
    w.okta.state.updateProfile(w.people[2]!, { login: 'user2' });
    const revoked = () => w.okta.killSwitch.sessionsRevoked.map((s) => s.userId);
    expect(revoked()).toEqual([]);

    // The run that saw user4 back cancelled the case and closed its held step with it.
    const stillHeld = new Set((await heldOf(t)).map((o) => o.id));
    expect(steps.filter((o) => !stillHeld.has(o.id)).map((o) => o.target)).toEqual(['user4@example.com']);
    const r = await t.call('review.approve', {
      ids: steps.filter((o) => stillHeld.has(o.id)).map((o) => o.id),
    });
    expect(r.approved).toBe(2);
    expect(revoked().sort()).toEqual([w.people[1], w.people[5]].sort());
    const reason = (i: number) => r.superseded.find((s) => s.id === stepOf(i).id)?.reason;
    expect(reason(1)).toBeUndefined();
    expect(reason(2)).toBe('superseded: user2@example.com is active in the directory again (rehired)');
    expect(r.ops.find((o) => o.id === stepOf(1).id)!.status).toBe('done');
    const ledger = await t.call('audit.list', { action: 'offboarding.idp.revokeSessions', limit: 10 });
    expect(ledger.events.map((e) => [e.person, e.case, e.result]).sort()).toEqual(
      [
        [w.people[1], caseOf(1), 'ok'],
        [w.people[5], caseOf(5), 'ok'],
      ].sort(),
    );
  });
});

describe('approving a held suspend', () => {
  it('supersedes it when the directory already shows the person suspended', async () => {
    const clock = testClock();
    const { w, t } = await start({ killSessions: true, clock });
    const isSuspend = (r: { method: string; path: string }) =>
      r.method === 'POST' && /\/lifecycle\/suspend$/.test(r.path);
    // An admin offboards user2 (still active); the IdP refuses the suspend for now.
    w.okta.faults.add({ match: isSuspend, times: Infinity, fault: { kind: 'status', status: 503 } });
    await t.call('offboarding.start', { person: 'user2@example.com', killSessions: true, confirm: true });
    // Past its backoff, a sync run with two leavers trips the limit of 1: the retried suspend is held with them.
    await t.call('settings.set', { guardrails: { maxDeprovisionsPerRun: 1 } });
    for (const i of [4, 5]) w.okta.state.setStatus(w.people[i]!, 'SUSPENDED');
    const step = async () =>
      (
        await storeRows<{ id: number; status: string }>(
          t.core,
          `SELECT id, status FROM plan_ops WHERE kind = 'idp-suspend'`,
        )
      )[0]!;
    clock.advance(60 * 60_000);
    await t.call('sync.run', { full: true });
    expect((await step()).status).toBe('held');
    // Someone suspended them in Okta by hand meanwhile.
    w.okta.state.setStatus(w.people[2]!, 'SUSPENDED');
    await t.call('directory.pull', { full: true });
    const before = w.okta.requests.filter(isSuspend).length;
    const r = await t.call('review.approve', { ids: [(await step()).id] });
    expect(r.superseded.map((s) => s.reason)).toEqual([
      'superseded: the person is already suspended in the directory',
    ]);
    expect(w.okta.requests.filter(isSuspend).length).toBe(before);
  });

  it('supersedes a held step whose case is no longer open, never executing it', async () => {
    const { w, t } = await start({ killSessions: true });
    await t.call('settings.set', { guardrails: { maxDeprovisionsPerRun: 1 } });
    for (const i of [1, 2]) w.okta.state.setStatus(w.people[i]!, 'SUSPENDED');
    const run = await t.call('sync.run', { full: true });
    const step = run.held.find((o) => o.appId === '@directory' && o.target === 'user1@example.com')!;
    const caseId = (await t.call('offboarding.list', { status: 'open' })).cases.find(
      (c) => c.personId === w.people[1],
    )!.id;
    // Lanyard closes a case only when its tasks are finished (and supersedes held steps when it cancels one); a
    // journal from before that rule, or a case closed by hand in the database, can still leave a step held.
    await storeRows(t.core, `UPDATE offboarding_cases SET status = 'closed' WHERE id = ?`, caseId);
    const r = await t.call('review.approve', { ids: [step.id] });
    expect(r.superseded).toEqual([
      {
        id: step.id,
        target: 'user1@example.com',
        reason: `superseded: offboarding case ${caseId} is closed`,
      },
    ]);
    expect(w.okta.killSwitch.sessionsRevoked).toEqual([]);
  });
});
