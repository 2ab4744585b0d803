// The SCIM client keeps working against servers with the quirks real apps have: no filter support, pages that
// ignore `count`, a wrong totalResults, a server page cap, ETags, 409 on create, 429 and 5xx bursts.
import { describe, expect, it } from 'vitest';
import { listAll } from '../../../electron/apps/scim/paging';
import { ScimAppError } from '../../../electron/apps/scim/errors';
import { fake, seedUsers, stopFakesAfterEach } from './fake-kit';
import { person, scimConnector } from './harness';

stopFakesAfterEach();

describe('SCIM paging', () => {
  it.each([
    ['honours count', {}],
    ['ignores count', { ignoreCount: true }],
    ['under-reports totalResults', { totalResultsOffset: -30 }],
    ['caps pages below what was asked', { maxPageSize: 7 }],
    ['caps pages and under-reports totalResults', { maxPageSize: 7, totalResultsOffset: -5 }],
  ])('reads every account when the server %s', async (_label, quirk) => {
    const f = await fake(quirk);
    const ids = seedUsers(f, 53);
    const accounts = await scimConnector(f.url, f.options.token, { config: { pageSize: 10 } }).listAccounts();
    expect(accounts.map((a) => a.remoteId).sort()).toEqual([...ids].sort());
    // Never more than a few pages beyond the minimum.
    expect(f.count('GET', '/Users')).toBeLessThanOrEqual(Math.ceil(53 / 7) + 2);
  });

  it('fails loudly when the pages end before totalResults (a listing that over-reports, or lost its place)', async () => {
    const f = await fake({ totalResultsOffset: 40 });
    seedUsers(f, 53);
    const c = scimConnector(f.url, f.options.token, { config: { pageSize: 10 } });
    await expect(c.listAccounts()).rejects.toThrow(
      /page 7 came back empty with 53 of 93 resources read when trying to list users/,
    );
  });

  it('gives up after a hard page cap instead of returning a partial list', async () => {
    const f = await fake();
    seedUsers(f, 20);
    const c = scimConnector(f.url, f.options.token);
    await expect(
      listAll(c.session.t, { path: 'Users', pageSize: 2, action: 'list users', maxPages: 3 }),
    ).rejects.toMatchObject({ kind: 'paging' });
  });
});

describe('SCIM lookups without filter support', () => {
  it.each(['ignore', 'reject'] as const)(
    'finds the account by listing when the server %ss filters',
    async (mode) => {
      const f = await fake({ noFilter: mode });
      seedUsers(f, 30);
      // Made by hand in the app, without an externalId: the person's to adopt.
      const taken = f.store.createUser({ userName: 'o"brien@example.com' });
      // No discovery hints (as if the app had no /ServiceProviderConfig): the client must notice by itself.
      f.set({ discovery: 'none' });
      const c = scimConnector(f.url, f.options.token, { config: { pageSize: 10 } });
      const r = await c.create({ ...person(1), userName: 'o"brien@example.com', externalId: 'dir-obrien' });
      expect(r).toMatchObject({
        manual: false,
        adopted: true,
        state: { remoteId: taken.id, externalId: 'dir-obrien' },
      });
      expect(c.session.filterBroken).toBe(true);
    },
  );

  it('escapes quotes and backslashes in filter values', async () => {
    const f = await fake();
    const u = f.store.createUser({ userName: 'a\\b"c@example.com' });
    const r = await scimConnector(f.url, f.options.token).create({
      ...person(2),
      userName: 'a\\b"c@example.com',
    });
    expect(r).toMatchObject({ adopted: true, state: { remoteId: u.id } });
    const filters = f.requests.map((q) => q.query.get('filter')).filter(Boolean);
    expect(filters).toContain('externalId eq "dir-2"');
    expect(filters).toContain('userName eq "a\\\\b\\"c@example.com"');
  });
});

describe('SCIM writes', () => {
  it('adopts an account that exists under the same userName (409 uniqueness) instead of failing', async () => {
    const f = await fake();
    const existing = f.store.createUser({ userName: 'user3@example.com', active: false });
    const r = await scimConnector(f.url, f.options.token).create(person(3));
    expect(r).toMatchObject({
      manual: false,
      adopted: true,
      state: { remoteId: existing.id, externalId: 'dir-3', active: true },
    });
    expect(f.store.users.size).toBe(1);
  });

  it('sends If-Match with the current version when the server supports ETags, and retries once on 412', async () => {
    const f = await fake({ etag: true });
    const c = scimConnector(f.url, f.options.token);
    const created = await c.create(person(4));
    if (created.manual) throw new Error('manual');
    await c.update(created.state.remoteId, { displayName: 'New' });
    const patch = f.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.headers['if-match']).toMatch(/^W\/"/);
    expect((await c.capabilities()).etag).toBe(true);
  });

  it('reads the user again and retries once when the version changed meanwhile (412)', async () => {
    const f = await fake({ etag: true });
    const c = scimConnector(f.url, f.options.token);
    const created = await c.create(person(7));
    if (created.manual) throw new Error('manual');
    let refused = false;
    f.set({ failWhen: (method) => (method === 'PATCH' && !refused ? ((refused = true), 412) : null) });
    const r = await c.update(created.state.remoteId, { displayName: 'After 412' });
    expect(!r.manual && r.state.displayName).toBe('After 412');
    expect(f.count('PATCH')).toBe(2);
  });

  it('finishes after 429s with Retry-After and a burst of 5xx answers', async () => {
    const f = await fake();
    const c = scimConnector(f.url, f.options.token);
    await c.capabilities();
    f.set({ rateLimitNext: 3, retryAfter: '0' });
    const created = await c.create(person(5));
    f.set({ failNext: 2, failStatus: 503 });
    const accounts = await c.listAccounts();
    expect(created.manual).toBe(false);
    expect(accounts.map((a) => a.userName)).toEqual(['user5@example.com']);
    expect(f.requests.filter((r) => r.status === 429)).toHaveLength(3);
    expect(f.requests.filter((r) => r.status === 503)).toHaveLength(2);
  });

  it('does not repeat a create after a 5xx (it may have happened) and says the failure is retryable', async () => {
    const f = await fake();
    const c = scimConnector(f.url, f.options.token);
    await c.capabilities();
    f.set({ failNext: 1, failStatus: 500 });
    const err = await c.create(person(6)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScimAppError);
    expect(err).toMatchObject({ status: 500, retryable: true });
    expect((err as Error).message).toBe(
      'Acme had a server error (500) when trying to create user6@example.com — Temporary failure.',
    );
    expect(f.count('POST', '/Users')).toBe(1);
  });

  it('times out on a slow server with a clear error', async () => {
    const f = await fake({ slowMs: 1_500, slowPath: /\/Users$/ });
    const c = scimConnector(f.url, f.options.token, {
      deps: { http: { timeoutMs: 200, maxRetries: 1, backoffBaseMs: 1 } },
    });
    const err = await c.listAccounts().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'timeout' });
    expect((err as Error).message).toMatch(
      /^Acme could not be reached to list users \(page 1\): .*no complete answer within 200 ms/,
    );
  });
});
