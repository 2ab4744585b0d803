// GitHub's rate limits: secondary limits (403/429 with or without retry-after) and primary exhaustion
// (remaining 0 until reset) slow a run down but lose nothing; a permission 403 is not mistaken for a rate limit.
import { afterEach, describe, expect, it } from 'vitest';
import type { GithubFake } from '../../fakes/github/server';
import { githubConnector, OWNER, spec, startSeededFake, stateOf } from '../../fakes/github/test-kit';

const fakes: GithubFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});
const fake = async (...args: Parameters<typeof startSeededFake>): Promise<GithubFake> => {
  const f = await startSeededFake(...args);
  fakes.push(f);
  return f;
};

const seedMembers = (f: GithubFake, n: number) => {
  for (let i = 1; i < n; i++) f.state.addMember(`m-${i}`);
};
const isMembersPage = (page: string) => (req: { path: string; url: URL }) =>
  req.path === '/orgs/acme/members' && (req.url.searchParams.get('page') ?? '1') === page;

describe('GitHub rate limits', () => {
  it.each([403, 429] as const)(
    'waits out a secondary limit (%i with retry-after) in the middle of a listing and loses nothing',
    async (status) => {
      const f = await fake();
      seedMembers(f, 250);
      f.secondaryLimit({ status, retryAfterSeconds: 1, match: isMembersPage('2') });
      f.secondaryLimit({ status, retryAfterSeconds: 0, skip: 1, match: isMembersPage('2') });
      const c = githubConnector(f);
      const accounts = await c.listAccounts();
      expect(accounts).toHaveLength(250);
      const page2 = f.served.filter(
        (r) => r.path === '/orgs/acme/members' && r.query.page === '2' && r.query.role === 'all',
      );
      expect(page2.map((r) => r.status)).toEqual([status, status, 200]);
    },
  );

  it('backs off a secondary limit that names no wait, and retries the invitation without inviting twice', async () => {
    const f = await fake();
    f.state.addUser('burst');
    f.secondaryLimit({ status: 403, times: 1, match: (req) => req.method === 'POST' });
    const c = githubConnector(f);
    const r = stateOf(await c.create(spec('burst')));
    expect(r.pending).toBe(true);
    expect(f.served.filter((x) => x.method === 'POST').map((x) => x.status)).toEqual([403, 201]);
    expect(f.state.invitations.size).toBe(1);
  });

  it('pauses until x-ratelimit-reset when the primary limit is used up, then carries on', async () => {
    const f = await fake();
    seedMembers(f, 150);
    const c = githubConnector(f);
    f.exhaustPrimary(300);
    const accounts = await c.listAccounts();
    expect(accounts).toHaveLength(150);
    const first = f.served[0]!;
    expect(first.status).toBe(403);
    expect(f.served.slice(1).every((r) => r.status === 200)).toBe(true);
  });

  it('stops sending when a response says no requests remain, and resumes after the reset', async () => {
    const f = await fake({ rateLimit: { limit: 3, windowMs: 400 } });
    seedMembers(f, 250);
    const c = githubConnector(f);
    const accounts = await c.listAccounts();
    expect(accounts).toHaveLength(250);
    // The client waited for the reset instead of running into 403s.
    expect(f.served.every((r) => r.status === 200)).toBe(true);
    expect(f.served.length).toBeGreaterThan(3);
  });

  it('does not retry a permission 403 as a rate limit, and explains which permission is missing', async () => {
    const f = await fake({ tokens: { ghp_memberToken000001: { login: 'plain-member' } } });
    f.state.addMember('plain-member');
    f.state.addUser('newcomer');
    const c = githubConnector(f, { token: 'ghp_memberToken000001' });
    const err = await c.create(spec('newcomer')).catch((e: unknown) => e);
    expect(err).toMatchObject({
      name: 'GithubAppError',
      status: 403,
      retryable: false,
      message: expect.stringContaining('Must have admin rights to Organization.'),
      hint: expect.stringMatching(/admin:org.*Members: Read and write/),
    });
    // One look-up, one membership read, one invitations read (refused): nothing retried.
    expect(f.served.filter((r) => r.status === 403)).toHaveLength(1);
    expect(f.state.user(OWNER)).toBeDefined();
  });

  it('gives up with a rate-limit error, not a permission error, when GitHub keeps limiting', async () => {
    const f = await fake();
    f.secondaryLimit({ status: 429, retryAfterSeconds: 0, times: Infinity });
    const c = githubConnector(f, { http: { maxRetries: 2 } });
    await expect(c.listGroups()).rejects.toMatchObject({
      kind: 'rate-limited',
      retryable: true,
      message: expect.stringContaining('kept rate-limiting Lanyard (429)'),
    });
    expect(f.served).toHaveLength(3);
  });
});
