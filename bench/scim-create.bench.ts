// 2,000 SCIM creates against the SCIM fake with 20 ms added latency and a 600 writes/min limit (Slack's documented
// write limit; the fake enforces it with 429 + Retry-After, burst 180 as Slack documents). The client paces with
// the Slack preset's writesPerMinute (600, burst 100). Reports achieved throughput against the limit's theoretical
// maximum for the run (burst + rate × time) and failed operations (must be zero).
// SCIM_BENCH_COUNT overrides the count (2,000 takes about 3 minutes: the limit, not Lanyard, sets the pace).
import { createScimConnector } from '../electron/apps/scim/connector';
import { createLogger, memorySink } from '../electron/log/logger';
import { scimAppSchema } from '../shared/config/workspace';
import { startScimFake } from '../test/fakes/scim/server';

const LIMIT_PER_MIN = 600;
const SERVER_BURST = 180;

export default async function (): Promise<string[]> {
  const count = Number(process.env.SCIM_BENCH_COUNT ?? 2_000);
  const fake = await startScimFake({
    latencyMs: 20,
    writesPerMinute: LIMIT_PER_MIN,
    writeBurst: SERVER_BURST,
  });
  try {
    const config = scimAppSchema.parse({
      id: 'bench',
      name: 'Bench',
      kind: 'scim',
      preset: 'slack',
      baseUrl: fake.url,
      auth: { type: 'bearer', token: 'env:BENCH' },
      concurrency: 8,
    });
    const connector = createScimConnector(config, {
      resolveSecret: async () => fake.options.token,
      log: createLogger(memorySink()),
      // Slack's discovery is not what is measured here.
      storedCapabilities: { update: 'patch', filter: true },
    });
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        connector
          .create({
            externalId: `dir-${i}`,
            userName: `bench${i}@example.com`,
            email: `bench${i}@example.com`,
            givenName: 'B',
            familyName: `${i}`,
            displayName: null,
          })
          .catch(() => void failed++),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const achieved = (count / seconds) * 60;
    // The fastest any client could finish: the server's burst at once, then the rate.
    const theoreticalSeconds = Math.max(0, count - SERVER_BURST) / (LIMIT_PER_MIN / 60);
    const refused = fake.requests.filter((r) => r.status === 429).length;
    return [
      `creates: ${count} (SCIM_BENCH_COUNT to change), 20 ms added latency, server limit ${LIMIT_PER_MIN} writes/min (burst ${SERVER_BURST}); client paces at the Slack preset (600/min, burst 100)`,
      `elapsed: ${seconds.toFixed(1)} s → ${achieved.toFixed(0)} creates/min (${((achieved / LIMIT_PER_MIN) * 100).toFixed(0)}% of the ${LIMIT_PER_MIN}/min limit)`,
      `theoretical minimum at the limit: ${theoreticalSeconds.toFixed(1)} s (burst ${SERVER_BURST}, then ${LIMIT_PER_MIN / 60}/s) → ${theoreticalSeconds > 0 ? ((theoreticalSeconds / seconds) * 100).toFixed(0) : '100'}% of the theoretical maximum throughput`,
      `accounts in the app: ${fake.store.users.size}; failed ops: ${failed}; 429 answers: ${refused}; requests: ${connector.requestCount()} (${(connector.requestCount() / count).toFixed(3)} per create)`,
      `per create: ${((seconds * 1000) / count).toFixed(1)} ms wall clock (limit floor ${(60_000 / LIMIT_PER_MIN).toFixed(0)} ms after the burst)`,
    ];
  } finally {
    await fake.close();
  }
}
