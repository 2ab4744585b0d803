// Editing the workspace from the UI (workspace.get, apps.save, apps.remove, apps.presets): validated before anything
// is stored, credentials only in the OS keychain, rules removed with their app, one audit event per change, and the
// result visible in `config export` exactly as if it had been written in the workspace file.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createLogger, memorySink } from '../../../electron/log/logger';
import type { ApiResult } from '../../../shared/api/result';
import { createTestKeychain, requireSecretService, type TestKeychain } from '../../helpers/keychain';
import { filesContaining, makeTempDir, removeDir } from '../../helpers/temp-dir';
import { EXAMPLE } from '../cli/run-cli';

requireSecretService();

let dir: string;
let keychain: TestKeychain;
let core: Lanyard;
let logLines: string[];

const open = (dataDir: string): Lanyard => {
  const sink = memorySink();
  logLines = sink.lines;
  return createLanyard({ dataDir, secrets: keychain, log: createLogger(sink), env: {} });
};

beforeEach(() => {
  dir = makeTempDir('workspace-edit');
  keychain = createTestKeychain();
  core = open(dir);
});
afterEach(async () => {
  core.close();
  await keychain.purge();
  removeDir(dir);
});

const call = (method: string, input: unknown): Promise<ApiResult<unknown>> =>
  dispatch(core.handlers, method, input, { actor: 'ui' });
const ok = async <T>(method: string, input: unknown): Promise<T> => {
  const r = await call(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
};
const exportYaml = async () => (await core.handlers['config.export']({}, { actor: 'test' })).yaml;
const apps = async () => (await core.handlers['workspace.get']({}, { actor: 'test' })).apps;

const scimApp = (extra: Record<string, unknown> = {}) => ({
  id: 'acme',
  name: 'Acme HR',
  kind: 'scim',
  preset: 'generic',
  baseUrl: 'https://acme.example.com/scim/v2',
  auth: { type: 'bearer', token: 'keychain:acme-scim' },
  ...extra,
});

describe('apps.save', () => {
  it('validates and stores a new app at the end, and edits an existing one in place', async () => {
    await core.handlers['config.apply']({ yaml: fs.readFileSync(EXAMPLE, 'utf8') }, { actor: 'test' });
    const added = await ok<{ created: boolean }>('apps.save', { app: scimApp() });
    expect(added.created).toBe(true);
    expect((await apps()).map((a) => a.id)).toEqual(['slack', 'github', 'badge', 'acme']);

    const edited = await ok<{ created: boolean }>('apps.save', {
      app: {
        id: 'github',
        name: 'GitHub (Acme)',
        kind: 'github',
        org: 'acme-inc',
        auth: { type: 'bearer', token: 'keychain:github' },
        review: 'required',
      },
    });
    expect(edited.created).toBe(false);
    const stored = await apps();
    expect(stored.map((a) => a.id)).toEqual(['slack', 'github', 'badge', 'acme']);
    // Defaults are filled in by the same schema the workspace file uses.
    expect(stored[1]).toMatchObject({
      name: 'GitHub (Acme)',
      org: 'acme-inc',
      review: 'required',
      deprovision: 'deactivate',
      baseUrl: 'https://api.github.com',
    });
  });

  it('stores nothing and names the field when the app is invalid', async () => {
    const r = await call('apps.save', { app: scimApp({ deprovision: 'shred' }) });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input', path: 'app.deprovision' } });
    const url = await call('apps.save', { app: scimApp({ baseUrl: 'http://scim.example.com/v2' }) });
    expect(url).toMatchObject({ ok: false, error: { code: 'bad_input', path: 'app.baseUrl' } });
    expect(!url.ok && url.error.message).toContain('plain http://');
    const template = await call('apps.save', {
      app: scimApp({ baseUrl: 'https://api.atlassian.com/scim/directory/{directoryId}' }),
    });
    expect(template).toMatchObject({ ok: false, error: { code: 'bad_input', path: 'app.baseUrl' } });
    expect(!template.ok && template.error.message).toContain('{directoryId}');
    expect(await apps()).toEqual([]);
  });

  it('refuses a literal secret in a reference field without echoing it', async () => {
    const literal = `xoxp-${randomUUID()}`;
    const r = await call('apps.save', { app: scimApp({ auth: { type: 'bearer', token: literal } }) });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input', path: 'app.auth.token' } });
    expect(JSON.stringify(r)).not.toContain(literal);
    expect(await apps()).toEqual([]);
  });

  it('puts a typed credential in the keychain and only its reference anywhere else', async () => {
    const value = `scim-token-${randomUUID()}`;
    const saved = await call('apps.save', {
      app: scimApp({ auth: { type: 'basic', username: 'lanyard', password: 'env:WHATEVER' } }),
      secret: { name: 'acme-basic', value },
    });
    expect(saved).toMatchObject({
      ok: true,
      value: { created: true, secret: { name: 'acme-basic', set: true, usedBy: ['app acme'] } },
    });
    expect(await keychain.get('acme-basic')).toBe(value);
    expect((await apps())[0]).toMatchObject({
      auth: { type: 'basic', username: 'lanyard', password: 'keychain:acme-basic' },
    });

    const secrets = await ok<{ ref: string; set: boolean }[]>('secrets.list', {});
    expect(secrets).toContainEqual(expect.objectContaining({ ref: 'keychain:acme-basic', set: true }));
    const seen = [
      JSON.stringify(saved),
      JSON.stringify(await call('workspace.get', {})),
      JSON.stringify(await call('apps.status', {})),
      JSON.stringify(secrets),
      JSON.stringify((await core.context.audit.list()).events),
      await exportYaml(),
      logLines.join('\n'),
    ];
    for (const text of seen) expect(text).not.toContain(value);
    core.close();
    expect(filesContaining(dir, value)).toEqual([]);
    core = open(dir);
  });

  it('refuses a credential for a manual app and stores nothing', async () => {
    const r = await call('apps.save', {
      app: { id: 'badge', name: 'Badge', kind: 'manual' },
      secret: { name: 'badge', value: 'x' },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input', path: 'secret' } });
    expect(await keychain.get('badge')).toBeNull();
    expect(await apps()).toEqual([]);
  });

  it('records each change in the audit ledger, without credentials', async () => {
    await ok('apps.save', { app: scimApp(), secret: { name: 'acme-scim', value: 'token-value-123456' } });
    await ok('apps.save', { app: scimApp({ review: 'required' }) });
    const events = (await core.context.audit.list()).events.map((e) => ({
      action: e.action,
      app: e.app,
      after: e.after,
    }));
    expect(events.map((e) => e.action)).toEqual(['app.updated', 'app.added', 'secret.set']);
    expect(events[0]).toMatchObject({ app: 'acme', after: { review: 'required' } });
    expect((await core.context.audit.verify()).ok).toBe(true);
  });
});

describe('apps.remove', () => {
  it('removes the app with its rules and keeps every other app and rule in order', async () => {
    await core.handlers['config.apply']({ yaml: fs.readFileSync(EXAMPLE, 'utf8') }, { actor: 'test' });
    const removed = await ok('apps.remove', { id: 'github' });
    expect(removed).toEqual({ id: 'github', rulesRemoved: 2, accountsForgotten: 0 });
    const ws = await ok<{ apps: { id: string }[]; rules: { app: string }[] }>('workspace.get', {});
    expect(ws.apps.map((a) => a.id)).toEqual(['slack', 'badge']);
    expect(ws.rules.map((r) => r.app)).toEqual(['slack']);
    expect((await core.context.audit.list()).events[0]).toMatchObject({
      action: 'app.removed',
      app: 'github',
    });
  });

  it('says so when the app does not exist', async () => {
    expect(await call('apps.remove', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

describe('config as code', () => {
  it('exports what the UI edited, and that export applies back to the same workspace', async () => {
    await ok('apps.save', {
      app: scimApp({ preset: 'slack', deprovision: { deactivateThenDeleteAfterDays: 30 } }),
    });
    await ok('apps.save', {
      app: {
        id: 'gh',
        name: 'GitHub',
        kind: 'github',
        org: 'acme',
        auth: { type: 'bearer', token: 'env:GH' },
      },
    });
    await ok('apps.save', {
      app: { id: 'badge', name: 'Badge', kind: 'manual', assignee: 'Facilities', instructions: 'Desk 3' },
    });
    await ok('apps.remove', { id: 'gh' });
    const yaml = await exportYaml();
    expect(yaml).toContain('deactivateThenDeleteAfterDays: 30');
    expect(yaml).toContain('assignee: Facilities');
    expect(yaml).not.toContain('id: gh');

    const other = makeTempDir('workspace-edit-copy');
    const copy = open(other);
    try {
      await copy.handlers['config.apply']({ yaml }, { actor: 'test' });
      expect((await copy.handlers['config.export']({}, { actor: 'test' })).yaml).toBe(yaml);
      expect((await copy.handlers['workspace.get']({}, { actor: 'test' })).apps).toEqual(await apps());
    } finally {
      copy.close();
      removeDir(other);
    }
  });
});

describe('apps.presets and status', () => {
  it('lists the SCIM presets with their template, notes and sources', async () => {
    const presets = await ok<{ id: string; baseUrlTemplate: string; notes: string[]; sources: string[] }[]>(
      'apps.presets',
      {},
    );
    expect(presets[0]).toMatchObject({ id: 'generic', baseUrlTemplate: 'https://{host}/scim/v2' });
    const slack = presets.find((p) => p.id === 'slack');
    expect(slack?.notes.join(' ')).toContain('deactivates');
    expect(slack?.sources.length).toBeGreaterThan(0);
  });

  it('reports orphans and accounts still active for people who left', async () => {
    await ok('apps.save', { app: scimApp() });
    const db = core.context.db;
    db.prepare(`INSERT INTO directories (id, kind, name) VALUES ('primary', 'okta', 'IdP')`).run();
    const person = db.prepare(
      `INSERT INTO people (id, directory_id, login, email, display_name, status, updated_at) VALUES (?, 'primary', ?, ?, ?, ?, '2026-01-01')`,
    );
    person.run('p1', 'ann@example.com', 'ann@example.com', 'Ann', 'active');
    person.run('p2', 'bob@example.com', 'bob@example.com', 'Bob', 'deprovisioned');
    const account = db.prepare(
      `INSERT INTO accounts (app_id, remote_id, person_id, user_name, active, seen_at) VALUES ('acme', ?, ?, ?, 1, '2026-01-02T00:00:00.000Z')`,
    );
    account.run('1', 'p1', 'ann@example.com');
    account.run('2', 'p2', 'bob@example.com');
    account.run('3', null, 'ghost@example.com');

    const report = await ok<{
      count: number;
      linked: number;
      orphans: number;
      drifted: number;
      accounts: { userName: string; drift: string | null; person: unknown }[];
    }>('apps.accountReport', { appId: 'acme' });
    expect(report).toMatchObject({ count: 3, linked: 2, orphans: 1, drifted: 1 });
    expect(report.accounts[0]).toMatchObject({ userName: 'ghost@example.com', person: null });
    expect(report.accounts.find((a) => a.userName === 'bob@example.com')?.drift).toContain('deprovisioned');
    expect(await ok('apps.status', {})).toEqual([
      expect.objectContaining({ id: 'acme', health: 'ok', accounts: 3, linked: 2, orphans: 1, rules: 0 }),
    ]);
  });
});
