// The sync engine's main promises through the API, against the Okta, SCIM and GitHub fakes on loopback:
// an initial sync gives every in-scope person the right account, role and teams; a second run changes nothing;
// moves, leavers and rehires are followed within one incremental poll.
import { afterEach, describe, expect, it } from 'vitest';
import { configure, openTestCore, scimUsers, startWorld, type TestCore, type World } from './kit';

let world: World | null = null;
let tc: TestCore | null = null;
afterEach(async () => {
  tc?.close();
  tc = null;
  await world?.close();
  world = null;
});

const start = async (n: number) => {
  world = await startWorld(n);
  tc = openTestCore();
  await configure(tc.core, world);
  return { w: world, t: tc };
};

const acceptAllInvitations = (w: World): void => {
  for (const id of [...w.github!.state.invitations.keys()]) w.github!.state.accept(id);
};

describe('an initial sync from Okta into a SCIM app, a GitHub org and a manual app', () => {
  it('gives every in-scope person the right account, role and teams, and a second run plans nothing', async () => {
    const { w, t } = await start(300);

    const first = await t.call('sync.run', {});
    expect(first.run.status).toBe('ok');
    expect(first.failed).toEqual([]);
    expect(first.held).toEqual([]);

    // SCIM: all 300, engineers (every 3rd) with the engineer role, no duplicates.
    const users = scimUsers(w);
    expect(users).toHaveLength(300);
    expect(new Set(users.map((u) => u.userName.toLowerCase())).size).toBe(300);
    for (let i = 0; i < 300; i++) {
      const u = users.find((x) => x.userName === `user${i}@example.com`)!;
      expect(u.externalId).toBe(w.people[i]);
      expect(u.roles?.[0]?.value).toBe(i % 3 === 0 ? 'engineer' : 'member');
    }
    // GitHub: one invitation per engineer, owners for platform leads; teams follow once they accept.
    const gh = w.github!.state;
    expect(gh.invitations.size).toBe(100);
    acceptAllInvitations(w);
    const second = await t.call('sync.run', {});
    expect(second.run.status).toBe('ok');
    expect(second.run.stats!.opsByKind).toEqual({ 'add-to-group': 1 });
    for (let i = 0; i < 300; i += 3) {
      expect(gh.roleOf(`gh-user${i}`)).toBe(i % 30 === 0 ? 'admin' : 'member');
      expect(gh.teams.get('eng')!.members.has(`gh-user${i}`)).toBe(true);
    }
    expect(gh.members.size).toBe(101); // + the owner
    // Manual app: one checklist task per Office member (every 5th), issued once.
    const tasks = first.run.stats!.apps.badge!;
    expect(tasks.applied).toBe(60);

    const third = await t.call('sync.run', {});
    expect(third.run.stats!.planned).toBe(0);
    expect(third.run.stats!.applied).toBe(0);
    const dry = await t.call('sync.plan', {});
    expect(dry.ops.filter((o) => o.appId !== 'badge')).toEqual([]);
  });

  it('follows a move, a leaver and a rehire within one incremental poll, without duplicates', async () => {
    const { w, t } = await start(30);
    await t.call('sync.run', {});
    acceptAllInvitations(w);
    await t.call('sync.run', {});

    // user1 moves into Engineering; user3 leaves (deactivated in Okta).
    w.okta.state.addMember(w.groupIds.get('Engineering')!, w.people[1]!);
    w.okta.state.setStatus(w.people[3]!, 'DEPROVISIONED');
    const poll = await t.call('sync.run', {});
    expect(poll.run.stats!.directory!.mode).toBe('delta');
    expect(poll.run.status).toBe('ok');

    const byName = (name: string) => scimUsers(w).find((u) => u.userName === name)!;
    expect(byName('user1@example.com').roles?.[0]?.value).toBe('engineer');
    expect(byName('user3@example.com').active).toBe(false);
    expect(w.github!.state.roleOf('gh-user3')).toBeUndefined();
    expect(w.github!.state.invitationFor('gh-user1')).toBeDefined();
    // Time to revoke is measured for the leaver in each API app.
    expect(poll.run.stats!.apps.acme!.timeToRevoke!.count).toBe(1);

    // user3 is rehired: the SCIM account is reactivated, not created again.
    w.okta.state.setStatus(w.people[3]!, 'ACTIVE');
    const back = await t.call('sync.run', {});
    expect(back.run.status).toBe('ok');
    expect(byName('user3@example.com').active).toBe(true);
    expect(scimUsers(w).filter((u) => u.userName === 'user3@example.com')).toHaveLength(1);
    expect(scimUsers(w)).toHaveLength(30);
  });

  it('records each run with stats, lists it, and audits every applied op', async () => {
    const { t } = await start(10);
    const r = await t.call('sync.run', {});
    const runs = await t.call('runs.list', {});
    expect(runs[0]).toMatchObject({ id: r.run.id, status: 'ok', kind: 'manual' });
    expect(runs[0]!.stats!.applied).toBeGreaterThan(0);
    const audit = await t.call('audit.list', { action: 'op.applied', limit: 1000 });
    expect(audit.events.length).toBe(r.run.stats!.applied);
    expect(t.events.map((e) => e.event)).toContain('sync.finished');
  });

  it('explains why a person has access', async () => {
    const { t } = await start(6);
    await t.call('sync.run', {});
    const e = await t.call('sync.explain', { person: 'user3@example.com' });
    const acme = e.apps.find((a) => a.appId === 'acme')!;
    expect(acme).toMatchObject({ access: true, role: 'engineer' });
    expect(acme.account).toMatchObject({ active: true });
  });
});
