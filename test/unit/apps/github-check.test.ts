// The GitHub connection check names what is missing — a valid token, the org, owner rights, the admin:org scope
// or Members permission — instead of throwing; and the connector states GitHub's fixed capabilities.
import { afterEach, describe, expect, it } from 'vitest';
import type { GithubFake } from '../../fakes/github/server';
import { githubConnector, OWNER, startSeededFake } from '../../fakes/github/test-kit';

const fakes: GithubFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});
const fake = async (): Promise<GithubFake> => {
  const f = await startSeededFake();
  fakes.push(f);
  return f;
};

describe('GitHub connection check', () => {
  it('passes for an owner of the org', async () => {
    const f = await fake();
    const r = await githubConnector(f).test();
    expect(r).toMatchObject({ ok: true, missing: [] });
    expect(r.details.join('\n')).toContain(`Authenticated as ${OWNER}`);
    expect(r.details.join('\n')).toContain(`${OWNER} is an owner of acme`);
  });

  it('names a classic token without the admin:org scope', async () => {
    const f = await fake();
    f.addToken('ghp_classicReadOnly0001', OWNER, ['read:org', 'repo']);
    const r = await githubConnector(f, { token: 'ghp_classicReadOnly0001' }).test();
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual(['admin:org scope']);
    expect(r.details[0]).toContain('scopes: read:org, repo');
  });

  it('names the missing owner role and Members permission for a plain member', async () => {
    const f = await fake();
    f.state.addMember('plain');
    f.addToken('github_pat_plainMember001', 'plain');
    const r = await githubConnector(f, { token: 'github_pat_plainMember001' }).test();
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual([
      'owner (admin) role in acme for plain',
      'organization permission "Members: Read and write"',
    ]);
    expect(r.details.join('\n')).toContain('Must have admin rights to Organization.');
  });

  it('names a token GitHub rejects', async () => {
    const f = await fake();
    const r = await githubConnector(f, { token: 'ghp_revoked' }).test();
    expect(r).toMatchObject({ ok: false, missing: ['a valid token'] });
    expect(r.details[0]).toContain('rejected the token (401)');
  });

  it('names an organization the token cannot reach', async () => {
    const f = await fake();
    const r = await githubConnector(f, { config: { org: 'elsewhere' } }).test();
    expect(r).toMatchObject({ ok: false, missing: ['access to the organization elsewhere'] });
  });

  it('reports GitHub’s fixed capabilities: teams as groups, no filter, no PATCH, removal for deactivation', async () => {
    const f = await fake();
    expect(await githubConnector(f).capabilities()).toEqual({
      kind: 'github',
      update: 'put-only',
      filter: false,
      groups: true,
      etag: false,
      enterpriseExtension: false,
      pageSize: 100,
      deleteMeans: 'delete',
      sources: ['preset'],
    });
    expect(f.log).toHaveLength(0);
  });
});
