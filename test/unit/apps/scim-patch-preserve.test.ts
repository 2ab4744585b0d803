// PATCH that preserves: Lanyard changes only ITS value of a multi-valued attribute (the work email, the primary
// role) and leaves the others — a home email, a phone number, an extra role an admin granted — as they are, on an
// independent SCIM server (scimmy), by PATCH value paths and by GET-merge-PUT on PUT-only apps. A server that
// refuses value paths gets the whole list as read with only Lanyard's value changed. If-Match always carries the
// latest version, also between group batches.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startScimmyServer, type ScimmyServer } from '../../fakes/scim/scimmy-server';
import { startScimProxy, type ScimProxy } from './scim-proxy';
import { fake, seedGroups, seedUsers, stopFakesAfterEach } from './fake-kit';
import { scimConnector } from './harness';

const TOKEN = 'scimmy-preserve-token';
let server: ScimmyServer;
beforeAll(async () => {
  server = await startScimmyServer(TOKEN);
});
afterAll(async () => {
  await server?.close();
});
let proxy: ScimProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  proxy = null;
});
stopFakesAfterEach();

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
let seq = 0;

/** A user made by someone else, with values Lanyard does not manage. */
const seedUser = async (): Promise<string> => {
  const n = ++seq;
  const r = await fetch(`${server.url}/Users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: [USER],
      userName: `keep${n}@acme.io`,
      externalId: `dir-keep-${n}`,
      emails: [
        { value: `keep${n}@acme.io`, type: 'work', primary: true },
        { value: `keep${n}@home.example`, type: 'home' },
      ],
      phoneNumbers: [{ value: '+1 555 0100', type: 'mobile' }],
      roles: [{ value: 'member', primary: true }, { value: 'billing-admin' }],
    }),
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as { id: string }).id;
};

type Multi = { value: string; type?: string; primary?: boolean }[];
const stored = (id: string) =>
  server.users.get(id) as unknown as { emails?: Multi; roles?: Multi; phoneNumbers?: Multi };

describe.each(['patch', 'put-only'] as const)('updating a user by %s', (update) => {
  const connector = () => scimConnector(server.url, TOKEN, { stored: { update, filter: true } });

  it('changes the work email and keeps the home email and phone number', async () => {
    const id = await seedUser();
    const c = connector();
    const r = await c.update(id, { email: `new${seq}@acme.io` });
    expect(!r.manual && r.state.emails).toContain(`new${seq}@acme.io`);
    expect(stored(id).emails).toEqual([
      { value: `new${seq}@acme.io`, type: 'work', primary: true },
      { value: `keep${seq}@home.example`, type: 'home' },
    ]);
    expect(stored(id).phoneNumbers).toEqual([{ value: '+1 555 0100', type: 'mobile' }]);
    // The value path was honoured: no fallback to whole lists.
    expect(c.session.valuePathsBroken).toBe(false);
  });

  it('changes the primary role and keeps a role Lanyard does not manage', async () => {
    const id = await seedUser();
    const r = await connector().update(id, { role: 'admin' });
    expect(!r.manual && r.state.role).toBe('admin');
    expect(stored(id).roles).toEqual([{ value: 'admin', primary: true }, { value: 'billing-admin' }]);
  });

  it('clears only its own email', async () => {
    const id = await seedUser();
    await connector().update(id, { email: null });
    expect(stored(id).emails).toEqual([{ value: `keep${seq}@home.example`, type: 'home' }]);
  });
});

describe('a server that refuses PATCH value paths', () => {
  it('gets the whole list as read, with only the work email changed', async () => {
    proxy = await startScimProxy(server.url, {
      answer: (req) =>
        req.method === 'PATCH' && JSON.stringify(req.body).includes('[type eq')
          ? {
              status: 400,
              body: {
                schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
                status: '400',
                scimType: 'invalidPath',
                detail: 'value filters are not supported',
              },
            }
          : null,
    });
    const id = await seedUser();
    const c = scimConnector(proxy.url, TOKEN, { stored: { update: 'patch', filter: true } });
    await c.update(id, { email: `moved${seq}@acme.io` });
    expect(stored(id).emails).toEqual([
      { value: `moved${seq}@acme.io`, type: 'work', primary: true },
      { value: `keep${seq}@home.example`, type: 'home' },
    ]);
    expect(c.session.valuePathsBroken).toBe(true);
    const patches = proxy.requests.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(JSON.stringify(patches[1]!.body)).not.toContain('[type eq');
  });
});

describe('If-Match between group batches', () => {
  it.each([
    ['from the ETag header', false],
    ['from meta.version when the answer has no ETag header', true],
  ])('sends each batch the version the previous answer returned (%s)', async (_how, dropEtag) => {
    const f = await fake({ etag: true });
    const ids = seedUsers(f, 5);
    const [group] = seedGroups(f, 1);
    proxy = await startScimProxy(f.url, {
      dropHeaders: (req) => (dropEtag && req.method === 'PATCH' ? ['etag'] : []),
    });
    const c = scimConnector(proxy.url, f.options.token, {
      config: { groupBatchSize: 2 },
      stored: { update: 'patch', filter: true, etag: true },
    });
    const r = await c.addToGroup(group!, ids);
    if (r.manual) throw new Error('manual');
    expect(r.state.requests).toBe(4); // one read for the first version, then three batches
    const patches = f.requests.filter((q) => q.method === 'PATCH');
    expect(patches).toHaveLength(3);
    expect(patches.every((p) => p.status === 200)).toBe(true);
    // Every batch's If-Match is the version the group had right before it.
    const versions = patches.map((p) => p.headers['if-match']);
    expect(new Set(versions).size).toBe(3);
    expect((f.store.groups.get(group!)!.members as unknown[]).length).toBe(5);
  });

  it('reads the group again when a batch answers 204 without a version', async () => {
    const f = await fake({ etag: true, emptyWriteResponses: true });
    const ids = seedUsers(f, 4);
    const [group] = seedGroups(f, 1);
    proxy = await startScimProxy(f.url, { dropHeaders: (req) => (req.method === 'PATCH' ? ['etag'] : []) });
    const c = scimConnector(proxy.url, f.options.token, {
      config: { groupBatchSize: 2 },
      stored: { update: 'patch', filter: true, etag: true },
    });
    await c.addToGroup(group!, ids);
    const patches = f.requests.filter((q) => q.method === 'PATCH');
    expect(patches.map((p) => p.status)).toEqual([204, 204]);
    expect((f.store.groups.get(group!)!.members as unknown[]).length).toBe(4);
  });
});
