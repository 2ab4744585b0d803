// Reading 10,000 people and 500 groups from the Okta and Entra fakes: requests made vs. the minimum the vendor's
// paging allows, and wall time per 1,000 people (loopback HTTP, real JSON; the fakes' own CPU shares the machine).
import { performance } from 'node:perf_hooks';
import { startOktaFake } from '../test/fakes/okta/server';
import { startEntraFake } from '../test/fakes/entra/server';
import { createOktaConnector } from '../electron/directory/okta/connector';
import { createEntraConnector } from '../electron/directory/entra/connector';
import { createLogger, memorySink } from '../electron/log/logger';
import type { ConnectorDeps, DirectoryConnector } from '../electron/directory/types';

const PEOPLE = 10_000;
const GROUPS = 500;
/** Each person is in 3 groups: 30,000 memberships, ~60 per group. */
const GROUPS_PER_PERSON = 3;

const deps = (secrets: Record<string, string>): ConnectorDeps => ({
  resolveSecret: async (ref) => secrets[ref.replace(/^env:/, '')]!,
  log: createLogger(memorySink()),
});

const time = async (connector: DirectoryConnector) => {
  const t0 = performance.now();
  const snapshot = await connector.readAll();
  const ms = performance.now() - t0;
  return { snapshot, ms };
};

const line = (
  vendor: string,
  requests: number,
  minimum: number,
  ms: number,
  people: number,
  memberships: number,
): string =>
  `${vendor}: full read of ${people.toLocaleString('en-US')} people, ${GROUPS} groups, ${memberships.toLocaleString('en-US')} memberships — ` +
  `${requests} requests (minimum ${minimum}, ratio ${(requests / minimum).toFixed(2)}), ${Math.round(ms)} ms, ${(ms / (people / 1000)).toFixed(1)} ms per 1,000 people`;

const benchOkta = async (): Promise<string[]> => {
  const fake = await startOktaFake({
    apiTokens: ['bench-token-0123456789'],
    rateLimit: { limit: 1_000_000, windowMs: 60_000 },
  });
  try {
    const ids = fake.seedUsers(PEOPLE, (i) => (i % 50 === 0 ? 'DEPROVISIONED' : 'ACTIVE'));
    const groups = Array.from({ length: GROUPS }, (_, i) => fake.state.addGroup(`Group ${i}`));
    ids.forEach((id, i) => {
      for (let k = 0; k < GROUPS_PER_PERSON; k++)
        fake.state.addMember(groups[(i + k * 167) % GROUPS]!.id, id, true);
    });
    const connector = createOktaConnector(
      {
        kind: 'okta',
        name: 'Bench',
        baseUrl: fake.url,
        auth: { type: 'token', token: 'env:T' },
        concurrency: 4,
      },
      deps({ T: 'bench-token-0123456789' }),
    );
    const { snapshot, ms } = await time(connector);
    const deprovisioned = ids.filter((_, i) => i % 50 === 0).length;
    const memberPages = groups.reduce(
      (n, g) => n + Math.max(1, Math.ceil(fake.state.members.get(g.id)!.size / 1000)),
      0,
    );
    const minimum =
      Math.ceil((PEOPLE - deprovisioned) / 200) +
      Math.max(1, Math.ceil(deprovisioned / 200)) +
      Math.ceil(GROUPS / 200) +
      memberPages;
    const out = [
      line(
        'Okta (SSWS, limit=200 users / 1000 group users)',
        snapshot.requests,
        minimum,
        ms,
        snapshot.people.length,
        snapshot.memberships.length,
      ),
    ];

    fake.state.setStatus(ids[1]!, 'SUSPENDED');
    const t0 = performance.now();
    const delta = await connector.readChanges(snapshot.cursor);
    out.push(
      `Okta: incremental read after 1 change — ${delta.requests} requests (System Log + changed users + changed groups), ${Math.round(performance.now() - t0)} ms`,
    );
    // A quiet poll reads only the System Log; the lastUpdated sweep runs every 10th poll (or after 10 minutes).
    if (delta.mode === 'delta') {
      const idle = await connector.readChanges(delta.cursor);
      out.push(
        `Okta: idle poll (no log events) — ${idle.requests} request(s) (target ≤ 2) ${idle.requests <= 2 ? 'OK' : 'OVER'}`,
      );
    }
    return out;
  } finally {
    await fake.close();
  }
};

const benchEntra = async (): Promise<string[]> => {
  const fake = await startEntraFake({
    tenantId: 'bench',
    apps: [{ clientId: 'app', secret: 'bench-secret-123', roles: ['User.Read.All', 'GroupMember.Read.All'] }],
  });
  try {
    const ids = fake.seedUsers(PEOPLE, (i) => i % 50 !== 0);
    const groups = Array.from({ length: GROUPS }, (_, i) => fake.state.addGroup(`Group ${i}`));
    ids.forEach((id, i) => {
      for (let k = 0; k < GROUPS_PER_PERSON; k++)
        fake.state.addMember(groups[(i + k * 167) % GROUPS]!.id, id);
    });
    const connector = createEntraConnector(
      {
        kind: 'entra',
        name: 'Bench',
        tenantId: 'bench',
        loginUrl: fake.url,
        baseUrl: fake.graphUrl,
        auth: { type: 'client-secret', clientId: 'app', clientSecret: 'env:S' },
        concurrency: 4,
      },
      deps({ S: 'bench-secret-123' }),
    );
    const { snapshot, ms } = await time(connector);
    const memberPages = groups.reduce(
      (n, g) => n + Math.max(1, Math.ceil(fake.state.members.get(g.id)!.size / 999)),
      0,
    );
    // Token + users ($top=999) + groups + members; the two "$deltatoken=latest" calls are the price of a cursor.
    const minimum = 1 + Math.ceil(PEOPLE / 999) + Math.ceil(GROUPS / 999) + memberPages;
    const out = [
      line(
        'Entra (client secret, $top=999)',
        snapshot.requests,
        minimum,
        ms,
        snapshot.people.length,
        snapshot.memberships.length,
      ),
      `Entra: of which 2 requests start delta tracking ($deltatoken=latest) so the next read is incremental`,
    ];
    fake.state.updateUser(ids[1]!, { accountEnabled: false });
    const t0 = performance.now();
    const delta = await connector.readChanges(snapshot.cursor);
    out.push(
      `Entra: incremental read after 1 change — ${delta.requests} requests (users/delta + groups/delta), ${Math.round(performance.now() - t0)} ms`,
    );
    return out;
  } finally {
    await fake.close();
  }
};

export default async function (): Promise<string[]> {
  return [...(await benchOkta()), ...(await benchEntra())];
}
