// GitHub identities when Lanyard creates an account that may already exist: an active member is adopted with
// its role and teams; a member whose invitation is still pending, or an email invitation, is found however
// its login or address is capitalised; a malformed membership or team-membership answer is never taken for one.
import { afterEach, describe, expect, it } from 'vitest';
import type { GithubFake } from '../../fakes/github/server';
import { githubConnector, OWNER, spec, startSeededFake, stateOf } from '../../fakes/github/test-kit';

const fakes: GithubFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});
const fake = async (): Promise<GithubFake> => {
  const f = await startSeededFake();
  fakes.push(f);
  return f;
};
const owner = (f: GithubFake) => f.state.user(OWNER)!.id;

describe('GitHub accounts that already exist', () => {
  it('adopts an active member with its role and teams, without inviting', async () => {
    const f = await fake();
    f.state.addUser('Mona', { name: 'Mona Lisa' });
    f.state.addMember('Mona', 'admin');
    const web = f.state.addTeam('Web');
    f.state.addTeam('Ops');
    web.members.set('mona', 'member');
    const r = await githubConnector(f).create(spec('mona'));
    expect(r).toMatchObject({ adopted: true });
    // Keyed by GitHub's stable user id; the login is the display name.
    expect(stateOf(r)).toEqual({
      remoteId: String(f.state.user('Mona')!.id),
      userName: 'Mona',
      emails: [],
      externalId: null,
      active: true,
      role: 'admin',
      groups: ['web'],
      // The membership's user is GitHub's "simple user", which carries no name.
      displayName: null,
    });
    expect(f.count('POST', /invitations$/)).toBe(0);
  });

  it('adopts a pending invitation found by login, whatever its case', async () => {
    const f = await fake();
    const u = f.state.addUser('Octo-Cat');
    const other = f.state.addUser('someone');
    f.state.invite({ userId: other.id, email: null, role: 'direct_member', inviterId: owner(f) });
    const inv = f.state.invite({ userId: u.id, email: null, role: 'admin', inviterId: owner(f) });
    const r = await githubConnector(f).create(spec('octo-cat'));
    expect(r).toMatchObject({ adopted: true });
    expect(stateOf(r)).toMatchObject({ remoteId: `invitation:${inv.id}`, role: 'admin', pending: true });
    expect(f.count('POST', /invitations$/)).toBe(0);
  });

  it('adopts an email invitation whatever the address’s case, and not another address’s', async () => {
    const f = await fake();
    f.state.invite({ userId: null, email: 'bob@acme.io', role: 'direct_member', inviterId: owner(f) });
    const inv = f.state.invite({
      userId: null,
      email: 'Ada@Acme.io',
      role: 'direct_member',
      inviterId: owner(f),
    });
    const r = await githubConnector(f).create(spec('ada@acme.io', { email: 'ada@acme.io' }));
    expect(r).toMatchObject({ adopted: true });
    expect(stateOf(r)).toMatchObject({ remoteId: `invitation:${inv.id}`, userName: 'Ada@Acme.io' });
  });

  it('cancels the right invitation by id when an invited person is removed', async () => {
    const f = await fake();
    const keep = f.state.invite({
      userId: null,
      email: 'keep@acme.io',
      role: 'direct_member',
      inviterId: owner(f),
    });
    const drop = f.state.invite({
      userId: null,
      email: 'drop@acme.io',
      role: 'direct_member',
      inviterId: owner(f),
    });
    await githubConnector(f).delete(`invitation:${drop.id}`);
    expect([...f.state.invitations.keys()]).toEqual([keep.id]);
  });

  it.each([
    ['an unknown state', { state: 'weird', role: 'admin' }],
    ['no role', { state: 'active' }],
    ['a list', [{ state: 'active', role: 'admin' }]],
  ])(
    'does not trust a membership answer with %s: it checks again and adopts what GitHub then says',
    async (_l, body) => {
      const f = await fake();
      f.state.addUser('Mona');
      f.state.addMember('Mona', 'member');
      f.faults.add({
        match: (req) => req.method === 'GET' && /\/memberships\/mona$/i.test(req.path),
        fault: { kind: 'status', status: 200, body },
      });
      const r = await githubConnector(f).create(spec('mona'));
      // The invitation attempt is refused (already a member), and the membership read again is the real one.
      expect(r).toMatchObject({ adopted: true, state: { userName: 'Mona', role: 'member', active: true } });
      expect(f.count('POST', /invitations$/)).toBe(1);
      expect(f.state.invitations.size).toBe(0);
    },
  );

  it.each([
    ['an unknown state', { state: 'weird', role: 'member' }],
    ['no role', { state: 'active' }],
    ['a pending state but no role', { state: 'pending' }],
  ])('fails adding to a team when GitHub answers a team membership with %s', async (_l, body) => {
    const f = await fake();
    f.state.addMember('Mona', 'member');
    f.state.addTeam('Web');
    f.faults.add({
      match: (req) => req.method === 'PUT' && /\/teams\/web\/memberships\//.test(req.path),
      fault: { kind: 'status', status: 200, body },
    });
    await expect(githubConnector(f).addToGroup!('web', ['Mona'])).rejects.toMatchObject({
      kind: 'malformed',
      message: expect.stringContaining('the team membership has no state'),
    });
  });

  it('accepts a pending team membership (GitHub invites a login to the team)', async () => {
    const f = await fake();
    f.state.addMember('Mona', 'member');
    f.state.addTeam('Web');
    f.faults.add({
      match: (req) => req.method === 'PUT' && /\/teams\/web\/memberships\//.test(req.path),
      fault: { kind: 'status', status: 200, body: { state: 'pending', role: 'member' } },
    });
    expect(stateOf(await githubConnector(f).addToGroup!('web', ['Mona']))).toMatchObject({
      changed: ['Mona'],
    });
  });

  it('counts a team whose membership answer is pending among the member’s teams', async () => {
    const f = await fake();
    f.state.addUser('Mona');
    f.state.addMember('Mona', 'member');
    f.state.addTeam('Web');
    f.faults.add({
      match: (req) => req.method === 'GET' && /\/teams\/web\/memberships\/mona$/i.test(req.path),
      fault: { kind: 'status', status: 200, body: { state: 'pending', role: 'member' } },
    });
    expect(stateOf(await githubConnector(f).create(spec('mona')))).toMatchObject({ groups: ['web'] });
  });
});
