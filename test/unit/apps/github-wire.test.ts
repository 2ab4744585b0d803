// What Lanyard accepts from GitHub as a member, an invitation or a team, and as a login. A listing entry missing
// what Lanyard needs (a login, an id, a slug) must fail the read loudly: skipping it would look like that person
// left the org, and using it half-filled would invite or remove the wrong account.
import { afterEach, describe, expect, it } from 'vitest';
import { isLogin } from '../../../electron/apps/github/wire';
import type { GithubFake } from '../../fakes/github/server';
import { githubConnector, startSeededFake } from '../../fakes/github/test-kit';

const fakes: GithubFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});
const fake = async (): Promise<GithubFake> => {
  const f = await startSeededFake();
  fakes.push(f);
  return f;
};

/** The next answer to GET `path` is a 200 with this JSON body. */
const answer = (f: GithubFake, path: string, body: unknown): void => {
  f.faults.add({
    match: (req) => req.method === 'GET' && req.path === path,
    fault: { kind: 'status', status: 200, body },
  });
};

describe('GitHub listings refuse entries without what Lanyard needs', () => {
  it.each([
    ['no login', { id: 7 }],
    ['an empty login', { login: '', id: 7 }],
    ['a login that is not a string', { login: 42, id: 7 }],
    ['no id', { login: 'ana' }],
    ['an id that is not a number', { login: 'ana', id: '7' }],
    ['a string', 'ana'],
    ['a list', [{ login: 'ana', id: 7 }]],
    ['null', null],
  ])('a member with %s', async (_label, entry) => {
    const f = await fake();
    answer(f, '/orgs/acme/members', [{ login: 'octo-admin', id: 1 }, entry]);
    await expect(githubConnector(f).listAccounts()).rejects.toMatchObject({
      kind: 'malformed',
      message: expect.stringContaining('an entry lacks the fields Lanyard needs'),
    });
  });

  it.each([
    ['no slug', { id: 3, name: 'Platform' }],
    ['an empty slug', { id: 3, slug: '' }],
    ['no id', { slug: 'platform' }],
    ['an id that is not a number', { slug: 'platform', id: '3' }],
    ['a slug that is not a string', { slug: 3, id: 3 }],
  ])('a team with %s', async (_label, entry) => {
    const f = await fake();
    answer(f, '/orgs/acme/teams', [entry]);
    await expect(githubConnector(f).listAccounts()).rejects.toMatchObject({ kind: 'malformed' });
  });

  it.each([
    ['neither login nor email', { id: 9, role: 'direct_member' }],
    ['no id', { login: 'ana', email: null, role: 'direct_member' }],
    ['an id that is not a number', { id: '9', login: 'ana' }],
  ])('an invitation with %s', async (_label, entry) => {
    const f = await fake();
    answer(f, '/orgs/acme/invitations', [entry]);
    await expect(githubConnector(f).listAccounts()).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('reads an email-only invitation without a role as a pending member account named by its email', async () => {
    const f = await fake();
    answer(f, '/orgs/acme/invitations', [{ id: 9, login: null, email: 'new@acme.io' }]);
    const accounts = await githubConnector(f).listAccounts();
    expect(accounts.find((a) => a.remoteId === 'invitation:9')).toEqual({
      remoteId: 'invitation:9',
      userName: 'new@acme.io',
      emails: ['new@acme.io'],
      externalId: null,
      active: true,
      role: 'member',
      groups: [],
      displayName: null,
      pending: true,
    });
  });

  it('reads a team whose name is missing under its slug', async () => {
    const f = await fake();
    const team = f.state.addTeam('Platform');
    answer(f, '/orgs/acme/teams', [{ id: team.id, slug: team.slug }]);
    const groups = await githubConnector(f).listGroups!();
    expect(groups).toEqual([expect.objectContaining({ remoteId: 'platform', displayName: 'platform' })]);
  });
});

describe('GitHub login rules', () => {
  it.each([
    ['ana', true],
    ['Ana-Silva', true],
    ['9lives', true],
    ['a', true],
    ['a'.repeat(39), true],
    ['a'.repeat(40), false],
    ['-ana', false],
    ['ana-', false],
    ['a--b', false],
    ['_ana', false],
    ['ana_silva', false],
    ['ana@acme.io', false],
    ['', false],
  ])('%s is a login: %s', (login, expected) => {
    expect(isLogin(login)).toBe(expected);
  });
});
