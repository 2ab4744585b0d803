// The SCIM client against an independent, strict SCIM 2.0 implementation (scimmy + scimmy-routers + express@4):
// if scimmy accepts Lanyard's requests and Lanyard reads scimmy's answers, the wire shapes follow the RFCs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScimmyServer, type ScimmyServer } from '../../fakes/scim/scimmy-server';
import { person, scimConnector } from './harness';

const TOKEN = 'scimmy-test-token';
let server: ScimmyServer;
beforeAll(async () => {
  server = await startScimmyServer(TOKEN);
});
afterAll(async () => {
  await server?.close();
});

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('SCIM client against scimmy', () => {
  it('discovers PATCH, filter and the enterprise extension from the server', async () => {
    const caps = await scimConnector(server.url, TOKEN).capabilities();
    expect(caps).toMatchObject({ update: 'patch', filter: true, enterpriseExtension: true, groups: true });
    expect(caps.sources).toContain('discovery');
  });

  it.each(['patch', 'put-only'] as const)('runs the account lifecycle (%s)', async (update) => {
    const c = scimConnector(server.url, TOKEN, { stored: { update, filter: true } });
    const n = update === 'patch' ? 1 : 2;
    const patches = (): number => server.requests.filter((r) => r.method === 'PATCH').length;
    const patchesBefore = patches();
    const group = await (async () => {
      const r = await fetch(`${server.url}/Groups`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
          displayName: `Team ${n}`,
        }),
      });
      return (await r.json()) as { id: string };
    })();

    const created = await c.create({
      ...person(n),
      department: 'R&D',
      manager: 'boss-1',
      employeeNumber: `E${n}`,
    });
    if (created.manual) throw new Error('manual');
    const id = created.state.remoteId;
    expect(created.state).toMatchObject({
      userName: `user${n}@example.com`,
      externalId: `dir-${n}`,
      active: true,
      emails: [`user${n}@example.com`],
    });
    expect(server.users.get(id)![ENT]).toMatchObject({
      department: 'R&D',
      employeeNumber: `E${n}`,
      manager: { value: 'boss-1' },
    });

    const updated = await c.update(id, { givenName: 'Renamed', department: 'Platform' });
    expect(!updated.manual && updated.state.active).toBe(true);
    expect(server.users.get(id)!.name).toMatchObject({ givenName: 'Renamed', familyName: `Family${n}` });
    expect(server.users.get(id)![ENT]).toMatchObject({ department: 'Platform', employeeNumber: `E${n}` });

    await c.addToGroup(group.id, [id]);
    expect(server.groups.get(group.id)!.members).toEqual([expect.objectContaining({ value: id })]);

    const off = await c.setActive(id, false);
    expect(!off.manual && off.state.active).toBe(false);
    const on = await c.setActive(id, true);
    expect(!on.manual && on.state).toMatchObject({ active: true, groups: [group.id] });

    await c.removeFromGroup(group.id, [id]);
    expect(server.groups.get(group.id)!.members ?? []).toEqual([]);

    const gone = await c.delete(id);
    expect(!gone.manual && gone.state.effect).toBe('deleted');
    expect(server.users.has(id)).toBe(false);
    if (update === 'patch') expect(patches()).toBeGreaterThan(patchesBefore);
    else expect(patches()).toBe(patchesBefore);
  });

  it('adopts an existing account when create answers 409 uniqueness', async () => {
    const c = scimConnector(server.url, TOKEN);
    const first = await c.create(person(10));
    if (first.manual) throw new Error('manual');
    await c.setActive(first.state.remoteId, false);
    // A second create for the same person (e.g. after a timeout hid the first one's answer).
    const again = await c.create(person(10));
    expect(again).toMatchObject({
      manual: false,
      adopted: true,
      state: { remoteId: first.state.remoteId, externalId: 'dir-10', active: true },
    });
    expect([...server.users.values()].filter((u) => u.userName === 'user10@example.com')).toHaveLength(1);
  });

  it('lists every account across pages', async () => {
    const c = scimConnector(server.url, TOKEN, { config: { pageSize: 7 } });
    for (let i = 100; i < 125; i++) await c.create(person(i));
    const accounts = await c.listAccounts();
    const ids = accounts.map((a) => a.remoteId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      accounts.filter((a) => a.externalId?.startsWith('dir-1') && a.userName.startsWith('user1')).length,
    ).toBeGreaterThanOrEqual(25);
    expect(accounts.length).toBe(server.users.size);
  });
});
