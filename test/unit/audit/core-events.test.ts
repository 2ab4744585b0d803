// Every config change through the core lands in the ledger with who made it: a workspace apply, a settings change,
// a secret stored or removed. Secret values never reach the database file, in any form.
import fs from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { createTestKeychain, requireSecretService, type TestKeychain } from '../../helpers/keychain';
import { filesContaining, makeTempDir, removeDir } from '../../helpers/temp-dir';
import { EXAMPLE } from '../cli/run-cli';

let dir: string;
let keychain: TestKeychain;
let core: Lanyard;

beforeAll(() => requireSecretService());
beforeEach(() => {
  dir = makeTempDir('audit-core');
  keychain = createTestKeychain();
  core = createLanyard({ dataDir: dir, secrets: keychain, log: createLogger(memorySink()) });
});
afterEach(async () => {
  core.close();
  await keychain.purge();
  removeDir(dir);
});

const events = async () => (await core.context.audit.list({}, { limit: 100 })).events.reverse();

describe('config changes in the audit ledger', () => {
  it('records a workspace apply with the actor and a before/after summary (no credentials)', async () => {
    await core.handlers['config.apply']({ yaml: fs.readFileSync(EXAMPLE, 'utf8') }, { actor: 'cli' });
    const [e] = await events();
    expect(e).toMatchObject({
      actor: 'cli',
      action: 'config.applied',
      result: expect.stringMatching(/^ok: 1 directory \(okta\), 3 apps, 3 rules/),
    });
    expect(e!.before).toMatchObject({ directory: null, apps: [], rules: [] });
    expect(e!.after).toMatchObject({
      directory: { kind: 'okta' },
      apps: [
        { id: 'slack', kind: 'scim', review: 'auto' },
        { id: 'github' },
        { id: 'badge', kind: 'manual' },
      ],
      settings: { guardrails: { maxDeprovisionsPerRun: 10 } },
    });
    expect((e!.after as { rules: unknown[] }).rules).toHaveLength(3);
    // credentials are not part of the record, not even as references
    expect(JSON.stringify(e)).not.toMatch(/keychain:|env:|token|clientSecret|privateKey/);
  });

  it('records nothing when the workspace file is rejected (nothing was applied)', async () => {
    await expect(
      core.handlers['config.apply']({ yaml: 'apps: [{ id: Bad }]' }, { actor: 'cli' }),
    ).rejects.toThrow();
    expect(await events()).toEqual([]);
  });

  it('records a settings change with the actor and the settings before and after', async () => {
    await core.handlers['settings.set']({ guardrails: { maxDeprovisionsPerRun: 3 } }, { actor: 'ui' });
    const [e] = await events();
    expect(e).toMatchObject({
      actor: 'ui',
      action: 'settings.changed',
      result: 'ok',
      before: { guardrails: { maxDeprovisionsPerRun: 10 } },
      after: { guardrails: { maxDeprovisionsPerRun: 3 } },
    });
  });

  it('records a secret being stored and removed by name, and its value is nowhere in the data folder', async () => {
    const value = `tok-${Date.now()}-SECRET-VALUE-do-not-store`;
    await core.handlers['secrets.set']({ name: 'slack-scim', value }, { actor: 'ui' });
    await core.handlers['secrets.delete']({ name: 'slack-scim' }, { actor: 'cli' });
    expect(await events()).toMatchObject([
      { actor: 'ui', action: 'secret.set', after: { name: 'slack-scim' }, before: null, result: 'ok' },
      { actor: 'cli', action: 'secret.deleted', before: { name: 'slack-scim' }, after: null, result: 'ok' },
    ]);
    expect(await core.context.audit.verify()).toMatchObject({ ok: true, count: 2 });
    core.close(); // checkpoint the WAL too, then search every byte of the data folder
    expect(filesContaining(dir, value)).toEqual([]);
    expect(filesContaining(dir, 'SECRET-VALUE')).toEqual([]);
  });

  it('keeps one chain across all kinds of changes', async () => {
    await core.handlers['config.apply']({ yaml: fs.readFileSync(EXAMPLE, 'utf8') }, { actor: 'cli' });
    await core.handlers['settings.set']({ schedule: { paused: true } }, { actor: 'ui' });
    await core.handlers['secrets.set']({ name: 'github', value: 'ghp_abcdefghijklmnop' }, { actor: 'cli' });
    expect((await events()).map((e) => e.action)).toEqual([
      'config.applied',
      'settings.changed',
      'secret.set',
    ]);
    expect(await core.context.audit.verify()).toMatchObject({ ok: true, count: 3, headSeq: 3 });
  });
});
