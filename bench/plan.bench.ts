// The pure sync core at size: desired state + plan + guardrails for 10,000 people × 25 apps (20 SCIM, 3 GitHub,
// 2 manual; 50 rules with groups, attribute conditions, roles, priorities, teams and app groups).
// Target: < 1 s and < 300 MB peak RSS per plan. Two scenarios: a steady state (accounts in step, ~3 % drift:
// leavers, profile edits, joiners, rule leavers, orphans) and a cold start (no accounts: everything is a create).
// Each scenario runs in a child process of its own so its peak RSS is not mixed with other benchmarks'.
// Then the same steady state from the store, on SQLite and on PostgreSQL side by side (issue #14), in one child
// process: what a run stores and reads around the pure plan — the app reads stored (accounts replaceSnapshot per
// app), the plan input loaded (directory people and groups, accounts, journal look-ups, holds, exceptions) — per
// engine and as the PostgreSQL/SQLite ratio. PostgreSQL is a throwaway local cluster over a Unix socket with fsync
// off (test/helpers/postgres.ts); LANYARD_BENCH_ENGINES=sqlite skips it.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../electron/app/clock';
import type { CoreContext } from '../electron/app/context';
import type { DirectoryPerson, DirectorySnapshot } from '../electron/directory/types';
import { createAccountsRepo } from '../electron/store/accounts-repo';
import { closeDatabase, openDatabase } from '../electron/store/database';
import { createDirectorySnapshotRepo } from '../electron/store/directory-snapshot-repo';
import { openPgStore } from '../electron/store/pg/pg-store';
import { createSqliteStore, type Store } from '../electron/store/store';
import { createWorkspaceRepo } from '../electron/store/workspace-repo';
import { createJournal } from '../electron/sync/engine/journal';
import { buildPlanInput } from '../electron/sync/engine/plan-input';
import { makeTempDir, removeDir } from '../test/helpers/temp-dir';
import { startPostgres } from '../test/helpers/postgres';
import { applyGuardrails } from '../electron/sync/guard';
import { desiredState, specFor } from '../electron/sync/desired';
import { buildPlan } from '../electron/sync/plan';
import type { AppConfig, PlanInput, RuleConfig, SyncAccount, SyncPerson } from '../electron/sync/types';
import { appConfigSchema } from '../shared/config/workspace';

const PEOPLE = 10_000;
const APPS = 25;
const TARGET_MS = 1000;
const TARGET_MB = 300;
const NOW = new Date('2026-11-28T15:30:00Z');

/** Deterministic pseudo-random numbers (mulberry32), so every run plans the same workload. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const DEPARTMENTS = ['Engineering', 'Sales', 'Support', 'Finance', 'Marketing', 'Operations'];
const GROUPS = Array.from({ length: 40 }, (_, i) => `Group ${i}`);

const makeApps = (): AppConfig[] =>
  Array.from({ length: APPS }, (_, i) => {
    const id = `app-${i}`;
    const name = `App ${i}`;
    if (i < 20) {
      return appConfigSchema.parse({
        id,
        name,
        kind: 'scim',
        baseUrl: 'https://scim.test/v2',
        auth: { type: 'bearer', token: 'env:T' },
      });
    }
    if (i < 23)
      return appConfigSchema.parse({
        id,
        name,
        kind: 'github',
        org: `org${i}`,
        auth: { type: 'bearer', token: 'env:G' },
      });
    return appConfigSchema.parse({ id, name, kind: 'manual' });
  });

const makeRules = (apps: AppConfig[]): RuleConfig[] =>
  apps.flatMap((a, i): RuleConfig[] => [
    {
      app: a.id,
      groups: ['Everyone', GROUPS[i % GROUPS.length]!],
      role: 'member',
      ...(a.kind === 'github'
        ? { teams: [`team-${i}`] }
        : a.kind === 'scim' && i % 4 === 0
          ? { appGroups: [`Staff ${i}`] }
          : {}),
    },
    {
      app: a.id,
      groups: [GROUPS[(i + 7) % GROUPS.length]!],
      attributes: { department: DEPARTMENTS[i % DEPARTMENTS.length]! },
      role: 'admin',
      priority: 10,
      ...(a.kind === 'github' ? { teams: [`leads-${i}`] } : {}),
    },
  ]);

const makePeople = (random: () => number): SyncPerson[] =>
  Array.from({ length: PEOPLE }, (_, i) => {
    const groups = new Set<string>();
    if (random() < 0.6) groups.add('Everyone');
    for (let g = 0; g < 4; g++) groups.add(GROUPS[Math.floor(random() * GROUPS.length)]!);
    return {
      id: `00u${i.toString(36).padStart(6, '0')}`,
      login: `person${i}@acme.io`,
      email: `person${i}@acme.io`,
      status: 'active',
      statusChangedAt: '2026-01-01T00:00:00Z',
      givenName: `Given${i}`,
      familyName: `Family${i}`,
      displayName: `Given${i} Family${i}`,
      department: DEPARTMENTS[Math.floor(random() * DEPARTMENTS.length)]!,
      title: null,
      employeeNumber: String(i),
      attributes: { githubUsername: `gh-person${i}` },
      groups: [...groups],
    };
  });

/** Accounts exactly in step with the rules (what a completed sync leaves behind). */
const inStepAccounts = (
  people: SyncPerson[],
  apps: AppConfig[],
  rules: RuleConfig[],
): Record<string, SyncAccount[]> => {
  const desired = desiredState(people, apps, rules);
  const byId = new Map(people.map((p) => [p.id, p]));
  const accounts: Record<string, SyncAccount[]> = {};
  for (const app of apps) {
    accounts[app.id] = desired.byApp.get(app.id)!.flatMap((access) => {
      if (!access) return [];
      const spec = specFor(byId.get(access.personId)!, app, access);
      const account: SyncAccount = {
        remoteId: app.kind === 'scim' ? `r-${app.id}-${spec.externalId}` : spec.userName,
        userName: spec.userName,
        emails: app.kind === 'scim' && spec.email ? [spec.email] : [],
        externalId: app.kind === 'scim' ? spec.externalId : null,
        active: true,
        role: access.role,
        groups: [...access.groups],
        displayName: app.kind === 'scim' ? spec.displayName : null,
        attributes:
          app.kind === 'scim' ? { department: spec.department ?? null, givenName: spec.givenName } : {},
      };
      return [account];
    });
  }
  return accounts;
};

export const steadyState = (): PlanInput => {
  const random = rng(42);
  const apps = makeApps();
  const rules = makeRules(apps);
  const people = makePeople(random);
  const accounts = inStepAccounts(people, apps, rules);
  // Drift since the last sync: 1 % leave, 1 % edit their profile, 0.5 % leave a group, 0.5 % are new hires.
  for (const p of people) {
    const r = random();
    if (r < 0.01) Object.assign(p, { status: 'suspended', statusChangedAt: '2026-11-28T14:02:00Z' });
    else if (r < 0.02) p.displayName = `${p.displayName} (renamed)`;
    else if (r < 0.025) p.groups = p.groups.filter((g) => g !== 'Everyone');
  }
  const joiners = makePeople(rng(7))
    .slice(0, PEOPLE / 200)
    .map((p, i) => ({
      ...p,
      id: `new${i}`,
      login: `new${i}@acme.io`,
      email: `new${i}@acme.io`,
      attributes: { githubUsername: `gh-new${i}` },
    }));
  for (const list of Object.values(accounts)) {
    for (let i = 0; i < 20; i++)
      list.push({
        remoteId: `orphan-${i}`,
        userName: `stranger${i}@else.io`,
        emails: [],
        externalId: null,
        active: true,
        role: null,
        groups: [],
        displayName: null,
      });
  }
  return { people: [...people, ...joiners], apps, rules, accounts, now: NOW, timeZone: 'UTC' };
};

export const coldStart = (): PlanInput => {
  const apps = makeApps();
  return {
    people: makePeople(rng(42)),
    apps,
    rules: makeRules(apps),
    accounts: {},
    now: NOW,
    timeZone: 'UTC',
  };
};

const SCENARIOS = { steady: steadyState, cold: coldStart } as const;
type Scenario = keyof typeof SCENARIOS;
const LABELS: Record<Scenario, string> = {
  steady: 'steady state (~3 % drift)',
  cold: 'cold start (no accounts yet)',
};

/** Runs in a child process of its own, so peak RSS is this scenario's alone (input included). */
const measure = (scenario: Scenario): string[] => {
  const inp = SCENARIOS[scenario]();
  const inputMb = process.memoryUsage().rss / 2 ** 20;
  const guard = (plan: ReturnType<typeof buildPlan>) =>
    applyGuardrails(plan, {
      guardrails: { maxDeprovisionsPerRun: 10, maxDeprovisionPercent: 20 },
      apps: inp.apps,
      suspicious: false,
    });
  guard(buildPlan(inp)); // warm-up: JIT and Intl formatters
  const wall: number[] = [];
  const cpu: number[] = [];
  let last: ReturnType<typeof guard> | null = null;
  for (let i = 0; i < 5; i++) {
    last = null;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = guard(buildPlan(inp));
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2]!;
  const w = median(wall);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const accounts = Object.values(inp.accounts).reduce((n, l) => n + l.length, 0);
  const pairs = inp.people.length * inp.apps.length;
  return [
    `${LABELS[scenario]}: ${inp.people.length} people × ${inp.apps.length} apps, ${accounts} accounts → ${last!.ops.length} ops (${last!.held} held), ${last!.orphans.length} orphans`,
    `  plan + guardrails: median ${w.toFixed(0)} ms wall of 5 (min ${Math.min(...wall).toFixed(0)}, max ${Math.max(...wall).toFixed(0)}), ${median(cpu).toFixed(0)} ms CPU = ${((w * 1e6) / pairs).toFixed(0)} ns per person × app; ${(w / TARGET_MS).toFixed(2)}× the 1 s target`,
    `  peak RSS ${peakMb.toFixed(0)} MB (${inputMb.toFixed(0)} MB after building the input) = ${(peakMb / TARGET_MB).toFixed(2)}× the 300 MB target`,
  ];
};

interface EngineStore {
  name: 'SQLite' | 'PostgreSQL';
  /** What buildPlanInput reads from the core's context: the store, the workspace and the clock. */
  ctx: CoreContext;
  close(): Promise<void>;
}

const clock: Clock = { now: () => NOW };

/** The part of the core's context the plan input is built from (the rest of the core is not opened). */
const planContext = (store: Store): CoreContext =>
  ({ store, repos: { workspace: createWorkspaceRepo(store) }, clock }) as unknown as CoreContext;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** The steady state stored and read back on each engine (run in a child process of its own). */
const measureStore = async (): Promise<string[]> => {
  const inp = steadyState();
  const at = NOW.toISOString();
  const n = (x: number): string => x.toLocaleString('en-US');
  const groups = [...new Set(inp.people.flatMap((p) => p.groups))];
  const snapshot: DirectorySnapshot = {
    people: inp.people.map((p): DirectoryPerson => ({
      id: p.id,
      login: p.login,
      email: p.email,
      givenName: p.givenName ?? null,
      familyName: p.familyName ?? null,
      displayName: p.displayName ?? null,
      department: p.department ?? null,
      title: p.title ?? null,
      manager: null,
      employeeNumber: p.employeeNumber ?? null,
      status: p.status,
      vendorStatus: p.status.toUpperCase(),
      statusChangedAt: p.statusChangedAt,
      attributes: p.attributes ?? {},
    })),
    groups: groups.map((g) => ({ id: g, name: g, description: null })),
    memberships: inp.people.flatMap((p) => p.groups.map((g): [string, string] => [g, p.id])),
    cursor: null,
    requests: 0,
  };
  const accounts = Object.values(inp.accounts).reduce((sum, l) => sum + l.length, 0);
  const apiApps = inp.apps.filter((a) => a.kind !== 'manual');
  const apiAccounts = apiApps.reduce((sum, a) => sum + (inp.accounts[a.id]?.length ?? 0), 0);

  const engines: EngineStore[] = [];
  const dataDir = makeTempDir('bench-plan-store');
  const server = process.env.LANYARD_BENCH_ENGINES === 'sqlite' ? null : startPostgres();
  try {
    const db = openDatabase(dataDir);
    engines.push({
      name: 'SQLite',
      ctx: planContext(createSqliteStore(db)),
      close: async () => closeDatabase(db),
    });
    if (server) {
      const pgStore = await openPgStore(server.url(await server.createDatabase('bench_plan')));
      engines.push({ name: 'PostgreSQL', ctx: planContext(pgStore), close: () => pgStore.close() });
    }
    for (const { ctx } of engines) {
      await ctx.repos.workspace.setDirectory({
        kind: 'okta',
        name: 'Acme Okta',
        baseUrl: 'https://acme.okta.test',
        auth: { type: 'token', token: 'env:OKTA_TOKEN' },
      });
      await ctx.repos.workspace.setApps(inp.apps);
      await ctx.repos.workspace.setRules(inp.rules);
    }
    const ms: Record<string, Record<string, number>> = { dir: {}, reads: {}, load: {}, plan: {} };
    const planned: string[] = [];
    const each = async (phase: string, f: (e: EngineStore) => Promise<unknown>): Promise<void> => {
      for (const e of engines) {
        const t0 = performance.now();
        await f(e);
        ms[phase]![e.name] = performance.now() - t0;
      }
    };
    await each('dir', ({ ctx }) => createDirectorySnapshotRepo(ctx.store).replaceAll(snapshot, at));
    // Manual apps' accounts are the admins' confirmations (a run does not replace them): stored untimed.
    for (const { ctx } of engines) {
      const repo = createAccountsRepo(ctx.store);
      for (const a of inp.apps)
        if (a.kind === 'manual') await repo.replaceSnapshot(a.id, inp.accounts[a.id] ?? [], at);
    }
    await each('reads', async ({ ctx }) => {
      const repo = createAccountsRepo(ctx.store);
      for (const a of apiApps) await repo.replaceSnapshot(a.id, inp.accounts[a.id] ?? [], at);
    });
    // Loading the plan input three times per engine, alternating, and keeping each engine's median.
    const loads: Record<string, number[]> = {};
    let loaded: Record<string, Awaited<ReturnType<typeof buildPlanInput>>> = {};
    for (let i = 0; i < 3; i++)
      await each('load', async ({ name, ctx }) => {
        const deps = {
          snapshot: createDirectorySnapshotRepo(ctx.store),
          accounts: createAccountsRepo(ctx.store),
          journal: createJournal(ctx.store, () => at),
        };
        const t0 = performance.now();
        loaded = { ...loaded, [name]: await buildPlanInput(ctx, deps, inp.apps, {}) };
        (loads[name] ??= []).push(performance.now() - t0);
      });
    for (const e of engines) ms.load![e.name] = median(loads[e.name]!);
    const planOf = (name: string) => {
      const input = { ...loaded[name]!, now: NOW, timeZone: 'UTC' };
      return applyGuardrails(buildPlan(input), {
        guardrails: { maxDeprovisionsPerRun: 10, maxDeprovisionPercent: 20 },
        apps: input.apps,
        suspicious: false,
      });
    };
    planOf('SQLite'); // warm-up: JIT and Intl formatters, as in the pure scenarios
    await each('plan', async ({ name }) => {
      const guarded = planOf(name);
      planned.push(`${name} ${n(guarded.ops.length)} ops (${n(guarded.held)} held)`);
    });

    const sizes = {
      dir: `${n(snapshot.people.length)} people, ${n(snapshot.memberships.length)} memberships`,
      reads: `${apiApps.length} API apps, ${n(apiAccounts)} accounts`,
      load: `${inp.apps.length} apps, ${n(accounts)} accounts`,
      plan: `${n(inp.people.length)} people × ${inp.apps.length} apps`,
    };
    const unit = { dir: snapshot.people.length, reads: apiAccounts, load: accounts, plan: 0 };
    const labels = {
      dir: 'directory stored (full read, replaceAll)',
      reads: 'app reads stored (replaceSnapshot per API app)',
      load: 'plan input loaded from the store (buildPlanInput, median of 3)',
      plan: 'plan + guardrails on the loaded input (pure, for scale)',
    };
    const lines = [
      `steady state from the store, ${engines.map((e) => e.name).join(' and ')} (same data, same process):`,
    ];
    for (const phase of ['dir', 'reads', 'load', 'plan'] as const) {
      const per = (name: string): string => {
        const t = ms[phase]![name]!;
        const u = unit[phase];
        return `${n(Math.round(t))} ms${u ? ` = ${((t * 1000) / u).toFixed(1)} µs per ${phase === 'dir' ? 'person' : 'account'}` : ''}`;
      };
      // The pure plan is the same work on both engines: a difference there is this machine's noise.
      const ratio =
        engines.length === 2 && phase !== 'plan'
          ? `, ratio PostgreSQL/SQLite ${(ms[phase]!.PostgreSQL! / ms[phase]!.SQLite!).toFixed(2)}`
          : '';
      lines.push(
        `  ${labels[phase]} (${sizes[phase]}): ${engines.map((e) => `${e.name} ${per(e.name)}`).join(', ')}${ratio}`,
      );
    }
    const run = (name: string): number => ms.reads![name]! + ms.load![name]! + ms.plan![name]!;
    lines.push(
      `  the run's store work + plan (reads stored + input loaded + plan): ${engines.map((e) => `${e.name} ${(run(e.name) / 1000).toFixed(1)} s`).join(', ')}${engines.length === 2 ? `, ratio ${(run('PostgreSQL') / run('SQLite')).toFixed(2)}` : ''}`,
      `  (planned: ${planned.join('; ')})`,
    );
    return lines;
  } finally {
    for (const e of engines) await e.close();
    server?.stop();
    removeDir(dataDir);
  }
};

const self = fileURLToPath(import.meta.url);
const child = process.env.LANYARD_PLAN_BENCH as Scenario | 'store' | undefined;
if (child && process.argv[1] && path.resolve(process.argv[1]) === self) {
  process.stdout.write(JSON.stringify(child === 'store' ? await measureStore() : measure(child)));
}

export default async function (): Promise<string[]> {
  const lines = [
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} on ${os.cpus().length} cores (wall times stretch under load; CPU times less so)`,
  ];
  for (const scenario of [...(Object.keys(SCENARIOS) as Scenario[]), 'store']) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', self], {
      env: { ...process.env, LANYARD_PLAN_BENCH: scenario },
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    lines.push(...(JSON.parse(out) as string[]));
  }
  return lines;
}
