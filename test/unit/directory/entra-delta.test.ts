// Entra delta cursors: what an incremental read does with group renames and deletions, with the ways Graph says
// "start over" (410 Gone, or a 400 naming the sync state), and with a start that returns no deltaLink.
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

const isResume = (path: string) => (req: { path: string; url: URL }) =>
  req.path === path && (req.url.searchParams.get('$deltatoken') ?? 'latest') !== 'latest';

describe('Entra delta reads', () => {
  it('renames a group and drops a deleted one with its memberships', async () => {
    const ids = fake.seedUsers(3);
    const sales = fake.state.addGroup('Sales');
    const gone = fake.state.addGroup('Old team');
    fake.state.addMember(sales.id, ids[0]!);
    fake.state.addMember(gone.id, ids[1]!);
    const { service, snapshot } = await coreWithDirectory(config(), env);
    await service.pull();

    fake.state.renameGroup(sales.id, 'Sales EMEA');
    fake.state.deleteGroup(gone.id);
    const result = await service.pull();

    expect(result).toMatchObject({ mode: 'delta', groups: 1, memberships: 1 });
    expect((await snapshot.listGroups()).map((g) => [g.id, g.name])).toEqual([[sales.id, 'Sales EMEA']]);
    expect(await snapshot.listMemberships()).toEqual([[sales.id, ids[0]]]);
  });

  it.each([
    ['410 Gone with any code', 410, 'unknownError'],
    ['400 syncStateNotFound', 400, 'syncStateNotFound'],
    ['400 resyncRequired', 400, 'resyncRequired'],
    ['400 syncStateInvalid', 400, 'syncStateInvalid'],
  ])('falls back to a full read on %s', async (_label, status, code) => {
    const ids = fake.seedUsers(5);
    const { service, snapshot } = await coreWithDirectory(config(), env);
    await service.pull();
    fake.state.updateUser(ids[1]!, { accountEnabled: false });
    fake.faults.add({
      match: isResume('/v1.0/users/delta'),
      fault: { kind: 'status', status, body: { error: { code, message: 'Resync required.' } } },
    });

    const result = await service.pull();

    expect(result).toMatchObject({ mode: 'full', stored: true, people: 5 });
    expect((await snapshot.listPeople()).find((p) => p.id === ids[1])).toMatchObject({ status: 'suspended' });
  });

  it('does not fall back on another 400: the read fails and the stored directory stays', async () => {
    const ids = fake.seedUsers(5);
    const { service, snapshot } = await coreWithDirectory(config(), env);
    await service.pull();
    fake.state.updateUser(ids[1]!, { accountEnabled: false });
    fake.faults.add({
      match: isResume('/v1.0/users/delta'),
      fault: {
        kind: 'status',
        status: 400,
        body: { error: { code: 'BadRequest', message: 'Bad request.' } },
      },
    });

    const result = await service.pull().catch((e: unknown) => e);

    expect(result).not.toMatchObject({ mode: 'full' });
    expect((await snapshot.listPeople()).find((p) => p.id === ids[1])).toMatchObject({ status: 'active' });
  });

  it('fails a full read when Graph starts delta tracking without a deltaLink', async () => {
    fake.seedUsers(2);
    fake.faults.add({
      match: (req) =>
        req.path === '/v1.0/groups/delta' && req.url.searchParams.get('$deltatoken') === 'latest',
      fault: { kind: 'status', status: 200, body: { value: [] } },
    });
    const { service, snapshot } = await coreWithDirectory(config(), env);
    const result = await service.pull().catch((e: unknown) => e);
    expect(String((result as Error).message ?? JSON.stringify(result))).toMatch(/no @odata.deltaLink/);
    expect(await snapshot.listPeople()).toEqual([]);
  });

  it('keeps the previous cursor when a delta read ends without a new deltaLink, and resumes from it', async () => {
    const ids = fake.seedUsers(3);
    const { service, snapshot } = await coreWithDirectory(config(), env);
    await service.pull();
    fake.state.updateUser(ids[0]!, { accountEnabled: false });
    fake.faults.add({
      match: isResume('/v1.0/groups/delta'),
      fault: { kind: 'status', status: 200, body: { value: [] } },
    });
    expect(await service.pull()).toMatchObject({ mode: 'delta' });
    // The users cursor moved on; the groups cursor stayed, so the next read still works incrementally.
    fake.state.updateUser(ids[2]!, { accountEnabled: false });
    expect(await service.pull()).toMatchObject({ mode: 'delta', changes: 1 });
    expect(
      (await snapshot.listPeople())
        .filter((p) => p.status === 'suspended')
        .map((p) => p.id)
        .sort(),
    ).toEqual([ids[0]!, ids[2]!].sort());
  });
});
