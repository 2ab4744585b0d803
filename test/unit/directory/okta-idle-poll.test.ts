// Okta idle polls: when the System Log reports nothing relevant, a poll costs one request (the log) instead of
// three, yet a lastUpdated sweep still runs every 10th poll so a change the log never reported is caught.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOktaFake, type OktaFake } from '../../fakes/okta/server';
import { coreWithDirectory } from './fixtures';
import type { DirectoryConfig } from '../../../shared/config/workspace';
import { SWEEP_EVERY } from '../../../electron/directory/okta/system-log';

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

describe('Okta idle polls', () => {
  it('reads only the System Log on a quiet poll, and sweeps lastUpdated every 10th poll', async () => {
    const ids = fake.seedUsers(20);
    const { service, snapshot } = await coreWithDirectory(config(), { OKTA_TOKEN: TOKEN });
    await service.pull();

    // A profile change Okta's log never reported (eventually consistent, or an event type outside the filter).
    const u = fake.state.users.get(ids[3]!)!;
    u.profile = { ...u.profile, department: 'Finance' };
    u.lastUpdated = fake.state.stamp();

    for (let poll = 1; poll < SWEEP_EVERY; poll++) {
      const before = fake.requests.length;
      expect(await service.pull()).toMatchObject({ mode: 'delta', changes: 0 });
      expect(fake.requests.slice(before).map((r) => r.path)).toEqual(['/api/v1/logs']);
    }
    expect((await snapshot.listPeople()).find((p) => p.id === ids[3])?.department).not.toBe('Finance');

    const before = fake.requests.length;
    expect(await service.pull()).toMatchObject({ mode: 'delta', changes: 1 });
    expect(fake.requests.slice(before).map((r) => r.path)).toEqual([
      '/api/v1/logs',
      '/api/v1/users',
      '/api/v1/groups',
    ]);
    expect((await snapshot.listPeople()).find((p) => p.id === ids[3])?.department).toBe('Finance');
  });

  it('still reads the changed users on a poll whose log has an event', async () => {
    const ids = fake.seedUsers(20);
    const { service, snapshot } = await coreWithDirectory(config(), { OKTA_TOKEN: TOKEN });
    await service.pull();
    expect(await service.pull()).toMatchObject({ changes: 0 });

    fake.state.setStatus(ids[5]!, 'SUSPENDED');
    expect(await service.pull()).toMatchObject({ mode: 'delta', changes: 1 });
    expect((await snapshot.listPeople()).find((p) => p.id === ids[5])?.status).toBe('suspended');
  });
});
