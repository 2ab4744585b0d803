// The apps API: test a connection, read accounts into the accounts table (all or nothing), probe a SCIM app and
// store what it supports, and record manual-app confirmations.
import { afterEach, describe, expect, it } from 'vitest';
import { createCapabilitiesRepo } from '../../../electron/apps/capabilities-repo';
import { createAppConnector } from '../../../electron/apps/factory';
import type { ScimFakeOptions } from '../../fakes/scim/server';
import { addPerson, startAppsCore } from './core-kit';
import { fake, seedUsers, stopFakesAfterEach } from './fake-kit';
import { URN } from '../../fakes/scim/store';
import { FAST_HTTP, person, testDeps } from './harness';

stopFakesAfterEach();
const cores: { close(): void }[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});

const scimApp = (baseUrl: string, extra: Record<string, unknown> = {}) => ({
  id: 'acme',
  name: 'Acme',
  kind: 'scim',
  baseUrl,
  auth: { type: 'bearer', token: 'env:ACME_TOKEN' },
  ...extra,
});
const manualApp = {
  id: 'payroll',
  name: 'Payroll',
  kind: 'manual',
  assignee: 'Finance',
  instructions: 'Use the admin portal.',
};

const setup = async (quirks: Partial<ScimFakeOptions> = {}, extra: Record<string, unknown> = {}) => {
  const f = await fake(quirks);
  const h = await startAppsCore([scimApp(f.url, extra), manualApp], { ACME_TOKEN: f.options.token });
  cores.push(h);
  return { f, h };
};

describe('apps.test', () => {
  it('reports OK with what discovery found', async () => {
    const { f, h } = await setup();
    seedUsers(f, 3);
    const r = await h.call('apps.test', { appId: 'acme' });
    expect(r).toMatchObject({
      ok: true,
      value: { ok: true, details: expect.arrayContaining(['Authenticated; 3 account(s) readable.']) },
    });
  });

  it('says which app rejected the token and where to fix it, without ever showing the token', async () => {
    const { f, h } = await setup();
    f.set({ token: 'another-token' });
    const r = await h.apps.test('acme');
    expect(r.ok).toBe(false);
    expect(r.details.join('\n')).toContain('Acme rejected the token: 401. Re-enter it in Apps → Acme');
    expect(JSON.stringify(r) + h.logLines.join('\n')).not.toContain('fake-scim-token');
  });

  it('reports a missing secret as a finding', async () => {
    const f = await fake();
    const h = await startAppsCore([scimApp(f.url)], {});
    cores.push(h);
    const r = await h.apps.test('acme');
    expect(r).toMatchObject({
      ok: false,
      details: [expect.stringContaining('The secret env:ACME_TOKEN used by app acme is not set.')],
    });
  });
});

describe('apps.accounts', () => {
  it('stores every account and links them to directory people', async () => {
    const { f, h } = await setup();
    addPerson(h.core, { id: 'dir-seed-1', login: 'seed1@example.com', email: 'seed1@example.com' });
    addPerson(h.core, { id: 'p-x', login: 'x', email: 'px@example.com' });
    seedUsers(f, 5);
    // Made by hand in the app (no externalId): linked by its userName. The seeded accounts' externalIds name
    // dir-seed-N, so only dir-seed-1's links (an account whose externalId names someone else never links by
    // userName or email).
    f.store.createUser({ schemas: [URN.user], userName: 'PX@example.com' });
    const r = await h.call('apps.accounts', { appId: 'acme' });
    expect(r).toMatchObject({ ok: true, value: { count: 6, linked: 2 } });
    const rows = h.accountsRows('acme') as { person_id: string | null; user_name: string }[];
    expect(rows).toHaveLength(6);
    expect(
      rows
        .filter((r) => r.person_id)
        .map((r) => r.person_id)
        .sort(),
    ).toEqual(['dir-seed-1', 'p-x']);
  });

  const badCases: [string, Partial<ScimFakeOptions>, RegExp][] = [
    [
      'an HTML page',
      { htmlUsers: true },
      /^Acme did not answer with SCIM JSON when trying to list users \(page 1\): .*HTML page/,
    ],
    [
      'malformed JSON',
      { brokenJsonUsers: true },
      /^Acme sent malformed JSON when trying to list users \(page 1\)\.$/,
    ],
    [
      'a ListResponse that is an array',
      { malformedList: 'not-object' },
      /malformed SCIM response .*: the answer is not a ListResponse object\.$/,
    ],
    [
      'a ListResponse without Resources',
      { malformedList: 'no-resources' },
      /malformed SCIM response .*: totalResults is 8 but there is no Resources array\.$/,
    ],
    [
      'Resources that is not an array',
      { malformedList: 'resources-not-array' },
      /malformed SCIM response .*: Resources is not an array\.$/,
    ],
    [
      'resources without ids',
      { malformedList: 'no-id' },
      /malformed SCIM response .*: a resource has no id\.$/,
    ],
    ['401', { token: 'rotated' }, /^Acme rejected the token: 401\.$/],
    [
      'persistent 503s',
      { failNext: 100, failStatus: 503 },
      /^Acme had a server error \(503\) when trying to list users \(page 1\) — Temporary failure\.$/,
    ],
  ];
  it.each(badCases)(
    'keeps the stored accounts unchanged when the app answers %s',
    async (_label, quirk, message) => {
      const { f, h } = await setup();
      seedUsers(f, 5);
      expect((await h.apps.accounts('acme')).count).toBe(5);
      const before = h.accountsRows('acme');
      seedUsers(f, 3, 100);
      f.set(quirk);
      const err = await h.apps.accounts('acme').catch((e: unknown) => e);
      expect((err as Error).message).toMatch(message);
      expect(h.accountsRows('acme')).toEqual(before);
    },
  );

  it('returns the error through the API envelope with its hint', async () => {
    const { f, h } = await setup();
    f.set({ htmlUsers: true });
    const r = await h.call('apps.accounts', { appId: 'acme' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'upstream', hint: expect.stringContaining('Check the base URL in Apps → Acme') },
    });
  });
});

describe('apps.probe', () => {
  it('detects PUT-only, no filter support and ETags, stores them, and the client then uses them', async () => {
    const { f, h } = await setup({ putOnly: true, noFilter: 'ignore', etag: true });
    seedUsers(f, 3);
    const r = await h.apps.probe('acme', false);
    expect(r.capabilities).toMatchObject({ update: 'put-only', filter: false, etag: true });
    expect(r.steps.find((s) => s.name === 'filter')).toMatchObject({ status: 'failed' });
    const stored = await createCapabilitiesRepo(h.core.context.store).get('acme');
    expect(stored).toMatchObject({ update: 'put-only', filter: false, etag: true, writeTested: false });

    // A connector built later uses the stored findings: no discovery round, PUT with If-Match for updates.
    f.requests.length = 0;
    const app = (await h.core.context.repos.workspace.getApp('acme'))!;
    const c = createAppConnector(
      app,
      testDeps(f.options.token, { storedCapabilities: stored, resolveSecret: async () => f.options.token }),
    );
    const created = await c.create(person(1));
    if (created.manual) throw new Error('manual');
    await c.update(created.state.remoteId, { displayName: 'X' });
    expect(f.requests.map((q) => `${q.method} ${q.path.replace(/[0-9a-f-]{36}/, 'ID')}`)).toEqual([
      'POST /Users',
      'GET /Users/ID',
      'PUT /Users/ID',
    ]);
    expect(f.requests.at(-1)!.headers['if-match']).toMatch(/^W\//);
  });

  it('with --write, round-trips a throwaway user and always removes it', async () => {
    const { f, h } = await setup({}, { preset: 'generic' });
    seedUsers(f, 2);
    const r = await h.apps.probe('acme', true);
    expect(r).toMatchObject({
      ok: true,
      wrote: true,
      cleanedUp: true,
      capabilities: { update: 'patch', filter: true, deleteMeans: 'delete' },
      presetFit: { preset: 'generic', matches: true },
    });
    expect(r.steps.map((s) => `${s.name}:${s.status}`)).toEqual([
      'auth:ok',
      'discovery:ok',
      'paging:ok',
      'filter:ok',
      'create:ok',
      'patch:ok',
      'deactivate:ok',
      'delete:ok',
      'cleanup:ok',
    ]);
    expect([...f.store.users.values()].some((u) => String(u.userName).startsWith('lanyard-probe-'))).toBe(
      false,
    );
  });

  it('leaves the throwaway user deactivated where DELETE only deactivates, and suggests a fitting preset', async () => {
    const { f, h } = await setup({ deleteMeans: 'deactivate' });
    const r = await h.apps.probe('acme', true);
    expect(r).toMatchObject({
      cleanedUp: true,
      capabilities: { deleteMeans: 'deactivate' },
      presetFit: { matches: false },
    });
    const probes = [...f.store.users.values()].filter((u) => String(u.userName).startsWith('lanyard-probe-'));
    expect(probes).toHaveLength(1);
    expect(probes[0]!.active).toBe(false);
  });

  it('cleans up even when a step fails midway', async () => {
    const { f, h } = await setup();
    // Right after the create, reading single users starts failing.
    f.set({ failWhen: (method, path) => (method === 'GET' && /^\/Users\/.+/.test(path) ? 500 : null) });
    const r = await h.apps.probe('acme', true);
    expect(r).toMatchObject({ ok: false, cleanedUp: true });
    expect(r.steps.find((s) => s.name === 'write')).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('server error (500)'),
    });
    expect(
      [...f.store.users.values()].filter((u) => String(u.userName).startsWith('lanyard-probe-')),
    ).toHaveLength(0);
  });

  it('refuses to probe a manual app', async () => {
    const { h } = await setup();
    const r = await h.call('apps.probe', { appId: 'payroll' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });
});

describe('manual apps', () => {
  it('turns every operation into a checklist task', async () => {
    const { h } = await setup();
    const app = (await h.core.context.repos.workspace.getApp('payroll'))!;
    const c = createAppConnector(app, { ...testDeps('unused'), http: FAST_HTTP });
    const created = await c.create(person(1));
    expect(created).toMatchObject({
      manual: true,
      task: {
        appId: 'payroll',
        action: 'created',
        title: 'Create an account for user1@example.com in Payroll',
        assignee: 'Finance',
      },
    });
    expect(created.manual && created.task.instructions).toContain('Use the admin portal.');
    expect(await c.setActive('user1@example.com', false)).toMatchObject({
      manual: true,
      task: { action: 'deactivated' },
    });
    expect(await c.addToGroup('Admins', ['a', 'b'])).toMatchObject({
      manual: true,
      task: { title: 'Add a, b to Admins in Payroll' },
    });
  });

  it('tracks accounts from the admin confirmations', async () => {
    const { h } = await setup();
    addPerson(h.core, { id: 'p-1', login: 'alice', email: 'alice@example.com' });
    expect(
      await h.call('apps.confirmManual', {
        appId: 'payroll',
        personId: 'p-1',
        action: 'created',
        role: 'viewer',
      }),
    ).toMatchObject({
      ok: true,
      value: { account: { userName: 'alice@example.com', active: true, role: 'viewer', externalId: 'p-1' } },
    });
    await h.call('apps.confirmManual', {
      appId: 'payroll',
      userName: 'alice@example.com',
      action: 'deactivated',
    });
    expect(h.accountsRows('payroll')).toMatchObject([{ person_id: 'p-1', active: 0, role: 'viewer' }]);
    expect((await h.apps.accounts('payroll')).accounts).toMatchObject([
      { userName: 'alice@example.com', active: false },
    ]);
    await h.call('apps.confirmManual', {
      appId: 'payroll',
      userName: 'Alice@example.com',
      action: 'deleted',
    });
    expect(h.accountsRows('payroll')).toEqual([]);
  });

  it('refuses confirmations for API apps', async () => {
    const { h } = await setup();
    const r = await h.call('apps.confirmManual', { appId: 'acme', userName: 'x', action: 'created' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });
});
