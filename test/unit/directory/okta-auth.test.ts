// Okta credentials: SSWS tokens and OAuth service apps (private_key_jwt assertions verified by the fake:
// signature, aud, iss, sub, exp), token caching and refresh when a token expires mid-paging, and `test()`.
import { afterEach, describe, expect, it } from 'vitest';
import { READ_SCOPES, startOktaFake, type OktaFake } from '../../fakes/okta/server';
import { createOktaConnector } from '../../../electron/directory/okta/connector';
import { coreWithDirectory, connectorDeps, rsaKeyPair } from './fixtures';
import type { DirectoryConfig } from '../../../shared/config/workspace';

let fake: OktaFake | undefined;
afterEach(() => fake?.close());

const oauthConfig = (clientId: string): DirectoryConfig => ({
  kind: 'okta',
  name: 'Acme Okta',
  baseUrl: fake!.url,
  auth: { type: 'oauth', clientId, keyId: 'key-1', privateKey: 'env:OKTA_KEY' },
});

describe('Okta OAuth service app (private_key_jwt)', () => {
  it('signs in with a signed assertion, caches the token for the whole read, and asks only for read scopes', async () => {
    const keys = await rsaKeyPair();
    fake = await startOktaFake({
      serviceApps: [
        { clientId: '0oaservice', publicKey: keys.publicKey, scopes: [...READ_SCOPES, 'okta.users.manage'] },
      ],
    });
    fake.seedUsers(700);
    const { service } = await coreWithDirectory(oauthConfig('0oaservice'), { OKTA_KEY: keys.privatePem });

    const result = await service.pull();

    expect(result).toMatchObject({ stored: true, people: 700 });
    expect(fake.tokenRequests).toEqual([{ clientId: '0oaservice', scopes: READ_SCOPES }]);
    expect(fake.requests.find((r) => r.path === '/oauth2/v1/token')!.status).toBe(200);
  });

  it('fetches a new token when the old one expires mid-paging and finishes the read', async () => {
    const keys = await rsaKeyPair();
    fake = await startOktaFake({
      serviceApps: [{ clientId: '0oaservice', publicKey: keys.publicKey, scopes: READ_SCOPES }],
    });
    fake.seedUsers(1000);
    fake.faults.add({
      match: (r) => r.path === '/api/v1/users' && !r.url.searchParams.has('filter'),
      skip: 2,
      fault: { kind: 'expire-tokens' },
    });
    const { service } = await coreWithDirectory(oauthConfig('0oaservice'), { OKTA_KEY: keys.privatePem });

    const result = await service.pull();

    expect(result).toMatchObject({ stored: true, people: 1000 });
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.requests.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('refuses an assertion signed with a key Okta does not know, naming the directory', async () => {
    const registered = await rsaKeyPair();
    const other = await rsaKeyPair();
    fake = await startOktaFake({
      serviceApps: [{ clientId: '0oaservice', publicKey: registered.publicKey, scopes: READ_SCOPES }],
    });
    const { service, snapshot } = await coreWithDirectory(oauthConfig('0oaservice'), {
      OKTA_KEY: other.privatePem,
    });

    const err = await service.pull().catch((e: unknown) => e);

    expect((err as Error).message).toMatch(
      /^Okta \(Acme Okta\) refused the service app 0oaservice: invalid_client The client_assertion is invalid/,
    );
    expect((await snapshot.counts()).people).toBe(0);
    const check = await service.test();
    expect(check).toMatchObject({ ok: false, name: 'Acme Okta', kind: 'okta' });
  });

  it('reports the scopes the service app lacks', async () => {
    const keys = await rsaKeyPair();
    fake = await startOktaFake({
      serviceApps: [
        {
          clientId: '0oaservice',
          publicKey: keys.publicKey,
          scopes: ['okta.users.read', 'okta.groups.read'],
        },
      ],
    });
    const connector = createOktaConnector(
      oauthConfig('0oaservice') as Extract<DirectoryConfig, { kind: 'okta' }>,
      connectorDeps({ OKTA_KEY: keys.privatePem }),
    );

    const check = await connector.test();

    expect(check.ok).toBe(false);
    expect(check.missing).toEqual(['okta.logs.read', 'okta.users.manage']);
    expect(check.details).toContain('Can read users');
  });
});

describe('Okta API token (SSWS)', () => {
  it('passes the check with a good token and fails it with a revoked one', async () => {
    fake = await startOktaFake({ apiTokens: ['good-token-123456'] });
    const config = {
      kind: 'okta',
      name: 'Acme Okta',
      baseUrl: fake.url,
      auth: { type: 'token', token: 'env:T' },
    } as const;

    const good = await createOktaConnector(config, connectorDeps({ T: 'good-token-123456' })).test();
    const bad = await createOktaConnector(config, connectorDeps({ T: 'revoked-token-99999' })).test();

    expect(good).toMatchObject({ ok: true, missing: [] });
    expect(bad.ok).toBe(false);
    expect(bad.details.join('\n')).toMatch(/E0000011 Invalid token provided/);
    expect(bad.details.join('\n')).not.toMatch(/revoked-token-99999/);
  });
});
