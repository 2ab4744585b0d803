// GitHub org roles, removals and team changes on their edges: owners demoted and members promoted with GitHub's role
// names, someone outside the org asked back (GitHub invites them), accounts deleted on GitHub, a removal answered
// by a web page (never counted as done), team removals of someone not in the team, and logins that start with
// digits (never mistaken for user ids).
import { afterEach, describe, expect, it } from 'vitest';
import type { GithubFake } from '../../fakes/github/server';
import { githubConnector, OWNER, startSeededFake, stateOf } from '../../fakes/github/test-kit';

const fakes: GithubFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});
const fake = async (): Promise<GithubFake> => {
  const f = await startSeededFake();
  fakes.push(f);
  return f;
};
const bodies = (f: GithubFake, method: string) =>
  f.log.filter((r) => r.method === method).map((r) => [r.path, r.body]);

describe('GitHub org roles', () => {
  it('demotes an owner and promotes a member with GitHub’s role names, and reads the account back', async () => {
    const f = await fake();
    const boss = f.state.addMember('boss', 'admin');
    const dev = f.state.addMember('dev', 'member');
    const c = githubConnector(f);
    expect(stateOf(await c.update(String(boss.id), { role: 'member' }))).toMatchObject({
      userName: 'boss',
      role: 'member',
    });
    expect(stateOf(await c.update(String(dev.id), { role: 'admin' }))).toMatchObject({
      userName: 'dev',
      role: 'admin',
    });
    expect(bodies(f, 'PUT')).toEqual([
      ['/orgs/acme/memberships/boss', '{"role":"member"}'],
      ['/orgs/acme/memberships/dev', '{"role":"admin"}'],
    ]);
    expect([f.state.roleOf('boss'), f.state.roleOf('dev')]).toEqual(['member', 'admin']);
    // Members already in the org: no invitation to look for.
    expect(f.count('GET', /invitations$/)).toBe(0);
  });

  it('asks someone outside the org back with the role: GitHub invites them, and the invitation is read', async () => {
    const f = await fake();
    const gone = f.state.addUser('gone');
    const back = stateOf(await githubConnector(f).update(String(gone.id), { role: 'admin' }));
    const inv = f.state.invitationFor('gone')!;
    expect(back).toEqual({
      remoteId: `invitation:${inv.id}`,
      userName: 'gone',
      emails: [],
      externalId: null,
      active: true,
      role: 'admin',
      groups: [],
      displayName: null,
      pending: true,
    });
  });

  it('reads the pending membership when GitHub has invited them but does not list the invitation yet', async () => {
    const f = await fake();
    const gone = f.state.addUser('gone');
    f.faults.add({
      match: (req) => req.method === 'GET' && req.path === '/orgs/acme/invitations',
      fault: { kind: 'status', status: 200, body: [] },
    });
    const back = stateOf(await githubConnector(f).update(String(gone.id), { role: 'admin' }));
    expect(back).toMatchObject({ remoteId: String(gone.id), userName: 'gone', role: 'admin' });
    expect(f.state.invitationFor('gone')).toMatchObject({ role: 'admin' });
  });

  it('keeps the role GitHub answered when the membership cannot be read back yet', async () => {
    const f = await fake();
    const dev = f.state.addMember('dev');
    f.faults.add({
      match: (req) => req.method === 'GET' && req.path === '/orgs/acme/memberships/dev',
      fault: { kind: 'status', status: 404, body: { message: 'Not Found' } },
    });
    expect(stateOf(await githubConnector(f).update(String(dev.id), { role: 'admin' }))).toEqual({
      remoteId: String(dev.id),
      userName: 'dev',
      emails: [],
      externalId: null,
      active: true,
      role: 'admin',
      groups: [],
      displayName: null,
    });
  });

  it('changes nothing for an update without a role: a member is read with their teams, someone gone is inactive', async () => {
    const f = await fake();
    const dev = f.state.addMember('dev', 'admin');
    f.state.addTeam('Eng', 'eng').members.set('dev', 'member');
    const left = f.state.addUser('left');
    const c = githubConnector(f);
    expect(stateOf(await c.update(String(dev.id), { displayName: 'Dev Eloper' }))).toMatchObject({
      remoteId: String(dev.id),
      role: 'admin',
      groups: ['eng'],
      active: true,
    });
    expect(stateOf(await c.update(String(left.id), { displayName: 'Left' }))).toMatchObject({
      remoteId: String(left.id),
      userName: 'left',
      active: false,
    });
    expect(f.count('PUT') + f.count('POST') + f.count('DELETE')).toBe(0);
  });

  it('reactivates a member still in the org as they are, without inviting', async () => {
    const f = await fake();
    const dev = f.state.addMember('dev', 'admin');
    expect(stateOf(await githubConnector(f).setActive(String(dev.id), true))).toMatchObject({
      remoteId: String(dev.id),
      role: 'admin',
      active: true,
    });
    expect(f.count('POST')).toBe(0);
  });

  it('reads a member’s name from their membership when GitHub gives one', async () => {
    const f = await fake();
    const dev = f.state.addMember('dev');
    f.faults.add({
      match: (req) => req.method === 'GET' && req.path === '/orgs/acme/memberships/dev',
      fault: {
        kind: 'status',
        status: 200,
        body: { state: 'active', role: 'member', user: { login: 'dev', id: dev.id, name: 'Dev Eloper' } },
      },
    });
    expect(await githubConnector(f).getAccount!(String(dev.id))).toMatchObject({
      userName: 'dev',
      displayName: 'Dev Eloper',
    });
  });

  it('reads a member whose membership answer omits the user under the id and login it asked for', async () => {
    const f = await fake();
    const dev = f.state.addMember('dev');
    f.faults.add({
      match: (req) => req.method === 'GET' && req.path === '/orgs/acme/memberships/dev',
      fault: { kind: 'status', status: 200, body: { state: 'active', role: 'admin' } },
    });
    expect(await githubConnector(f).getAccount!(String(dev.id))).toEqual({
      remoteId: String(dev.id),
      userName: 'dev',
      emails: [],
      externalId: null,
      active: true,
      role: 'admin',
      groups: [],
      displayName: null,
    });
  });
});

describe('GitHub removals', () => {
  it('deactivating an account deleted on GitHub sends nothing and reports it inactive under its id', async () => {
    const f = await fake();
    expect(stateOf(await githubConnector(f).setActive('424242', false))).toMatchObject({
      remoteId: '424242',
      userName: '424242',
      active: false,
    });
    expect(f.count('DELETE')).toBe(0);
  });

  it('removing an account deleted on GitHub from a team sends nothing and counts it as done', async () => {
    const f = await fake();
    f.state.addTeam('Eng', 'eng');
    const r = stateOf(await githubConnector(f).removeFromGroup('eng', ['424242']));
    expect(r).toMatchObject({ changed: ['424242'] });
    expect(f.count('DELETE')).toBe(0);
  });

  it('deactivating an invitation that is gone reports it inactive under its id', async () => {
    const f = await fake();
    expect(stateOf(await githubConnector(f).setActive('invitation:77', false))).toMatchObject({
      remoteId: 'invitation:77',
      userName: 'invitation:77',
      active: false,
    });
    expect(f.served.filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([404]);
  });

  it('never counts a removal answered by a web page as done', async () => {
    const f = await fake();
    const dev = f.state.addMember('dev');
    f.state.addTeam('Eng', 'eng').members.set('dev', 'member');
    f.faults.add({ match: (req) => req.method === 'DELETE', times: Infinity, fault: { kind: 'html' } });
    const c = githubConnector(f);
    await expect(c.delete(String(dev.id))).rejects.toMatchObject({ kind: 'bad-content-type' });
    await expect(c.removeFromGroup('eng', [String(dev.id)])).rejects.toMatchObject({
      kind: 'bad-content-type',
    });
    const inv = f.state.invite({
      userId: null,
      email: 'x@acme.io',
      role: 'direct_member',
      inviterId: f.state.user(OWNER)!.id,
    });
    await expect(c.delete(`invitation:${inv.id}`)).rejects.toMatchObject({ kind: 'bad-content-type' });
  });

  it('counts removing someone from a team they are not in as done (GitHub answers 404)', async () => {
    const f = await fake();
    const dev = f.state.addMember('dev');
    f.state.addTeam('Eng', 'eng');
    const r = stateOf(await githubConnector(f).removeFromGroup('eng', [String(dev.id)]));
    expect(r).toMatchObject({ changed: [String(dev.id)], requests: 2 });
    expect(f.served.filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([404]);
  });

  it('adds to a team as a plain member (not a maintainer)', async () => {
    const f = await fake();
    const dev = f.state.addMember('dev');
    const eng = f.state.addTeam('Eng', 'eng');
    await githubConnector(f).addToGroup('eng', [String(dev.id)]);
    expect(bodies(f, 'PUT')).toEqual([['/orgs/acme/teams/eng/memberships/dev', '{"role":"member"}']]);
    expect(eng.members.get('dev')).toBe('member');
  });

  it('writes to a stored login that starts with digits as a login, not as a user id', async () => {
    const f = await fake();
    f.state.addMember('4ana');
    expect(stateOf(await githubConnector(f).delete('4ana'))).toEqual({
      remoteId: '4ana',
      effect: 'deleted',
      alreadyGone: false,
    });
    expect(f.state.roleOf('4ana')).toBeUndefined();
  });
});
