// The directory form's model (renderer/src/setup/directory-draft.ts) and the setup's gates
// (renderer/src/setup/step-gates.ts), both pure: the form comes back filled from the saved connection (the base
// URL the wizard used to show blank), sends back what it does not show (tuning, an env: reference) unchanged, and
// Continue is held back after a failed test with a reason that offers to skip.
import { describe, expect, it } from 'vitest';
import type { DirectoryConfig } from '../../../shared/config/workspace';
import type { SetupStatus } from '../../../shared/api/methods-setup';
import {
  buildDirectorySave,
  draftFromDirectory,
  emptyDirectoryDraft,
} from '../../../renderer/src/setup/directory-draft';
import { applyingAfterSkip, blockedReason } from '../../../renderer/src/setup/step-gates';

const saved: DirectoryConfig = {
  kind: 'okta',
  name: 'Acme Okta',
  baseUrl: 'https://acme.okta.com',
  auth: { type: 'token', token: 'env:OKTA_TOKEN' },
  concurrency: 2,
  timeoutMs: 9_000,
};

describe('the directory form model', () => {
  it('fills the form from the saved connection, base URL included', () => {
    expect(draftFromDirectory(saved)).toMatchObject({
      kind: 'okta',
      name: 'Acme Okta',
      baseUrl: 'https://acme.okta.com',
      authType: 'token',
      secretName: 'okta-token',
    });
    const entra = draftFromDirectory({
      kind: 'entra',
      name: 'Contoso',
      tenantId: 'tenant-1',
      auth: { type: 'client-secret', clientId: 'app-1', clientSecret: 'keychain:contoso' },
    });
    expect(entra).toMatchObject({ tenantId: 'tenant-1', clientId: 'app-1', secretName: 'contoso' });
  });

  it('sends back the fields and the env: reference it does not show, unless a new credential is typed', () => {
    const renamed = { ...draftFromDirectory(saved), name: 'Okta' };
    expect(buildDirectorySave(renamed, '', saved)).toEqual({
      directory: { ...saved, name: 'Okta' },
    });
    expect(buildDirectorySave(renamed, 'new-token', saved)).toEqual({
      directory: { ...saved, name: 'Okta', auth: { type: 'token', token: 'keychain:okta-token' } },
      secrets: [{ field: 'token', name: 'okta-token', value: 'new-token' }],
    });
  });

  it('sends back a file: reference (a mounted secret) the same way, and never turns it into a keychain entry', () => {
    const mounted: DirectoryConfig = {
      ...saved,
      auth: { type: 'token', token: 'file:/run/secrets/okta-token' },
    };
    const renamed = { ...draftFromDirectory(mounted), name: 'Okta' };
    expect(buildDirectorySave(renamed, '', mounted)).toEqual({ directory: { ...mounted, name: 'Okta' } });
  });

  it('keeps nothing of the saved connection when another IdP is chosen', () => {
    const auth0 = { ...emptyDirectoryDraft('auth0'), baseUrl: 'https://acme.eu.auth0.com', clientId: 'c' };
    expect(buildDirectorySave(auth0, '', saved).directory).toEqual({
      kind: 'auth0',
      name: 'Auth0',
      baseUrl: 'https://acme.eu.auth0.com',
      auth: { type: 'client-credentials', clientId: 'c', clientSecret: 'keychain:auth0-client-secret' },
    });
  });
});

const status = (over: Partial<SetupStatus['directory']> = {}): SetupStatus => ({
  directory: { configured: false, kind: null, name: null, lastPull: null, ...over },
  apps: 0,
  rules: 0,
  firstSyncDone: false,
});
const failed = { name: 'Acme', kind: 'okta' as const, ok: false, details: ['no'], missing: [] };

describe('the setup gates', () => {
  it('holds Continue after a failed test, saved or not, and offers to skip', () => {
    for (const outcome of [
      { kind: 'not-saved', test: failed },
      { kind: 'tested', test: failed },
      { kind: 'saved-anyway', rotated: null },
    ] as const) {
      expect(blockedReason({ step: 'directory', outcome, status: status() })).toMatch(/skip this step/);
    }
  });

  it('lets a returning admin continue with a connection that was read before, until a test fails', () => {
    const read = status({
      configured: true,
      lastPull: { at: '2026-01-01T00:00:00Z', people: 1, byStatus: {} as never, groups: 1, memberships: 1 },
    });
    expect(blockedReason({ step: 'directory', outcome: null, status: read })).toBeNull();
    expect(
      blockedReason({ step: 'directory', outcome: { kind: 'tested', test: failed }, status: read }),
    ).not.toBeNull();
  });

  it('holds the app step on a failed app test and the rule step until a rule exists', () => {
    expect(blockedReason({ step: 'app', appId: 'hr', test: false, status: status() })).toMatch(/test failed/);
    expect(blockedReason({ step: 'app', appId: 'hr', test: true, status: status() })).toBeNull();
    expect(blockedReason({ step: 'rule', saved: false, status: status() })).toMatch(/Save a rule/);
    expect(blockedReason({ step: 'rule', saved: false, status: { ...status(), rules: 1 } })).toBeNull();
  });

  it('says applying stays paused after a skip on a workspace that was never reviewed', () => {
    expect(applyingAfterSkip('awaiting-first-review')).toMatch(/Applying stays paused/);
  });
});
