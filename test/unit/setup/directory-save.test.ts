// The first-run flow's backend (directory.save, setup.status): the directory connection is validated before
// anything is stored, its secrets go only to the OS keychain (never the responses, the SQLite files or the ledger),
// and setup.status tells the UI what is configured yet. These saves point at hosts that do not exist, so they say
// `saveAnyway` (skip the connection test); the test-before-save promise is in test/unit/directory/settings-*.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createLogger, memorySink } from '../../../electron/log/logger';
import type { ApiResult } from '../../../shared/api/result';
import type { DirectorySaveResult, SetupStatus } from '../../../shared/api/methods-setup';
import { createTestKeychain, requireSecretService, type TestKeychain } from '../../helpers/keychain';
import { filesContaining, makeTempDir, removeDir } from '../../helpers/temp-dir';

requireSecretService();

let dir: string;
let keychain: TestKeychain;
let core: Lanyard;

beforeEach(() => {
  dir = makeTempDir('setup');
  keychain = createTestKeychain();
  core = createLanyard({ dataDir: dir, secrets: keychain, log: createLogger(memorySink()), env: {} });
});
afterEach(async () => {
  core.close();
  await keychain.purge();
  removeDir(dir);
});

const call = (method: string, input: unknown): Promise<ApiResult<unknown>> =>
  dispatch(core.handlers, method, input, { actor: 'ui' });
const ok = async <T>(method: string, input: unknown): Promise<T> => {
  const r = await call(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
};

const okta = (extra: Record<string, unknown> = {}) => ({
  kind: 'okta',
  name: 'Acme Okta',
  baseUrl: 'https://acme.okta.com',
  auth: { type: 'token', token: 'keychain:okta-token' },
  ...extra,
});

describe('directory.save', () => {
  it('stores the token in the keychain under its name and never returns, stores or audits the value', async () => {
    const value = `ssws-${randomUUID()}`;
    const apiBodies: string[] = [];
    const saved = await call('directory.save', {
      directory: okta({ auth: { type: 'token', token: 'keychain:placeholder' } }),
      secrets: [{ field: 'token', name: 'okta-token', value }],
      saveAnyway: true,
    });
    apiBodies.push(JSON.stringify(saved));
    expect(saved).toMatchObject({
      ok: true,
      value: {
        created: true,
        directory: { kind: 'okta', auth: { type: 'token', token: 'keychain:okta-token' } },
        secrets: [{ ref: 'keychain:okta-token', set: true }],
      },
    });
    expect(await keychain.get('okta-token')).toBe(value);

    const view = await ok<{ directory: unknown }>('workspace.get', {});
    expect(view.directory).toMatchObject({ auth: { token: 'keychain:okta-token' } });
    apiBodies.push(JSON.stringify(view), JSON.stringify(await call('secrets.list', {})));
    apiBodies.push(JSON.stringify(await call('config.export', {})));
    const events = (await core.context.audit.list()).events;
    expect(events.map((e) => e.action)).toEqual(['directory.saved', 'secret.set']);
    expect(events[0]).toMatchObject({
      actor: 'ui',
      after: { kind: 'okta', auth: 'token', keychainEntries: ['okta-token'] },
    });
    for (const body of [...apiBodies, JSON.stringify(events)]) expect(body).not.toContain(value);
    core.close();
    expect(filesContaining(dir, value)).toEqual([]);
  });

  it('refuses a literal secret in a reference field without echoing it, and stores nothing', async () => {
    const value = `literal-${randomUUID()}`;
    const r = await call('directory.save', { directory: okta({ auth: { type: 'token', token: value } }) });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input', path: 'directory.auth.token' } });
    expect(JSON.stringify(r)).not.toContain(value);
    expect((await ok<{ directory: unknown }>('workspace.get', {})).directory).toBeNull();
    expect((await core.context.audit.list()).events).toEqual([]);
  });

  it('names invalid fields by their path and touches neither the keychain nor the store', async () => {
    const r = await call('directory.save', {
      directory: {
        kind: 'google',
        name: 'Acme',
        adminEmail: 'not-an-email',
        auth: { type: 'service-account', key: 'keychain:g' },
      },
      secrets: [{ field: 'key', name: 'google-key', value: '{"type":"service_account"}' }],
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input', path: 'directory.adminEmail' } });
    expect(await keychain.get('google-key')).toBeNull();

    const wrongField = await call('directory.save', {
      directory: okta(),
      secrets: [{ field: 'clientSecret', name: 'okta-x', value: 'abc' }],
    });
    expect(wrongField).toMatchObject({ ok: false, error: { code: 'bad_input', path: 'secrets[0].field' } });
    expect(await keychain.get('okta-x')).toBeNull();
    expect((await ok<{ directory: unknown }>('workspace.get', {})).directory).toBeNull();
  });

  it('replaces the directory in place and audits the change with before and after', async () => {
    await ok('directory.save', { directory: okta(), saveAnyway: true });
    const second = await ok<DirectorySaveResult>('directory.save', {
      directory: okta({ name: 'Acme Okta (prod)' }),
      saveAnyway: true,
    });
    expect(second).toMatchObject({ saved: true, created: false });
    const events = (await core.context.audit.list()).events;
    expect(events[0]).toMatchObject({
      action: 'directory.saved',
      before: { name: 'Acme Okta' },
      after: { name: 'Acme Okta (prod)' },
    });
  });
});

describe('setup.status', () => {
  it('reports an empty workspace, then the saved directory, apps and rules', async () => {
    expect(await ok<SetupStatus>('setup.status', {})).toEqual({
      directory: { configured: false, kind: null, name: null, lastPull: null },
      apps: 0,
      rules: 0,
      firstSyncDone: false,
    });
    await ok('directory.save', { directory: okta(), saveAnyway: true });
    await ok('apps.save', { app: { id: 'wiki', name: 'Wiki', kind: 'manual' } });
    await ok('rules.save', { rules: [{ app: 'wiki', groups: ['Everyone'] }] });
    expect(await ok<SetupStatus>('setup.status', {})).toEqual({
      directory: { configured: true, kind: 'okta', name: 'Acme Okta', lastPull: null },
      apps: 1,
      rules: 1,
      firstSyncDone: false,
    });
  });
});
