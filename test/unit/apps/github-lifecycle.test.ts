// The GitHub org lifecycle against the fake: invite, accept, role, teams, remove (= deactivate), re-invite,
// delete; invitations by email, adoption of members and invitations that already exist, cancellation.
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

describe('GitHub org lifecycle', () => {
  it('invites, then after acceptance sets the role, changes teams, removes, re-invites and deletes', async () => {
    const f = await fake();
    const octo = f.state.addUser('Octocat');
    const web = f.state.addTeam('Web');
    const c = githubConnector(f);

    // Create = an invitation by GitHub user id (login matched case-insensitively).
    const created = await c.create(spec('octocat'));
    const invited = stateOf(created);
    expect(invited).toMatchObject({ userName: 'Octocat', active: true, pending: true, role: 'member' });
    expect(created.manual === false && created.adopted).toBeFalsy();
    const inv = [...f.state.invitations.values()];
    expect(inv).toEqual([expect.objectContaining({ userId: octo.id, role: 'direct_member' })]);
    expect(invited.remoteId).toBe(`invitation:${inv[0]!.id}`);
    expect(JSON.parse(f.log.find((r) => r.method === 'POST')!.body)).toEqual({
      invitee_id: octo.id,
      role: 'direct_member',
    });
    // The invitation is an account: a second sync sees it and does not invite again.
    expect((await c.listAccounts()).find((a) => a.userName === 'Octocat')).toMatchObject({
      pending: true,
      remoteId: invited.remoteId,
    });
    const again = await c.create(spec('octocat'));
    expect(again.manual === false && again.adopted).toBe(true);
    expect(f.count('POST', /invitations$/)).toBe(1);

    // The person accepts: the member is keyed by GitHub's user id, its login shown as the userName.
    f.state.accept(inv[0]!.id);
    const member = (await c.listAccounts()).find((a) => a.userName === 'Octocat');
    const id = String(octo.id);
    expect(member).toMatchObject({ remoteId: id, role: 'member' });
    expect(member?.pending).toBeUndefined();

    // Every write looks the current login up from the id (GET /user/{id}), then uses GitHub's login endpoints.
    const promoted = stateOf(await c.update(id, { role: 'admin', displayName: 'Ignored' }));
    expect(promoted).toMatchObject({ remoteId: id, userName: 'Octocat', role: 'admin', active: true });
    expect(f.state.roleOf('octocat')).toBe('admin');
    expect(f.log.some((r) => r.method === 'GET' && r.path === `/user/${id}`)).toBe(true);

    const added = stateOf(await c.addToGroup('web', [id]));
    expect(added).toEqual({ groupId: 'web', members: null, changed: [id], requests: 2 });
    expect(web.members.has('octocat')).toBe(true);
    const removed = stateOf(await c.removeFromGroup('web', [id]));
    expect(removed).toMatchObject({ changed: [id], requests: 2 });
    expect(web.members.has('octocat')).toBe(false);

    // Deactivate = removed from the org (GitHub has no suspended members).
    await c.addToGroup('web', [id]);
    const off = stateOf(await c.setActive(id, false));
    expect(off).toMatchObject({ remoteId: id, userName: 'Octocat', active: false, groups: [] });
    expect(f.state.roleOf('octocat')).toBeUndefined();
    expect(web.members.size).toBe(0);
    expect((await c.listAccounts()).some((a) => a.userName === 'Octocat')).toBe(false);

    // Reactivate = invited again.
    const on = stateOf(await c.setActive(id, true));
    expect(on).toMatchObject({ userName: 'Octocat', active: true, pending: true });
    expect(f.state.invitations.size).toBe(1);

    // Delete a pending invitation = cancel it.
    const gone = stateOf(await c.delete(on.remoteId));
    expect(gone).toEqual({ remoteId: on.remoteId, effect: 'deleted', alreadyGone: false });
    expect(f.state.invitations.size).toBe(0);
    expect(
      f.log.some(
        (r) => r.method === 'DELETE' && r.path === `/orgs/acme/invitations/${on.remoteId.split(':')[1]}`,
      ),
    ).toBe(true);
  });

  it('deletes a member by removing them from the org, and says so when they were already gone', async () => {
    const f = await fake();
    f.state.addMember('leaver');
    const c = githubConnector(f);
    expect(stateOf(await c.delete('leaver'))).toEqual({
      remoteId: 'leaver',
      effect: 'deleted',
      alreadyGone: false,
    });
    expect(f.state.roleOf('leaver')).toBeUndefined();
    expect(stateOf(await c.delete('leaver'))).toEqual({
      remoteId: 'leaver',
      effect: 'deleted',
      alreadyGone: true,
    });
  });

  it('invites by email when the person has no GitHub login, and adopts that invitation next time', async () => {
    const f = await fake();
    const c = githubConnector(f);
    const first = await c.create(spec('ada@example.com', { email: 'ada@example.com', role: 'admin' }));
    expect(stateOf(first)).toMatchObject({
      userName: 'ada@example.com',
      emails: ['ada@example.com'],
      pending: true,
      role: 'admin',
    });
    expect(JSON.parse(f.log.find((r) => r.method === 'POST')!.body)).toEqual({
      email: 'ada@example.com',
      role: 'admin',
    });
    expect(f.log.some((r) => r.path.startsWith('/users/'))).toBe(false);
    const second = await c.create(spec('ada@example.com', { email: 'ADA@example.com' }));
    expect(second.manual === false && second.adopted).toBe(true);
    expect(f.count('POST')).toBe(1);
  });

  it('adopts someone who is already a member, with their role and teams, without inviting', async () => {
    const f = await fake();
    const mona = f.state.addMember('mona', 'admin');
    f.state.addTeam('Infra').members.set('mona', 'maintainer');
    const c = githubConnector(f);
    const r = await c.create(spec('mona'));
    expect(r.manual === false && r.adopted).toBe(true);
    expect(stateOf(r)).toMatchObject({
      remoteId: String(mona.id),
      userName: 'mona',
      role: 'admin',
      groups: ['infra'],
      active: true,
    });
    expect(f.count('POST')).toBe(0);
  });

  it('adopts a member when GitHub answers the invitation with "already a part of this organization"', async () => {
    const f = await fake();
    const racer = f.state.addUser('racer');
    const c = githubConnector(f);
    // Someone adds them between Lanyard's membership check and its invitation.
    f.faults.add({
      match: (req) => req.method === 'POST' && !!f.state.addMember('racer'),
      fault: {
        kind: 'status',
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'OrganizationInvitation',
              code: 'unprocessable',
              field: 'data',
              message: 'Invitee is already a part of this organization',
            },
          ],
        },
      },
    });
    const racing = c.create(spec('racer'));
    const r = await racing;
    expect(r.manual === false && r.adopted).toBe(true);
    expect(stateOf(r)).toMatchObject({ remoteId: String(racer.id), userName: 'racer', role: 'member' });
    expect(f.count('POST')).toBe(1);
  });

  it('cancels a pending invitation on deactivate, and says when an invitation is already gone', async () => {
    const f = await fake();
    const c = githubConnector(f);
    const inv = stateOf(await c.create(spec('late@example.com', { email: 'late@example.com' })));
    const off = stateOf(await c.setActive(inv.remoteId, false));
    expect(off).toMatchObject({ remoteId: inv.remoteId, active: false, userName: 'late@example.com' });
    expect(off.pending).toBeUndefined();
    expect(f.state.invitations.size).toBe(0);
    expect(stateOf(await c.delete(inv.remoteId)).alreadyGone).toBe(true);
  });

  it('skips pending invitations in team changes and makes one request per member', async () => {
    const f = await fake();
    f.state.addMember('a');
    f.state.addMember('b');
    f.state.addTeam('Core');
    const c = githubConnector(f);
    const r = stateOf(await c.addToGroup('core', ['a', 'invitation:77', 'b']));
    expect(r).toEqual({ groupId: 'core', members: null, changed: ['a', 'b'], requests: 2 });
    expect(f.count('PUT', /\/teams\/core\/memberships\//)).toBe(2);
  });

  it('changes only the org role on update, never re-inviting someone it deactivates in the same change', async () => {
    const f = await fake();
    f.state.addMember('dev');
    const c = githubConnector(f);
    const off = stateOf(await c.update('dev', { active: false, role: 'admin', displayName: 'Dev' }));
    expect(off).toMatchObject({ remoteId: 'dev', active: false });
    expect(f.state.roleOf('dev')).toBeUndefined();
    expect(f.state.invitations.size).toBe(0);

    const back = stateOf(await c.update('dev', { active: true, role: 'admin' }));
    expect(back).toMatchObject({ pending: true, role: 'admin' });
    expect([...f.state.invitations.values()][0]).toMatchObject({ role: 'admin' });
    // A pending invitation keeps its role (GitHub cannot edit one); the next sync after acceptance fixes it.
    const same = stateOf(await c.update(back.remoteId, { role: 'member' }));
    expect(same).toMatchObject({ remoteId: back.remoteId, role: 'admin', pending: true });
  });

  it('refuses a role GitHub does not have, and a person with neither login nor email, before any request', async () => {
    const f = await fake();
    f.state.addUser('someone');
    const c = githubConnector(f);
    await expect(c.create(spec('someone', { role: 'superuser' }))).rejects.toThrow(
      /not a GitHub organization role/,
    );
    await expect(c.create(spec('not a login'))).rejects.toThrow(/neither a GitHub login nor an email/);
    expect(f.log).toHaveLength(0);
  });

  it('names the login when GitHub has no such user', async () => {
    const f = await fake();
    const c = githubConnector(f);
    await expect(c.create(spec('ghost-user'))).rejects.toMatchObject({
      message: expect.stringContaining('GitHub has no user "ghost-user"'),
      hint: expect.stringContaining('GitHub username attribute'),
    });
    expect(f.count('POST')).toBe(0);
    expect(f.state.user(OWNER)).toBeDefined();
  });
});
