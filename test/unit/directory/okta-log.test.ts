// Okta incremental reads from the System Log: group deletions, membership removals, a change whose user's
// lastUpdated lags behind the log (looked up by id), and a log longer than one page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOktaFake, type OktaFake } from '../../fakes/okta/server';
import { coreWithDirectory } from './fixtures';
import type { DirectoryConfig } from '../../../shared/config/workspace';

const TOKEN = 'ssws-test-token-0123456789';
let fake: OktaFake;
beforeEach(async () => {
  fake = await startOktaFake({ apiTokens: [TOKEN] });
});
afterEach(() => fake.close());

const config = (): DirectoryConfig => ({
  kind: 'okta',
  name: 'Acme Okta',
  baseUrl: fake.url,
  auth: { type: 'token', token: 'env:OKTA_TOKEN' },
});
const env = { OKTA_TOKEN: TOKEN };

describe('Okta System Log reads', () => {
  it('drops a deleted group and a removed membership, and keeps the rest', async () => {
    const ids = fake.seedUsers(3);
    const eng = fake.state.addGroup('Engineering');
    const old = fake.state.addGroup('Old team');
    fake.state.addMember(eng.id, ids[0]!, true);
    fake.state.addMember(eng.id, ids[1]!, true);
    fake.state.addMember(old.id, ids[2]!, true);
    const { service, snapshot } = await coreWithDirectory(config(), env);
    await service.pull();

    fake.state.removeMember(eng.id, ids[1]!);
    fake.state.deleteGroup(old.id);
    const result = await service.pull();

    expect(result).toMatchObject({ mode: 'delta', groups: 1, memberships: 1 });
    expect((await snapshot.listGroups()).map((g) => g.id)).toEqual([eng.id]);
    expect(await snapshot.listMemberships()).toEqual([[eng.id, ids[0]]]);
  });

  it('reads a user the log names even when their lastUpdated lags behind (looked up by id)', async () => {
    const ids = fake.seedUsers(25);
    const { service, snapshot } = await coreWithDirectory(config(), env);
    await service.pull();

    // 21 users change (more than one id batch of 20), but their lastUpdated is older than the last read.
    for (const id of ids.slice(0, 21)) {
      fake.state.updateProfile(id, { department: 'Moved' });
      fake.state.users.get(id)!.lastUpdated = '2020-01-01T00:00:00.000Z';
    }
    await service.pull();

    const moved = (await snapshot.listPeople()).filter((p) => p.department === 'Moved');
    expect(moved.map((p) => p.id).sort()).toEqual(ids.slice(0, 21).sort());
    const lookups = fake.requests.filter(
      (r) => r.path === '/api/v1/users' && /id eq/.test(r.query.filter ?? ''),
    );
    expect(lookups).toHaveLength(2);
  });

  it('reads every page of a busy log: a membership change on the second page is not lost', async () => {
    const ids = fake.seedUsers(20);
    const eng = fake.state.addGroup('Engineering');
    fake.state.addMember(eng.id, ids[0]!, true);
    const { service, snapshot } = await coreWithDirectory(config(), env);
    await service.pull();
    const before = fake.requests.length;

    for (let round = 0; round < 50; round++)
      for (const id of ids) fake.state.updateProfile(id, { department: `D${round}` });
    fake.state.removeMember(eng.id, ids[0]!); // the 1,001st event: page 2
    const result = await service.pull();

    expect(result).toMatchObject({ mode: 'delta', memberships: 0 });
    expect(await snapshot.listMemberships()).toEqual([]);
    expect((await snapshot.listPeople()).every((p) => p.department === 'D49')).toBe(true);
    expect(fake.requests.slice(before).filter((r) => r.path === '/api/v1/logs')).toHaveLength(2);
  });
});
