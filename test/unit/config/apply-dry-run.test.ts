// Replacing the workspace shows first what it would do: config.apply with dryRun validates the file like a real
// apply, names every app, rule, exception and review it would add, change or remove, and stores, audits and
// emits nothing — pasting `apps: []` over a workspace says which apps and rules would go, and nothing goes.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { LanyardError } from '../../../electron/app/errors';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { createTestKeychain } from '../../helpers/keychain';
import { EXAMPLE } from '../cli/run-cli';

const example = fs.readFileSync(EXAMPLE, 'utf8');

let dir: string;
let core: Lanyard;

beforeEach(() => {
  dir = makeTempDir('config-dry-run');
  core = createLanyard({ dataDir: dir, secrets: createTestKeychain(), log: createLogger(memorySink()) });
});
afterEach(() => {
  core.close();
  removeDir(dir);
});

const call = (yaml: string, dryRun?: boolean) =>
  core.handlers['config.apply']({ yaml, ...(dryRun ? { dryRun } : {}) }, { actor: 'test' });
const exported = async () => (await core.handlers['config.export']({}, { actor: 'test' })).yaml;
const ledgerSize = async () =>
  (await core.handlers['audit.list']({ limit: 1000 }, { actor: 'test' })).events.length;

describe('config.apply dry run', () => {
  it('names the apps and rules `apps: []` would remove, and changes nothing', async () => {
    await call(example);
    const before = await exported();
    const events = await ledgerSize();
    const changed: string[] = [];
    const off = core.events.subscribe((e) => changed.push(e.event));

    const directory = example.slice(0, example.indexOf('\napps:'));
    const r = await call(`${directory}\napps: []\nrules: []\n`, true);
    off();

    expect(r.applied).toBe(false);
    const c = r.changes!;
    expect(c.apps.removed.map((a) => a.key)).toEqual(['slack', 'github', 'badge']);
    expect(c.rules.removed).toHaveLength(3);
    expect(c.rules.removed[0]!.name).toMatch(/^rule 1.*Slack/);
    expect(c.removals).toBe(6);
    expect(c.same).toBe(false);

    expect(await exported()).toBe(before);
    expect(await ledgerSize()).toBe(events);
    expect(changed).toEqual([]);
  });

  it('says nothing would change for the same file, and names a changed app with what differs', async () => {
    await call(example);
    expect((await call(await exported(), true)).changes!.same).toBe(true);
    const renamed = example.replace('deprovision: deactivate', 'deprovision: delete');
    const c = (await call(renamed, true)).changes!;
    if (renamed !== example) {
      expect(c.apps.changed.map((a) => a.detail)).toContain('deprovision');
      expect(c.removals).toBe(0);
    }
  });

  it('refuses a bad file the way a real apply does', async () => {
    const err = await call('apps: [{ id: "Bad Id" }]\n', true).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LanyardError);
    expect((err as LanyardError).code).toBe('bad_input');
  });
});
