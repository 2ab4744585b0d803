// Guardrails, review and failure isolation through the API: too many deprovisions are held (never applied, never
// dropped, never duplicated) until approved; a directory read that fails part-way deprovisions no one; an app that
// keeps failing is quarantined while the other apps proceed, and resuming it finishes its ops.
import { afterEach, describe, expect, it } from 'vitest';
import { configure, openTestCore, scimUsers, startWorld, type TestCore, type World, storeRows } from './kit';

let world: World | null = null;
let tc: TestCore | null = null;
afterEach(async () => {
  tc?.close();
  tc = null;
  await world?.close();
  world = null;
});

const start = async (n: number, opts: { pageSize?: number; quarantineAfter?: number } = {}) => {
  world = await startWorld(n, { github: false });
  tc = openTestCore(undefined, opts.quarantineAfter);
  await configure(tc.core, world, opts.pageSize ? { pageSize: opts.pageSize } : {});
  await tc.call('sync.run', {});
  return { w: world, t: tc };
};

const activeCount = (w: World): number => scimUsers(w).filter((u) => u.active !== false).length;

describe('the deprovision guardrail', () => {
  it('holds all 15 deprovisions over a limit of 10, applies none, keeps them across runs, and applies them on approval', async () => {
    const { w, t } = await start(60);
    for (let i = 0; i < 15; i++) w.okta.state.setStatus(w.people[i]!, 'SUSPENDED');

    const poll = await t.call('sync.run', {});
    expect(poll.held).toHaveLength(15);
    expect(poll.held[0]!.heldReason).toMatch(
      /15 destructive changes in this run exceed the limit of 10 per run/,
    );
    expect(activeCount(w)).toBe(60);

    const again = await t.call('sync.run', {});
    expect(again.held.map((o) => o.id).sort()).toEqual(poll.held.map((o) => o.id).sort());
    expect(activeCount(w)).toBe(60);

    const queue = await t.call('review.list', {});
    expect(queue.total).toBe(15);
    expect(queue.apps[0]!.appName).toBe('Acme');

    const approved = await t.call('review.approve', { ids: queue.apps[0]!.ops.map((o) => o.id) });
    expect(approved.ops.every((o) => o.status === 'done')).toBe(true);
    expect(activeCount(w)).toBe(45);
    expect((await t.call('review.list', {})).total).toBe(0);
    const audit = await t.call('audit.list', { action: 'op.*', limit: 1000 });
    const actions = audit.events.map((e) => e.action);
    expect(actions.filter((a) => a === 'op.held')).toHaveLength(15);
    expect(actions.filter((a) => a === 'op.approved')).toHaveLength(15);
    expect((await t.call('sync.run', {})).run.stats!.planned).toBe(0);
  });

  it('skips held ops with a reason, and audits it', async () => {
    const { w, t } = await start(40);
    for (let i = 0; i < 12; i++) w.okta.state.setStatus(w.people[i]!, 'SUSPENDED');
    const poll = await t.call('sync.run', {});
    const ids = poll.held.map((o) => o.id);
    expect(await t.call('review.skip', { ids, reason: 'leave of absence, not leavers' })).toEqual({
      skipped: 12,
    });
    expect(activeCount(w)).toBe(40);
    const skipped = await t.call('audit.list', { action: 'op.skipped', limit: 100 });
    expect(skipped.events[0]!.result).toBe('skipped: leave of absence, not leavers');
  });
});

describe('a failing directory read', () => {
  it('fails the run on page 3 and deprovisions no one', async () => {
    const { w, t } = await start(30, { pageSize: 10 });
    for (let i = 0; i < 5; i++) w.okta.state.users.delete(w.people[i]!);
    w.okta.faults.add({
      match: (req) => req.path === '/api/v1/users',
      skip: 2,
      times: Infinity,
      fault: { kind: 'status', status: 500 },
    });
    const r = await t.call('sync.run', { full: true });
    expect(r.run.status).toBe('failed');
    expect(r.run.error).toMatch(/nothing was changed in any app/);
    expect(activeCount(w)).toBe(30);
    const [ops] = await storeRows<{ n: number }>(
      t.core,
      'SELECT COUNT(*) AS n FROM plan_ops WHERE run_id = ?',
      r.run.id,
    );
    expect(Number(ops!.n)).toBe(0);
  });
});

describe('quarantine', () => {
  it('sets aside an app that keeps failing while the others proceed, and resuming finishes its ops', async () => {
    const { w, t } = await start(30, { quarantineAfter: 5 });
    w.scim.set({ failWhen: (method) => (method === 'PATCH' || method === 'PUT' ? 500 : null) });
    // 8 people join Engineering (8 role changes in Acme); 1 joins Office (a badge task).
    for (const i of [1, 2, 4, 5, 7, 8, 10, 11])
      w.okta.state.addMember(w.groupIds.get('Engineering')!, w.people[i]!);
    w.okta.state.addMember(w.groupIds.get('Office')!, w.people[1]!);

    const r = await t.call('sync.run', {});
    expect(r.run.status).toBe('partial');
    expect(r.run.stats!.apps.acme).toMatchObject({ status: 'quarantined', failed: 5, held: 3 });
    expect(r.run.stats!.apps.badge).toMatchObject({ status: 'ok', applied: 1 });
    expect(
      r.held.every((o) =>
        /app quarantined: 5 operations in a row could not reach the app or got a server error/.test(
          o.heldReason ?? '',
        ),
      ),
    ).toBe(true);
    expect(r.held).toHaveLength(3);

    // Still quarantined: the next run reads the app and would try only revocations (there are none), and says so.
    const next = await t.call('sync.run', {});
    expect(next.run.stats!.apps.acme!.status).toBe('quarantined');
    expect(next.run.stats!.apps.acme!.detail).toMatch(/only revocations were tried/);

    w.scim.set({ failWhen: null });
    expect(await t.call('sync.resumeApp', { appId: 'acme' })).toEqual({ appId: 'acme', released: 3 });
    const healed = await t.call('sync.run', {});
    expect(healed.run.status).toBe('ok');
    expect(scimUsers(w).filter((u) => u.roles?.[0]?.value === 'engineer')).toHaveLength(10 + 8);
  });
});
