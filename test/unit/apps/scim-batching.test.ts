// Group membership is batched and writes are paced: 200 people × 20 groups costs about one request per group
// per 100 members, and a run against a write-limited app finishes with nothing lost.
import { describe, expect, it } from 'vitest';
import { fake, seedGroups, seedUsers, stopFakesAfterEach } from './fake-kit';
import { person, scimConnector } from './harness';

stopFakesAfterEach();

describe('SCIM group batching', () => {
  it('adds 200 people to 20 groups in 40 PATCH requests (2 batches of 100 per group)', async () => {
    const f = await fake();
    const people = seedUsers(f, 200);
    const groups = seedGroups(f, 20);
    const c = scimConnector(f.url, f.options.token);
    await c.capabilities();
    const before = c.requestCount();
    const results = await Promise.all(groups.map((g) => c.addToGroup(g, people)));
    expect(c.requestCount() - before).toBe(40);
    expect(f.count('PATCH', '/Groups')).toBe(40);
    expect(results.every((r) => !r.manual && r.state.requests === 2)).toBe(true);
    for (const g of groups) expect(f.store.groups.get(g)!.members).toHaveLength(200);
  });

  it('honours a configured batch size and removes members in batches too', async () => {
    const f = await fake();
    const people = seedUsers(f, 120);
    const [g] = seedGroups(f, 1);
    const c = scimConnector(f.url, f.options.token, { config: { groupBatchSize: 50 } });
    await c.addToGroup(g!, people);
    expect(f.count('PATCH', '/Groups')).toBe(3);
    await c.removeFromGroup(g!, people.slice(0, 110));
    expect(f.count('PATCH', '/Groups')).toBe(6);
    expect(f.store.groups.get(g!)!.members).toEqual(people.slice(110).map((value) => ({ value })));
  });

  it('changes a PUT-only group with one read and one write per call', async () => {
    const f = await fake({ putOnly: true });
    const people = seedUsers(f, 150);
    const [g] = seedGroups(f, 1);
    const c = scimConnector(f.url, f.options.token);
    await c.capabilities();
    const r = await c.addToGroup(g!, people);
    expect(!r.manual && r.state.requests).toBe(2);
    expect(f.store.groups.get(g!)!.members).toHaveLength(150);
  });
});

describe('SCIM write rate limits', () => {
  it('finishes a burst of creates against a write-limited app with no lost or duplicated account', async () => {
    // The app allows 1,200 writes/min with a burst of 10; Lanyard is not told, so it meets 429 + Retry-After.
    const f = await fake({ writesPerMinute: 1_200, writeBurst: 10 });
    const c = scimConnector(f.url, f.options.token);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => c.create(person(i))));
    expect(results.every((r) => !r.manual)).toBe(true);
    expect(f.store.users.size).toBe(30);
    expect(new Set([...f.store.users.values()].map((u) => u.userName)).size).toBe(30);
    expect(f.requests.some((r) => r.status === 429)).toBe(true);
  });

  it('paces writes to the configured limit so the app never has to refuse one', async () => {
    // As the presets do, Lanyard's burst stays below the app's: requests that queue on the way arrive bunched.
    const f = await fake({ writesPerMinute: 1_200, writeBurst: 10 });
    const c = scimConnector(f.url, f.options.token, {
      config: { rateLimit: { writesPerMinute: 1_200, burst: 5 } },
    });
    await Promise.all(Array.from({ length: 25 }, (_, i) => c.create(person(i))));
    expect(f.store.users.size).toBe(25);
    expect(f.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });
});
