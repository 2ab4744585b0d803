// The sync engine against the fakes on loopback (300 people, 12 groups, a SCIM app and a manual app):
// 1. an incremental poll with nothing changed: requests made (target ≤ 2 per directory) and milliseconds;
// 2. time to revoke with the scheduler polling every 5 s: from the deactivation in Okta to the SCIM app confirming
//    it, median and p95 over several leavers deactivated at random moments (target ≤ poll interval + 5 s);
// 3. the steady-state run at size, on SQLite and on PostgreSQL side by side (issue #14): 10,000 people × 25 SCIM
//    apps, everything in step, a whole-workspace run with nothing to change — the incremental directory poll, every
//    app's accounts read and stored, the plan input loaded, the plan, the gate and the run's bookkeeping — per
//    engine and as the PostgreSQL/SQLite ratio, with each phase's share. The 25 apps share one SCIM fake (one rule
//    each: Everyone → member), so one seeding run (on a third, throwaway core) puts every account in step; both
//    engines then start from the same fake, take a first run (adopting the accounts) and are timed on the next
//    runs, alternating. LANYARD_BENCH_PEOPLE / LANYARD_BENCH_APPS change the size; LANYARD_BENCH_ENGINES=sqlite
//    skips PostgreSQL (a throwaway local cluster over a Unix socket, fsync off: test/helpers/postgres.ts);
//    LANYARD_BENCH_PARTS=steady (or idle,ttr) runs only those parts. This part runs in a child process of its own
//    (its memory apart, and a core that fails to open on PostgreSQL cannot take the bench runner down with it).
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createLanyard, type Lanyard } from '../electron/app/create-lanyard';
import type { SealKeySource } from '../electron/audit/seal-key';
import { createLogger, memorySink } from '../electron/log/logger';
import { createKeychainStore } from '../electron/secrets/keychain';
import { summarize } from '../electron/sync/engine/stats';
import type { SyncProgress } from '../shared/api/methods-sync';
import { appConfigSchema, ruleSchema } from '../shared/config/workspace';
import { startPostgres } from '../test/helpers/postgres';
import { makeTempDir, removeDir } from '../test/helpers/temp-dir';
import { configure, openTestCore, startWorld, worldEnv, type World } from '../test/unit/sync-engine/kit';

const POLL_SECONDS = 5;
const LEAVERS = 8;

const idlePoll = async (): Promise<string[]> => {
  const world = await startWorld(300, { github: false });
  const dataDir = makeTempDir('bench-sync');
  const tc = openTestCore(dataDir);
  try {
    await configure(tc.core, world);
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
    await configure(core, world);
    await core.handlers['settings.set']({ schedule: { pollSeconds: POLL_SECONDS } }, { actor: 'bench' });
    const wall: number[] = [];
    const recorded: number[] = [];
    // A run never comes (the scheduler waits for the first review, a run failed to start): say so, do not hang.
    const finished = () =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error('no sync.finished within 120 s'));
        }, 120_000);
        const off = core.events.subscribe((e) => {
          if (e.event !== 'sync.finished') return;
          clearTimeout(timer);
          off();
          resolve();
        });
      });
    // Until the first plan is reviewed the scheduler only plans; a whole-workspace run is that review.
    await core.handlers['sync.run']({}, { actor: 'bench' });
    await finished(); // the scheduler's first run after it
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

const PEOPLE = Number(process.env.LANYARD_BENCH_PEOPLE ?? 10_000);
const APPS = Number(process.env.LANYARD_BENCH_APPS ?? 25);
const TIMED_RUNS = 2;

/** A seal key kept in memory: the ledgers are sealed, as a team server's are. */
const memoryKeys = (): SealKeySource => {
  const keys = new Map<string, Buffer>();
  return {
    description: 'memory (bench)',
    load: (id) => keys.get(id) ?? null,
    create: (id) => {
      const k = randomBytes(32);
      keys.set(id, k);
      return k;
    },
  };
};

/** The directory and `n` SCIM apps on the world's one SCIM fake, each with the rule Everyone → member. */
const configureApps = async (core: Lanyard, world: World, n: number): Promise<void> => {
  const ws = core.context.repos.workspace;
  await ws.setDirectory({
    kind: 'okta',
    name: 'Acme Okta',
    baseUrl: world.okta.url,
    auth: { type: 'token', token: 'env:OKTA_TOKEN' },
  });
  const ids = Array.from({ length: n }, (_, i) => `app-${String(i).padStart(2, '0')}`);
  await ws.setApps(
    ids.map((id, i) =>
      appConfigSchema.parse({
        id,
        name: `App ${i}`,
        kind: 'scim',
        baseUrl: world.scim.url,
        auth: { type: 'bearer', token: 'env:SCIM_TOKEN' },
        pageSize: 1000, // the fake's cap: 10 pages per app
      }),
    ),
  );
  await ws.setRules(ids.map((app) => ruleSchema.parse({ app, groups: ['Everyone'], role: 'member' })));
};

/** An error as its message and the first frames of its stack, for the report. */
const errorLines = (err: unknown): string =>
  err instanceof Error ? (err.stack ?? err.message).split('\n').slice(0, 6).join('\n      ') : String(err);

/** The app reads alone, without Lanyard: `n` concurrent listings of the fake's users (raw HTTP + JSON parse). */
const listingAlone = async (world: World, n: number): Promise<number> => {
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let start = 1; ; start += 1000) {
        const r = await fetch(`${world.scim.url}/Users?startIndex=${start}&count=1000`, {
          headers: { authorization: `Bearer ${worldEnv().SCIM_TOKEN}` },
        });
        const page = (await r.json()) as { Resources?: unknown[]; totalResults: number };
        if (!page.Resources?.length || start + page.Resources.length > page.totalResults) break;
      }
    }),
  );
  return performance.now() - t0;
};

interface Timed {
  ms: number;
  /** Milliseconds in each phase of the run, from its progress events. */
  phases: Record<string, number>;
  planned: number;
  applied: number;
  status: string;
  /** Apps the run left out, with why (a complete steady-state run has none). */
  skipped: string[];
}

/** One whole-workspace run, timed from the call to its result, phase by phase. */
const timedRun = async (core: Lanyard): Promise<Timed> => {
  const marks: { phase: SyncProgress['phase']; at: number }[] = [];
  const off = core.events.subscribe((e) => {
    if (e.event !== 'sync.progress') return;
    const p = e.data as SyncProgress;
    if (marks[marks.length - 1]?.phase !== p.phase) marks.push({ phase: p.phase, at: performance.now() });
  });
  const t0 = performance.now();
  try {
    const r = await core.handlers['sync.run']({}, { actor: 'bench' });
    const end = performance.now();
    const phases: Record<string, number> = {};
    marks.forEach((m, i) => {
      phases[m.phase] = (phases[m.phase] ?? 0) + ((marks[i + 1]?.at ?? end) - m.at);
    });
    return {
      ms: end - t0,
      phases,
      planned: r.run.stats?.planned ?? -1,
      applied: r.run.stats?.applied ?? -1,
      status: r.run.status,
      skipped: r.skippedApps.map((a) => `${a.appId}: ${a.reason}`),
    };
  } finally {
    off();
  }
};

const steadyRun = async (): Promise<string[]> => {
  const lines = [
    `steady-state run, ${PEOPLE.toLocaleString('en-US')} people × ${APPS} SCIM apps (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} on ${os.cpus().length} cores at the start: a shared machine, so compare the ratio):`,
  ];
  const world = await startWorld(PEOPLE, { github: false });
  const server = process.env.LANYARD_BENCH_ENGINES === 'sqlite' ? null : startPostgres();
  const dirs: string[] = [];
  const cores: { name: string; core: Lanyard }[] = [];
  const open = (database?: string): Lanyard => {
    const dataDir = makeTempDir('bench-steady');
    dirs.push(dataDir);
    return createLanyard({
      dataDir,
      secrets: createKeychainStore(`Lanyard-bench-${randomUUID()}`),
      log: createLogger(memorySink()),
      env: worldEnv(),
      sealKeys: memoryKeys(),
      sync: { http: { timeoutMs: 120_000 } },
      ...(database ? { database } : {}),
    });
  };
  try {
    // Seeding: one app on a throwaway SQLite core creates every account in the shared SCIM fake.
    const seed = open();
    try {
      await seed.ready;
      await configureApps(seed, world, 1);
      const t = await timedRun(seed);
      lines.push(
        `  (seeding: ${t.applied} accounts created in the SCIM fake in ${(t.ms / 1000).toFixed(0)} s on a throwaway SQLite core)`,
      );
    } finally {
      await seed.shutdown();
    }

    const alone = await listingAlone(world, APPS);
    lines.push(
      `  (the ${APPS} apps' listings alone, raw HTTP from the SCIM fake without Lanyard: ${(alone / 1000).toFixed(1)} s — part of every run's "accounts" phase on either engine)`,
    );

    cores.push({ name: 'SQLite', core: open() });
    if (server) {
      try {
        cores.push({ name: 'PostgreSQL', core: open(server.url(await server.createDatabase('bench_sync'))) });
      } catch (err) {
        lines.push(`  PostgreSQL: the core could not be created: ${errorLines(err)}`);
      }
    }
    const failed = new Set<string>();
    const attempt = async (name: string, what: string, f: () => Promise<void>): Promise<void> => {
      if (failed.has(name)) return;
      try {
        await f();
      } catch (err) {
        failed.add(name);
        lines.push(`  ${name}: ${what} failed: ${errorLines(err)}`);
      }
    };
    const first: Record<string, Timed> = {};
    for (const { name, core } of cores)
      await attempt(name, 'opening and the first run', async () => {
        await core.ready;
        await configureApps(core, world, APPS);
        first[name] = await timedRun(core);
      });
    const timed: Record<string, Timed[]> = {};
    for (let i = 0; i < TIMED_RUNS; i++)
      for (const { name, core } of cores)
        await attempt(name, `steady-state run ${i + 1}`, async () => {
          (timed[name] ??= []).push(await timedRun(core));
        });

    const best: Record<string, Timed> = {};
    for (const { name } of cores) {
      const f = first[name];
      const runs = timed[name];
      if (!f || !runs?.length || failed.has(name)) continue;
      // A run that left apps out did less work: the fastest complete run counts, else the fastest with a warning.
      const complete = runs.filter((r) => !r.skipped.length);
      best[name] = (complete.length ? complete : runs).reduce((a, b) => (b.ms < a.ms ? b : a));
      const b = best[name];
      const phase = (p: string): string => `${((b.phases[p] ?? 0) / 1000).toFixed(1)} s`;
      lines.push(
        `  ${name}: first run (adopting ${f.planned} planned, ${f.applied} applied) ${(f.ms / 1000).toFixed(1)} s; steady runs ${runs.map((r) => `${(r.ms / 1000).toFixed(1)} s (${r.planned} planned, ${r.status})`).join(', ')}`,
        ...[f, ...runs].flatMap((r, i) => {
          if (!r.skipped.length) return [];
          const why = new Map<string, number>();
          for (const x of r.skipped) {
            const reason = x.replace(/^app-\d+: /, '');
            why.set(reason, (why.get(reason) ?? 0) + 1);
          }
          return [
            `    ${i === 0 ? 'first run' : `steady run ${i}`}: ${r.skipped.length} of ${APPS} apps left out — ${[...why].map(([reason, k]) => `${k}× "${reason}"`).join('; ')}`,
          ];
        }),
        `    fastest ${b.skipped.length ? 'steady run (INCOMPLETE: apps left out)' : 'complete steady run'} ${(b.ms / 1000).toFixed(1)} s = ${((b.ms * 1000) / (PEOPLE * APPS)).toFixed(1)} µs per person × app: directory poll ${phase('directory')}, accounts read + stored ${phase('accounts')}, plan + gate + bookkeeping ${phase('plan')}${b.phases.apply ? `, apply ${phase('apply')}` : ''}`,
      );
    }
    const [lite, pg] = [best.SQLite, best.PostgreSQL];
    if (lite && pg) {
      const ratio = (p?: string): string =>
        (p ? (pg.phases[p] ?? 0) / (lite.phases[p] ?? 1) : pg.ms / lite.ms).toFixed(2);
      lines.push(
        `  ratio PostgreSQL/SQLite (fastest steady runs${lite.skipped.length || pg.skipped.length ? ', NOT like for like: a run left apps out' : ''}): whole run ${ratio()}; accounts read + stored ${ratio('accounts')}; plan + gate + bookkeeping ${ratio('plan')}`,
      );
    }
  } finally {
    for (const { core } of cores) await core.shutdown().catch(() => undefined);
    server?.stop();
    await world.close();
    for (const d of dirs) removeDir(d);
  }
  return lines;
};

const self = fileURLToPath(import.meta.url);
const RESULT = 'LANYARD-SYNC-BENCH-RESULT ';
if (
  process.env.LANYARD_SYNC_BENCH === 'steady' &&
  process.argv[1] &&
  path.resolve(process.argv[1]) === self
) {
  // A core that failed to open on PostgreSQL may leave a pool behind, whose clients fail once the cluster stops:
  // reported with the figures rather than ending the process before it reports.
  const strays: string[] = [];
  process.on('uncaughtException', (err) => strays.push(errorLines(err)));
  const lines = await steadyRun().catch((err: unknown) => [`steady-state run failed: ${errorLines(err)}`]);
  for (const s of strays) lines.push(`  (an error outside the runs, after them: ${s})`);
  process.stdout.write(`\n${RESULT}${JSON.stringify(lines)}\n`);
  process.exit(0);
}

/** The steady-state run in a child process; its report, or why it gave none. */
const steadyRunApart = (): string[] => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', self], {
    env: { ...process.env, LANYARD_SYNC_BENCH: 'steady' },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith(RESULT));
  if (line) return JSON.parse(line.slice(RESULT.length)) as string[];
  return [
    `steady-state run: the child process ended (status ${r.status}, signal ${r.signal}) without a report:`,
    ...`${r.stderr}`.trim().split('\n').slice(-15),
  ];
};

const PARTS = new Set((process.env.LANYARD_BENCH_PARTS ?? 'idle,ttr,steady').split(','));

export default async (): Promise<string[]> => [
  ...(PARTS.has('idle') ? await idlePoll() : []),
  ...(PARTS.has('ttr') ? await timeToRevoke() : []),
  ...(PARTS.has('steady') ? steadyRunApart() : []),
];
