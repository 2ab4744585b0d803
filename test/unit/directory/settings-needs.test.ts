// The grants Settings → Directory and the setup list per IdP (shared/domain/directory-needs.ts) are the ones the
// connectors actually ask for: the same scope constants, and — run against the fakes with nothing granted — the
// same names the connection test reports missing. A grant renamed or added in a connector fails here.
import { afterEach, describe, expect, it } from 'vitest';
import { directoryNeeds } from '../../../shared/domain/directory-needs';
import { OKTA_MANAGE_SCOPE, OKTA_READ_SCOPES } from '../../../electron/directory/okta/auth';
import { GOOGLE_SCOPES, shortScope } from '../../../electron/directory/google/scopes';
import { createEntraConnector } from '../../../electron/directory/entra/connector';
import { startEntraFake, type EntraFake } from '../../fakes/entra/server';
import { ALL_AUTH0_SCOPES, type Auth0Fake } from '../../fakes/auth0/server';
import { connect as connectAuth0, startFake as startAuth0 } from '../../fakes/auth0/test-kit';
import { connectorDeps } from './fixtures';

const grants = (kind: Parameters<typeof directoryNeeds>[0], authType: string, required?: boolean) =>
  directoryNeeds(kind, authType)
    .grants.filter((g) => required === undefined || g.required === required)
    .map((g) => g.grant)
    .sort();

let entra: EntraFake | undefined;
let auth0: Auth0Fake | undefined;
afterEach(async () => {
  await entra?.close();
  await auth0?.close();
  entra = auth0 = undefined;
});

describe('what each IdP must grant', () => {
  it('Okta service apps: the read scopes the connector requests, and okta.users.manage for the kill switch', () => {
    expect(grants('okta', 'oauth', true)).toEqual([...OKTA_READ_SCOPES].sort());
    expect(grants('okta', 'oauth', false)).toEqual([OKTA_MANAGE_SCOPE]);
  });

  it('Okta API tokens: an admin role, since a token carries its creator’s role rather than scopes', () => {
    expect(grants('okta', 'token', true)).toEqual(['Read-only Administrator role']);
  });

  it('Google: the delegated scopes the connector requests, reads required', () => {
    expect(grants('google', 'service-account')).toEqual(Object.values(GOOGLE_SCOPES).map(shortScope).sort());
    expect(grants('google', 'service-account', true)).toEqual(
      [GOOGLE_SCOPES.userRead, GOOGLE_SCOPES.groupRead].map(shortScope).sort(),
    );
  });

  it('Entra ID: the application permissions the test reports missing when none is consented', async () => {
    entra = await startEntraFake({
      tenantId: 'tenant',
      apps: [{ clientId: 'app', secret: 's3cret', roles: [] }],
    });
    const check = await createEntraConnector(
      {
        kind: 'entra',
        name: 'Contoso',
        tenantId: 'tenant',
        loginUrl: entra.url,
        baseUrl: entra.graphUrl,
        auth: { type: 'client-secret', clientId: 'app', clientSecret: 'env:S' },
      },
      connectorDeps({ S: 's3cret' }),
    ).test();
    expect(check.ok).toBe(false);
    expect([...check.missing].sort()).toEqual(grants('entra', 'client-secret', true));
    expect(grants('entra', 'client-secret', true)).toEqual(['GroupMember.Read.All', 'User.Read.All']);
    expect(grants('entra', 'client-secret', false)).toEqual(['User.ReadWrite.All']);
    expect(grants('entra', 'client-secret').join(' ')).not.toContain('AuditLog');
  });

  it('Auth0: every scope the connector’s calls need, the read ones required', async () => {
    expect(grants('auth0', 'client-credentials')).toEqual([...ALL_AUTH0_SCOPES].sort());
    auth0 = await startAuth0({ scopes: [] });
    const check = await connectAuth0(auth0).test();
    expect(check.ok).toBe(false);
    const required = grants('auth0', 'client-credentials', true);
    for (const scope of check.missing.filter((m) => m.startsWith('read:'))) expect(required).toContain(scope);
    expect(required).toEqual(['read:role_members', 'read:roles', 'read:users']);
  });
});
