// What an admin reads when GitHub refuses a request: the sentence names the step Lanyard was taking (which listing,
// whose membership, which team, which invitation, and why: a deletion or a deactivation), so the admin knows what
// did not happen; a GitHub account deleted since the last read, and an invitation no longer pending, are said as
// such with what happens next.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConnector } from '../../../electron/apps/types';
import type { FakeRequest } from '../../fakes/common/http';
import { ghError } from '../../fakes/github/errors';
import type { GithubFake } from '../../fakes/github/server';
import { githubConnector, OWNER, spec, startSeededFake } from '../../fakes/github/test-kit';

const fakes: GithubFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

/** An org with ana (a member, in team eng) and a pending email invitation (id returned). */
const world = async () => {
  const f = await startSeededFake();
  fakes.push(f);
  const ana = f.state.addMember('ana');
  f.state.addTeam('Eng', 'eng').members.set('ana', 'member');
  const inv = f.state.invite({
    userId: null,
    email: 'new@acme.io',
    role: 'direct_member',
    inviterId: f.state.user(OWNER)!.id,
  });
  return { f, id: String(ana.id), inv: inv.id };
};

/** The matching request is refused with GitHub's permission 403 (never retried). */
const refuse = (f: GithubFake, match: (req: FakeRequest) => boolean): void => {
  f.faults.add({
    match,
    fault: { kind: 'status', status: 403, body: ghError('Must have admin rights to Organization.') },
  });
};
const is =
  (method: string, path: string, role?: string) =>
  (req: FakeRequest): boolean =>
    req.method === method &&
    req.path === path &&
    (role === undefined || req.url.searchParams.get('role') === role);

type Step = [
  string,
  (w: { id: string; inv: number }) => [string, string, string?],
  (c: AppConnector, w: { id: string; inv: number }) => Promise<unknown>,
  (w: { id: string; inv: number }) => string,
];

const steps: Step[] = [
  ['listing teams', () => ['GET', '/orgs/acme/teams'], (c) => c.listAccounts(), () => 'list teams (page 1)'],
  [
    'listing a team’s members',
    () => ['GET', '/orgs/acme/teams/eng/members'],
    (c) => c.listAccounts(),
    () => 'list members of team eng (page 1)',
  ],
  [
    'listing members',
    () => ['GET', '/orgs/acme/members', 'all'],
    (c) => c.listAccounts(),
    () => 'list members (page 1)',
  ],
  [
    'listing owners',
    () => ['GET', '/orgs/acme/members', 'admin'],
    (c) => c.listAccounts(),
    () => 'list owners (page 1)',
  ],
  [
    'reading a membership',
    () => ['GET', '/orgs/acme/memberships/ana'],
    (c, w) => c.getAccount!(w.id),
    () => 'read the membership of ana',
  ],
  [
    'reading a team membership',
    () => ['GET', '/orgs/acme/teams/eng/memberships/ana'],
    (c, w) => c.getAccount!(w.id),
    () => 'read the membership of ana in team eng',
  ],
  [
    'looking a user up by id',
    (w) => ['GET', `/user/${w.id}`],
    (c, w) => c.getAccount!(w.id),
    (w) => `look up the GitHub user with id ${w.id}`,
  ],
  [
    'looking a user up by login',
    () => ['GET', '/users/ana'],
    (c) => c.create(spec('ana')),
    () => 'look up the GitHub user ana',
  ],
  [
    'making someone an owner',
    () => ['PUT', '/orgs/acme/memberships/ana'],
    (c, w) => c.update(w.id, { role: 'admin' }),
    () => 'make ana an owner of acme',
  ],
  [
    'making someone a member',
    () => ['PUT', '/orgs/acme/memberships/ana'],
    (c, w) => c.update(w.id, { role: 'member' }),
    () => 'make ana a member of acme',
  ],
  [
    'removing a member (delete)',
    () => ['DELETE', '/orgs/acme/memberships/ana'],
    (c, w) => c.delete(w.id),
    () => 'remove ana from acme (delete)',
  ],
  [
    'removing a member (deactivate)',
    () => ['DELETE', '/orgs/acme/memberships/ana'],
    (c, w) => c.setActive(w.id, false),
    () => 'remove ana from acme (deactivate)',
  ],
  [
    'cancelling an invitation (delete)',
    (w) => ['DELETE', `/orgs/acme/invitations/${w.inv}`],
    (c, w) => c.delete(`invitation:${w.inv}`),
    (w) => `cancel the invitation ${w.inv} (delete)`,
  ],
  [
    'cancelling an invitation (deactivate)',
    (w) => ['DELETE', `/orgs/acme/invitations/${w.inv}`],
    (c, w) => c.setActive(`invitation:${w.inv}`, false),
    (w) => `cancel the invitation ${w.inv} (deactivate)`,
  ],
  [
    'adding to a team',
    () => ['PUT', '/orgs/acme/teams/eng/memberships/ana'],
    (c, w) => c.addToGroup('eng', [w.id]),
    () => 'add ana to team eng',
  ],
  [
    'removing from a team',
    () => ['DELETE', '/orgs/acme/teams/eng/memberships/ana'],
    (c, w) => c.removeFromGroup('eng', [w.id]),
    () => 'remove ana from team eng',
  ],
];

describe('GitHub refusals name the step', () => {
  it.each(steps)('when %s', async (_label, request, run, action) => {
    const { f, ...w } = await world();
    const [method, path, role] = request(w);
    refuse(f, is(method, path, role));
    await expect(run(githubConnector(f), w)).rejects.toMatchObject({
      status: 403,
      message: `GitHub (acme) refused to ${action(w)} (403) — GitHub says: "Must have admin rights to Organization.".`,
    });
  });
});

describe('GitHub accounts that are gone', () => {
  it.each([
    ['set their role', (c: AppConnector) => c.update('424242', { role: 'admin' })],
    ['invite them again', (c: AppConnector) => c.setActive('424242', true)],
    ['add them to team eng', (c: AppConnector) => c.addToGroup('eng', ['424242'])],
  ])('says a deleted GitHub account cannot be changed: %s', async (action, run) => {
    const { f } = await world();
    await expect(run(githubConnector(f))).rejects.toMatchObject({
      kind: 'no-such-user',
      status: 404,
      message: `GitHub has no user with id 424242 any more (the account was deleted), so Lanyard cannot ${action} in acme.`,
      hint: 'The next sync reads the organization again and plans from what is there.',
    });
    expect(f.count('PUT') + f.count('POST')).toBe(0);
  });

  it('says an invitation that is neither pending nor failed is gone, and that the next sync re-reads', async () => {
    const { f } = await world();
    await expect(githubConnector(f).update('invitation:999', { role: 'admin' })).rejects.toMatchObject({
      kind: 'status',
      status: 404,
      message: 'The invitation 999 to acme is no longer pending (accepted, cancelled or expired).',
      hint: 'The next sync reads the organization again and plans from what is there.',
    });
  });
});
