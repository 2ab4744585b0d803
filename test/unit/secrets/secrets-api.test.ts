// Secrets through the core API: write-only. A stored value never comes back out — not in a response, a log line or
// the SQLite files — and references resolve from the keychain or the environment.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { createTestKeychain, requireSecretService, type TestKeychain } from '../../helpers/keychain';
import { filesContaining, listFiles, tempDirForTest } from '../../helpers/temp-dir';

beforeAll(requireSecretService);

interface Harness {
  core: Lanyard;
  dir: string;
  keychain: TestKeychain;
  logLines: string[];
  call(method: string, input?: unknown): Promise<unknown>;
}

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) {
    h.core.close();
    await h.keychain.purge();
  }
});

const start = (env: NodeJS.ProcessEnv = {}): Harness => {
  const dir = tempDirForTest('secrets');
  const keychain = createTestKeychain();
  const sink = memorySink();
  const log = createLogger(sink);
  const core = createLanyard({ dataDir: dir, secrets: keychain, log, env, scheduler: true });
  const h: Harness = {
    core,
    dir,
    keychain,
    logLines: sink.lines,
    call: (method, input = {}) => dispatch(core.handlers, method, input, { actor: 'test' }, log),
  };
  open.push(h);
  return h;
};

/** A value that cannot appear anywhere by accident. */
const distinctiveSecret = (): string => `lanyard-canary-${randomUUID()}`;

describe('secrets through the API', () => {
  it('never returns, logs or stores in SQLite the value of a secret', async () => {
    const h = start();
    const value = distinctiveSecret();
    const responses = [
      await h.call('secrets.set', { name: 'okta-token', value }),
      await h.call('secrets.list'),
      await h.call('app.info'),
      await h.call('settings.get'),
      await h.call('secrets.set', { name: 'okta-token', value }),
    ];
    for (const r of responses) {
      expect(r).toMatchObject({ ok: true });
      expect(JSON.stringify(r)).not.toContain(value);
    }
    expect(h.logLines.length).toBeGreaterThan(0);
    expect(h.logLines.join('\n')).not.toContain(value);

    // While open (WAL and shared memory present) and after closing (checkpointed into lanyard.db).
    expect(listFiles(h.dir)).toEqual(
      expect.arrayContaining(['lanyard.db', 'lanyard.db-wal', 'lanyard.db-shm']),
    );
    expect(filesContaining(h.dir, value)).toEqual([]);
    h.core.close();
    expect(filesContaining(h.dir, value)).toEqual([]);

    // It did go somewhere: the keychain.
    expect(await h.keychain.get('okta-token')).toBe(value);
  });

  it('lists a stored secret by name as set, and as gone after it is deleted', async () => {
    const h = start();
    expect(await h.call('secrets.list')).toEqual({ ok: true, value: [] });

    const set = await h.call('secrets.set', { name: 'slack-scim', value: distinctiveSecret() });
    expect(set).toEqual({
      ok: true,
      value: { ref: 'keychain:slack-scim', name: 'slack-scim', source: 'keychain', set: true, usedBy: [] },
    });
    expect(await h.call('secrets.list')).toEqual({
      ok: true,
      value: [set && (set as { value: unknown }).value],
    });

    expect(await h.call('secrets.delete', { name: 'slack-scim' })).toEqual({
      ok: true,
      value: { deleted: true },
    });
    expect(await h.keychain.get('slack-scim')).toBeNull();
    const after = (await h.call('secrets.list')) as { ok: true; value: { name: string; set: boolean }[] };
    expect(after.ok).toBe(true);
    expect(after.value.filter((s) => s.name === 'slack-scim' && s.set)).toEqual([]);

    expect(await h.call('secrets.delete', { name: 'slack-scim' })).toEqual({
      ok: true,
      value: { deleted: false },
    });
  });

  it('announces changes on the event bus without the value', async () => {
    const h = start();
    const value = distinctiveSecret();
    const seen: unknown[] = [];
    h.core.events.subscribe((e) => seen.push(e));
    await h.call('secrets.set', { name: 'github', value });
    await h.call('secrets.delete', { name: 'github' });
    expect(seen).toMatchObject([
      { event: 'secrets.changed', data: { name: 'github', set: true } },
      { event: 'secrets.changed', data: { name: 'github', set: false } },
    ]);
    expect(JSON.stringify(seen)).not.toContain(value);
  });

  it('rejects a bad secret name with the field at fault, storing nothing', async () => {
    const h = start();
    const r = await h.call('secrets.set', { name: '../etc/passwd', value: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input', path: 'name' } });
    expect(await h.call('secrets.list')).toEqual({ ok: true, value: [] });
  });

  it('resolves env: references from the environment and keychain: references from the keychain', async () => {
    const envValue = distinctiveSecret();
    const h = start({ OKTA_TOKEN: envValue });
    const { resolver } = h.core.context;
    expect(await resolver.isSet('env:OKTA_TOKEN')).toBe(true);
    expect(await resolver.resolve('env:OKTA_TOKEN', 'directory')).toBe(envValue);
    expect(await resolver.isSet('env:MISSING_TOKEN')).toBe(false);
    await expect(resolver.resolve('env:MISSING_TOKEN', 'directory')).rejects.toMatchObject({
      code: 'not_found',
      hint: expect.stringContaining('MISSING_TOKEN'),
    });

    const kcValue = distinctiveSecret();
    await h.call('secrets.set', { name: 'okta-token', value: kcValue });
    expect(await resolver.resolve('keychain:okta-token', 'directory')).toBe(kcValue);
    await expect(resolver.resolve('keychain:not-there', 'app slack')).rejects.toMatchObject({
      code: 'not_found',
      hint: expect.stringContaining('lanyard secrets set not-there'),
    });
  });

  it('shows env: references the workspace uses as set or not set, without their values', async () => {
    const envValue = distinctiveSecret();
    const h = start({ OKTA_TOKEN: envValue });
    const yaml = [
      'directory:',
      '  kind: okta',
      '  name: Acme Okta',
      '  baseUrl: https://acme.okta.com',
      '  auth: { type: token, token: env:OKTA_TOKEN }',
      'apps:',
      '  - id: slack',
      '    name: Slack',
      '    kind: scim',
      '    preset: slack',
      '    baseUrl: https://api.slack.com/scim/v2',
      '    auth: { type: bearer, token: env:SLACK_TOKEN }',
      '    deprovision: deactivate',
      '    review: auto',
      '',
    ].join('\n');
    expect(await h.call('config.apply', { yaml })).toMatchObject({ ok: true });
    const list = await h.call('secrets.list');
    expect(list).toMatchObject({
      ok: true,
      value: expect.arrayContaining([
        expect.objectContaining({ ref: 'env:OKTA_TOKEN', source: 'env', set: true }),
        expect.objectContaining({ ref: 'env:SLACK_TOKEN', source: 'env', set: false }),
      ]),
    });
    expect(JSON.stringify(list)).not.toContain(envValue);
    expect(filesContaining(h.dir, envValue)).toEqual([]);
  });
});
