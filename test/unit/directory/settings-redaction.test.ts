// The keychain health check (app.info) stores and deletes a throwaway entry; the keychain registers every value it
// stores for redaction, so that value must be one no answer contains. It was the word "probe", which then came back
// as "[redacted]" in the setup's preset notes ("[redacted] the app once it is saved") and every probe step.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createLogger, memorySink } from '../../../electron/log/logger';
import type { ScimPresetView } from '../../../shared/api/methods-workspace';
import { createTestKeychain, requireSecretService, type TestKeychain } from '../../helpers/keychain';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

requireSecretService();

let dir: string;
let keychain: TestKeychain;
let core: Lanyard;
beforeEach(() => {
  dir = makeTempDir('settings-redaction');
  keychain = createTestKeychain();
  core = createLanyard({ dataDir: dir, secrets: keychain, log: createLogger(memorySink()), env: {} });
});
afterEach(async () => {
  core.close();
  await keychain.purge();
  removeDir(dir);
});

it('leaves ordinary words alone in answers after the keychain health check', async () => {
  const info = await dispatch(core.handlers, 'app.info', {}, { actor: 'ui' });
  expect(info).toMatchObject({
    ok: true,
    value: {
      health: expect.arrayContaining([expect.objectContaining({ component: 'keychain', status: 'ok' })]),
    },
  });
  const presets = await dispatch(core.handlers, 'apps.presets', {}, { actor: 'ui' });
  if (!presets.ok) throw new Error(presets.error.message);
  const generic = (presets.value as ScimPresetView[]).find((p) => p.id === 'generic')!;
  expect(generic.notes.join(' ')).toContain('probe the app');
  expect(JSON.stringify(presets.value)).not.toContain('[redacted]');
});
