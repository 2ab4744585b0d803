// An op left running by a crash (its request may or may not have reached the app) is done only when the app,
// re-read by id, shows the change; otherwise it is sent again. Against the Okta and SCIM fakes on loopback and a
// real core on SQLite.
import { describe, expect, it } from 'vitest';
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
    ws.setApps(appsOf(w).map((a) => (a.id === 'acme' ? { ...a, review: 'required' as const } : a)));
    await t.call('sync.run', {});
    w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
    const [held] = (await t.call('sync.run', {})).held;
    // The gate marks an op running (committed) before its request: this is what a crash leaves behind.
    const { journal } = t.core.sync.service.deps;
    journal.start(held!.id, held!.runId);
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
    const row = t.core.sync.service.deps.journal.get(op.id)!;
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
    expect(t.core.sync.service.deps.journal.get(op.id)).toMatchObject({
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
    expect(t.core.sync.service.deps.journal.get(op.id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(scimUsers(w).find((u) => u.id === id)!.active).toBe(false);
    expect(logged(t, 'could not re-read an account by id; the op is retried')).toEqual(
      failRead ? [{ app: 'acme', id, error: expect.stringMatching(/503/) }] : [],
    );
  });
});
