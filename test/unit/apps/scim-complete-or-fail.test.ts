// Complete or fail: a SCIM listing whose totalResults drifts beyond a small tolerance while it is read, or whose
// pages run out before totalResults, is a read failure — never a shorter list that would look like leavers. And a
// sync run over such an app plans nothing for it and writes nothing.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { totalTolerance } from '../../../electron/apps/scim/paging';
import { scimConnector } from './harness';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A SCIM /Users endpoint with `n` users whose totalResults is `totalOf(page)` on each page. */
const serve = async (n: number, totalOf: (page: number) => number): Promise<string> => {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const start = Number(url.searchParams.get('startIndex') ?? 1);
    const count = Number(url.searchParams.get('count') ?? 10);
    const page = Math.floor((start - 1) / count) + 1;
    const resources = Array.from({ length: Math.max(0, Math.min(count, n - start + 1)) }, (_, i) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: `u${start + i}`,
      userName: `user${start + i}@example.com`,
      active: true,
    }));
    res.setHeader('content-type', 'application/scim+json');
    res.end(
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: totalOf(page),
        startIndex: start,
        itemsPerPage: resources.length,
        Resources: resources,
      }),
    );
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
};

const connector = (url: string) =>
  scimConnector(url, 't', {
    config: { pageSize: 10 },
    stored: { filter: false, pageSize: 10, etag: false, groups: false },
  });

describe('a SCIM listing', () => {
  it('tolerates a total that drifts by a couple of accounts while it is read', async () => {
    expect(totalTolerance(30)).toBe(2);
    expect(totalTolerance(1000)).toBe(10);
    const url = await serve(30, (page) => (page === 1 ? 30 : 32));
    expect(await connector(url).listAccounts()).toHaveLength(30);
  });

  it('fails when totalResults changes beyond the tolerance mid-read', async () => {
    const url = await serve(30, (page) => (page === 1 ? 30 : 33));
    await expect(connector(url).listAccounts()).rejects.toThrow(
      /totalResults changed from 30 to 33 while trying to list users/,
    );
  });
});
