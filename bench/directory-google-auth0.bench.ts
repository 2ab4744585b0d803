// Reading 10,000 people and 500 groups from the Google and Auth0 fakes on loopback: requests made against the
// minimum the vendor's paging allows, and milliseconds per 1,000 people (connector + fake on one machine).
import { seedAuth0 } from '../test/fakes/auth0/state';
import { connect as connectAuth0, startFake as startAuth0 } from '../test/fakes/auth0/test-kit';
import { seedGoogle } from '../test/fakes/google/state';
import { connect as connectGoogle, makeKeys, startFake as startGoogle } from '../test/fakes/google/test-kit';

const PEOPLE = 10_000;
const GROUPS = 500;
const RUNS = 3;

const timeBest = async (read: () => Promise<{ people: unknown[]; requests: number }>) => {
  let best = Infinity;
  let requests = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const snap = await read();
    best = Math.min(best, performance.now() - t);
    requests = snap.requests;
    if (snap.people.length !== PEOPLE)
      throw new Error(`read ${snap.people.length} people, expected ${PEOPLE}`);
  }
  return { best, requests };
};

const line = (vendor: string, requests: number, minimum: number, ms: number, extra: string) =>
  `${vendor.padEnd(7)} ${String(requests).padStart(4)} requests (minimum ${minimum}, ratio ${(requests / minimum).toFixed(3)}), ${(ms / (PEOPLE / 1000)).toFixed(1)} ms per 1,000 people (best of ${RUNS}, ${Math.round(ms)} ms total)${extra}`;

export default async function (): Promise<string[]> {
  const lines = [
    `${PEOPLE} people, ${GROUPS} groups (${PEOPLE / GROUPS} members each), fakes on 127.0.0.1, default HttpClient concurrency 4.`,
  ];

  const keys = await makeKeys();
  const google = await startGoogle(keys);
  try {
    seedGoogle(google.state, PEOPLE, GROUPS);
    // team0 also holds a nested group: one more member entry, still one page.
    const minimum =
      1 + Math.ceil(PEOPLE / 500) + Math.ceil(GROUPS / 200) + GROUPS * Math.ceil((PEOPLE / GROUPS + 1) / 200);
    const { connector } = connectGoogle(google, keys);
    const { best, requests } = await timeBest(() => connector.readAll());
    // The token is fetched once and cached: later runs make one request fewer than the first.
    lines.push(line('Google', requests, minimum - 1, best, ' — token cached after the first run'));
  } finally {
    await google.close();
  }

  const auth0 = await startAuth0();
  try {
    seedAuth0(auth0.state, PEOPLE, GROUPS);
    const minimum =
      Math.ceil(PEOPLE / 100) + Math.ceil(GROUPS / 100) + GROUPS * Math.ceil(PEOPLE / GROUPS / 100);
    const connector = connectAuth0(auth0);
    const { best, requests } = await timeBest(() => connector.readAll());
    const userPages = auth0.requests.filter((r) => r.route === 'users').length / RUNS;
    lines.push(
      line(
        'Auth0',
        requests,
        minimum,
        best,
        ` — ${userPages} user pages for ${Math.ceil(PEOPLE / 100)} minimum: each 1,000-user search window re-reads the users sharing its boundary instant`,
      ),
    );
  } finally {
    await auth0.close();
  }
  lines.push(
    'Minimums: Google users 500/page, groups and members 200/page; Auth0 users and roles 100/page, role members take=100; one member page per group.',
  );
  return lines;
}
