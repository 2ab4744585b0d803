// Protected accounts and per-app limits in the workspace file: they round-trip through config apply → export →
// apply, are saved by the Apps form's apps.save exactly as the file would store them, and bad lists are refused
// with the path of the bad entry, never quoting it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { LanyardError } from '../../../electron/app/errors';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { workspaceJsonSchemaText } from '../../../shared/config/workspace-json-schema';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { createTestKeychain } from '../../helpers/keychain';

let dir: string;
let core: Lanyard;

beforeEach(() => {
  dir = makeTempDir('protected-config');
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
  return err as LanyardError;
};

const WORKSPACE = `apps:
  - id: slack
    name: Slack
    kind: scim
    baseUrl: https://slack.example.com/scim/v2
    auth: { type: bearer, token: keychain:slack-scim }
    protected:
      - breakglass@acme.io
      - deploy-bot
    limits: { maxDeprovisionsPerRun: 5, maxDeprovisionsPerWindow: 0 }
  - id: github
    name: GitHub
    kind: github
    org: acme
    auth: { type: bearer, token: keychain:github }
    protected: [octo-admin]
  - id: badge
    name: Office badge
    kind: manual
    protected: [ceo@acme.io]
    limits: { maxDeprovisionsPerWindow: 3 }
`;

/** A workspace with one manual app whose `protected` list is the given YAML flow sequence. */
const withList = (list: string) =>
  `apps:\n  - { id: badge, name: Badge, kind: manual, protected: ${list} }\n`;

describe('protected accounts and limits in the workspace file', () => {
  it('are stored for every kind of app and round-trip losslessly through export and apply', async () => {
    await apply(WORKSPACE);
    const apps = await core.context.repos.workspace.listApps();
    expect(apps.map((a) => [a.id, a.protected, a.limits])).toEqual([
      [
        'slack',
        ['breakglass@acme.io', 'deploy-bot'],
        { maxDeprovisionsPerRun: 5, maxDeprovisionsPerWindow: 0 },
      ],
      ['github', ['octo-admin'], undefined],
      ['badge', ['ceo@acme.io'], { maxDeprovisionsPerWindow: 3 }],
    ]);

    const first = await exportYaml();
    // One protected account per line, so a review diff shows each one; limits on one line like rateLimit.
    expect(first).toContain('    protected:\n      - breakglass@acme.io\n      - deploy-bot\n');
    expect(first).toContain('    limits: {maxDeprovisionsPerRun: 5, maxDeprovisionsPerWindow: 0}\n');
    await apply('apps: []\n');
    expect(await core.context.repos.workspace.listApps()).toEqual([]);
    await apply(first);
    expect(await core.context.repos.workspace.listApps()).toEqual(apps);
    expect(await exportYaml()).toBe(first);
  });

  it('stores entries trimmed, and leaves an app without them as it was', async () => {
    await apply(withList('["  deploy-bot  "]'));
    expect((await core.context.repos.workspace.getApp('badge'))?.protected).toEqual(['deploy-bot']);
    await apply('apps:\n  - { id: badge, name: Badge, kind: manual }\n');
    const text = await exportYaml();
    expect(text).not.toContain('protected');
    expect(text).not.toContain('limits');
  });

  it('appear in the JSON Schema', () => {
    const schema = workspaceJsonSchemaText();
    expect(schema).toContain('"protected"');
    expect(schema).toContain('"maxItems": 200');
    expect(schema).toContain('"maxDeprovisionsPerWindow"');
  });
});

describe('a bad protected list or limit', () => {
  it('names a duplicate, compared case-insensitively, without quoting it', async () => {
    const err = await rejection(withList('[ana@acme.io, deploy-bot, ANA@Acme.io]'));
    expect(err.issues).toEqual([
      {
        path: 'apps[0].protected[2]',
        message: 'listed twice: the same account as protected[0] (compared case-insensitively)',
      },
    ]);
    expect(err.message).not.toMatch(/ana@acme\.io/i);
  });

  it('names an empty or blank entry', async () => {
    const err = await rejection(withList('[deploy-bot, "   "]'));
    expect(err.issues).toEqual([
      { path: 'apps[0].protected[1]', message: 'expected a userName, login or email, not an empty entry' },
    ]);
  });

  it('refuses more than 200 entries', async () => {
    const names = Array.from({ length: 201 }, (_, i) => `svc-${i}`);
    const err = await rejection(withList(`[${names.join(', ')}]`));
    expect(err.issues).toEqual([
      { path: 'apps[0].protected', message: 'at most 200 protected accounts per app' },
    ]);
    await apply(withList(`[${names.slice(1).join(', ')}]`));
    expect((await core.context.repos.workspace.getApp('badge'))?.protected).toHaveLength(200);
  });

  it('refuses negative, fractional and unknown limits, naming each', async () => {
    const yaml =
      'apps:\n  - id: badge\n    name: Badge\n    kind: manual\n' +
      '    limits: { maxDeprovisionsPerRun: -1, maxDeprovisionsPerWindow: 2.5, maxPercent: 3 }\n';
    const err = await rejection(yaml);
    expect(err.issues?.map((i) => i.path).sort()).toEqual([
      'apps[0].limits.maxDeprovisionsPerRun',
      'apps[0].limits.maxDeprovisionsPerWindow',
      'apps[0].limits.maxPercent',
    ]);
  });
});

describe('apps.save (the Apps form)', () => {
  const save = (app: Record<string, unknown>) =>
    dispatch(core.handlers, 'apps.save', { app }, { actor: 'ui' });
  const badge = { id: 'badge', name: 'Office badge', kind: 'manual' };

  it('stores the protected list and limits as the workspace file would, and audits the change', async () => {
    const r = await save({ ...badge, protected: ['ceo@acme.io'], limits: { maxDeprovisionsPerRun: 2 } });
    expect(r.ok).toBe(true);
    const text = await exportYaml();
    expect(text).toContain('    limits: {maxDeprovisionsPerRun: 2}\n    protected:\n      - ceo@acme.io\n');
    const events = (await core.context.audit.list()).events.filter((e) => e.action === 'app.added');
    expect(events.map((e) => e.after)).toEqual([
      expect.objectContaining({ protected: ['ceo@acme.io'], limits: { maxDeprovisionsPerRun: 2 } }),
    ]);
  });

  it('refuses a duplicate with the path the form shows it at', async () => {
    const r = await save({ ...badge, protected: ['bot', 'BOT'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.path).toBe('app.protected[1]');
  });
});
