// The workspace file through the core's config.apply / config.export: all-or-nothing, every problem named by path,
// and a lossless round trip.
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
  dir = makeTempDir('config');
  // The keychain is never touched by config apply/export; secrets are references only.
  core = createLanyard({ dataDir: dir, secrets: createTestKeychain(), log: createLogger(memorySink()) });
});
afterEach(() => {
  core.close();
  removeDir(dir);
});

const apply = (yaml: string) => core.handlers['config.apply']({ yaml }, { actor: 'test' });
const exportYaml = async () => (await core.handlers['config.export']({}, { actor: 'test' })).yaml;

const rejection = async (yaml: string): Promise<LanyardError> => {
  const err = await apply(yaml).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LanyardError);
  expect((err as LanyardError).code).toBe('bad_input');
  return err as LanyardError;
};

describe('config apply and export', () => {
  it('applies the documented example and reports what it stored', async () => {
    const result = await apply(example);
    expect(result).toEqual({
      applied: true,
      summary: '1 directory (okta), 3 apps, 3 rules; guardrails, offboarding, schedule',
      directory: 'okta',
      apps: ['slack', 'github', 'badge'],
      rules: 3,
      settings: ['guardrails', 'offboarding', 'schedule'],
      warnings: [],
    });
    const settings = await core.handlers['settings.get']({}, { actor: 'test' });
    expect(settings.offboarding).toEqual({
      killSessions: true,
      checklist: ['Collect laptop', 'Transfer files'],
    });
    expect(settings.guardrails.maxDeprovisionsPerRun).toBe(10);
  });

  it('round-trips losslessly: apply → export → apply → export gives identical text', async () => {
    await apply(example);
    const first = await exportYaml();
    await apply(first);
    const second = await exportYaml();
    expect(second).toBe(first);
    expect(first).toMatch(/^# Lanyard workspace/);
    expect(first).toContain('token: keychain:slack-scim');
    expect(first).toContain('groups: [Platform Leads]');
  });

  it('exports an empty workspace that applies cleanly', async () => {
    const empty = await exportYaml();
    expect(empty).not.toContain('directory:');
    await apply(empty);
    expect(await exportYaml()).toBe(empty);
  });

  it('announces the change on the event bus', async () => {
    const events: string[] = [];
    core.events.subscribe((e) => events.push(e.event));
    await apply(example);
    expect(events).toContain('workspace.changed');
    expect(events).toContain('settings.changed');
  });

  it('resets settings sections the file leaves out to their defaults', async () => {
    await apply(example);
    await apply('apps: []\n');
    const settings = await core.handlers['settings.get']({}, { actor: 'test' });
    expect(settings.offboarding).toEqual({ killSessions: false, checklist: [] });
    expect(await core.context.repos.workspace.getDirectory()).toBeNull();
  });
});

describe('a bad workspace file', () => {
  beforeEach(async () => {
    await apply(example);
  });

  it('names the bad field, stores nothing and leaves the workspace as it was', async () => {
    const before = await exportYaml();
    const bad = example.replace(
      /deprovision: deactivate +# deactivate \| delete.*$/m,
      'deprovision: sometimes',
    );
    expect(bad).not.toBe(example);
    const withSecondBad = bad.replace('- id: github\n', '- id: github\n    deprovision: sometimes\n');
    const err = await rejection(withSecondBad);
    expect(err.message).toContain(
      'apps[0].deprovision: expected "deactivate" | "delete" | {deactivateThenDeleteAfterDays}',
    );
    expect(err.issues?.map((i) => i.path)).toEqual(['apps[0].deprovision', 'apps[1].deprovision']);
    expect(await exportYaml()).toBe(before);
  });

  it('rejects a literal secret, says to use keychain:NAME or env:VAR, and does not echo it', async () => {
    const literal = 'xoxb-123456789012-abcdefghijkl';
    const err = await rejection(example.replace('token: keychain:slack-scim', `token: "${literal}"`));
    expect(err.path).toBe('apps[0].auth.token');
    expect(err.message).toContain('keychain:NAME');
    expect(err.message).toContain('env:VAR');
    expect(err.hint).toContain('lanyard secrets set');
    expect(JSON.stringify(err.toApiError())).not.toContain(literal);
  });

  it('names the line of a YAML syntax error', async () => {
    const err = await rejection('apps:\n  - id: a\n   name: A\n');
    expect(err.message).toMatch(/line 3, column \d+/);
  });

  it('rejects an unknown top-level key', async () => {
    const err = await rejection(`${example}\nguardrail:\n  maxDeprovisionsPerRun: 3\n`);
    expect(err.issues).toEqual([{ path: 'guardrail', message: expect.stringContaining('unknown field') }]);
  });

  it('rejects a rule for an app that is not in the file', async () => {
    const err = await rejection(example.replace('  - app: slack\n', '  - app: slak\n'));
    expect(err.message).toContain('rules[0].app: no app with id "slak" in apps');
  });

  it('rejects duplicate app ids', async () => {
    const err = await rejection(example.replace('- id: badge', '- id: slack'));
    expect(err.message).toContain('apps[2].id: duplicate app id "slack"');
  });

  it('lists every problem at once, including cross-references next to field errors', async () => {
    const yaml = [
      'apps:',
      '  - { id: a, name: A, kind: manual }',
      '  - { id: a, name: B, kind: manual, review: sometimes }',
      'rules:',
      '  - { app: nope, groups: [x] }',
      'schedule: { pollSeconds: 1 }',
    ].join('\n');
    const err = await rejection(yaml);
    expect(err.issues?.map((i) => i.path).sort()).toEqual([
      'apps[1].id',
      'apps[1].review',
      'rules[0].app',
      'schedule.pollSeconds',
    ]);
  });

  it('rejects an empty file instead of wiping the workspace', async () => {
    const before = await exportYaml();
    const err = await rejection('# nothing here\n');
    expect(err.message).toContain('empty');
    expect(await exportYaml()).toBe(before);
  });

  it('names a missing required field', async () => {
    const err = await rejection('apps:\n  - { id: a, kind: manual }\n');
    expect(err.issues).toEqual([{ path: 'apps[0].name', message: 'missing (expected string)' }]);
  });

  it('stores nothing when writing fails halfway through', async () => {
    const before = await exportYaml();
    // A real SQLite failure after the directory and apps are written: the last step (rules) is refused.
    core.context.db.exec(
      "CREATE TRIGGER refuse_rules BEFORE INSERT ON rules BEGIN SELECT RAISE(ABORT, 'disk says no'); END;",
    );
    const changed = example
      .replace('name: Acme Okta', 'name: Acme Okta 2')
      .replace('name: Slack', 'name: Slack 2');
    await expect(apply(changed)).rejects.toThrow(/disk says no/);
    expect(await exportYaml()).toBe(before);
  });
});
