// GitHub accounts keyed by the numeric user id: a renamed login is the same account (read with its new login, and
// every write resolves the login from the id, never using the old one), the directory attribute may hold the id
// instead of the login, a user deleted on GitHub is "already gone", and what Lanyard remembers between reads —
// the person a member belongs to across a rename, the person an accepted invitation was for — is carried over
// without ever guessing when two newcomers could be the one.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppAccount } from '../../../electron/apps/types';
import { correlate, indexPeople } from '../../../electron/sync/correlate';
import { rememberGithubOwners, type KnownAccount } from '../../../electron/sync/github-owners';
import type { GithubFake } from '../../fakes/github/server';
import { githubConnector, spec, startSeededFake, stateOf } from '../../fakes/github/test-kit';
import { github, person } from '../sync/fixtures';

const fakes: GithubFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});
const fake = async (): Promise<GithubFake> => {
  const f = await startSeededFake();
  fakes.push(f);
  return f;
};

describe('GitHub members keyed by their user id', () => {
  it('reads a renamed member as the same account with the new login', async () => {
    const f = await fake();
    const mona = f.state.addMember('mona', 'admin');
    f.state.addTeam('Web').members.set('mona', 'member');
    const c = githubConnector(f);
    const before = (await c.listAccounts()).find((a) => a.userName === 'mona')!;
    f.state.rename('mona', 'mona-lisa');
    const after = (await c.listAccounts()).find((a) => a.remoteId === before.remoteId)!;
    expect(before.remoteId).toBe(String(mona.id));
    expect(after).toMatchObject({ userName: 'mona-lisa', role: 'admin', groups: ['web'], active: true });
    expect((await c.listGroups())[0]!.members).toEqual([String(mona.id)]);
  });

  it('writes to the current login after a rename, never to the old one (which someone else now holds)', async () => {
    const f = await fake();
    const mona = f.state.addMember('mona');
    f.state.addTeam('Web');
    const c = githubConnector(f);
    f.state.rename('mona', 'mona-lisa');
    // The old login is taken by a stranger outside the org.
    f.state.addUser('mona');
    const id = String(mona.id);
    expect(stateOf(await c.update(id, { role: 'admin' }))).toMatchObject({
      remoteId: id,
      userName: 'mona-lisa',
      role: 'admin',
    });
    await c.addToGroup('web', [id]);
    expect([...f.state.teams.get('web')!.members.keys()]).toEqual(['mona-lisa']);
    expect(stateOf(await c.setActive(id, false))).toMatchObject({ remoteId: id, active: false });
    expect(f.state.roleOf('mona-lisa')).toBeUndefined();
    expect(f.state.invitations.size).toBe(0);
    const touched = f.log.filter((r) => r.method !== 'GET').map((r) => r.path);
    expect(touched.every((p) => !/\/mona$/.test(p))).toBe(true);
  });

  it('invites or adopts by the user id when the directory attribute holds the id', async () => {
    const f = await fake();
    const ada = f.state.addUser('ada');
    const member = f.state.addMember('bob');
    const c = githubConnector(f);
    const invited = stateOf(await c.create(spec(String(ada.id))));
    expect(invited).toMatchObject({ userName: 'ada', pending: true });
    expect(JSON.parse(f.log.find((r) => r.method === 'POST')!.body)).toMatchObject({ invitee_id: ada.id });
    const adopted = await c.create(spec(String(member.id)));
    expect(adopted).toMatchObject({ adopted: true, state: { remoteId: String(member.id), userName: 'bob' } });
  });

  it('says a member whose GitHub account was deleted is already gone, and refuses to add them to a team', async () => {
    const f = await fake();
    const c = githubConnector(f);
    expect(stateOf(await c.delete('424242'))).toEqual({
      remoteId: '424242',
      effect: 'deleted',
      alreadyGone: true,
    });
    f.state.addTeam('Web');
    await expect(c.addToGroup('web', ['424242'])).rejects.toMatchObject({ kind: 'no-such-user' });
    expect(f.count('DELETE') + f.count('PUT')).toBe(0);
  });

  it('still writes to a login-keyed remoteId stored before ids were used', async () => {
    const f = await fake();
    f.state.addMember('legacy');
    const c = githubConnector(f);
    expect(stateOf(await c.delete('legacy'))).toMatchObject({ remoteId: 'legacy', alreadyGone: false });
    expect(f.state.roleOf('legacy')).toBeUndefined();
    expect(f.log.some((r) => r.path.startsWith('/user/'))).toBe(false);
  });
});

const acc = (remoteId: string, userName: string, p: Partial<AppAccount> = {}): AppAccount => ({
  remoteId,
  userName,
  emails: [],
  externalId: null,
  active: true,
  role: 'member',
  groups: [],
  displayName: null,
  ...p,
});
const known = (a: AppAccount, personId: string | null): KnownAccount => ({ ...a, personId });
const invitation = (id: number, to: string, personId: string | null, p: Partial<AppAccount> = {}) =>
  known(acc(`invitation:${id}`, to, { pending: true, emails: to.includes('@') ? [to] : [], ...p }), personId);
const noLinks = () => new Map<string, string>();

describe('what Lanyard remembers between GitHub reads', () => {
  it('keeps the owner of a member across a rename', () => {
    const r = rememberGithubOwners([known(acc('7', 'old'), 'p1')], [acc('7', 'new')], noLinks);
    expect(r.accounts).toEqual([acc('7', 'new', { externalId: 'p1' })]);
  });

  it('moves the owner of a row stored by login to the member keyed by id', () => {
    const r = rememberGithubOwners([known(acc('Mona', 'Mona'), 'p1')], [acc('7', 'mona')], noLinks);
    expect(r.accounts[0]!.externalId).toBe('p1');
  });

  it('links the member who accepted an invitation to the person it was for', () => {
    const prev = [invitation(1, 'ada@acme.io', 'p-ada'), invitation(2, 'bob-gh', 'p-bob')];
    const r = rememberGithubOwners(prev, [acc('8', 'Bob-GH'), acc('9', 'ada-new')], noLinks);
    expect(r.accounts.map((a) => [a.userName, a.externalId])).toEqual([
      ['Bob-GH', 'p-bob'],
      ['ada-new', 'p-ada'],
    ]);
  });

  it('guesses nothing when two email invitations vanished, or two unknown members appeared', () => {
    const two = [invitation(1, 'ada@acme.io', 'p-ada'), invitation(2, 'cy@acme.io', 'p-cy')];
    const r1 = rememberGithubOwners(two, [acc('9', 'x'), acc('10', 'y')], noLinks);
    expect(r1.accounts.every((a) => a.externalId === null)).toBe(true);
    const r2 = rememberGithubOwners([two[0]!], [acc('9', 'x'), acc('10', 'y')], noLinks);
    expect(r2.accounts.every((a) => a.externalId === null)).toBe(true);
  });

  it('does not count a member the directory already claims, a cancelled invitation, or one nobody owned', () => {
    const prev = [invitation(1, 'ada@acme.io', 'p-ada')];
    // y is linked by the directory attribute: x is the only newcomer.
    const link = (l: readonly AppAccount[]) =>
      new Map(l.filter((a) => a.userName === 'y' || a.externalId).map((a) => [a.remoteId, 'p?']));
    expect(
      rememberGithubOwners(prev, [acc('9', 'x'), acc('10', 'y')], link).accounts.map((a) => a.externalId),
    ).toEqual(['p-ada', null]);
    const cancelled = [invitation(1, 'ada@acme.io', 'p-ada', { active: false })];
    expect(rememberGithubOwners(cancelled, [acc('9', 'x')], noLinks).accounts[0]!.externalId).toBeNull();
    const unowned = [invitation(1, 'ada@acme.io', null)];
    expect(rememberGithubOwners(unowned, [acc('9', 'x')], noLinks).accounts[0]!.externalId).toBeNull();
  });
});

describe('linking GitHub members to people', () => {
  const app = github({ usernameAttribute: 'gh' });

  it('links by the numeric user id held in the directory attribute', () => {
    const ana = person('ana', { attributes: { gh: '4242' } });
    const c = correlate(app, [acc('4242', 'ana-renamed')], indexPeople([ana]));
    expect(c.linked[0]?.remoteId).toBe('4242');
    expect(c.orphans).toEqual([]);
  });

  it('never matches a user id against logins or emails', () => {
    const ana = person('ana', { login: '4242', attributes: { gh: 'ana' } });
    const c = correlate(app, [acc('4242', 'someone')], indexPeople([ana]));
    expect(c.linked[0]).toBeUndefined();
    expect(c.orphans).toHaveLength(1);
  });

  it('keeps the remembered owner when the attribute names nothing, and hears the attribute when it names another member', () => {
    const ana = person('ana', { attributes: { gh: 'ana-old' } });
    const renamed = acc('7', 'ana-new', { externalId: ana.id });
    expect(correlate(app, [renamed], indexPeople([ana])).linked[0]?.remoteId).toBe('7');
    const fixed = person('ana', { attributes: { gh: 'ana-real' } });
    const c = correlate(app, [renamed, acc('8', 'ana-real')], indexPeople([fixed]));
    expect(c.linked[0]?.remoteId).toBe('8');
    expect(c.orphans.map((o) => o.remoteId)).toEqual(['7']);
  });
});
