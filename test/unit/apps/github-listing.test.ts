// Reading a GitHub org: members with roles, pending invitations as invited accounts, teams as groups — across
// Link-header pages, always with GitHub's required headers.
import { afterEach, describe, expect, it } from 'vitest';
import type { GithubFake } from '../../fakes/github/server';
import { githubConnector, OWNER, OWNER_TOKEN, startSeededFake } from '../../fakes/github/test-kit';

const fakes: GithubFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});
const fake = async (...args: Parameters<typeof startSeededFake>): Promise<GithubFake> => {
  const f = await startSeededFake(...args);
  fakes.push(f);
  return f;
};

/** 250 members (every 10th an owner), 30 invitations (20 by login, 10 by email), two teams. */
const seedBigOrg = (f: GithubFake) => {
  for (let i = 1; i < 250; i++) f.state.addMember(`dev-${i}`, i % 10 === 0 ? 'admin' : 'member');
  const inviter = f.state.user(OWNER)!.id;
  for (let i = 0; i < 20; i++)
    f.state.invite({
      userId: f.state.addUser(`newbie-${i}`).id,
      email: null,
      role: i === 0 ? 'admin' : 'direct_member',
      inviterId: inviter,
    });
  for (let i = 0; i < 10; i++)
    f.state.invite({
      userId: null,
      email: `hire${i}@example.com`,
      role: 'direct_member',
      inviterId: inviter,
    });
  const web = f.state.addTeam('Web Platform');
  const ops = f.state.addTeam('Ops');
  for (let i = 1; i <= 120; i++) web.members.set(`dev-${i}`, 'member');
  ops.members.set('dev-7', 'maintainer');
  ops.members.set('dev-8', 'member');
};

describe('GitHub org listing', () => {
  it('lists every member and pending invitation across pages, with roles and teams', async () => {
    const f = await fake();
    seedBigOrg(f);
    const accounts = await githubConnector(f).listAccounts();

    expect(accounts).toHaveLength(280);
    const members = accounts.filter((a) => !a.pending);
    expect(members).toHaveLength(250);
    expect(new Set(members.map((a) => a.remoteId)).size).toBe(250);
    expect(members.find((a) => a.userName === 'dev-20')).toMatchObject({
      remoteId: String(f.state.user('dev-20')!.id),
      role: 'admin',
      active: true,
      groups: ['web-platform'],
    });
    expect(members.find((a) => a.userName === 'dev-7')?.groups.sort()).toEqual(['ops', 'web-platform']);
    expect(members.find((a) => a.userName === 'dev-201')).toMatchObject({ role: 'member', groups: [] });
    expect(members.find((a) => a.userName === OWNER)?.role).toBe('admin');

    const invited = accounts.filter((a) => a.pending);
    expect(invited).toHaveLength(30);
    for (const a of invited)
      expect(a).toMatchObject({
        active: true,
        pending: true,
        remoteId: expect.stringMatching(/^invitation:\d+$/),
      });
    expect(invited.find((a) => a.userName === 'newbie-0')?.role).toBe('admin');
    expect(invited.find((a) => a.userName === 'hire3@example.com')).toMatchObject({
      emails: ['hire3@example.com'],
      role: 'member',
    });
  });

  it('asks for 100 per page and follows the Link header to the end, and no further', async () => {
    const f = await fake();
    seedBigOrg(f);
    const c = githubConnector(f);
    await c.listAccounts();
    const memberPages = f.log.filter((r) => r.path === '/orgs/acme/members' && r.query.role === 'all');
    expect(memberPages.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3']);
    expect(memberPages.every((r) => r.query.per_page === '100')).toBe(true);
    // members 3 + owners 1 + invitations 1 + failed invitations 1 + teams 1 + team members 2 + 1
    expect(c.requestCount()).toBe(f.log.length);
    expect(f.log).toHaveLength(3 + 1 + 1 + 1 + 1 + 2 + 1);
  });

  it('lists teams with their members as groups', async () => {
    const f = await fake();
    seedBigOrg(f);
    const groups = await githubConnector(f).listGroups();
    expect(groups.map((g) => [g.remoteId, g.displayName, g.members?.length])).toEqual([
      ['web-platform', 'Web Platform', 120],
      ['ops', 'Ops', 2],
    ]);
  });

  it('always sends the User-Agent, the API version, the GitHub media type and the Bearer token', async () => {
    const f = await fake();
    seedBigOrg(f);
    const c = githubConnector(f);
    await c.listAccounts();
    await c.test();
    expect(f.log.length).toBeGreaterThan(5);
    for (const r of f.log) {
      expect(r.userAgent).toMatch(/Lanyard/);
      expect(r.apiVersion).toBe('2022-11-28');
      expect(r.accept).toBe('application/vnd.github+json');
      expect(r.authScheme).toBe('Bearer');
    }
  });

  it('is refused by the fake, as by GitHub, without a User-Agent', async () => {
    const f = await fake();
    const res = await fetch(`${f.url}/orgs/acme/members`, {
      headers: { authorization: `Bearer ${OWNER_TOKEN}`, 'user-agent': '' },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(/User-Agent/);
  });

  it('reads an org that fits on one page without a Link header in one request per listing', async () => {
    const f = await fake();
    f.state.addMember('solo');
    const c = githubConnector(f);
    const accounts = await c.listAccounts();
    expect(accounts.map((a) => a.userName).sort()).toEqual([OWNER, 'solo']);
    // members, owners, pending invitations, failed invitations, teams
    expect(c.requestCount()).toBe(5);
  });
});
