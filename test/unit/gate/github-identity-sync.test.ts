// GitHub identities through whole sync runs (Okta, SCIM and GitHub fakes on loopback, a real core on SQLite):
// a member who renames their login stays linked — no orphan, no invitation, no removal — and is still revoked when
// they leave; a member who accepted an email invitation under a login the directory never knew is linked to the
// person it was sent for and removed from the org when that person leaves; a directory attribute holding GitHub's
// numeric user id links like a login.
import { afterEach, describe, expect, it } from 'vitest';
import { OWNER } from '../../fakes/github/test-kit';
import { configure, openTestCore, startWorld, type TestCore, type World } from '../sync-engine/kit';

let world: World | null = null;
let tc: TestCore | null = null;
afterEach(async () => {
  tc?.close();
  tc = null;
  await world?.close();
  world = null;
});

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const githubWrites = (w: World): string[] =>
  w.github!.log.filter((r) => WRITES.has(r.method)).map((r) => `${r.method} ${r.path}`);

/** 30 people (10 of them in Engineering, which gets GitHub), synced once and every invitation accepted. */
const start = async (before?: (w: World) => void) => {
  world = await startWorld(30, { github: true });
  tc = openTestCore();
  before?.(world);
  await configure(tc.core, world);
  await tc.call('sync.run', {});
  return { w: world, t: tc };
};
const acceptAll = (w: World, as: (email: string | null) => string | undefined = () => undefined) => {
  for (const inv of [...w.github!.state.invitations.values()]) w.github!.state.accept(inv.id, as(inv.email));
};
const githubPlan = async (t: TestCore) => {
  const plan = await t.call('sync.plan', {});
  return {
    ops: plan.ops.filter((o) => o.appId === 'github'),
    // The org's owner (whose token Lanyard uses) is in no directory: the one orphan every plan reports.
    orphans: plan.orphans.filter((o) => o.appId === 'github' && o.userName !== OWNER).map((o) => o.userName),
  };
};

describe('GitHub members keyed by their user id, through sync runs', () => {
  it('keeps a member linked after they rename their login, and removes them when they leave', async () => {
    const { w, t } = await start();
    acceptAll(w);
    await t.call('sync.run', {});
    expect(await githubPlan(t)).toEqual({ ops: [], orphans: [] });

    w.github!.state.rename('gh-user3', 'gh-renamed-3');
    const writes = githubWrites(w).length;
    expect(await githubPlan(t)).toEqual({ ops: [], orphans: [] });
    const r = await t.call('sync.run', {});
    expect(r.failed).toEqual([]);
    expect(githubWrites(w)).toHaveLength(writes);
    expect(w.github!.state.roleOf('gh-renamed-3')).toBe('member');

    w.okta.state.setStatus(w.people[3]!, 'SUSPENDED');
    const leave = await t.call('sync.run', {});
    expect(leave.held).toEqual([]);
    expect(w.github!.state.roleOf('gh-renamed-3')).toBeUndefined();
    expect(githubWrites(w).slice(writes)).toEqual(['DELETE /orgs/acme/memberships/gh-renamed-3']);
  });

  it('links the member who accepted an email invitation to its person, and removes them when that person leaves', async () => {
    let newbie = '';
    const { w, t } = await start((w) => {
      // In Engineering, with no GitHub attribute: Lanyard invites the email address.
      newbie = w.okta.state.addUser({
        login: 'newbie@example.com',
        email: 'newbie@example.com',
        firstName: 'New',
        lastName: 'Bie',
      }).id;
      w.okta.state.addMember(w.groupIds.get('Engineering')!, newbie, true);
      w.okta.state.addMember(w.groupIds.get('Everyone')!, newbie, true);
    });
    const invitation = [...w.github!.state.invitations.values()].find(
      (i) => i.email === 'newbie@example.com',
    );
    expect(invitation).toMatchObject({ userId: null });
    // They sign up under a login the directory never heard of.
    acceptAll(w, (email) => (email === 'newbie@example.com' ? 'octo-newbie' : undefined));
    await t.call('sync.run', {});
    expect(w.github!.state.roleOf('octo-newbie')).toBe('member');
    expect(await githubPlan(t)).toEqual({ ops: [], orphans: [] });

    const writes = githubWrites(w).length;
    w.okta.state.setStatus(newbie, 'SUSPENDED');
    const leave = await t.call('sync.run', {});
    expect(leave.held).toEqual([]);
    expect(w.github!.state.roleOf('octo-newbie')).toBeUndefined();
    expect(githubWrites(w).slice(writes)).toEqual(['DELETE /orgs/acme/memberships/octo-newbie']);
  });

  it('links a person whose GitHub attribute holds the numeric user id', async () => {
    const { w, t } = await start((w) => {
      const id = w.github!.state.user('gh-user6')!.id;
      w.okta.state.updateProfile(w.people[6]!, { githubUsername: String(id) });
    });
    acceptAll(w);
    await t.call('sync.run', {});
    expect(w.github!.state.roleOf('gh-user6')).toBe('member');
    w.github!.state.rename('gh-user6', 'six');
    expect(await githubPlan(t)).toEqual({ ops: [], orphans: [] });
    expect(w.github!.state.invitationFor('six')).toBeUndefined();
  });
});
