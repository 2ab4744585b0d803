// Exact edges of SCIM paging against the strict fake. A listing that stops early looks like people leaving (their
// accounts vanish from the list and get flagged), one that never stops hangs a sync: each edge here is a place
// where an off-by-one does one or the other.
import { describe, expect, it } from 'vitest';
import { listAll } from '../../../electron/apps/scim/paging';
import { fake, seedUsers, stopFakesAfterEach } from './fake-kit';
import { scimConnector } from './harness';

stopFakesAfterEach();

const ids = async (o: Parameters<typeof fake>[0], n: number, pageSize: number) => {
  const f = await fake(o);
  const seeded = seedUsers(f, n);
  const c = scimConnector(f.url, f.options.token, { config: { pageSize } });
  const accounts = await c.listAccounts();
  return { f, seeded, got: accounts.map((a) => a.remoteId) };
};

describe('SCIM paging edges', () => {
  it.each([
    [8, 7, 2], // one left after the first short page
    [14, 7, 3], // exactly two capped pages: the second is full, so one more (empty) page ends it
    [15, 7, 3], // two capped pages and one more
    [1, 7, 1],
  ])(
    'reads all %i users when the server silently caps pages at %i (%i requests)',
    async (n, cap, requests) => {
      const { f, seeded, got } = await ids({ silentPageCap: cap }, n, 10);
      expect(got.sort()).toEqual([...seeded].sort());
      expect(f.count('GET', '/Users')).toBe(requests);
    },
  );

  it('reads a collection that is an exact multiple of the page size, then one empty page', async () => {
    const { f, seeded, got } = await ids({}, 20, 10);
    expect(got.sort()).toEqual([...seeded].sort());
    expect(f.requests.filter((r) => r.path === '/Users').map((r) => r.query.get('startIndex'))).toEqual([
      '1',
      '11',
      '21',
    ]);
  });

  it('reads an empty collection in one request', async () => {
    const { f, got } = await ids({}, 0, 10);
    expect(got).toEqual([]);
    expect(f.count('GET', '/Users')).toBe(1);
  });

  it('refuses to return a partial list when the server ignores startIndex', async () => {
    const f = await fake({ ignoreStartIndex: true });
    seedUsers(f, 5);
    const c = scimConnector(f.url, f.options.token);
    await expect(
      listAll(c.session.t, { path: 'Users', pageSize: 3, action: 'list users' }),
    ).rejects.toMatchObject({ kind: 'paging' });
  });

  it('reads everything in one page from a server that ignores startIndex when it all fits', async () => {
    const f = await fake({ ignoreStartIndex: true });
    const seeded = seedUsers(f, 3);
    const c = scimConnector(f.url, f.options.token);
    const got = await listAll<{ id: string }>(c.session.t, {
      path: 'Users',
      pageSize: 10,
      action: 'list users',
    });
    expect(got.map((u) => u.id).sort()).toEqual([...seeded].sort());
  });

  it('fails after exactly maxPages requests, and succeeds when the listing needs exactly that many', async () => {
    const f = await fake();
    seedUsers(f, 6);
    const c = scimConnector(f.url, f.options.token);
    // 6 users, 2 per page: pages 1–3 full, page 4 empty ends it.
    const ok = await listAll(c.session.t, { path: 'Users', pageSize: 2, action: 'list users', maxPages: 4 });
    expect(ok).toHaveLength(6);
    const before = f.count('GET', '/Users');
    await expect(
      listAll(c.session.t, { path: 'Users', pageSize: 2, action: 'list users', maxPages: 3 }),
    ).rejects.toMatchObject({
      kind: 'paging',
      message: 'Acme: listing did not end after 3 pages (6 resources so far) when trying to list users.',
    });
    expect(f.count('GET', '/Users') - before).toBe(3);
  });
});
