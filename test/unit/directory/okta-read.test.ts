// Okta: full reads across pages with every status mapped, and incremental reads from the System Log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOktaFake, type OktaFake } from '../../fakes/okta/server';
import type { OktaStatus } from '../../fakes/okta/state';
import { coreWithDirectory } from './fixtures';
import type { DirectoryConfig } from '../../../shared/config/workspace';

const TOKEN = 'ssws-test-token-0123456789';
const STATUSES: OktaStatus[] = [
  'ACTIVE',
  'PASSWORD_EXPIRED',
  'LOCKED_OUT',
  'RECOVERY',
  'STAGED',
  'PROVISIONED',
  'SUSPENDED',
  'DEPROVISIONED',
];

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

describe('Okta directory reads', () => {
  it('reads 5,000 people across pages and maps every Okta status', async () => {
    const ids = fake.seedUsers(5000, (i) => STATUSES[i % STATUSES.length]!);
    const eng = fake.state.addGroup('Engineering', 'Builders');
    const all = fake.state.addGroup('Everyone');
    ids.forEach((id, i) => {
      fake.state.addMember(all.id, id, true);
      if (i % 2) fake.state.addMember(eng.id, id, true);
    });
    const { service, snapshot } = await coreWithDirectory(config(), { OKTA_TOKEN: TOKEN });

    const result = await service.pull();

    expect(result).toMatchObject({ mode: 'full', stored: true, people: 5000, groups: 2, memberships: 7500 });
    expect(result.byStatus).toEqual({
      active: 2500,
      staged: 1250,
      suspended: 625,
      deprovisioned: 625,
      deleted: 0,
    });
    // 25 pages of users at limit=200 (Okta's maximum), 4 of deprovisioned ones, 1 of groups, 5+3 of members.
    const userPages = fake.requests.filter((r) => r.path === '/api/v1/users');
    expect(userPages.every((r) => r.query.limit === '200')).toBe(true);
    expect(result.requests).toBe(fake.requests.length);
    const people = new Map((await snapshot.listPeople()).map((p) => [p.id, p]));
    expect(people.get(ids[1]!)).toMatchObject({
      status: 'active',
      vendorStatus: 'PASSWORD_EXPIRED',
      department: 'Engineering',
      login: 'user1@example.com',
    });
    expect(people.get(ids[5]!)).toMatchObject({ status: 'staged', vendorStatus: 'PROVISIONED' });
    expect(people.get(ids[6]!)).toMatchObject({ status: 'suspended' });
    expect(people.get(ids[7]!)).toMatchObject({ status: 'deprovisioned' });
    expect(await snapshot.state()).toMatchObject({ health: 'ok', lastGoodCount: 5000 });
  });

  it('sees a person deactivated in Okta on the next incremental read', async () => {
    const ids = fake.seedUsers(300);
    const { service, snapshot } = await coreWithDirectory(config(), { OKTA_TOKEN: TOKEN });
    await service.pull();

    fake.state.setStatus(ids[42]!, 'DEPROVISIONED');
    fake.state.logSignIn(ids[1]!);
    const result = await service.pull();

    expect(result).toMatchObject({ mode: 'delta', stored: true, changes: 1 });
    expect((await snapshot.listPeople()).find((p) => p.id === ids[42])).toMatchObject({
      status: 'deprovisioned',
      vendorStatus: 'DEPROVISIONED',
    });
    const logCalls = fake.requests.filter((r) => r.path === '/api/v1/logs');
    expect(logCalls[0]!.query).toMatchObject({ sortOrder: 'ASCENDING' });
    expect(logCalls[0]!.query.since).toBeDefined();
    expect(
      fake.requests.some((r) => r.path === '/api/v1/users' && /^lastUpdated gt "/.test(r.query.filter ?? '')),
    ).toBe(true);

    // The next poll resumes from the stored `next` link (no since) and finds nothing new.
    const again = await service.pull();
    expect(again).toMatchObject({ mode: 'delta', changes: 0 });
    const last = fake.requests.filter((r) => r.path === '/api/v1/logs').at(-1)!;
    expect(last.query.after).toBeDefined();
    expect(last.query.since).toBeUndefined();
  });

  it('sees group membership changes, new people and deletions on the next incremental read', async () => {
    const ids = fake.seedUsers(50);
    const g = fake.state.addGroup('Sales');
    fake.state.addMember(g.id, ids[0]!, true);
    const { service, snapshot } = await coreWithDirectory(config(), { OKTA_TOKEN: TOKEN });
    await service.pull();
    expect(await snapshot.listMemberships()).toEqual([[g.id, ids[0]]]);

    fake.state.removeMember(g.id, ids[0]!);
    fake.state.addMember(g.id, ids[1]!);
    const newcomer = fake.state.addUser({ login: 'new@example.com' });
    fake.state.addMember(g.id, newcomer.id);
    fake.state.deleteUser(ids[2]!);
    await service.pull();

    expect((await snapshot.listMemberships()).sort()).toEqual(
      [
        [g.id, ids[1]],
        [g.id, newcomer.id],
      ].sort(),
    );
    const people = new Map((await snapshot.listPeople()).map((p) => [p.id, p]));
    expect(people.get(newcomer.id)).toMatchObject({ status: 'active', login: 'new@example.com' });
    expect(people.get(ids[2]!)).toMatchObject({ status: 'deleted' });
    expect(people.get(ids[2]!)!.statusChangedAt).not.toBeNull();
  });

  it('keeps a person who vanished from a full read as deleted instead of forgetting them', async () => {
    const ids = fake.seedUsers(20);
    const { service, snapshot } = await coreWithDirectory(config(), { OKTA_TOKEN: TOKEN });
    await service.pull();
    fake.state.users.delete(ids[3]!);

    const result = await service.pull({ full: true });

    expect(result).toMatchObject({ people: 19, newlyDeleted: 1 });
    expect((await snapshot.listPeople()).find((p) => p.id === ids[3])).toMatchObject({ status: 'deleted' });
    expect((await snapshot.counts()).people).toBe(20);
  });

  it('suspends a person and clears their sessions and OAuth tokens (kill switch)', async () => {
    const [id] = fake.seedUsers(1);
    const { service } = await coreWithDirectory(config(), { OKTA_TOKEN: TOKEN });
    const connector = await service.connector();

    await connector.suspend(id!);
    await connector.suspend(id!); // already suspended: still done, not an error
    await connector.revokeSessions(id!);

    expect(fake.killSwitch.suspended).toEqual([id]);
    expect(fake.killSwitch.sessionsRevoked).toEqual([{ userId: id, oauthTokens: true }]);
    expect(fake.state.users.get(id!)!.status).toBe('SUSPENDED');
    const revoke = fake.requests.find((r) => r.method === 'DELETE')!;
    expect(revoke).toMatchObject({
      path: `/api/v1/users/${id}/sessions`,
      query: { oauthTokens: 'true', forgetDevices: 'false' },
      status: 204,
    });
  });
});
