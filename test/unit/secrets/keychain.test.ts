// The OS keychain adapter against the real Secret Service: values round-trip, missing ones read as "not set".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeychainStore } from '../../../electron/secrets/keychain';
import { createTestKeychain, requireSecretService, uniqueService } from '../../helpers/keychain';

const keychain = createTestKeychain();

beforeAll(requireSecretService);
afterAll(() => keychain.purge());

describe('the OS keychain store', () => {
  it('stores, reads back, replaces and deletes a secret', async () => {
    await keychain.set('okta-token', 'first value');
    expect(await keychain.get('okta-token')).toBe('first value');

    await keychain.set('okta-token', 'second value');
    expect(await keychain.get('okta-token')).toBe('second value');

    expect(await keychain.delete('okta-token')).toBe(true);
    expect(await keychain.get('okta-token')).toBeNull();
  });

  it('answers "not set" for a secret that was never stored, and "nothing deleted" when deleting it', async () => {
    expect(await keychain.get('never-stored')).toBeNull();
    expect(await keychain.delete('never-stored')).toBe(false);
  });

  it('keeps multi-line and non-ASCII values exactly', async () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
    await keychain.set('pem', pem);
    await keychain.set('unicode', 'pässwörd-🔑-密码');
    expect(await keychain.get('pem')).toBe(pem);
    expect(await keychain.get('unicode')).toBe('pässwörd-🔑-密码');
  });

  it('keeps entries of different services apart', async () => {
    const other = createTestKeychain(uniqueService());
    try {
      await keychain.set('shared-name', 'mine');
      expect(await other.get('shared-name')).toBeNull();
      await other.set('shared-name', 'theirs');
      expect(await keychain.get('shared-name')).toBe('mine');
    } finally {
      await other.purge();
    }
  });

  it('names its service in its description', () => {
    expect(createKeychainStore('Lanyard-x').description).toContain('Lanyard-x');
  });
});
