// Entra delta reads against the Entra fake over loopback: the changes one delta round reports (no membership
// invented, no group renamed to nothing), which stored cursors are trusted, "sync from now", and that a failing read
// names the request that failed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEntraFake, type EntraFake } from '../../fakes/entra/server';
import type { FakeRequest } from '../../fakes/common/http';
import { connectorDeps } from './fixtures';
import { createGraphApi } from '../../../electron/directory/entra/api';
import { GRAPH_USER_SELECT } from '../../../electron/directory/entra/map';
import {
  decodeEntraCursor,
  latestDeltaLinks,
  readEntraChanges,
  type EntraCursor,
} from '../../../electron/directory/entra/delta';
import { HttpError } from '../../../electron/http';
import type { EntraConfig } from '../../../electron/directory/entra/auth';

const TENANT = 'contoso-tenant-id';
const SECRET = 'entra-secret-value-123';
let fake: EntraFake;
beforeEach(async () => {
  fake = await startEntraFake({
    tenantId: TENANT,
    apps: [{ clientId: 'app-1', secret: SECRET, roles: ['User.ReadWrite.All', 'GroupMember.Read.All'] }],
  });
});
afterEach(() => fake.close());

const api = () =>
  createGraphApi(
    {
      kind: 'entra',
      name: 'Contoso',
      tenantId: TENANT,
      loginUrl: fake.url,
      baseUrl: fake.graphUrl,
      auth: { type: 'client-secret', clientId: 'app-1', clientSecret: 'env:ENTRA_SECRET' },
    } as EntraConfig,
    connectorDeps({ ENTRA_SECRET: SECRET }),
  );
const delta = (k: 'users' | 'groups') => (r: FakeRequest) => r.path === `/v1.0/${k}/delta`;
const starting = (k: 'users' | 'groups') => (r: FakeRequest) =>
  delta(k)(r) && r.url.searchParams.get('$deltatoken') === 'latest';
const resuming = (k: 'users' | 'groups') => (r: FakeRequest) =>
  delta(k)(r) && (r.url.searchParams.get('$deltatoken') ?? 'latest') !== 'latest';
const failing = (match: (r: FakeRequest) => boolean) =>
  fake.faults.add({ match, times: Infinity, fault: { kind: 'status', status: 500 } });
const messageOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('the read should have failed');
    },
    (e: unknown) => (e as Error).message,
  );

describe('stored Entra cursors', () => {
  it('trusts only its own shape; anything else means a full read', () => {
    const ok = { v: 1, users: 'https://g/users/delta?t=1', groups: 'https://g/groups/delta?t=2' };
    expect(decodeEntraCursor(JSON.stringify(ok))).toEqual(ok);
    for (const bad of [
      { ...ok, v: 2 },
      { ...ok, users: 7 },
      { ...ok, groups: null },
      { v: 1, users: ok.users },
      { v: 1, groups: ok.groups },
      { users: ok.users, groups: ok.groups },
    ])
      expect(decodeEntraCursor(JSON.stringify(bad))).toBeNull();
    expect(decodeEntraCursor('{')).toBeNull();
  });
});

describe('sync from now', () => {
  it('asks Graph for the latest deltaLinks without reading the directory through the delta', async () => {
    fake.seedUsers(450);
    const before = fake.requests.length;
    const cursor = await latestDeltaLinks(api());
    const asked = fake.requests.slice(before).filter((r) => r.path.endsWith('/delta'));
    // One request per kind: nothing enumerated. Groups must select members, or Graph sends no members@delta.
    expect(asked.map((r) => [r.path, r.query])).toEqual(
      expect.arrayContaining([
        ['/v1.0/users/delta', { $select: GRAPH_USER_SELECT.join(','), $deltatoken: 'latest' }],
        ['/v1.0/groups/delta', { $select: 'displayName,description,members', $deltatoken: 'latest' }],
      ]),
    );
    expect(asked).toHaveLength(2);
    // Nothing that happened before is replayed by the first delta read.
    expect((await readEntraChanges(api(), cursor)).changes).toEqual([]);
  });

  it('names the request when starting to track users or groups fails', async () => {
    failing(starting('users'));
    expect(await messageOf(latestDeltaLinks(api()))).toMatch(/: start tracking user changes \(page 1\): /);
    fake.faults.clear();
    failing(starting('groups'));
    expect(await messageOf(latestDeltaLinks(api()))).toMatch(/: start tracking group changes \(page 1\): /);
  });

  it('fails as a status error on the users delta when Graph returns no deltaLink', async () => {
    fake.faults.add({
      match: starting('groups'),
      fault: { kind: 'status', status: 200, body: { value: [] } },
    });
    const err = await latestDeltaLinks(api()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ kind: 'status', method: 'GET' });
    expect((err as HttpError).message).toMatch(
      /^Entra ID \(Contoso\): the delta query returned no @odata\.deltaLink \(GET http:\/\/[^ ]+\/users\/delta\)$/,
    );
  });
});

describe('a delta round', () => {
  const start = async () => latestDeltaLinks(api());

  it('reports a removed membership as a removal', async () => {
    const [a] = fake.seedUsers(1);
    const g = fake.state.addGroup('Engineering');
    fake.state.addMember(g.id, a!);
    const cursor: EntraCursor = await start();
    fake.state.removeMember(g.id, a!);
    const { changes } = await readEntraChanges(api(), cursor);
    expect(changes.filter((c) => c.kind.startsWith('membership'))).toEqual([
      { kind: 'membership-removed', groupId: g.id, personId: a },
    ]);
  });

  it('keeps a group’s name when a page repeats it with members only, and invents no member for a group without members@delta', async () => {
    const [a] = fake.seedUsers(1);
    const g = fake.state.addGroup('Engineering');
    const h = fake.state.addGroup('Sales');
    const cursor = await start();
    fake.faults.add({
      match: resuming('groups'),
      fault: {
        kind: 'status',
        status: 200,
        body: {
          value: [
            { id: g.id, 'members@delta': [{ '@odata.type': '#microsoft.graph.user', id: a }] },
            { id: h.id, displayName: 'Sales EMEA', description: null },
          ],
          '@odata.deltaLink': cursor.groups,
        },
      },
    });
    const { changes } = await readEntraChanges(api(), cursor);
    expect(changes).toEqual([
      { kind: 'group-upserted', group: expect.objectContaining({ id: h.id, name: 'Sales EMEA' }) as unknown },
      { kind: 'membership-added', groupId: g.id, personId: a },
    ]);
  });

  it('names the request when reading user changes fails', async () => {
    fake.seedUsers(1);
    const cursor = await start();
    failing(resuming('users'));
    expect(await messageOf(readEntraChanges(api(), cursor))).toMatch(/: read user changes \(page 1\): /);
  });
});
