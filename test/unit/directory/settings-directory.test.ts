// Settings → Directory's promises (issue #16 item 1), through the real API on a real core (SQLite in a temp folder,
// the OS keychain, the Okta fake on 127.0.0.1): directory.check tests a connection without saving anything (the
// typed token stays out of the keychain); directory.save saves only after a passing test, so a bogus token never
// replaces the working one and the next read still works; "save anyway" is explicit and audited; rotating the
// credential alone replaces the keychain entry, audited by name; a failure reads as one sentence, not three.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createLogger, memorySink } from '../../../electron/log/logger';
import type { ApiResult } from '../../../shared/api/result';
import type { DirectoryTestResult } from '../../../shared/api/methods-directory';
import type { DirectorySaveResult } from '../../../shared/api/methods-setup';
import { startOktaFake, type OktaFake } from '../../fakes/okta/server';
import { createTestKeychain, requireSecretService, type TestKeychain } from '../../helpers/keychain';
import { filesContaining, makeTempDir, removeDir } from '../../helpers/temp-dir';

requireSecretService();

const GOOD = `ssws-good-${randomUUID()}`;
const ROTATED = `ssws-rotated-${randomUUID()}`;
const BOGUS = `ssws-bogus-${randomUUID()}`;

let dir: string;
let keychain: TestKeychain;
let core: Lanyard;
let okta: OktaFake;
const bodies: string[] = [];

beforeEach(async () => {
  okta = await startOktaFake({ apiTokens: [GOOD, ROTATED] });
  okta.seedUsers(3);
  dir = makeTempDir('settings-directory');
  keychain = createTestKeychain();
  core = createLanyard({ dataDir: dir, secrets: keychain, log: createLogger(memorySink()), env: {} });
  bodies.length = 0;
});
afterEach(async () => {
  core.close();
  await keychain.purge();
  await okta.close();
  removeDir(dir);
});

const call = async (method: string, input: unknown): Promise<ApiResult<unknown>> => {
  const r = await dispatch(core.handlers, method, input, { actor: 'Ada Admin' });
  bodies.push(JSON.stringify(r));
  return r;
};
const ok = async <T>(method: string, input: unknown): Promise<T> => {
  const r = await call(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
};

const connection = (baseUrl = okta.url) => ({
  kind: 'okta',
  name: 'Acme Okta',
  baseUrl,
  auth: { type: 'token', token: 'keychain:okta-token' },
});
const token = (value: string) => [{ field: 'token', name: 'okta-token', value }];
const actions = async () => (await core.context.audit.list()).events.map((e) => e.action);

/** The connection saved with the good token, the way the setup does it. */
const saveGood = async () => {
  const saved = await ok<DirectorySaveResult>('directory.save', {
    directory: connection(),
    secrets: token(GOOD),
  });
  expect(saved).toMatchObject({ saved: true, created: true, test: { ok: true } });
  expect(await keychain.get('okta-token')).toBe(GOOD);
};

describe('directory.check', () => {
  it('tests a typed token without storing it anywhere, and without touching the saved connection', async () => {
    const result = await ok<DirectoryTestResult>('directory.check', {
      directory: connection(),
      secrets: token(GOOD),
    });
    expect(result).toMatchObject({ ok: true, kind: 'okta', name: 'Acme Okta', missing: [] });
    expect(result.details).toContain('Can read the System Log');
    expect(await keychain.get('okta-token')).toBeNull();
    expect((await ok<{ directory: unknown }>('workspace.get', {})).directory).toBeNull();
    expect(await actions()).toEqual([]);
    for (const body of bodies) expect(body).not.toContain(GOOD);
    core.close();
    expect(filesContaining(dir, GOOD)).toEqual([]);
  });

  it('explains a rejected token once, in the words the scheduler uses, with where to fix it', async () => {
    const result = await ok<DirectoryTestResult>('directory.check', {
      directory: connection(),
      secrets: token(BOGUS),
    });
    expect(result.ok).toBe(false);
    const failures = result.details.filter((d) => d.includes('E0000011'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/Okta rejected the credentials \(E0000011\).*Settings → Directory/);
    expect(result.details.join('\n')).not.toContain(BOGUS);
  });

  it('says what a refused connection means instead of a bare code', async () => {
    const closed = await freePort();
    const result = await ok<DirectoryTestResult>('directory.check', {
      directory: connection(`http://127.0.0.1:${closed}`),
      secrets: token(GOOD),
    });
    expect(result.ok).toBe(false);
    expect(result.details).toHaveLength(2);
    expect(result.details[1]).toMatch(
      /could not connect: ECONNREFUSED.*Nothing accepts connections at 127\.0\.0\.1:/,
    );
  });

  it('names the credential field when nothing is stored under the keychain entry and none was typed', async () => {
    const r = await call('directory.check', { directory: connection() });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'bad_input', path: 'secrets[0].value', issues: [{ message: /paste the credential/ }] },
    });
  });
});

describe('directory.save', () => {
  it('refuses a bogus token over a working one: the keychain keeps the good token and the next read works', async () => {
    await saveGood();
    const before = await actions();

    const refused = await ok<DirectorySaveResult>('directory.save', {
      directory: connection(),
      secrets: token(BOGUS),
    });

    expect(refused).toMatchObject({ saved: false, test: { ok: false } });
    expect(await keychain.get('okta-token')).toBe(GOOD);
    expect(await actions()).toEqual(before);
    const pulled = await ok<{ stored: boolean; people: number }>('directory.pull', {});
    expect(pulled).toMatchObject({ stored: true, people: 3 });
    for (const body of bodies) expect(body).not.toContain(BOGUS);
  });

  it('refuses an edited connection that fails its test, keeping the saved one', async () => {
    await saveGood();
    const refused = await ok<DirectorySaveResult>('directory.save', {
      directory: { ...connection(`http://127.0.0.1:${await freePort()}`), name: 'Moved Okta' },
    });
    expect(refused.saved).toBe(false);
    expect((await ok<{ directory: { name: string } }>('workspace.get', {})).directory.name).toBe('Acme Okta');
  });

  it('saves anyway only when told to, and the ledger says it was saved without a passing test', async () => {
    await saveGood();
    const saved = await ok<DirectorySaveResult>('directory.save', {
      directory: connection(),
      secrets: token(BOGUS),
      saveAnyway: true,
    });
    expect(saved).toMatchObject({ saved: true, test: null });
    expect(await keychain.get('okta-token')).toBe(BOGUS);
    const events = (await core.context.audit.list()).events;
    expect(events.map((e) => e.action).slice(0, 1)).toEqual(['secret.set']);
    expect(JSON.stringify(events)).not.toContain(BOGUS);
    // The connection itself did not change, so there is no directory.saved: only the credential was replaced.
    const saveAnywayOfEdit = await ok<DirectorySaveResult>('directory.save', {
      directory: { ...connection(), name: 'Acme Okta (broken)' },
      saveAnyway: true,
    });
    expect(saveAnywayOfEdit.saved).toBe(true);
    expect((await core.context.audit.list()).events[0]).toMatchObject({
      action: 'directory.saved',
      actor: 'Ada Admin',
      after: { name: 'Acme Okta (broken)', savedWithoutPassingTest: true },
    });
  });

  it('rotates the credential after its test passes: the keychain entry changes, audited by name only', async () => {
    await saveGood();
    const before = (await core.context.audit.list()).events.length;

    const rotated = await ok<DirectorySaveResult>('directory.save', {
      directory: connection(),
      secrets: token(ROTATED),
    });

    expect(rotated).toMatchObject({
      saved: true,
      created: false,
      test: { ok: true },
      secrets: [{ ref: 'keychain:okta-token', set: true }],
    });
    expect(await keychain.get('okta-token')).toBe(ROTATED);
    const events = (await core.context.audit.list()).events;
    expect(events.length - before).toBe(1);
    expect(events[0]).toMatchObject({
      action: 'secret.set',
      actor: 'Ada Admin',
      after: { name: 'okta-token' },
    });
    expect(await ok<{ stored: boolean }>('directory.pull', {})).toMatchObject({ stored: true });
    for (const body of [...bodies, JSON.stringify(events)]) {
      expect(body).not.toContain(ROTATED);
      expect(body).not.toContain(GOOD);
    }
  });
});

/** A loopback port nothing listens on (taken from the OS, then released). */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
