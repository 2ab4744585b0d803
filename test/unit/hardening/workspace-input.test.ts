// Hardening of what enters the workspace (issue 15, items 3 and 6): credentials inside URLs are refused by every
// way in, `config apply` and `apps.save` accept and refuse the same apps, hidden characters never reach a stored
// name, a YAML alias bomb is bad input naming the file, and a rule naming an unknown group is kept with a warning.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createLogger, memorySink } from '../../../electron/log/logger';
import type { ApiResult } from '../../../shared/api/result';
import { createTestKeychain, requireSecretService, uniqueService } from '../../helpers/keychain';
import { tempDirForTest } from '../../helpers/temp-dir';
import { runInProcess } from '../cli/run-cli';
import { configure, openTestCore, startWorld, type TestCore, type World } from '../sync-engine/kit';

requireSecretService();

const cores: Lanyard[] = [];
let world: World | null = null;
let tc: TestCore | null = null;
afterEach(async () => {
  for (const c of cores.splice(0)) c.close();
  tc?.close();
  tc = null;
  await world?.close();
  world = null;
});

const openCore = (): Lanyard => {
  const core = createLanyard({
    dataDir: tempDirForTest('hardening-ws'),
    secrets: createTestKeychain(),
    log: createLogger(memorySink()),
    env: {},
  });
  cores.push(core);
  return core;
};

const call = (core: Lanyard, method: string, input: unknown): Promise<ApiResult<unknown>> =>
  dispatch(core.handlers, method, input, { actor: 'test' });

const scimApp = (baseUrl: string, name = 'Acme HR') => ({
  id: 'acme',
  name,
  kind: 'scim',
  baseUrl,
  auth: { type: 'bearer', token: 'env:ACME_TOKEN' },
});

const workspaceWith = (baseUrl: string, name = 'Acme HR'): string =>
  [
    'apps:',
    '  - id: acme',
    `    name: ${JSON.stringify(name)}`,
    '    kind: scim',
    `    baseUrl: ${baseUrl}`,
    '    auth: { type: bearer, token: env:ACME_TOKEN }',
    '',
  ].join('\n');

const BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  '',
].join('\n');

describe('workspace input hardening', () => {
  it('refuses a URL with "user:password@" in config apply, apps.save and directory.save, pointing to auth:, without echoing it', async () => {
    const core = openCore();
    const password = 'Hunter2-in-the-url';
    const withCreds = `https://admin:${password}@scim.example.com/scim/v2`;

    const applied = await call(core, 'config.apply', { yaml: workspaceWith(withCreds) });
    const saved = await call(core, 'apps.save', { app: scimApp(withCreds) });
    const directory = await call(core, 'directory.save', {
      directory: {
        kind: 'okta',
        name: 'Acme Okta',
        baseUrl: `https://admin:${password}@acme.okta.com`,
        auth: { type: 'token', token: 'env:OKTA_TOKEN' },
      },
    });
    for (const [what, r, field] of [
      ['config.apply', applied, 'apps[0].baseUrl'],
      ['apps.save', saved, 'app.baseUrl'],
      ['directory.save', directory, 'directory.baseUrl'],
    ] as const) {
      expect(r, what).toMatchObject({ ok: false, error: { code: 'bad_input' } });
      const text = JSON.stringify(r);
      expect(text, what).toContain(field);
      expect(text, what).toContain('auth: section');
      expect(text, what).not.toContain(password);
    }
    // Nothing was stored, so nothing can show up in export or the ledger.
    expect((await core.handlers['workspace.get']({}, { actor: 'test' })).apps).toEqual([]);
    expect(JSON.stringify((await core.context.audit.list()).events)).not.toContain(password);
  });

  it('gives config apply the same URL and name rules as apps.save: plain http only to loopback, no hidden characters', async () => {
    const core = openCore();
    const cases: [string, string, string][] = [
      ['http://scim.example.com/v2', 'Acme HR', 'plain http://'],
      ['https://scim.example.com/v2', 'Sl\u202Eack', 'U+202E'],
      ['https://scim.example.com/v2', 'Ac\u200Bme', 'U+200B'],
      ['https://scim.example.com/v2', 'Ac\u0007me', 'U+0007'],
    ];
    for (const [url, name, expected] of cases) {
      const applied = await call(core, 'config.apply', { yaml: workspaceWith(url, name) });
      const saved = await call(core, 'apps.save', { app: scimApp(url, name) });
      expect(applied, `${url} ${expected}`).toMatchObject({ ok: false, error: { code: 'bad_input' } });
      expect(saved, `${url} ${expected}`).toMatchObject({ ok: false, error: { code: 'bad_input' } });
      expect(JSON.stringify(applied)).toContain(expected);
      expect(JSON.stringify(saved)).toContain(expected);
    }
    // Loopback http stays allowed in both (tests, local stand-ins).
    expect(await call(core, 'config.apply', { yaml: workspaceWith('http://127.0.0.1:9/v2') })).toMatchObject({
      ok: true,
    });
    expect(await call(core, 'apps.save', { app: scimApp('http://localhost:9/v2') })).toMatchObject({
      ok: true,
    });
  });

  it('answers a YAML alias bomb with bad input naming the file: exit 2, and 400-class bad_input from the API', async () => {
    const dir = tempDirForTest('hardening-bomb');
    const file = path.join(dir, 'bomb.yaml');
    fs.writeFileSync(file, BOMB);
    const env = { LANYARD_LOG_LEVEL: 'error', LANYARD_KEYCHAIN_SERVICE: uniqueService() };
    for (const argv of [
      ['config', 'apply', file],
      ['config', 'apply', '--check', file],
    ]) {
      const r = await runInProcess(['--data-dir', path.join(dir, 'data'), ...argv], { env });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain(`The workspace file ${file} expands YAML aliases`);
      expect(r.stderr).not.toMatch(/internal|unexpected/i);
    }
    const api = await call(openCore(), 'config.apply', { yaml: BOMB });
    expect(api).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('accepts a rule naming a group the directory does not have, and warns in the apply output and the plan', async () => {
    world = await startWorld(6, { github: false });
    tc = openTestCore();
    await configure(tc.core, world);
    await tc.call('directory.pull', {});
    const yaml = [
      'directory:',
      '  kind: okta',
      '  name: Acme Okta',
      `  baseUrl: ${world.okta.url}`,
      '  auth: { type: token, token: env:OKTA_TOKEN }',
      'apps:',
      '  - { id: badge, name: Office badge, kind: manual }',
      'rules:',
      '  - { app: badge, groups: [Office, Enginering] }',
      '',
    ].join('\n');

    const result = await tc.call('config.apply', { yaml });
    expect(result.rules).toBe(1);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^rules\[0\]\.groups: the directory has no group named "Enginering"/);

    const plan = await tc.call('sync.plan', {});
    expect(plan.warnings.filter((w) => w.includes('"Enginering"'))).toHaveLength(1);
    expect(plan.warnings.some((w) => w.includes('"Office"'))).toBe(false);

    // The CLI prints it with the summary.
    const file = path.join(tc.dataDir, 'ws.yaml');
    fs.writeFileSync(file, yaml);
    tc.close();
    tc = null;
    const r = await runInProcess(['--data-dir', path.dirname(file), 'config', 'apply', file], {
      env: { LANYARD_LOG_LEVEL: 'error', LANYARD_KEYCHAIN_SERVICE: uniqueService() },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\nwarning: rules\[0\]\.groups: the directory has no group named "Enginering"/);
  });
});
