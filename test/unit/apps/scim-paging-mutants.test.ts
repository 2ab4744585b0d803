// A SCIM listing is complete or it fails, with a sentence an admin can act on: what each odd ListResponse reads as
// (a totalResults sent as a string or not at all, a numeric id, a page that is not a ListResponse), when a short,
// empty or repeated page is the end and when it is a listing that lost its place, and exactly which requests the
// client sends. The strict fake serves the users; a proxy in front of it reshapes the answers a real app would.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_PAGES, listAll, totalTolerance } from '../../../electron/apps/scim/paging';
import { fake, seedUsers, stopFakesAfterEach } from './fake-kit';
import { scimConnector } from './harness';
import { startScimProxy, type ProxiedRequest, type ScimProxy } from './scim-proxy';

stopFakesAfterEach();
const proxies: ScimProxy[] = [];
const servers: http.Server[] = [];
afterEach(async () => {
  for (const p of proxies.splice(0)) await p.close();
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

type ListBody = { totalResults?: unknown; Resources?: Record<string, unknown>[] } & Record<string, unknown>;

/** `n` users in the fake, behind a proxy that reshapes every /Users listing with `rewrite`. */
const reshaped = async (
  n: number,
  rewrite: (body: ListBody, req: ProxiedRequest) => unknown = (b) => b,
  quirks: Parameters<typeof fake>[0] = {},
) => {
  const f = await fake(quirks);
  const ids = seedUsers(f, n);
  const proxy = await startScimProxy(f.url, {
    rewrite: (req, body) => (req.path === '/Users' ? rewrite(body as ListBody, req) : body),
  });
  proxies.push(proxy);
  const c = scimConnector(proxy.url, f.options.token);
  const list = (pageSize: number, maxPages?: number) =>
    listAll<{ id: string }>(c.session.t, {
      path: 'Users',
      pageSize,
      action: 'list users',
      ...(maxPages === undefined ? {} : { maxPages }),
    });
  const asked = () =>
    proxy.requests
      .filter((r) => r.path === '/Users')
      .map((r) => `${r.query.get('startIndex')}+${r.query.get('count')}`);
  return { f, ids, proxy, list, asked };
};

const NOTHING_CHANGED =
  'Nothing was changed in Lanyard. Run `lanyard apps probe` and report it to the app vendor.';
const MALFORMED_HINT =
  'Nothing was changed in Lanyard. If it persists, report it to the vendor with the log.';

describe('what a ListResponse reads as', () => {
  it('holds the client to a totalResults sent as a string', async () => {
    // The server ignores startIndex: with the total known, the repeated page is an incomplete listing.
    const { list } = await reshaped(5, (b) => ({ ...b, totalResults: String(b.totalResults) }), {
      ignoreStartIndex: true,
    });
    await expect(list(3)).rejects.toMatchObject({ kind: 'paging' });
  });

  it.each([
    ['not a whole number', 12.5],
    ['negative', -1],
    ['not a number', 'many'],
    ['a list', [7]],
    ['missing', undefined],
  ])('ends at a repeated page when totalResults is %s (nothing says more exist)', async (_what, total) => {
    const { list, ids } = await reshaped(
      5,
      (b) => {
        const { totalResults: _t, ...rest } = b;
        return total === undefined ? rest : { ...rest, totalResults: total };
      },
      { ignoreStartIndex: true },
    );
    expect((await list(3)).map((u) => u.id)).toEqual(ids.slice(0, 3));
  });

  it('reads a totalResults of 0 as a count: a page of users after it is a listing that changed', async () => {
    const { list } = await reshaped(6, (b, req) => ({
      ...b,
      totalResults: req.query.get('startIndex') === '1' ? 0 : b.totalResults,
    }));
    await expect(list(3)).rejects.toMatchObject({
      kind: 'paging',
      message:
        'Acme: totalResults changed from 0 to 6 while trying to list users; a listing read while it changes that much cannot be trusted to be complete.',
      hint: 'Nothing was changed in Lanyard. The next run reads it again.',
    });
  });

  it('reads on when totalResults is sent on the first page only', async () => {
    const { list, ids } = await reshaped(5, (b, req) => {
      if (req.query.get('startIndex') === '1') return b;
      const { totalResults: _t, ...rest } = b;
      return rest;
    });
    expect((await list(2)).map((u) => u.id)).toEqual(ids);
  });

  it('reads a listing of numeric ids, each once', async () => {
    const { list } = await reshaped(4, (b) => ({
      ...b,
      Resources: b.Resources!.map((r, i) => ({ ...r, id: 100 + i + Number(b.startIndex) })),
    }));
    expect((await list(2)).map((u) => u.id)).toEqual([101, 102, 103, 104]);
  });

  it.each([
    ['no Resources and totalResults 0', { totalResults: 0 }],
    ['no Resources and no totalResults', {}],
  ])('reads %s as an empty collection', async (_what, body) => {
    const { list } = await reshaped(3, () => ({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      ...body,
    }));
    expect(await list(10)).toEqual([]);
  });

  it.each([
    ['null', null, 'the answer is not a ListResponse object'],
    ['a string', 'users', 'the answer is not a ListResponse object'],
    ['a number', 3, 'the answer is not a ListResponse object'],
    ['an array', [], 'the answer is not a ListResponse object'],
    [
      'totalResults without Resources',
      { totalResults: 3 },
      'totalResults is 3 but there is no Resources array',
    ],
    ['Resources as an object', { totalResults: 1, Resources: { id: 'u' } }, 'Resources is not an array'],
    ['a null resource', { Resources: [null] }, 'a resource has no id'],
    ['a resource that is a string', { Resources: ['u1'] }, 'a resource has no id'],
    ['a resource without id', { Resources: [{ userName: 'a' }] }, 'a resource has no id'],
    ['an empty id', { Resources: [{ id: '' }] }, 'a resource has no id'],
    ['a boolean id', { Resources: [{ id: true }] }, 'a resource has no id'],
  ])('refuses a page that is %s, naming the page', async (_what, page, why) => {
    const { list } = await reshaped(3, (b, req) => (req.query.get('startIndex') === '1' ? b : page));
    await expect(list(2)).rejects.toMatchObject({
      kind: 'malformed',
      message: `Acme sent a malformed SCIM response when trying to list users (page 2): ${why}.`,
      hint: MALFORMED_HINT,
    });
  });
});

describe('when a listing ends', () => {
  it('asks for the next page right after the last resource read, and for the capped size after a short page', async () => {
    const { list, asked } = await reshaped(12, (b) => b, { silentPageCap: 4 });
    expect(await list(5)).toHaveLength(12);
    expect(asked()).toEqual(['1+5', '5+4', '9+4', '13+4']);
  });

  it('ends at a short page without asking again when the server sends no totalResults', async () => {
    const { list, asked } = await reshaped(3, (b) => {
      const { totalResults: _t, ...rest } = b;
      return rest;
    });
    expect(await list(10)).toHaveLength(3);
    expect(asked()).toEqual(['1+10']);
  });

  it('ends at a repeated page that completes totalResults', async () => {
    const { list, ids, asked } = await reshaped(3, (b) => b, { ignoreStartIndex: true });
    expect((await list(3)).map((u) => u.id)).toEqual(ids);
    expect(asked()).toEqual(['1+3', '4+3']);
  });

  it('fails at a repeated page that leaves resources missing, saying the server seems to ignore startIndex', async () => {
    const { list } = await reshaped(5, (b) => b, { ignoreStartIndex: true });
    await expect(list(3, 10)).rejects.toMatchObject({
      kind: 'paging',
      message:
        'Acme: page 2 repeated resources already read (3 of 5 so far) when trying to list users; the server seems to ignore startIndex.',
      hint: NOTHING_CHANGED,
    });
  });

  it.each([
    [2, 'ends', null],
    [3, 'fails', 'Acme: page 3 came back empty with 8 of 11 resources read when trying to list users.'],
  ])('on an empty page %i short of totalResults, the listing %s', async (short, _ends, message) => {
    const { list } = await reshaped(8, (b) => b, { totalResultsOffset: short });
    if (message === null) expect(await list(4)).toHaveLength(8);
    else await expect(list(4)).rejects.toMatchObject({ kind: 'paging', message, hint: NOTHING_CHANGED });
  });

  it('fails when totalResults falls beyond the tolerance mid-read, as when it grows', async () => {
    expect(totalTolerance(0)).toBe(2);
    expect(totalTolerance(250)).toBe(3);
    const { list } = await reshaped(30, (b, req) => ({
      ...b,
      totalResults: req.query.get('startIndex') === '1' ? 30 : 27,
    }));
    await expect(list(10)).rejects.toMatchObject({
      kind: 'paging',
      message: expect.stringContaining('totalResults changed from 30 to 27 while trying to list users'),
    });
  });

  it('passes the caller’s query on every page', async () => {
    const f = await fake();
    seedUsers(f, 3);
    const c = scimConnector(f.url, f.options.token);
    await listAll(c.session.t, {
      path: 'Users',
      pageSize: 2,
      action: 'list users',
      query: { attributes: 'id' },
    });
    expect(f.requests.filter((r) => r.path === '/Users').map((r) => r.query.get('attributes'))).toEqual([
      'id',
      'id',
    ]);
  });

  it(`fails a listing that never ends after ${DEFAULT_MAX_PAGES} pages`, async () => {
    // Every page is full of new ids and there is no totalResults: only the page cap ends it.
    let served = 0;
    const server = http.createServer((req, res) => {
      served++;
      res.writeHead(200, { 'content-type': 'application/scim+json' });
      res.end(JSON.stringify({ Resources: [{ id: `u${served}` }] }));
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
    const c = scimConnector(url, 't');
    await expect(
      listAll(c.session.t, { path: 'Users', pageSize: 1, action: 'list users' }),
    ).rejects.toMatchObject({
      kind: 'paging',
      message: `Acme: listing did not end after ${DEFAULT_MAX_PAGES} pages (${DEFAULT_MAX_PAGES} resources so far) when trying to list users.`,
      hint: 'Nothing was changed in Lanyard. The server may ignore startIndex; run `lanyard apps probe` and report it.',
    });
    expect(served).toBe(DEFAULT_MAX_PAGES);
  }, 60_000);
});
