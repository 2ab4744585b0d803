// GitHub org writes on their less common paths: who cannot be invited, an email GitHub says is already in, roles
// and activation for pending invitations, removed members asked back, and removing what is already gone.
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
const emailInvite = (f: GithubFake, email: string) =>
  f.state.invite({ userId: null, email, role: 'direct_member', inviterId: owner(f) });

describe('GitHub writes, less common paths', () => {
  it('refuses to invite a userName that is neither a login nor an email, and sends nothing', async () => {
    const f = await fake();
    await expect(githubConnector(f).create(spec('not a login'))).rejects.toMatchObject({
      code: 'bad_input',
      message: '"not a login" is neither a GitHub login nor an email address, so it cannot be invited',
    });
    expect(f.count('POST', /invitations$/)).toBe(0);
  });

  it('invites by the email when the userName is one, and reads it as a pending account', async () => {
    const f = await fake();
    const r = await githubConnector(f).create(spec('new@acme.io', { role: 'admin' }));
    expect(r.manual === false && r.adopted).toBeFalsy();
    expect(stateOf(r)).toMatchObject({ userName: 'new@acme.io', pending: true, role: 'admin' });
    expect([...f.state.invitations.values()]).toEqual([
      expect.objectContaining({ email: 'new@acme.io', role: 'admin' }),
    ]);
  });

  it('says so when GitHub answers that an email is already in the org under an unknown login', async () => {
    const f = await fake();
    f.faults.add({
      match: (req) => req.method === 'POST',
      fault: {
        kind: 'status',
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [{ message: 'Invitee is already a part of this organization' }],
        },
      },
    });
    await expect(githubConnector(f).create(spec('x@acme.io', { email: 'x@acme.io' }))).rejects.toMatchObject({
      status: 422,
      message:
        'GitHub (acme) says x@acme.io is already a member or invited, under a login Lanyard does not know.',
    });
  });

  it('keeps a pending invitation’s role (GitHub cannot edit one) and says when it is no longer pending', async () => {
    const f = await fake();
    const inv = emailInvite(f, 'p@acme.io');
    const c = githubConnector(f);
    expect(stateOf(await c.update(`invitation:${inv.id}`, { role: 'admin' }))).toMatchObject({
      remoteId: `invitation:${inv.id}`,
      role: 'member',
      pending: true,
    });
    await expect(c.update('invitation:999', { role: 'admin' })).rejects.toMatchObject({
      status: 404,
      message: 'The invitation 999 to acme is no longer pending (accepted, cancelled or expired).',
    });
  });

  it('refuses a role change GitHub answers without a membership state', async () => {
    const f = await fake();
    f.state.addMember('mona', 'member');
    f.faults.add({
      match: (req) => req.method === 'PUT',
      fault: { kind: 'status', status: 200, body: { role: 'admin' } },
    });
    await expect(githubConnector(f).update('mona', { role: 'admin' })).rejects.toMatchObject({
      kind: 'malformed',
      message: expect.stringContaining('the membership has no state'),
    });
  });

  it('makes a member an owner, and reads the account back', async () => {
    const f = await fake();
    f.state.addMember('mona', 'member');
    expect(stateOf(await githubConnector(f).update('mona', { role: 'admin' }))).toMatchObject({
      remoteId: String(f.state.user('mona')!.id),
      role: 'admin',
      active: true,
    });
    expect(f.state.roleOf('mona')).toBe('admin');
  });

  it('reactivating: an invitation stays as it is, a member is read, a removed member is invited again', async () => {
    const f = await fake();
    const inv = emailInvite(f, 'p@acme.io');
    f.state.addMember('mona', 'member');
    const gone = f.state.addUser('gone');
    const c = githubConnector(f);
    expect(stateOf(await c.setActive(`invitation:${inv.id}`, true))).toMatchObject({ pending: true });
    expect(stateOf(await c.setActive('mona', true))).toMatchObject({
      remoteId: String(f.state.user('mona')!.id),
      active: true,
      role: 'member',
    });
    expect(f.count('POST', /invitations$/)).toBe(0);
    expect(stateOf(await c.setActive('gone', true))).toMatchObject({ pending: true });
    expect(f.state.invitationFor('gone')).toMatchObject({ userId: gone.id });
  });

  it('deactivating a pending invitation cancels it and reports the account inactive', async () => {
    const f = await fake();
    const inv = emailInvite(f, 'p@acme.io');
    const r = stateOf(await githubConnector(f).setActive(`invitation:${inv.id}`, false));
    expect(r).toMatchObject({ remoteId: `invitation:${inv.id}`, userName: 'p@acme.io', active: false });
    expect(r).not.toHaveProperty('pending');
    expect(f.state.invitations.size).toBe(0);
  });

  it('deactivating a member removes them from the org', async () => {
    const f = await fake();
    f.state.addMember('mona', 'member');
    const id = String(f.state.user('mona')!.id);
    expect(stateOf(await githubConnector(f).setActive(id, false))).toMatchObject({
      remoteId: id,
      active: false,
    });
    expect(f.state.roleOf('mona')).toBeUndefined();
  });

  it.each([
    ['a member who already left', 'ghost'],
    ['an invitation already cancelled', 'invitation:424242'],
  ])('treats removing %s as done', async (_l, remoteId) => {
    const f = await fake();
    expect(stateOf(await githubConnector(f).delete(remoteId))).toEqual({
      remoteId,
      effect: 'deleted',
      alreadyGone: true,
    });
  });

  it('cancels a pending invitation on delete', async () => {
    const f = await fake();
    const inv = emailInvite(f, 'p@acme.io');
    expect(stateOf(await githubConnector(f).delete(`invitation:${inv.id}`))).toEqual({
      remoteId: `invitation:${inv.id}`,
      effect: 'deleted',
      alreadyGone: false,
    });
    expect(f.state.invitations.size).toBe(0);
  });
});
