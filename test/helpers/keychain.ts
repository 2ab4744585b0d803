// The real OS keychain for tests, under a service name unique to the test run so parallel files and repeated
// runs never see each other's entries. Entries written through it are deleted again by purge().
import { randomUUID } from 'node:crypto';
import { createKeychainStore } from '../../electron/secrets/keychain';
import type { SecretStore } from '../../electron/secrets/secret-store';

export interface TestKeychain extends SecretStore {
  readonly service: string;
  /** Deletes every entry this store wrote (call in afterEach/afterAll). */
  purge(): Promise<void>;
}

/**
 * Fails loudly (rather than skipping) when no Secret Service can be reached on Linux: keychain tests are part of the
 * product's promises. `npm test` starts one automatically.
 */
export const requireSecretService = (): void => {
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(
      'These tests need a Secret Service (D-Bus session + unlocked gnome-keyring). Run `npm test`, or:\n' +
        "  dbus-run-session -- sh -c 'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run <files>'",
    );
  }
};

export const uniqueService = (): string => `Lanyard-test-${randomUUID()}`;

export const createTestKeychain = (service: string = uniqueService()): TestKeychain => {
  const store = createKeychainStore(service);
  const written = new Set<string>();
  return {
    service,
    description: store.description,
    get: (name) => store.get(name),
    async set(name, value) {
      written.add(name);
      await store.set(name, value);
    },
    delete: (name) => store.delete(name),
    async purge() {
      for (const name of written) await store.delete(name).catch(() => false);
      written.clear();
    },
  };
};
