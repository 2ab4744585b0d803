// Complete or fail against an independent SCIM server: scimmy behind a small middleware that ignores startIndex
// (every page is the first one again, with scimmy's true totalResults). Lanyard's listing fails loudly instead of
// returning the first page as if it were everything; and the same server read properly lists every account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScimmyServer, type ScimmyServer } from '../../fakes/scim/scimmy-server';
import { startScimProxy, type ScimProxy } from './scim-proxy';
import { scimConnector } from './harness';

const TOKEN = 'scimmy-startindex-token';
let server: ScimmyServer;
let proxy: ScimProxy;
beforeAll(async () => {
  server = await startScimmyServer(TOKEN);
  for (let i = 0; i < 25; i++) {
    const r = await fetch(`${server.url}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: `paged${i}@example.com`,
        active: true,
      }),
    });
    expect(r.status).toBe(201);
  }
  // The middleware: remember page 1 of /Users and answer it again whatever startIndex asks for.
  let first: unknown = null;
  proxy = await startScimProxy(server.url, {
    rewrite(req, body) {
      if (req.method !== 'GET' || req.path !== '/Users') return body;
      if ((req.query.get('startIndex') ?? '1') === '1') first = body;
      return first ?? body;
    },
  });
});
afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

describe('a SCIM server that ignores startIndex (scimmy behind a middleware)', () => {
  it('fails the listing loudly instead of returning the first page as everything', async () => {
    const c = scimConnector(proxy.url, TOKEN, { config: { pageSize: 10 } });
    await expect(c.listAccounts()).rejects.toThrow(
      /page 2 repeated resources already read \(10 of \d+ so far\).*seems to ignore startIndex/,
    );
  });

  it('lists every account from the same server when paging works', async () => {
    const c = scimConnector(server.url, TOKEN, { config: { pageSize: 10 } });
    const names = (await c.listAccounts()).map((a) => a.userName);
    expect(names.filter((n) => n.startsWith('paged'))).toHaveLength(25);
  });
});
