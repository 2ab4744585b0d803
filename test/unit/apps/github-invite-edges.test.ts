// GitHub invitations on their edges: which roles are sent, who cannot be invited (and what the admin is told), the
// 422 "already" answer taken only from GitHub's own words (never from an invitee's login or address that happens to
// contain "already"), races where the invitation appears or cannot be read back, and answers without what Lanyard
// needs. Also what a listing shows of a member's name and of a failure by login superseded by an email invitation.
import { afterEach, describe, expect, it } from 'vitest';
import { SCOPE_HINT } from '../../../electron/apps/github/errors';
import { ghError } from '../../fakes/github/errors';
import type { GithubFake } from '../../fakes/github/server';
import { githubConnector, OWNER, spec, startSeededFake } from '../../fakes/github/test-kit';

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
const posted = (f: GithubFake) => f.log.filter((r) => r.method === 'POST').map((r) => r.body);
/** The next POST of an invitation gets this answer instead of GitHub's. */
const answerInvite = (f: GithubFake, status: number, body: unknown): void => {
  f.faults.add({
    match: (req) => req.method === 'POST' && req.path === '/orgs/acme/invitations',
    fault: { kind: 'status', status, body },
  });
};
const unprocessable = (message: string) =>
  ghError('Validation Failed', undefined, {
    errors: [{ resource: 'OrganizationInvitation', code: 'unprocessable', field: 'data', message }],
  });

describe('GitHub invitations: roles and who can be invited', () => {
  it('invites as a plain member when the rule gives no role, an empty one, or GitHub’s own name for it', async () => {
    const f = await fake();
    for (const login of ['a1', 'a2', 'a3']) f.state.addUser(login);
    const c = githubConnector(f);
    await c.create(spec('a1', { role: null }));
    await c.create(spec('a2', { role: '' }));
    await c.create(spec('a3', { role: 'direct_member' }));
    expect(posted(f).map((b) => (JSON.parse(b) as { role: string }).role)).toEqual([
      'direct_member',
      'direct_member',
      'direct_member',
    ]);
  });

  it('refuses a role GitHub does not have as the admin’s input to fix, with the roles it has', async () => {
    const f = await fake();
    await expect(githubConnector(f).create(spec('anyone', { role: 'superuser' }))).rejects.toMatchObject({
      code: 'bad_input',
      message: '"superuser" is not a GitHub organization role',
      hint: 'Use "member" or "admin" (or "billing_manager") in the access rule.',
    });
  });

  it('says how to fix a person with neither a GitHub login nor an email', async () => {
    const f = await fake();
    await expect(githubConnector(f).create(spec('not a login'))).rejects.toMatchObject({
      code: 'bad_input',
      hint: 'Fill the GitHub username attribute for this person in the directory, or give them an email address.',
    });
  });

  it('names a user id GitHub does not know', async () => {
    const f = await fake();
    await expect(githubConnector(f).create(spec('987654'))).rejects.toMatchObject({
      kind: 'no-such-user',
      status: 404,
      message: 'GitHub has no user with id 987654, so they cannot be invited to acme.',
    });
    expect(f.count('POST')).toBe(0);
  });
});

describe('GitHub invitations: what GitHub answers', () => {
  it('reports a 422 about something else as it is, even for an address that contains "already"', async () => {
    const f = await fake();
    answerInvite(f, 422, unprocessable('Over invitation rate limit'));
    await expect(githubConnector(f).create(spec('already@acme.io'))).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Over invitation rate limit'),
    });
    expect(f.count('GET', /invitations$/)).toBe(1);
  });

  it('reports a refusal that is not a 422 as it is, even for a login that contains "already"', async () => {
    const f = await fake();
    f.state.addUser('already-here');
    answerInvite(f, 403, ghError('Must have admin rights to Organization.'));
    await expect(githubConnector(f).create(spec('already-here'))).rejects.toMatchObject({
      status: 403,
      hint: SCOPE_HINT,
    });
  });

  it('reads "already" as "in the org" only in a 422: any other refusal saying it is reported as it is', async () => {
    const f = await fake();
    f.state.addUser('newbie');
    answerInvite(f, 403, ghError('Invitee has already been invited'));
    await expect(githubConnector(f).create(spec('newbie'))).rejects.toMatchObject({ status: 403 });
    expect(f.count('GET', /invitations$/)).toBe(1);
  });

  it('adopts the invitation to the same address GitHub says was sent meanwhile', async () => {
    const f = await fake();
    // Lanyard looks first and finds nothing; someone else invites the address before Lanyard's POST lands.
    f.faults.add({
      match: (req) => req.method === 'GET' && req.path === '/orgs/acme/invitations',
      fault: { kind: 'status', status: 200, body: [] },
    });
    const theirs = f.state.invite({
      userId: null,
      email: 'race@acme.io',
      role: 'direct_member',
      inviterId: owner(f),
    });
    const r = await githubConnector(f).create(spec('race@acme.io'));
    expect(r).toMatchObject({ adopted: true, state: { remoteId: `invitation:${theirs.id}`, pending: true } });
    expect(f.state.invitations.size).toBe(1);
  });

  it('says so when GitHub calls a login a member but neither a membership nor an invitation can be read', async () => {
    const f = await fake();
    f.state.addUser('ghost');
    answerInvite(f, 422, unprocessable('Invitee is already a part of this organization'));
    await expect(githubConnector(f).create(spec('ghost'))).rejects.toMatchObject({
      kind: 'status',
      status: 422,
      message:
        'GitHub (acme) says ghost is already in the organization, but no membership or invitation could be read.',
    });
  });

  it('says how to fix an address GitHub calls already in under a login Lanyard does not know', async () => {
    const f = await fake();
    answerInvite(f, 422, unprocessable('Invitee is already a part of this organization'));
    await expect(githubConnector(f).create(spec('known@acme.io'))).rejects.toMatchObject({
      kind: 'status',
      status: 422,
      hint: 'Set the GitHub username attribute for this person so Lanyard can match the member.',
    });
  });

  it('refuses an invitation answer without an id', async () => {
    const f = await fake();
    f.state.addUser('newbie');
    answerInvite(f, 201, { login: 'newbie', role: 'direct_member' });
    await expect(githubConnector(f).create(spec('newbie'))).rejects.toMatchObject({
      kind: 'malformed',
      message:
        'GitHub (acme) sent a malformed response when trying to invite newbie to acme: the invitation has no id.',
    });
  });

  it('adopts a member whose membership answer omits the user under the id and login it looked up', async () => {
    const f = await fake();
    const dev = f.state.addMember('dev');
    f.faults.add({
      match: (req) => req.method === 'GET' && req.path === '/orgs/acme/memberships/dev',
      fault: { kind: 'status', status: 200, body: { state: 'active', role: 'member' } },
    });
    const r = await githubConnector(f).create(spec('dev'));
    expect(r).toMatchObject({ adopted: true, state: { remoteId: String(dev.id), userName: 'dev' } });
    expect(f.count('POST')).toBe(0);
  });

  it('refuses a user answer without a login', async () => {
    const f = await fake();
    f.faults.add({
      match: (req) => req.method === 'GET' && req.path === '/users/mona',
      fault: { kind: 'status', status: 200, body: { id: 5 } },
    });
    await expect(githubConnector(f).create(spec('mona'))).rejects.toMatchObject({
      kind: 'malformed',
      message: expect.stringContaining('the user has no login or id'),
    });
    expect(f.count('POST')).toBe(0);
  });
});

describe('what a GitHub listing shows', () => {
  it('shows a member’s name when GitHub gives one, and none otherwise', async () => {
    const f = await fake();
    const ana = f.state.addMember('ana');
    f.faults.add({
      match: (req) => req.path === '/orgs/acme/members' && req.url.searchParams.get('role') === 'all',
      fault: {
        kind: 'status',
        status: 200,
        body: [
          { login: OWNER, id: owner(f) },
          { login: 'ana', id: ana.id, name: 'Ana Lyst' },
        ],
      },
    });
    const accounts = await githubConnector(f).listAccounts();
    expect(accounts.map((a) => [a.userName, a.displayName])).toEqual([
      [OWNER, null],
      ['ana', 'Ana Lyst'],
    ]);
  });

  it('leaves out a failed invitation to a login when that person has a pending invitation by email', async () => {
    const f = await fake();
    const u = f.state.addUser('has-mail', { email: 'has@acme.io' });
    f.state.expire(
      f.state.invite({ userId: u.id, email: null, role: 'direct_member', inviterId: owner(f) }).id,
    );
    f.state.invite({ userId: null, email: 'HAS@acme.io', role: 'direct_member', inviterId: owner(f) });
    const accounts = await githubConnector(f).listAccounts();
    expect(accounts.map((a) => [a.userName, a.active])).toEqual([
      [OWNER, true],
      ['HAS@acme.io', true],
    ]);
  });
});
