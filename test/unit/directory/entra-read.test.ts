// Entra ID: full reads across Graph pages with accountEnabled mapped, and incremental reads with delta queries
// (disabled users, membership changes, removed users), including the full resync after a 410.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEntraFake, type EntraFake } from '../../fakes/entra/server';
import { coreWithDirectory } from './fixtures';
import type { DirectoryConfig } from '../../../shared/config/workspace';

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

const config = (): DirectoryConfig => ({
  kind: 'entra',
  name: 'Contoso',
  tenantId: TENANT,
  loginUrl: fake.url,
  baseUrl: fake.graphUrl,
  auth: { type: 'client-secret', clientId: 'app-1', clientSecret: 'env:ENTRA_SECRET' },
});
const env = { ENTRA_SECRET: SECRET };

describe('Entra ID directory reads', () => {
  it('reads 5,000 people across pages of 999 and maps accountEnabled', async () => {
    const ids = fake.seedUsers(5000, (i) => i % 10 !== 0);
    const g = fake.state.addGroup('Engineering');
    ids.slice(0, 1500).forEach((id) => fake.state.addMember(g.id, id));
    const { service, snapshot } = await coreWithDirectory(config(), env);

    const result = await service.pull();

    expect(result).toMatchObject({ mode: 'full', stored: true, people: 5000, groups: 1, memberships: 1500 });
    expect(result.byStatus).toMatchObject({ active: 4500, suspended: 500 });
    const userPages = fake.requests.filter((r) => r.path === '/v1.0/users');
    expect(userPages).toHaveLength(6);
    expect(userPages[0]!.query.$select).toContain('accountEnabled');
    expect(userPages[0]!.query.$top).toBe('999');
    expect(fake.requests.filter((r) => r.path.endsWith('/members'))).toHaveLength(2);
    expect(result.requests).toBe(fake.requests.length);
    expect((await snapshot.listPeople()).find((p) => p.id === ids[0])).toMatchObject({
      status: 'suspended',
      login: 'user0@contoso.example',
      department: 'Sales',
    });
  });

  it('sees a person disabled in Entra and a membership change on the next delta read', async () => {
    const ids = fake.seedUsers(300);
    const g = fake.state.addGroup('Sales');
    fake.state.addMember(g.id, ids[0]!);
    const { service, snapshot } = await coreWithDirectory(config(), env);
    await service.pull();

    fake.state.updateUser(ids[7]!, { accountEnabled: false });
    fake.state.removeMember(g.id, ids[0]!);
    fake.state.addMember(g.id, ids[1]!);
    const result = await service.pull();

    expect(result).toMatchObject({ mode: 'delta', stored: true });
    expect((await snapshot.listPeople()).find((p) => p.id === ids[7])).toMatchObject({
      status: 'suspended',
      vendorStatus: 'accountEnabled=false',
    });
    expect(await snapshot.listMemberships()).toEqual([[g.id, ids[1]]]);
    expect(
      fake.requests.some(
        (r) => r.path === '/v1.0/users/delta' && r.query.$deltatoken && r.query.$deltatoken !== 'latest',
      ),
    ).toBe(true);
  });

  it('keeps a removed person as deleted and follows delta pages to the deltaLink', async () => {
    const ids = fake.seedUsers(50);
    const { service, snapshot } = await coreWithDirectory(config(), env);
    await service.pull();
    for (const id of ids.slice(0, 10)) fake.state.deleteUser(id, 'deleted');
    for (let i = 0; i < 250; i++) fake.state.addUser({ userPrincipalName: `late${i}@contoso.example` });

    const result = await service.pull();

    expect(result).toMatchObject({ mode: 'delta', changes: 260 });
    expect((await snapshot.counts()).byStatus).toMatchObject({ active: 290, deleted: 10 });
    expect(fake.requests.filter((r) => r.path === '/v1.0/users/delta' && r.query.$skiptoken)).toHaveLength(1);
  });

  it('falls back to a full read when Graph expired the delta token (410)', async () => {
    const ids = fake.seedUsers(40);
    const { service, snapshot } = await coreWithDirectory(config(), env);
    await service.pull();
    fake.expireDeltaTokens();
    fake.state.updateUser(ids[3]!, { accountEnabled: false });

    const result = await service.pull();

    expect(result).toMatchObject({
      mode: 'full',
      stored: true,
      people: 40,
      reason: expect.stringMatching(/expired the delta token/),
    });
    expect(fake.requests.some((r) => r.status === 410)).toBe(true);
    expect((await snapshot.listPeople()).find((p) => p.id === ids[3])).toMatchObject({ status: 'suspended' });
    // The new cursor works again.
    fake.state.updateUser(ids[4]!, { accountEnabled: false });
    expect(await service.pull()).toMatchObject({ mode: 'delta', changes: 1 });
  });

  it('disables sign-in and revokes sessions (kill switch)', async () => {
    const [id] = fake.seedUsers(1);
    const { service } = await coreWithDirectory(config(), env);
    const connector = await service.connector();

    await connector.suspend(id!);
    await connector.revokeSessions(id!);

    expect(fake.killSwitch).toEqual({ disabled: [id], revoked: [id] });
    expect(fake.state.users.get(id!)!.accountEnabled).toBe(false);
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `POST /${TENANT}/oauth2/v2.0/token 200`,
      `PATCH /v1.0/users/${id} 204`,
      `POST /v1.0/users/${id}/revokeSignInSessions 200`,
    ]);
  });
});
