// Auth0 connection check and the fake's own contract (offset cap, clamping), so tests of the connector rest on
// a fake that behaves like api-contracts.md §4.
import { afterEach, describe, expect, it } from 'vitest';
import type { Auth0Fake } from '../../fakes/auth0/server';
import { seedAuth0 } from '../../fakes/auth0/state';
import { CLIENT_ID, CLIENT_SECRET, connect, startFake } from '../../fakes/auth0/test-kit';

const fakes: Auth0Fake[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});
const fake = async (...args: Parameters<typeof startFake>) => {
  const f = await startFake(...args);
  seedAuth0(f.state, 1200, 2);
  fakes.push(f);
  return f;
};

describe('Auth0 connection check', () => {
  it('passes with every scope and says what it can see', async () => {
    const f = await fake();
    const result = await connect(f).test();
    expect(result).toMatchObject({ ok: true, missing: [] });
    expect(result.details).toContain('Can read users (1200 in the tenant).');
    expect(result.details[0]).toContain(`Authenticated as application ${CLIENT_ID}`);
  });

  it('names read:users and read:roles when Auth0 refuses them', async () => {
    const f = await fake({ scopes: ['update:users', 'delete:sessions', 'delete:refresh_tokens'] });
    const result = await connect(f).test();
    expect(result.ok).toBe(false);
    expect(result.missing).toEqual(['read:users', 'read:roles']);
    expect(result.details).toContain('Missing scope read:users: Lanyard cannot read users.');
  });

  it('names the kill-switch scopes the token was not granted, as warnings', async () => {
    const f = await fake({ scopes: ['read:users', 'read:roles', 'read:role_members'] });
    const result = await connect(f).test();
    expect(result.ok).toBe(true);
    expect(result.missing).toEqual(['update:users', 'delete:refresh_tokens', 'delete:sessions']);
    expect(result.details.join('\n')).toMatch(/the kill switch cannot block users/);
  });

  it('passes without the Enterprise-only delete:sessions, saying what the kill switch will still do', async () => {
    const f = await fake({
      scopes: ['read:users', 'read:roles', 'read:role_members', 'update:users', 'delete:refresh_tokens'],
    });
    const result = await connect(f).test();
    expect(result).toMatchObject({ ok: true, missing: ['delete:sessions'] });
    expect(result.details.join('\n')).toMatch(
      /delete:sessions.*kill switch will only block the user and revoke refresh tokens/,
    );
  });

  it('reports wrong credentials instead of throwing', async () => {
    const f = await fake();
    const result = await connect(f, { secret: 'nope-nope' }).test();
    expect(result.ok).toBe(false);
    expect(result.details[0]).toMatch(/Auth0 answered 401 \(access_denied\).*client ID or secret/);
  });
});

describe('Auth0 fake follows the contract', () => {
  const token = async (f: Auth0Fake) => {
    const res = await fetch(`${f.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        audience: f.audience,
      }),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  };
  it('refuses offset pages past the first 1,000 records with the documented error', async () => {
    const f = await fake();
    const res = await fetch(`${f.url}/api/v2/users?page=10&per_page=100`, {
      headers: { authorization: `Bearer ${await token(f)}` },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('exceeds the allowed maximum of 1000 records'),
    });
    expect(res.headers.get('x-ratelimit-limit')).not.toBeNull();
  });
  it('clamps per_page to 100, and to 50 without a page parameter', async () => {
    const f = await fake();
    const auth = { authorization: `Bearer ${await token(f)}` };
    const paged = (await (
      await fetch(`${f.url}/api/v2/users?page=0&per_page=500`, { headers: auth })
    ).json()) as unknown[];
    const unpaged = (await (
      await fetch(`${f.url}/api/v2/users?per_page=500`, { headers: auth })
    ).json()) as unknown[];
    expect([paged.length, unpaged.length]).toEqual([100, 50]);
  });
});
