// Every bad answer from GitHub becomes its own admin-readable error: bad token, unknown org, validation failures
// with their fields, server errors (reads retried, invitations never sent twice), malformed and non-JSON bodies,
// slow answers, and listings that are not lists.
import { afterEach, describe, expect, it } from 'vitest';
import type { GithubFake } from '../../fakes/github/server';
import { githubConnector, spec, startSeededFake } from '../../fakes/github/test-kit';

const fakes: GithubFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});
const fake = async (): Promise<GithubFake> => {
  const f = await startSeededFake();
  fakes.push(f);
  return f;
};

describe('GitHub errors', () => {
  it('says the token was rejected (401) and where to re-enter it', async () => {
    const f = await fake();
    await expect(githubConnector(f, { token: 'ghp_wrong' }).listAccounts()).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/rejected the token \(401\).*Bad credentials/),
      hint: expect.stringContaining('Apps → GitHub'),
    });
  });

  it('says the organization does not exist or is not visible (404)', async () => {
    const f = await fake();
    await expect(githubConnector(f, { config: { org: 'nope' } }).listAccounts()).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('GitHub (nope) has no such resource (404)'),
      hint: expect.stringContaining('organization name "nope"'),
    });
  });

  it('lists the fields of a 422 Validation Failed', async () => {
    const f = await fake();
    f.state.addUser('valid');
    f.faults.add({
      match: (req) => req.method === 'POST',
      fault: {
        kind: 'status',
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [{ resource: 'OrganizationInvitation', field: 'role', code: 'invalid' }],
          documentation_url: 'https://docs.github.com/rest',
        },
      },
    });
    await expect(githubConnector(f).create(spec('valid'))).rejects.toMatchObject({
      status: 422,
      retryable: false,
      message: expect.stringContaining('(422 Validation Failed): OrganizationInvitation.role invalid'),
    });
  });

  it('retries a read after a 5xx and gets everything', async () => {
    const f = await fake();
    f.state.addMember('x');
    f.faults.add({
      match: (req) => req.path === '/orgs/acme/members',
      times: 2,
      fault: { kind: 'status', status: 502, body: { message: 'Server Error' } },
    });
    expect(await githubConnector(f).listAccounts()).toHaveLength(2);
  });

  it('never resends an invitation after a 5xx (it may have been sent), and says it was a server error', async () => {
    const f = await fake();
    f.state.addUser('once');
    f.faults.add({
      match: (req) => req.method === 'POST',
      fault: { kind: 'status', status: 500, body: { message: 'Server Error' } },
    });
    await expect(githubConnector(f).create(spec('once'))).rejects.toMatchObject({
      status: 500,
      retryable: true,
      message: expect.stringContaining('had a server error (500) when trying to invite once to acme'),
    });
    expect(f.count('POST')).toBe(1);
  });

  it('refuses malformed JSON without changing anything', async () => {
    const f = await fake();
    f.faults.add({
      match: (req) => req.path === '/orgs/acme/teams',
      times: Infinity,
      fault: { kind: 'malformed' },
    });
    await expect(githubConnector(f).listGroups()).rejects.toMatchObject({
      kind: 'bad-json',
      message: expect.stringContaining('malformed JSON'),
    });
  });

  it('points at the base URL when an HTML page answers instead of the API', async () => {
    const f = await fake();
    f.faults.add({ times: Infinity, fault: { kind: 'html' } });
    await expect(githubConnector(f).listGroups()).rejects.toMatchObject({
      kind: 'bad-content-type',
      hint: expect.stringContaining('api.github.com'),
    });
  });

  it('gives up on an answer slower than the timeout, after retrying', async () => {
    const f = await fake();
    f.faults.add({ times: Infinity, fault: { kind: 'slow', delayMs: 400 } });
    await expect(
      githubConnector(f, { http: { timeoutMs: 100, maxRetries: 1 } }).listGroups(),
    ).rejects.toMatchObject({
      kind: 'timeout',
      retryable: true,
    });
  });

  it('survives a slow answer within the timeout', async () => {
    const f = await fake();
    f.faults.add({ fault: { kind: 'slow', delayMs: 50 } });
    expect(await githubConnector(f).listGroups()).toEqual([]);
  });

  it('refuses a listing that is not a list, rather than return a partial one', async () => {
    const f = await fake();
    f.faults.add({
      match: (req) => req.path === '/orgs/acme/invitations',
      fault: { kind: 'status', status: 200, body: { message: 'not a list' } },
    });
    await expect(githubConnector(f).listAccounts()).rejects.toMatchObject({
      kind: 'malformed',
      message: expect.stringContaining('list pending invitations (page 1): the answer is not a list'),
    });
  });

  it('refuses a Link header that leads in a circle', async () => {
    const f = await fake();
    f.faults.add({
      match: (req) => req.path === '/orgs/acme/teams',
      times: Infinity,
      fault: {
        kind: 'status',
        status: 200,
        body: [{ id: 1, slug: 'a', name: 'A' }],
        headers: { link: `<${f.url}/orgs/acme/teams?per_page=100&page=2>; rel="next"` },
      },
    });
    await expect(githubConnector(f).listGroups()).rejects.toMatchObject({ kind: 'paging' });
  });

  it('never sends the token to another origin named in a Link header', async () => {
    const f = await fake();
    f.faults.add({
      match: (req) => req.path === '/orgs/acme/teams',
      fault: {
        kind: 'status',
        status: 200,
        body: [],
        headers: { link: '<https://evil.example/orgs/acme/teams?page=2>; rel="next"' },
      },
    });
    await expect(githubConnector(f).listGroups()).rejects.toMatchObject({ kind: 'insecure-url' });
  });
});
