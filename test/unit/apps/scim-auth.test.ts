// SCIM auth: bearer, basic, and OAuth 2.0 client credentials with a cached token that is renewed once on a 401.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createScimConnector } from '../../../electron/apps/scim/connector';
import { fake, seedUsers, stopFakesAfterEach } from './fake-kit';
import { FAST_HTTP, scimConfig, testDeps } from './harness';

stopFakesAfterEach();
const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A token endpoint on its own origin: client_credentials in a form body, as RFC 6749 §4.4 says. */
const tokenServer = async (issue: () => string): Promise<{ url: string; calls: URLSearchParams[] }> => {
  const calls: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      calls.push(form);
      const ok =
        form.get('grant_type') === 'client_credentials' &&
        form.get('client_id') === 'lanyard' &&
        form.get('client_secret') === 'cs-123456';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          ok
            ? { access_token: issue(), token_type: 'Bearer', expires_in: 3600 }
            : { error: 'invalid_client' },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`, calls };
};

const secrets = (values: Record<string, string>) => async (ref: string) => {
  const v = values[ref];
  if (v === undefined) throw new Error(`no secret ${ref}`);
  return v;
};

describe('SCIM auth', () => {
  it('uses OAuth client credentials, caching the token across requests and renewing it once after a 401', async () => {
    const f = await fake();
    seedUsers(f, 2);
    const tokens = await tokenServer(() => f.options.token);
    const config = scimConfig(f.url, {
      auth: {
        type: 'oauth-client-credentials',
        tokenUrl: tokens.url,
        clientId: 'lanyard',
        clientSecret: 'keychain:acme-oauth',
        scope: 'scim',
      },
    });
    const c = createScimConnector(config, {
      ...testDeps(''),
      resolveSecret: secrets({ 'keychain:acme-oauth': 'cs-123456' }),
      http: FAST_HTTP,
    });
    expect(await c.listAccounts()).toHaveLength(2);
    expect(await c.listAccounts()).toHaveLength(2);
    expect(tokens.calls).toHaveLength(1);
    expect(tokens.calls[0]!.get('scope')).toBe('scim');

    f.set({ token: 'rotated-token' });
    expect(await c.listAccounts()).toHaveLength(2);
    expect(tokens.calls).toHaveLength(2);
  });

  it('uses HTTP Basic', async () => {
    const f = await fake({ basic: { username: 'svc', password: 'pw-98765' } });
    seedUsers(f, 1);
    const config = scimConfig(f.url, { auth: { type: 'basic', username: 'svc', password: 'env:PW' } });
    const c = createScimConnector(config, {
      ...testDeps(''),
      resolveSecret: secrets({ 'env:PW': 'pw-98765' }),
    });
    expect(await c.listAccounts()).toHaveLength(1);
  });

  it('sends SCIM media types', async () => {
    const f = await fake();
    const c = createScimConnector(scimConfig(f.url), testDeps(f.options.token));
    await c.create({
      externalId: 'd1',
      userName: 'a@example.com',
      email: null,
      givenName: null,
      familyName: null,
      displayName: null,
    });
    const post = f.requests.find((r) => r.method === 'POST')!;
    expect(post.headers['content-type']).toBe('application/scim+json');
    expect(post.headers.accept).toContain('application/scim+json');
  });
});
