// SecretStore backed by the OS keychain via @napi-rs/keyring (macOS Keychain, Windows Credential Manager,
// Secret Service on Linux). There is no plaintext fallback: without a keychain, every call fails clearly.
import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import { LanyardError } from '../app/errors';
import { registerSecret } from '../log/logger';
import type { SecretStore } from './secret-store';

export const KEYCHAIN_SERVICE = 'Lanyard';

// Pinned to the Secret Service on Linux: the library's default silently falls back to the kernel keyring, which
// forgets everything at logout and, without a Secret Service, made reads answer "not set" and deletes answer
// "deleted" instead of failing. Pinned, every call fails with the real D-Bus error. Ignored on macOS/Windows.
export const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };
const entry = (service: string, name: string): AsyncEntry => new AsyncEntry(service, name, ENTRY_OPTIONS);

export const unavailable = (cause: unknown): LanyardError =>
  new LanyardError(
    'keychain_unavailable',
    `The OS keychain is not available: ${(cause as Error)?.message ?? String(cause)}`,
    {
      hint:
        process.platform === 'linux'
          ? 'Lanyard keeps credentials only in the OS keychain. On Linux, start a Secret Service (e.g. gnome-keyring or KeePassXC) in your desktop session and unlock it; Lanyard never falls back to storing secrets in plain text.'
          : 'Unlock the OS keychain and try again; Lanyard never stores secrets in plain text.',
      cause,
    },
  );

export const isNoEntry = (err: unknown): boolean =>
  /no (matching )?entry|not found|NoEntry/i.test(String((err as Error)?.message ?? err));

export const createKeychainStore = (service: string = KEYCHAIN_SERVICE): SecretStore => ({
  description: `OS keychain (service "${service}")`,
  async get(name) {
    try {
      const value = await entry(service, name).getPassword();
      if (value == null) return null;
      registerSecret(value);
      return value;
    } catch (err) {
      if (isNoEntry(err)) return null;
      throw unavailable(err);
    }
  },
  async set(name, value) {
    registerSecret(value);
    try {
      await entry(service, name).setPassword(value);
    } catch (err) {
      throw unavailable(err);
    }
  },
  async delete(name) {
    try {
      return await entry(service, name).deleteCredential();
    } catch (err) {
      if (isNoEntry(err)) return false;
      throw unavailable(err);
    }
  },
});
