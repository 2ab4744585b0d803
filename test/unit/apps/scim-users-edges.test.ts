// SCIM user writes on the paths real servers take less often: a create answered without the new user, a 409 for
// an account that cannot be found, an adoption that needs no change, apps without DELETE or that deactivate on
// DELETE, and deleting an account that is already gone.
import { describe, expect, it } from 'vitest';
import { fake, seedUsers, stopFakesAfterEach } from './fake-kit';
import { person, scimConnector } from './harness';

stopFakesAfterEach();

const remoteIdOf = (r: Awaited<ReturnType<ReturnType<typeof scimConnector>['create']>>): string => {
  if (r.manual) throw new Error('manual');
  return r.state.remoteId;
};

describe('SCIM user writes, less common answers', () => {
  it('finds a user created with an empty 201 by the externalId it wrote', async () => {
    const f = await fake({ emptyWriteResponses: true });
    const r = await scimConnector(f.url, f.options.token).create(person(1));
    expect(r).toMatchObject({ manual: false, state: { userName: 'user1@example.com', externalId: 'dir-1' } });
    expect(r).not.toMatchObject({ adopted: true });
    expect(f.store.users.get(remoteIdOf(r))).toMatchObject({ externalId: 'dir-1' });
  });

  it('reads the user back after a 204 to an update', async () => {
    const f = await fake({ emptyWriteResponses: true });
    const [id] = seedUsers(f, 1);
    const r = await scimConnector(f.url, f.options.token).update(id!, { displayName: 'Renamed' });
    expect(r).toMatchObject({ manual: false, state: { remoteId: id, displayName: 'Renamed' } });
  });

  it('says so when a create answers 409 but no account with that userName or externalId exists', async () => {
    const f = await fake({ failWhen: (m, p) => (m === 'POST' && p === '/Users' ? 409 : null) });
    await expect(scimConnector(f.url, f.options.token).create(person(2))).rejects.toMatchObject({
      kind: 'conflict',
      status: 409,
      message:
        'Acme says user2@example.com already exists (409: Injected failure), but no account with that userName or externalId can be found.',
      hint: 'Check Acme for an account using the same email under another userName.',
    });
  });

  it('adopts an existing account that already carries the externalId and is active without writing to it', async () => {
    const f = await fake();
    const existing = f.store.createUser({ userName: 'user3@example.com', externalId: 'dir-3', active: true });
    const r = await scimConnector(f.url, f.options.token).create(person(3));
    expect(r).toMatchObject({ adopted: true, state: { remoteId: existing.id } });
    expect(f.count('PATCH')).toBe(0);
    expect(f.count('PUT')).toBe(0);
  });

  it('looks an account up with one filtered request when the server filters', async () => {
    const f = await fake();
    seedUsers(f, 30);
    f.store.createUser({ userName: 'user4@example.com', externalId: 'dir-4' });
    const c = scimConnector(f.url, f.options.token, { config: { pageSize: 10 } });
    await c.create(person(4));
    expect(f.requests.filter((q) => q.method === 'GET' && q.path === '/Users').length).toBe(1);
    expect(c.session.filterBroken).toBe(false);
  });

  it('deactivates instead when the app offers no DELETE', async () => {
    const f = await fake();
    const [id] = seedUsers(f, 1);
    const r = await scimConnector(f.url, f.options.token, { stored: { deleteMeans: 'unsupported' } }).delete(
      id!,
    );
    expect(r).toMatchObject({
      manual: false,
      state: { remoteId: id, effect: 'deactivated', alreadyGone: false },
    });
    expect(f.count('DELETE')).toBe(0);
    expect(f.store.users.get(id!)).toMatchObject({ active: false });
  });

  it('reports a DELETE that deactivates as a deactivation', async () => {
    const f = await fake({ deleteMeans: 'deactivate' });
    const [id] = seedUsers(f, 1);
    const r = await scimConnector(f.url, f.options.token, { stored: { deleteMeans: 'deactivate' } }).delete(
      id!,
    );
    expect(r).toMatchObject({ state: { effect: 'deactivated', alreadyGone: false } });
  });

  it.each([
    ['without ETags', false],
    ['with ETags', true],
  ])('treats deleting an account that is already gone as done (%s)', async (_l, etag) => {
    const f = await fake({ etag });
    const r = await scimConnector(f.url, f.options.token).delete('no-such-id');
    expect(r).toMatchObject({ state: { remoteId: 'no-such-id', effect: 'deleted', alreadyGone: true } });
  });

  it('deletes with If-Match when the app uses ETags', async () => {
    const f = await fake({ etag: true });
    const [id] = seedUsers(f, 1);
    const version = f.store.users.get(id!)!.meta.version;
    const r = await scimConnector(f.url, f.options.token).delete(id!);
    expect(r).toMatchObject({ state: { effect: 'deleted', alreadyGone: false } });
    expect(f.requests.find((q) => q.method === 'DELETE')!.headers['if-match']).toBe(version);
    expect(f.store.users.has(id!)).toBe(false);
  });
});
