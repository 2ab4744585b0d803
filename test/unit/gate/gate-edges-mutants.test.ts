// The gate's second lines and first-run rules, against the Okta and SCIM fakes on loopback and a real core on
// SQLite: an op on a protected account is refused even if something proposes it (the planner plans none); before
// the first reviewed plan, only accounts that existed before Lanyard wait — the ones it created itself do not; and
// what an op changed is what Lanyard then knows about the app's accounts.
import { describe, expect, it } from 'vitest';
import { makeOp } from '../../../electron/sync/ops';
import { appsOf, scimUsers, worldPerTest, type World, storeRows } from '../sync-engine/kit';

const newWorld = worldPerTest();
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const scimWrites = (w: World): number => w.scim.requests.filter((r) => WRITES.has(r.method)).length;

describe('the gate', () => {
  it('refuses an op on a protected account whoever proposes it, journals nothing for it and sends nothing', async () => {
    const { w, t } = await newWorld(4, { github: false });
    await t.call('sync.run', {});
    const ws = t.core.context.repos.workspace;
    await ws.setApps(
      appsOf(w).map((a) => (a.id === 'acme' ? { ...a, protected: ['user1@example.com'] } : a)),
    );
    const { deps, gate } = t.core.sync.service;
    const id = scimUsers(w).find((u) => u.userName === 'user1@example.com')!.id;
    const other = scimUsers(w).find((u) => u.userName === 'user2@example.com')!.id;
    const op = (remoteId: string, userName: string) =>
      makeOp({
        appId: 'acme',
        personId: null,
        target: userName,
        reason: `deactivate ${userName}`,
        payload: {
          kind: 'deactivate',
          remoteId,
          userName,
          deleteAfterDays: null,
        },
        keyParts: [remoteId],
      });
    const before = scimWrites(w);
    const runId = await deps.runs.start('manual', 'test', deps.now());
    const apps = await ws.listApps();
    const r = await deps.lock.exclusive(() =>
      gate.submit({
        runId,
        actor: 'test',
        source: 'explicit-offboard',
        ops: [op(id, 'user1@example.com'), op(other, 'user2@example.com')],
        apps,
      }),
    );
    expect(r.refused).toEqual([
      {
        appId: 'acme',
        target: 'user1@example.com',
        reason: 'refused: user1@example.com is protected',
      },
    ]);
    expect((await deps.journal.ofRun(runId)).map((o) => o.target)).toEqual(['user2@example.com']);
    expect(scimWrites(w)).toBe(before + 1);
    expect(scimUsers(w).find((u) => u.id === id)!.active).not.toBe(false);
    expect(r.apps.acme).toMatchObject({ status: 'ok', detail: null });
    expect(r.tripped).toEqual([]);
    expect(r.quarantined).toEqual([]);
  });

  it('before the first reviewed plan, deprovisions an account it created itself but holds a pre-existing one', async () => {
    const { w, t } = await newWorld(6, { github: false });
    w.scim.store.createUser({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'user9@example.com',
      active: true,
    });
    const u9 = w.okta.state.addUser({
      login: 'user9@example.com',
      email: 'user9@example.com',
    });
    w.okta.state.addMember(w.groupIds.get('Everyone')!, u9.id);
    await t.call('settings.set', {
      guardrails: {
        maxDeprovisionPercent: 100,
        maxDeprovisionPercentPerWindow: 100,
      },
    });
    // A one-app run applies that app only and is not the workspace's first review.
    await t.call('sync.run', { appId: 'acme' });
    expect((await t.call('sync.status', {})).applying).toBe('awaiting-first-review');
    expect(scimUsers(w)).toHaveLength(7);
    w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
    w.okta.state.setStatus(u9.id, 'SUSPENDED');

    const r = await t.call('sync.run', { appId: 'acme' });
    expect(r.held.map((o) => o.target)).toEqual(['user9@example.com']);
    expect(r.held[0]!.heldReason).toMatch(/existed before Lanyard managed this app/);
    expect(scimUsers(w).find((u) => u.userName === 'user1@example.com')!.active).toBe(false);
    expect(scimUsers(w).find((u) => u.userName === 'user9@example.com')!.active).not.toBe(false);
  });

  it('forgets an account it deleted, and knows the new state of one it deactivated', async () => {
    const { w, t } = await newWorld(6, { github: false });
    const ws = t.core.context.repos.workspace;
    await ws.setApps(appsOf(w).map((a) => (a.id === 'acme' ? { ...a, deprovision: 'delete' as const } : a)));
    await t.call('settings.set', {
      guardrails: {
        maxDeprovisionPercent: 100,
        maxDeprovisionPercentPerWindow: 100,
      },
    });
    await t.call('sync.run', {});
    const stored = () =>
      storeRows<{ userName: string; active: number; personId: string | null }>(
        t.core,
        `SELECT user_name AS "userName", active, person_id AS "personId" FROM accounts WHERE app_id = 'acme'`,
      );
    expect(await stored()).toHaveLength(6);
    expect((await stored()).find((a) => a.userName === 'user2@example.com')!.personId).toBe(w.people[2]);
    w.okta.state.setStatus(w.people[2]!, 'DEPROVISIONED');
    const r = await t.call('sync.run', {});
    expect(r.run.stats!.opsByKind).toMatchObject({ delete: 1 });
    expect((await stored()).map((a) => a.userName)).not.toContain('user2@example.com');
    expect(await stored()).toHaveLength(5);
  });

  it('leaves approved ops for the next run, with the reason, when the app’s connector cannot be built', async () => {
    const { w, t } = await newWorld(4, { github: false });
    const ws = t.core.context.repos.workspace;
    await ws.setApps(appsOf(w).map((a) => (a.id === 'acme' ? { ...a, review: 'required' as const } : a)));
    await t.call('sync.run', {});
    w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
    const [held] = (await t.call('sync.run', {})).held;
    // The app's address was changed to one Lanyard refuses to send credentials to (plain http to a remote host).
    await ws.setApps(
      (await ws.listApps()).map((a) =>
        a.id === 'acme' ? { ...a, baseUrl: 'http://scim.acme.example/' } : a,
      ),
    );
    const before = scimWrites(w);
    const r = await t.call('review.approve', { ids: [held!.id] });
    expect(r.ops.map((o) => o.status)).toEqual(['approved']);
    expect(scimWrites(w)).toBe(before);
    const run = (await t.call('runs.list', {})).find((x) => x.id === r.runId)!;
    expect(run.stats!.apps.acme).toMatchObject({
      status: 'failed',
      requests: 0,
    });
    expect(run.stats!.apps.acme!.detail).toMatch(/http:\/\/scim\.acme\.example/);
  });

  it('skips the ops of an app removed from the workspace while the run was in flight', async () => {
    const { w, t } = await newWorld(4, { github: false });
    const ws = t.core.context.repos.workspace;
    await ws.setApps(appsOf(w).map((a) => (a.id === 'acme' ? { ...a, review: 'required' as const } : a)));
    await t.call('sync.run', {});
    w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
    const [held] = (await t.call('sync.run', {})).held;
    // A crash left the op running; the next run re-reads its account, and meanwhile an admin removes the app.
    await t.core.sync.service.deps.journal.start(held!.id, held!.runId);
    w.okta.state.setStatus(w.people[2]!, 'SUSPENDED');
    // The admin's removal starts as the re-read's GET arrives, and is stored before its answer is handled.
    let removal: Promise<void> | null = null;
    w.scim.set({
      failWhen: (method, p) => {
        if (method === 'GET' && /^\/Users\/[^/]+$/.test(p))
          removal ??= (async () => ws.setApps((await ws.listApps()).filter((a) => a.id !== 'acme')))();
        return null;
      },
    });
    const before = scimWrites(w);
    const r = await t.call('sync.run', {});
    expect(r.run.stats!.apps.acme).toMatchObject({
      status: 'skipped',
      detail: 'no such app',
    });
    expect(scimWrites(w)).toBe(before);
  });
});
