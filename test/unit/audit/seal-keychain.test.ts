// The desktop default: the seal key lives in the OS keychain (Secret Service here, started by the test runner),
// one per ledger, created on first open; a second process (the CLI next to the tray app) uses the same key.
import { describe, expect, it } from 'vitest';
import { Entry } from '@napi-rs/keyring';
import { createLanyard } from '../../../electron/app/create-lanyard';
import { createKeychainStore } from '../../../electron/secrets/keychain';
import { ENTRY_OPTIONS, KEYCHAIN_SERVICE } from '../../../electron/secrets/keychain';
import { keyIdOf } from '../../../electron/audit/seal';
import { parseSealKey } from '../../../electron/audit/seal-key';
import { tempDirForTest } from '../../helpers/temp-dir';

const open = (dataDir: string) =>
  createLanyard({ dataDir, secrets: createKeychainStore(), env: {}, scheduler: false });

describe('the seal key in the OS keychain', () => {
  it('is created in the keychain on first open, shared by a second process, and seals every append', async () => {
    const dir = tempDirForTest('seal-keychain');
    const first = open(dir);
    const second = open(dir);
    try {
      await first.handlers['settings.set'](
        { guardrails: { maxDeprovisionsPerRun: 7 } } as never,
        {
          actor: 'test',
        } as never,
      );
      await second.handlers['settings.set'](
        { guardrails: { maxDeprovisionsPerRun: 8 } } as never,
        {
          actor: 'test',
        } as never,
      );
      const v = await first.handlers['audit.verify']({}, { actor: 'test' } as never);
      expect(v).toMatchObject({ ok: true, count: 2, seal: { status: 'sealed', sealedSeq: 2 } });
      expect(v.seal.detail).toContain('in the OS keychain');
      const stored = new Entry(KEYCHAIN_SERVICE, `audit-seal-key/${v.ledgerId}`, ENTRY_OPTIONS).getPassword();
      expect(stored).not.toBeNull();
      const keyId = first.context.db.prepare('SELECT key_id FROM audit_seal').pluck().get();
      expect(keyId).toBe(keyIdOf(parseSealKey(stored!, 'keychain')));
    } finally {
      first.close();
      second.close();
    }
  });
});
