// Group membership known or unknown, against an independent SCIM server (scimmy) behind a proxy that reshapes its
// answers: a listing that leaves `members` out is completed by reading each group (`GET /Groups/{id}?attributes=
// members`); a server that shows members nowhere reports them as unknown (null), never as empty; a server that
// omits only empty member lists reports those groups as empty.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startScimmyServer, type ScimmyServer } from '../../fakes/scim/scimmy-server';
import { startScimProxy, withoutMembers, type ScimProxy } from './scim-proxy';
import { person, scimConnector } from './harness';

const TOKEN = 'scimmy-membership-token';
let server: ScimmyServer;
const ids: string[] = [];
const groups: Record<'staff' | 'eng' | 'empty', string> = { staff: '', eng: '', empty: '' };

const post = async (path: string, body: object): Promise<string> => {
  const r = await fetch(`${server.url}/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify(body),
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as { id: string }).id;
};

beforeAll(async () => {
  server = await startScimmyServer(TOKEN);
  const c = scimConnector(server.url, TOKEN);
  for (let i = 1; i <= 3; i++) {
    const r = await c.create(person(i));
    if (r.manual) throw new Error('manual');
    ids.push(r.state.remoteId);
  }
  const group = (displayName: string, members: string[]) =>
    post('Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName,
      ...(members.length ? { members: members.map((value) => ({ value })) } : {}),
    });
  groups.staff = await group('Staff', ids);
  groups.eng = await group('Engineering', [ids[0]!]);
  groups.empty = await group('Nobody yet', []);
});
afterAll(async () => {
  await server?.close();
});
let proxy: ScimProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

const byName = (list: { displayName: string; members: string[] | null }[]) =>
  Object.fromEntries(list.map((g) => [g.displayName, g.members === null ? null : [...g.members].sort()]));

describe('reading group membership', () => {
  it('reads members from the listing, and an omitted empty list as empty', async () => {
    const c = scimConnector(server.url, TOKEN);
    expect(byName(await c.listGroups())).toEqual({
      Staff: [...ids].sort(),
      Engineering: [ids[0]],
      'Nobody yet': [],
    });
  });

  it('reads each group with GET /Groups/{id}?attributes=members when the listing leaves members out', async () => {
    proxy = await startScimProxy(server.url, { rewrite: withoutMembers({ everywhere: false }) });
    const c = scimConnector(proxy.url, TOKEN);
    expect(byName(await c.listGroups())).toEqual({
      Staff: [...ids].sort(),
      Engineering: [ids[0]],
      'Nobody yet': [],
    });
    const reads = proxy.requests.filter((r) => r.method === 'GET' && /^\/Groups\/[^/]+$/.test(r.path));
    expect(reads.map((r) => r.path).sort()).toEqual(
      [groups.staff, groups.eng, groups.empty].map((id) => `/Groups/${id}`).sort(),
    );
    expect(reads.every((r) => r.query.get('attributes') === 'members')).toBe(true);
  });

  it('reports membership as unknown (null), not empty, when the server shows members nowhere', async () => {
    proxy = await startScimProxy(server.url, {
      rewrite: withoutMembers({ everywhere: true, userGroups: false }),
    });
    const c = scimConnector(proxy.url, TOKEN);
    expect(byName(await c.listGroups())).toEqual({ Staff: null, Engineering: null, 'Nobody yet': null });
    // The accounts say nothing about groups either: no membership is invented for them.
    const accounts = await c.listAccounts();
    expect(accounts.filter((a) => ids.includes(a.remoteId)).every((a) => a.groups.length === 0)).toBe(true);
  });

  it('fails the read, rather than guess, when a group cannot be read', async () => {
    proxy = await startScimProxy(server.url, {
      rewrite: withoutMembers({ everywhere: false }),
      answer: (req) =>
        req.method === 'GET' && req.path === `/Groups/${groups.eng}`
          ? { status: 500, body: { detail: 'boom' } }
          : null,
    });
    const c = scimConnector(proxy.url, TOKEN, { deps: { http: { maxRetries: 0, backoffBaseMs: 1 } } });
    await expect(c.listGroups()).rejects.toThrow(/500|members of group/);
  });
});
