// Graph's /groups/{id}/members and members@delta list every kind of directory object — users, nested groups,
// devices, service principals — each with its @odata.type. Only users are people: the rest must never become a
// membership (a device "in Engineering" would otherwise reach the rules as a person id).
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

const mixedGroup = (users: string[]) => {
  const eng = fake.state.addGroup('Engineering');
  const nested = fake.state.addGroup('Platform');
  const laptop = fake.state.addDevice('LAPTOP-7');
  const ci = fake.state.addServicePrincipal('CI deploy bot');
  for (const id of [users[0]!, nested.id, laptop.id, ci.id, users[1]!]) fake.state.addMember(eng.id, id);
  fake.state.addMember(nested.id, users[2]!);
  return { eng, nested, laptop, ci };
};

describe('Entra group members of every type', () => {
  it('a full read keeps only the users among a group’s direct members', async () => {
    const ids = fake.seedUsers(3);
    const { eng, nested } = mixedGroup(ids);
    const { service, snapshot } = await coreWithDirectory(config(), env);

    const result = await service.pull();

    expect(result).toMatchObject({ mode: 'full', people: 3, groups: 2, memberships: 3 });
    expect((await snapshot.listMemberships()).sort()).toEqual(
      [
        [eng.id, ids[0]],
        [eng.id, ids[1]],
        [nested.id, ids[2]],
      ].sort(),
    );
  });

  it('a delta read ignores groups, devices and service principals joining or leaving, and sees the users', async () => {
    const ids = fake.seedUsers(4);
    const { eng, nested, laptop, ci } = mixedGroup(ids);
    const { service, snapshot } = await coreWithDirectory(config(), env);
    await service.pull();

    const other = fake.state.addGroup('Contractors');
    const phone = fake.state.addDevice('PHONE-3');
    const bot = fake.state.addServicePrincipal('Backup bot');
    for (const id of [other.id, phone.id, bot.id, ids[3]!]) fake.state.addMember(eng.id, id);
    fake.state.removeMember(eng.id, laptop.id);
    fake.state.removeMember(eng.id, ci.id);
    fake.state.removeMember(eng.id, ids[0]!);
    const result = await service.pull();

    // Four changes: Engineering and Contractors upserted, one user joined, one left; nothing for the others.
    expect(result).toMatchObject({ mode: 'delta', stored: true, changes: 4, memberships: 3 });
    const delta = fake.requests.filter((r) => r.path === '/v1.0/groups/delta' && r.query.$deltatoken);
    expect(delta.length).toBeGreaterThan(0);
    expect((await snapshot.listMemberships()).sort()).toEqual(
      [
        [eng.id, ids[1]],
        [eng.id, ids[3]],
        [nested.id, ids[2]],
      ].sort(),
    );
  });
});
