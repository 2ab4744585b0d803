// GitHub invitations through whole sync runs (Okta, SCIM and GitHub fakes on loopback, a real core on SQLite): an
// email invitation that expired is proposed again through the plan, in words that say so, and sent once; a member
// who joined otherwise meanwhile is never linked to the invited person by elimination; the person who accepts the
// new invitation is linked and removed from the org when they leave.
import { describe, expect, it } from 'vitest';
import { OWNER } from '../../fakes/github/test-kit';
import { worldPerTest, type TestCore, type World } from '../sync-engine/kit';

const world = worldPerTest();
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const githubWrites = (w: World): string[] =>
  w.github!.log.filter((r) => WRITES.has(r.method)).map((r) => `${r.method} ${r.path} ${r.body}`.trim());
const githubPlan = async (t: TestCore) => {
  const plan = await t.call('sync.plan', {});
  return {
    ops: plan.ops.filter((o) => o.appId === 'github').map((o) => [o.kind, o.reason]),
    // The org's owner (whose token Lanyard uses) is in no directory: the one orphan every plan reports.
    orphans: plan.orphans.filter((o) => o.appId === 'github' && o.userName !== OWNER).map((o) => o.userName),
  };
};

describe('GitHub invitations that expire, through sync runs', () => {
  it('invites again through the plan, never links a stranger by elimination, and removes the member who accepted when they leave', async () => {
    const { w, t } = await world(30);
    // In Engineering, with no GitHub attribute: Lanyard invites the email address.
    const newbie = w.okta.state.addUser({
      login: 'newbie@example.com',
      email: 'newbie@example.com',
      firstName: 'New',
      lastName: 'Bie',
    }).id;
    w.okta.state.addMember(w.groupIds.get('Engineering')!, newbie, true);
    w.okta.state.addMember(w.groupIds.get('Everyone')!, newbie, true);
    expect((await t.call('sync.run', {})).failed).toEqual([]);
    const gh = w.github!.state;
    const first = [...gh.invitations.values()].find((i) => i.email === 'newbie@example.com')!;
    for (const inv of [...gh.invitations.values()]) if (inv !== first) gh.accept(inv.id);
    await t.call('sync.run', {});

    // A week later: nobody accepted it, and someone the directory does not know was added by hand.
    gh.expire(first.id);
    gh.addMember('stranger');
    const writes = githubWrites(w).length;
    expect(await githubPlan(t)).toEqual({
      ops: [
        [
          'reactivate',
          expect.stringMatching(
            /^invite newbie@example\.com to GitHub again \(the invitation expired or failed\): in Engineering/,
          ),
        ],
      ],
      orphans: ['stranger'],
    });
    expect((await t.call('sync.run', {})).failed).toEqual([]);
    expect(githubWrites(w).slice(writes)).toEqual([
      'POST /orgs/acme/invitations {"email":"newbie@example.com","role":"direct_member"}',
    ]);
    // The new invitation is theirs: nothing more to send, and the stranger is still nobody's.
    expect(await githubPlan(t)).toEqual({ ops: [], orphans: ['stranger'] });
    await t.call('sync.run', {});
    expect(githubWrites(w).slice(writes)).toHaveLength(1);

    const second = [...gh.invitations.values()].find((i) => i.email === 'newbie@example.com')!;
    gh.accept(second.id, 'octo-newbie');
    await t.call('sync.run', {});
    // GitHub still lists the expired invitation; the person has their member account, so it is reported as an
    // extra account of theirs, never sent again.
    expect(await githubPlan(t)).toEqual({ ops: [], orphans: ['newbie@example.com', 'stranger'] });
    const joined = githubWrites(w).length;

    w.okta.state.setStatus(newbie, 'SUSPENDED');
    const leave = await t.call('sync.run', {});
    expect(leave.held).toEqual([]);
    expect(gh.roleOf('octo-newbie')).toBeUndefined();
    expect(gh.roleOf('stranger')).toBe('member');
    expect(githubWrites(w).slice(joined)).toEqual(['DELETE /orgs/acme/memberships/octo-newbie']);
  });
});
