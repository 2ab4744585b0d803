// Crash safety, end to end: `lanyard sync` as a real child process is killed with SIGKILL at a random write
// (the SCIM fake kills it while serving the K-th write, so the app applies that write but Lanyard never hears the
// answer — the worst moment), then `lanyard sync` runs again. The app must end with exactly the expected accounts,
// no duplicate, and the journal with no op left open.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOktaFake, type OktaFake } from '../fakes/okta/server';
import { startScimFake, type ScimFake } from '../fakes/scim/server';
import { runCli, spawnCli, stopChildren } from '../helpers/processes';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { configure, openTestCore, OKTA_TOKEN, worldEnv, type World } from '../unit/sync-engine/kit';

const PEOPLE = 30;
// Each trial spawns the CLI twice (tsx start-up dominates: ~4–9 s a trial on a busy 2-core machine).
const TRIALS = Number(process.env.LANYARD_CRASH_TRIALS ?? 20);

let okta: OktaFake;
const groupIds = new Map<string, string>();
const people: string[] = [];
const dirs: string[] = [];
let scim: ScimFake | null = null;

beforeAll(async () => {
  okta = await startOktaFake({ apiTokens: [OKTA_TOKEN] });
  for (const g of ['Everyone', 'Engineering', 'Office']) groupIds.set(g, okta.state.addGroup(g).id);
  for (let i = 0; i < PEOPLE; i++) {
    const u = okta.state.addUser({ login: `user${i}@example.com`, email: `user${i}@example.com` });
    people.push(u.id);
    okta.state.addMember(groupIds.get('Everyone')!, u.id, true);
    if (i % 3 === 0) okta.state.addMember(groupIds.get('Engineering')!, u.id, true);
    if (i % 5 === 0) okta.state.addMember(groupIds.get('Office')!, u.id, true);
  }
});
afterEach(async () => {
  await stopChildren();
  await scim?.close();
  scim = null;
});
afterAll(async () => {
  await okta.close();
  for (const d of dirs) removeDir(d);
});

/** A data dir whose workspace points at the shared Okta fake and this trial's SCIM fake. */
const prepareDataDir = async (s: ScimFake): Promise<string> => {
  const dataDir = makeTempDir('sync-crash');
  dirs.push(dataDir);
  const world = { okta, scim: s, github: null, groupIds, people } as unknown as World;
  const tc = openTestCore(dataDir);
  await configure(tc.core, world);
  tc.close();
  return dataDir;
};

const env = { ...worldEnv(), LANYARD_LOG_LEVEL: 'error' };

describe('a sync killed at a random moment', () => {
  it(`completes on restart with exactly the expected accounts and no duplicate (${TRIALS} trials)`, async () => {
    const writesPerRun = PEOPLE; // 30 creates (roles are set on create)
    for (let trial = 0; trial < TRIALS; trial++) {
      const fake = (scim = await startScimFake({ token: 'scim-sync-engine-token-0001' }));
      const dataDir = await prepareDataDir(fake);
      const killAt = 1 + Math.floor(Math.random() * writesPerRun);
      let writes = 0;
      const first = spawnCli(['sync', '--json', '--data-dir', dataDir], { env });
      fake.set({
        failWhen: (method) => {
          if (method !== 'GET' && ++writes === killAt) first.child.kill('SIGKILL');
          return null;
        },
      });
      const code = await first.exited;
      fake.set({ failWhen: null });
      expect([0, 'SIGKILL']).toContain(code);

      const second = await runCli(['sync', '--json', '--data-dir', dataDir], { env });
      expect(second.code, `trial ${trial} (killed at write ${killAt}): ${second.stderr}`).toBe(0);

      const users = [...fake.store.users.values()] as unknown as {
        userName: string;
        externalId?: string;
        roles?: { value: string }[];
      }[];
      expect(users, `trial ${trial}, killed at write ${killAt}`).toHaveLength(PEOPLE);
      expect(new Set(users.map((u) => u.userName)).size).toBe(PEOPLE);
      for (let i = 0; i < PEOPLE; i++) {
        const u = users.find((x) => x.userName === `user${i}@example.com`);
        expect(u?.externalId).toBe(people[i]);
        expect(u?.roles?.[0]?.value).toBe(i % 3 === 0 ? 'engineer' : 'member');
      }

      const db = new Database(path.join(dataDir, 'lanyard.db'), { readonly: true });
      try {
        const open = db
          .prepare(`SELECT COUNT(*) AS n FROM plan_ops WHERE status IN ('planned','approved','running')`)
          .get() as { n: number };
        expect(open.n).toBe(0);
        // The badge checklist: one task per Office member, issued once even across the crash.
        const tasks = db
          .prepare(
            `SELECT COUNT(*) AS n, COUNT(DISTINCT idempotency_key) AS k FROM plan_ops WHERE kind = 'manual-task' AND status = 'done'`,
          )
          .get() as { n: number; k: number };
        expect(tasks).toEqual({ n: PEOPLE / 5, k: PEOPLE / 5 });
      } finally {
        db.close();
      }
      await fake.close();
      scim = null;
    }
  }, 600_000);
});
