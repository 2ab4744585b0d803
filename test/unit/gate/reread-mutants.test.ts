// An op left running by a crash (its request may or may not have reached the app) is done only when the app,
// re-read by id, shows the change; otherwise it is sent again. Against the Okta and SCIM fakes on loopback and a
// real core on SQLite.
import { describe, expect, it } from 'vitest';
import { rereadRunning } from '../../../electron/sync/gate/reread';
import { appsOf, scimUsers, worldPerTest, type TestCore, type World } from '../sync-engine/kit';

const newWorld = worldPerTest();
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const idOf = (w: World, i: number): string =>
  scimUsers(w).find((u) => u.userName === `user${i}@example.com`)!.id;
/** The fields of the core's warnings with this message, oldest first. */
const logged = (t: TestCore, message: string): Record<string, unknown>[] =>
  t.logs
    .filter((l) => l.startsWith('warn [') && l.includes(`] ${message} {`))
    .map(
      (l) => JSON.parse(l.slice(l.indexOf(`] ${message} `) + message.length + 3)) as Record<string, unknown>,
    );
const ledger = async (t: TestCore, action: string) =>
  (await t.call('audit.list', { action, limit: 100 })).events.sort((a, b) => a.seq - b.seq);

describe('an op left running by a crash', () => {
  /** A held deactivation of user1 (Acme requires review), then a crash right after its request was sent. */
  const crashed = async () => {
    const { w, t } = await newWorld(6, { github: false });
    const ws = t.core.context.repos.workspace;
    await ws.setApps(appsOf(w).map((a) => (a.id === 'acme' ? { ...a, review: 'required' as const } : a)));
    await t.call('sync.run', {});
    w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
    const [held] = (await t.call('sync.run', {})).held;
    // The gate marks an op running (committed) before its request: this is what a crash leaves behind.
    const { journal } = t.core.sync.service.deps;
    await journal.start(held!.id, held!.runId);
    return { w, t, op: held!, id: idOf(w, 1) };
  };
  const patches = (w: World, id: string) =>
    w.scim.requests.filter((r) => WRITES.has(r.method) && r.path.includes(id)).length;

  it('is done, without a second request, when the app re-read by id shows the change', async () => {
    const { w, t, op, id } = await crashed();
    w.scim.store.users.get(id)!.active = false; // the request had gone through
    const before = patches(w, id);
    await t.call('sync.run', {});
    expect(patches(w, id)).toBe(before);
    expect(w.scim.requests.some((r) => r.method === 'GET' && r.path === `/Users/${id}`)).toBe(true);
    const row = (await t.core.sync.service.deps.journal.get(op.id))!;
    expect(row).toMatchObject({ status: 'done', result: { recovered: true } });
    expect((await ledger(t, 'op.applied')).at(-1)).toMatchObject({
      before: null,
      after: { op: op.id, kind: 'deactivate', target: 'user1@example.com' },
      result: 'ok (confirmed by re-reading after an interrupted run: the change had gone through)',
    });
  });

  it('takes "not found" from the app, read by id, as the account gone — over what the listing said', async () => {
    const { w, t, op, id } = await crashed();
    // The listing still shows the account; the app answers 404 for it by id.
    w.scim.set({ failWhen: (method, p) => (method === 'GET' && p === `/Users/${id}` ? 404 : null) });
    const before = patches(w, id);
    await t.call('sync.run', {});
    expect(patches(w, id)).toBe(before);
    expect(await t.core.sync.service.deps.journal.get(op.id)).toMatchObject({
      status: 'done',
      result: { recovered: true },
    });
  });

  it.each([
    ['the app does not show it', false],
    ['the account cannot be re-read by id', true],
  ])('is sent again when %s', async (_, failRead) => {
    const { w, t, op, id } = await crashed();
    if (failRead)
      w.scim.set({ failWhen: (method, p) => (method === 'GET' && p === `/Users/${id}` ? 503 : null) });
    const before = patches(w, id);
    await t.call('sync.run', {});
    expect(patches(w, id)).toBe(before + 1);
    expect(await t.core.sync.service.deps.journal.get(op.id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(scimUsers(w).find((u) => u.id === id)!.active).toBe(false);
    expect(logged(t, 'could not re-read an account by id; the op is retried')).toEqual(
      failRead ? [{ app: 'acme', id, error: expect.stringMatching(/503/) }] : [],
    );
  });
});

describe('what the gate re-reads by id, and what it does not', () => {
  const reviewed = (w: World, ids: string[]) =>
    appsOf(w).map((a) => (ids.includes(a.id) ? { ...a, review: 'required' as const } : a));
  const byIdReads = (w: World, id: string) =>
    w.scim.requests.filter((r) => r.method === 'GET' && r.path === `/Users/${id}`).length;

  it('does not read an account by id for an op that is held (only ops left running are re-read)', async () => {
    const { w, t } = await newWorld(6, { github: false });
    await t.core.context.repos.workspace.setApps(reviewed(w, ['acme']));
    await t.call('sync.run', {});
    w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
    const [held] = (await t.call('sync.run', {})).held;
    const id = idOf(w, 1);
    // The held deactivation stays open across runs; no run asks the app for that account by id.
    await t.call('sync.run', {});
    await t.call('sync.run', {});
    expect(byIdReads(w, id)).toBe(0);
    expect(await t.core.sync.service.deps.journal.get(held!.id)).toMatchObject({ status: 'held' });
  });

  it('judges each interrupted op on the app as it is now: by id for an account, the listing for a creation', async () => {
    const { w, t } = await newWorld(6, { github: false });
    await t.core.context.repos.workspace.setApps(reviewed(w, ['acme']));
    await t.call('sync.run', {});
    // A leaver (held for review) and a joiner (created at once).
    w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
    const joiner = w.okta.state.addUser({
      login: 'user6@example.com',
      email: 'user6@example.com',
      firstName: 'First6',
      lastName: 'Last6',
    });
    w.okta.state.addMember(w.groupIds.get('Everyone')!, joiner.id);
    const r2 = await t.call('sync.run', {});
    const { journal } = t.core.sync.service.deps;
    const [leave] = r2.held;
    const create = (await journal.ofRun(r2.run.id)).find((o) => o.kind === 'create')!;
    expect(create).toMatchObject({ target: 'user6@example.com', status: 'done' });
    // A crash: the creation's outcome was never recorded, and the leaver's deactivation went out and through.
    await journal.start(create.id, create.runId);
    await journal.start(leave!.id, leave!.runId);
    const id = idOf(w, 1);
    w.scim.store.users.get(id)!.active = false;
    const writes = w.scim.requests.filter((r) => WRITES.has(r.method)).length;
    const reads = byIdReads(w, id);
    await t.call('sync.run', {});
    // Nothing is sent again: the leaver's account, read by id, is inactive; the listing shows the joiner.
    expect(w.scim.requests.filter((r) => WRITES.has(r.method)).length).toBe(writes);
    expect(byIdReads(w, id)).toBeGreaterThan(reads);
    for (const op of [leave!, create])
      expect(await journal.get(op.id)).toMatchObject({ status: 'done', result: { recovered: true } });
  });

  it('does not "re-read" a manual app: its interrupted task is issued again, with no warning', async () => {
    const { w, t } = await newWorld(6, { github: false });
    await t.core.context.repos.workspace.setApps(reviewed(w, ['acme', 'badge']));
    await t.call('sync.run', {});
    // The badge of person 5 (Office) was handed out; then they leave.
    await t.call('apps.confirmManual', { appId: 'badge', personId: w.people[5]!, action: 'created' });
    await t.call('sync.run', {});
    w.okta.state.setStatus(w.people[5]!, 'SUSPENDED');
    const { held } = await t.call('sync.run', {});
    const task = held.find((o) => o.appId === 'badge')!;
    expect(task.kind).toBe('manual-task');
    const { journal } = t.core.sync.service.deps;
    await journal.start(task.id, task.runId);
    const r = await t.call('sync.run', {});
    expect(r.run.status).toBe('ok');
    expect(await journal.get(task.id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(logged(t, 'could not re-read an account by id; the op is retried')).toEqual([]);
  });

  it('keeps the re-read account linked to its person, and reads nothing without a connector', async () => {
    const { w, t, id } = await (async () => {
      const { w, t } = await newWorld(6, { github: false });
      await t.core.context.repos.workspace.setApps(reviewed(w, ['acme']));
      await t.call('sync.run', {});
      w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
      const [held] = (await t.call('sync.run', {})).held;
      await t.core.sync.service.deps.journal.start(held!.id, held!.runId);
      return { w, t, id: idOf(w, 1) };
    })();
    const deps = t.core.sync.service.deps;
    // Offboarding submits without connectors: nothing is re-read (and nothing fails).
    expect(await rereadRunning(deps, ['acme'], undefined)).toEqual(new Map());
    expect(byIdReads(w, id)).toBe(0);
    const acme = await deps.connectorFor(appsOf(w).find((a) => a.id === 'acme')!);
    const byId = await rereadRunning(deps, ['acme'], new Map([['acme', acme]]));
    expect((await deps.accounts.get('acme', id))!.personId).toBe(w.people[1]);
    expect(byId.get('acme')!.get(id)).toMatchObject({
      remoteId: id,
      appId: 'acme',
      personId: w.people[1],
      active: true,
    });
  });
});
