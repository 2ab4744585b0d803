// Without a reachable keychain, storing a secret fails clearly and nothing is written in plain text instead.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { createTestKeychain, requireSecretService, uniqueService } from '../../helpers/keychain';
import { FIXTURES, runTs, stopChildren } from '../../helpers/processes';
import { filesContaining, listFiles, tempDirForTest } from '../../helpers/temp-dir';

const CORE_CALL = path.join(FIXTURES, 'core-call.ts');
/** A D-Bus address nothing listens on: the Secret Service is unreachable. */
const NO_SECRET_SERVICE = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/lanyard-test-bus' };

afterEach(stopChildren);

const callWithoutKeychain = async (dir: string, method: string, input: unknown): Promise<unknown> => {
  const r = await runTs(CORE_CALL, [dir, uniqueService(), method, JSON.stringify(input)], {
    env: NO_SECRET_SERVICE,
  });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
};

describe('when the OS keychain is unavailable', () => {
  it('refuses to store a secret, says why, and writes no plaintext fallback', async () => {
    const dir = tempDirForTest('nokeychain');
    const value = 'lanyard-canary-no-keychain-7f3a9c';
    const result = await callWithoutKeychain(dir, 'secrets.set', { name: 'okta-token', value });

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'keychain_unavailable', hint: expect.stringMatching(/Secret Service/) },
    });
    expect(JSON.stringify(result)).not.toContain(value);
    expect(listFiles(dir).filter((f) => !/^(lanyard\.db(-wal|-shm)?|scheduler\.lock.*)$/.test(f))).toEqual(
      [],
    );
    expect(filesContaining(dir, value)).toEqual([]);

    // And the name was not recorded as stored.
    expect(await callWithoutKeychain(dir, 'secrets.list', {})).toEqual({ ok: true, value: [] });
  });

  it('reports the keychain as failing rather than pretending a secret is deleted', async () => {
    const dir = tempDirForTest('nokeychain-del');
    const result = await callWithoutKeychain(dir, 'secrets.delete', { name: 'okta-token' });
    expect(result).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
  });

  it('shows the keychain as unhealthy in app.info', async () => {
    const dir = tempDirForTest('nokeychain-info');
    const result = await callWithoutKeychain(dir, 'app.info', {});
    expect(result).toMatchObject({
      ok: true,
      value: {
        health: expect.arrayContaining([expect.objectContaining({ component: 'keychain', status: 'error' })]),
      },
    });
  });

  it('does not claim a stored secret is "not set" when it cannot ask the keychain', async () => {
    requireSecretService();
    const dir = tempDirForTest('nokeychain-list');
    const keychain = createTestKeychain();
    const core = createLanyard({ dataDir: dir, secrets: keychain, log: createLogger(memorySink()) });
    try {
      const stored = await dispatch(
        core.handlers,
        'secrets.set',
        { name: 'okta-token', value: 'v-1234' },
        { actor: 'test' },
      );
      expect(stored).toMatchObject({ ok: true });
    } finally {
      core.close();
      await keychain.purge();
    }
    const result = await callWithoutKeychain(dir, 'secrets.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
  });
});
