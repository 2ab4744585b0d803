// GitHub invitations that expired or failed (GET /orgs/{org}/failed_invitations): read page by page like every
// listing (complete or the read fails), shown as inactive invitations under their own id — so an invitation that
// lapsed never looks like one that vanished on acceptance — and sent again when the account is reactivated, once.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppAccount } from '../../../electron/apps/types';
import { rememberGithubOwners, type KnownAccount } from '../../../electron/sync/github-owners';
import type { GithubFake } from '../../fakes/github/server';
import { FAILED_REASONS } from '../../fakes/github/state';
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
const owner = (f: GithubFake) => f.state.user(OWNER)!.id;
/** An invitation sent and then expired, by email or to a GitHub user. */
const expired = (
  f: GithubFake,
  to: { email: string } | { login: string },
  role: 'direct_member' | 'admin' | 'billing_manager' = 'direct_member',
  reason: string = FAILED_REASONS.expired,
) => {
  const userId = 'login' in to ? (f.state.user(to.login) ?? f.state.addUser(to.login)).id : null;
  const email = 'email' in to ? to.email : null;
  return f.state.expire(f.state.invite({ userId, email, role, inviterId: owner(f) }).id, reason);
};
const posted = (f: GithubFake) =>
  f.log.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body) as Record<string, unknown>);

describe('GitHub failed invitations', () => {
  it('lists an expired invitation as an inactive invitation under its own id, with its role', async () => {
    const f = await fake();
    const byEmail = expired(f, { email: 'late@acme.io' });
    const byLogin = expired(f, { login: 'slow-poke' }, 'admin');
    const accounts = await githubConnector(f).listAccounts();
    expect(accounts.filter((a) => a.remoteId.startsWith('invitation:'))).toEqual([
      {
        remoteId: `invitation:${byLogin.id}`,
        userName: 'slow-poke',
        emails: [],
        externalId: null,
        active: false,
        role: 'admin',
        groups: [],
        displayName: null,
        pending: true,
      },
      {
        remoteId: `invitation:${byEmail.id}`,
        userName: 'late@acme.io',
        emails: ['late@acme.io'],
        externalId: null,
        active: false,
        role: 'member',
        groups: [],
        displayName: null,
        pending: true,
      },
    ]);
  });

  it('reads every failed invitation across pages, asking for 100 a page and following the Link header', async () => {
    const f = await fake();
    for (let i = 0; i < 130; i++) expired(f, { email: `gone${i}@acme.io` });
    const accounts = await githubConnector(f).listAccounts();
    const pages = f.log.filter((r) => r.path === '/orgs/acme/failed_invitations');
    expect(pages.map((r) => [r.query.page ?? '1', r.query.per_page])).toEqual([
      ['1', '100'],
      ['2', '100'],
    ]);
    const lapsed = accounts.filter((a) => !a.active);
    expect(lapsed).toHaveLength(130);
    expect(new Set(lapsed.map((a) => a.userName)).size).toBe(130);
  });

  it('fails the whole read rather than leave a failed invitation out', async () => {
    const f = await fake();
    for (let i = 0; i < 101; i++) expired(f, { email: `gone${i}@acme.io` });
    f.faults.add({
      match: (req) =>
        req.path === '/orgs/acme/failed_invitations' && req.url.searchParams.get('page') === '2',
      times: Infinity,
      fault: { kind: 'status', status: 502 },
    });
    await expect(githubConnector(f).listAccounts()).rejects.toMatchObject({
      status: 502,
      message: expect.stringContaining('list failed invitations (page 2)'),
    });
  });

  it('needs the owner’s permission like the pending invitations, and says which listing it refused', async () => {
    const f = await fake();
    f.state.addMember('plain');
    f.addToken('plain-token', 'plain');
    const err = await githubConnector(f, { token: 'plain-token' })
      .listAccounts()
      .catch((e: unknown) => e);
    // The pending invitations are refused first; the failed ones are refused alike (checked straight on the fake).
    expect(err).toMatchObject({ status: 403 });
    const res = await fetch(`${f.url}/orgs/acme/failed_invitations`, {
      headers: { authorization: 'Bearer plain-token', 'user-agent': 'test' },
    });
    expect(res.status).toBe(403);
  });

  it('leaves out a failure whose invitee is a member or invited again, and keeps the latest failure of each', async () => {
    const f = await fake();
    expired(f, { login: 'joined' });
    f.state.addMember('joined');
    expired(f, { email: 'retried@acme.io' });
    f.state.invite({ userId: null, email: 'retried@acme.io', role: 'direct_member', inviterId: owner(f) });
    expired(f, { login: 'twice' });
    const latest = expired(f, { login: 'Twice' });
    const accounts = await githubConnector(f).listAccounts();
    expect(accounts.map((a) => [a.userName, a.active])).toEqual([
      [OWNER, true],
      ['joined', true],
      ['retried@acme.io', true],
      ['twice', false],
    ]);
    expect(accounts[3]!.remoteId).toBe(`invitation:${latest.id}`);
  });

  it('leaves out a failure GitHub gives because the invitee had already accepted, but not one for lack of seats', async () => {
    const f = await fake();
    expired(f, { email: 'in@acme.io' }, 'direct_member', FAILED_REASONS.alreadyAccepted);
    const seats = expired(f, { email: 'full@acme.io' }, 'direct_member', FAILED_REASONS.noMoreSeats);
    const accounts = await githubConnector(f).listAccounts();
    expect(accounts.map((a) => [a.remoteId, a.active])).toEqual([
      [f.state.user(OWNER)!.id.toString(), true],
      [`invitation:${seats.id}`, false],
    ]);
  });

  it('drops a failure by email when the pending invitation to the same person names their login', async () => {
    const f = await fake();
    f.state.addUser('has-mail', { email: 'Has@acme.io' });
    expired(f, { email: 'has@acme.io' });
    f.state.invite({ userId: f.state.user('has-mail')!.id, email: null, role: 'admin', inviterId: owner(f) });
    const accounts = await githubConnector(f).listAccounts();
    expect(accounts.map((a) => [a.userName, a.active])).toEqual([
      [OWNER, true],
      ['has-mail', true],
    ]);
  });

  it('reads a failed invitation by its id as inactive, and null once GitHub lists it nowhere', async () => {
    const f = await fake();
    const inv = expired(f, { email: 'late@acme.io' });
    const c = githubConnector(f);
    expect(await c.getAccount!(`invitation:${inv.id}`)).toMatchObject({
      remoteId: `invitation:${inv.id}`,
      userName: 'late@acme.io',
      active: false,
      pending: true,
    });
    expect(await c.getAccount!('invitation:999')).toBeNull();
  });
});

describe('sending a failed invitation again', () => {
  it('invites the same email again on reactivation, and reads the new invitation as pending', async () => {
    const f = await fake();
    const old = expired(f, { email: 'late@acme.io' });
    const c = githubConnector(f);
    const back = stateOf(await c.setActive(`invitation:${old.id}`, true));
    const fresh = [...f.state.invitations.values()];
    expect(fresh).toHaveLength(1);
    expect(posted(f)).toEqual([{ email: 'late@acme.io', role: 'direct_member' }]);
    expect(back).toMatchObject({
      remoteId: `invitation:${fresh[0]!.id}`,
      userName: 'late@acme.io',
      active: true,
      pending: true,
    });
    expect(fresh[0]!.id).not.toBe(old.id);
  });

  it('invites a GitHub user again by their id, keeping an owner’s or billing manager’s role', async () => {
    const f = await fake();
    const admin = expired(f, { login: 'boss' }, 'admin');
    const billing = expired(f, { login: 'counter' }, 'billing_manager');
    const c = githubConnector(f);
    expect(stateOf(await c.setActive(`invitation:${admin.id}`, true))).toMatchObject({
      userName: 'boss',
      role: 'admin',
      active: true,
    });
    expect(stateOf(await c.update(`invitation:${billing.id}`, { active: true }))).toMatchObject({
      userName: 'counter',
      role: 'billing_manager',
      pending: true,
    });
    expect(posted(f)).toEqual([
      { invitee_id: f.state.user('boss')!.id, role: 'admin' },
      { invitee_id: f.state.user('counter')!.id, role: 'billing_manager' },
    ]);
  });

  it('invites as a plain member again when the failed invitation had another role', async () => {
    const f = await fake();
    const inv = expired(f, { login: 'hire' });
    // GitHub also has roles Lanyard does not manage (hiring_manager, reinstate): a member is what it sends.
    f.state.failed.get(inv.id)!.role = 'hiring_manager' as 'direct_member';
    const back = stateOf(await githubConnector(f).setActive(`invitation:${inv.id}`, true));
    expect(back).toMatchObject({ userName: 'hire', role: 'member', pending: true });
    expect(posted(f)).toEqual([{ invitee_id: f.state.user('hire')!.id, role: 'direct_member' }]);
  });

  it('adopts an invitation someone sent again meanwhile, without inviting twice', async () => {
    const f = await fake();
    const old = expired(f, { email: 'late@acme.io' });
    const again = f.state.invite({
      userId: null,
      email: 'late@acme.io',
      role: 'direct_member',
      inviterId: owner(f),
    });
    const back = stateOf(await githubConnector(f).setActive(`invitation:${old.id}`, true));
    expect(back.remoteId).toBe(`invitation:${again.id}`);
    expect(posted(f)).toEqual([]);
  });

  it('leaves a pending invitation as it is, and says so when an invitation is neither pending nor failed', async () => {
    const f = await fake();
    const pending = f.state.invite({
      userId: null,
      email: 'p@acme.io',
      role: 'direct_member',
      inviterId: owner(f),
    });
    const c = githubConnector(f);
    expect(stateOf(await c.setActive(`invitation:${pending.id}`, true))).toMatchObject({
      remoteId: `invitation:${pending.id}`,
      active: true,
    });
    await expect(c.setActive('invitation:999', true)).rejects.toMatchObject({
      status: 404,
      message: 'The invitation 999 to acme is no longer pending (accepted, cancelled or expired).',
    });
    expect(posted(f)).toEqual([]);
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
const invitation = (id: number, to: string, personId: string | null, p: Partial<AppAccount> = {}) => ({
  ...acc(`invitation:${id}`, to, { pending: true, emails: to.includes('@') ? [to] : [], ...p }),
  personId,
});
const noLinks = () => new Map<string, string>();

describe('an invitation that did not lead to a member is never matched to a newcomer', () => {
  const prev: KnownAccount[] = [invitation(1, 'ada@acme.io', 'p-ada')];

  it('keeps an expired invitation (read as failed) and links no newcomer by elimination', () => {
    const fresh = [invitation(1, 'ada@acme.io', null, { active: false }), acc('9', 'stranger')];
    const r = rememberGithubOwners(prev, fresh, noLinks);
    expect(r.accounts.map((a) => [a.remoteId, a.externalId])).toEqual([
      ['invitation:1', 'p-ada'],
      ['9', null],
    ]);
  });

  it('links no newcomer when the invitee has been invited again (the first invitation lapsed)', () => {
    const fresh = [invitation(2, 'ADA@acme.io', null), acc('9', 'stranger')];
    const r = rememberGithubOwners(prev, fresh, noLinks);
    expect(r.accounts.map((a) => [a.remoteId, a.externalId])).toEqual([
      ['invitation:2', null],
      ['9', null],
    ]);
  });

  it('still links the newcomer when only a failure of the same invitee remains (the later one was accepted)', () => {
    const fresh = [acc('9', 'ada-gh'), invitation(0, 'ada@acme.io', null, { active: false })];
    const r = rememberGithubOwners(prev, fresh, noLinks);
    expect(r.accounts.map((a) => [a.remoteId, a.externalId])).toEqual([
      ['9', 'p-ada'],
      ['invitation:0', null],
    ]);
  });
});
