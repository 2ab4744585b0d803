// The sync engine against the fakes on loopback (300 people, 12 groups, a SCIM app and a manual app):
// 1. an incremental poll with nothing changed: requests made (target ≤ 2 per directory) and milliseconds;
// 2. time to revoke with the scheduler polling every 5 s: from the deactivation in Okta to the SCIM app confirming
//    it, median and p95 over several leavers deactivated at random moments (target ≤ poll interval + 5 s).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createLanyard } from '../electron/app/create-lanyard';
import { createLogger, memorySink } from '../electron/log/logger';
import { createKeychainStore } from '../electron/secrets/keychain';
import { summarize } from '../electron/sync/engine/stats';
import { makeTempDir, removeDir } from '../test/helpers/temp-dir';
import { configure, openTestCore, startWorld, worldEnv } from '../test/unit/sync-engine/kit';

const POLL_SECONDS = 5;
const LEAVERS = 8;

const idlePoll = async (): Promise<string[]> => {
  const world = await startWorld(300, { github: false });
  const dataDir = makeTempDir('bench-sync');
  const tc = openTestCore(dataDir);
  try {
    configure(tc.core, world);
    await tc.call('sync.run', {});
    await tc.call('sync.run', {});
    const okta0 = world.okta.requests.length;
    const scim0 = world.scim.requests.length;
    const t0 = performance.now();
    const r = await tc.call('sync.run', {});
    const ms = performance.now() - t0;
    const oktaReqs = world.okta.requests.length - okta0;
    return [
      `idle incremental poll (300 people, 1 SCIM + 1 manual app): ${ms.toFixed(0)} ms, planned ${r.run.stats!.planned}`,
      `  directory requests: ${oktaReqs} (target ≤ 2) ${oktaReqs <= 2 ? 'OK' : 'OVER'}`,
      `  SCIM requests: ${world.scim.requests.length - scim0} (users and groups listings; 0 writes)`,
    ];
  } finally {
    tc.close();
    await world.close();
    removeDir(dataDir);
  }
};

const timeToRevoke = async (): Promise<string[]> => {
  const world = await startWorld(300, { github: false });
  const dataDir = makeTempDir('bench-ttr');
  const core = createLanyard({
    dataDir,
    secrets: createKeychainStore(`Lanyard-bench-${randomUUID()}`),
    log: createLogger(memorySink()),
    env: worldEnv(),
    scheduler: true,
  });
  try {
    configure(core, world);
    await core.handlers['settings.set']({ schedule: { pollSeconds: POLL_SECONDS } }, { actor: 'bench' });
    const wall: number[] = [];
    const recorded: number[] = [];
    const finished = () =>
      new Promise<void>((resolve) => {
        const off = core.events.subscribe((e) => {
          if (e.event !== 'sync.finished') return;
          off();
          resolve();
        });
      });
    await finished(); // the scheduler's first (full) run
    for (let i = 0; i < LEAVERS; i++) {
      await new Promise((r) => setTimeout(r, Math.random() * POLL_SECONDS * 1000));
      const userName = `user${100 + i}@example.com`;
      const t0 = performance.now();
      world.okta.state.setStatus(world.people[100 + i]!, 'DEPROVISIONED');
      for (;;) {
        await finished();
        const u = [...world.scim.store.users.values()].find((x) => x.userName === userName) as {
          active?: boolean;
        };
        if (u?.active === false) break;
      }
      wall.push(performance.now() - t0);
      const run = (await core.handlers['runs.list']({ limit: 1 }, { actor: 'bench' }))[0];
      const ttr = run?.stats?.apps.acme?.timeToRevoke;
      if (ttr) recorded.push(ttr.maxMs);
    }
    const w = summarize(wall)!;
    const rec = summarize(recorded);
    const target = (POLL_SECONDS + 5) * 1000;
    return [
      `time to revoke, scheduler polling every ${POLL_SECONDS} s, ${LEAVERS} leavers at random moments:`,
      `  measured (deactivation → SCIM account inactive): median ${(w.medianMs / 1000).toFixed(1)} s, p95 ${(w.p95Ms / 1000).toFixed(1)} s (target ≤ ${target / 1000} s) ${w.p95Ms <= target ? 'OK' : 'OVER'}`,
      rec
        ? `  as recorded in run stats (Okta statusChanged → op done): median ${(rec.medianMs / 1000).toFixed(1)} s, p95 ${(rec.p95Ms / 1000).toFixed(1)} s`
        : '  (no time to revoke recorded in run stats)',
    ];
  } finally {
    core.close();
    await world.close();
    removeDir(dataDir);
  }
};

export default async (): Promise<string[]> => [...(await idlePoll()), ...(await timeToRevoke())];
