// A whole Lanyard world for the sync engine tests, all on loopback: the Okta fake as the directory (people in
// 12 groups, GitHub logins in a profile attribute), a SCIM app, a GitHub org and a manual app, and a real core on a
// temp data dir whose API (core handlers + a sync engine with fast HTTP retries) the tests call. Secrets are env:
// references passed as the core's env, so no Secret Service is needed.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach } from 'vitest';
import type { Clock } from '../../../electron/app/clock';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { createKeychainStore } from '../../../electron/secrets/keychain';
import type { Handlers } from '../../../electron/app/handlers';
import { appConfigSchema, ruleSchema, type AppConfig } from '../../../shared/config/workspace';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { EventEnvelope } from '../../../shared/api/events';
import { startOktaFake, type OktaFake } from '../../fakes/okta/server';
import { startScimFake, type ScimFake } from '../../fakes/scim/server';
import { startSeededFake, OWNER_TOKEN } from '../../fakes/github/test-kit';
import type { GithubFake } from '../../fakes/github/server';
import { tempDirForTest } from '../../helpers/temp-dir';
import { coreDatabase } from '../../helpers/test-database';

export const OKTA_TOKEN = 'ssws-sync-engine-token-0001';
export const SCIM_TOKEN = 'scim-sync-engine-token-0001';
export const FAST_HTTP = {
  backoffBaseMs: 1,
  maxBackoffMs: 5,
  timeoutMs: 5_000,
  rateLimitFloorMs: 1,
  maxRetries: 2,
};

export const GROUPS = [
  'Everyone',
  'Engineering',
  'Platform Leads',
  'Office',
  'Sales',
  'Support',
  'Finance',
  'Legal',
  'Design',
  'Ops',
  'Contractors',
  'Interns',
];

export interface World {
  okta: OktaFake;
  scim: ScimFake;
  github: GithubFake | null;
  groupIds: Map<string, string>;
  /** Okta user ids by index. */
  people: string[];
  close(): Promise<void>;
}

/** Person i: Everyone; Engineering when i % 3 == 0; Platform Leads when i % 30 == 0; Office when i % 5 == 0. */
export const startWorld = async (n: number, opts: { github?: boolean } = {}): Promise<World> => {
  const okta = await startOktaFake({ apiTokens: [OKTA_TOKEN] });
  const scim = await startScimFake({ token: SCIM_TOKEN });
  const github = opts.github === false ? null : await startSeededFake();
  const groupIds = new Map(GROUPS.map((g) => [g, okta.state.addGroup(g).id]));
  const people: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = okta.state.addUser({
      login: `user${i}@example.com`,
      email: `user${i}@example.com`,
      firstName: `First${i}`,
      lastName: `Last${i}`,
      githubUsername: `gh-user${i}`,
    });
    people.push(u.id);
    github?.state.addUser(`gh-user${i}`);
    okta.state.addMember(groupIds.get('Everyone')!, u.id, true);
    if (i % 3 === 0) okta.state.addMember(groupIds.get('Engineering')!, u.id, true);
    if (i % 30 === 0) okta.state.addMember(groupIds.get('Platform Leads')!, u.id, true);
    if (i % 5 === 0) okta.state.addMember(groupIds.get('Office')!, u.id, true);
    okta.state.addMember(groupIds.get(GROUPS[4 + (i % 8)]!)!, u.id, true);
  }
  github?.state.addTeam('Eng', 'eng');
  okta.state.logs.length = 0;
  return {
    okta,
    scim,
    github,
    groupIds,
    people,
    async close() {
      await okta.close();
      await scim.close();
      await github?.close();
    },
  };
};

export const appsOf = (w: World): AppConfig[] =>
  [
    {
      id: 'acme',
      name: 'Acme',
      kind: 'scim',
      baseUrl: w.scim.url,
      auth: { type: 'bearer', token: 'env:SCIM_TOKEN' },
    },
    ...(w.github
      ? [
          {
            id: 'github',
            name: 'GitHub',
            kind: 'github',
            org: 'acme',
            baseUrl: w.github.url,
            auth: { type: 'bearer', token: 'env:GITHUB_TOKEN' },
            rateLimit: { writesPerMinute: 60_000, burst: 1_000 },
          },
        ]
      : []),
    { id: 'badge', name: 'Office badge', kind: 'manual' },
  ].map((a) => appConfigSchema.parse(a));

export const RULES = [
  { app: 'acme', groups: ['Everyone'], role: 'member' },
  { app: 'acme', groups: ['Engineering'], role: 'engineer', priority: 1 },
  { app: 'github', groups: ['Engineering'], role: 'member', teams: ['eng'] },
  { app: 'github', groups: ['Platform Leads'], role: 'admin', priority: 1 },
  { app: 'badge', groups: ['Office'] },
];

export const worldEnv = (): NodeJS.ProcessEnv => ({
  OKTA_TOKEN,
  SCIM_TOKEN,
  GITHUB_TOKEN: OWNER_TOKEN,
});

/**
 * The rows of one SQL statement on the core's store, on either engine (`?` placeholders, bound per dialect): what
 * a test reads or edits in the database directly.
 */
export const storeRows = async <T = Record<string, unknown>>(
  core: Lanyard,
  text: string,
  ...params: unknown[]
): Promise<T[]> => {
  const parts = text.split('?');
  const strings = Object.assign([...parts], { raw: [...parts] }) as unknown as TemplateStringsArray;
  return (await sql<T>(strings, ...params).execute(core.context.store.q())).rows;
};

/** Writes the workspace (directory, apps, rules) straight into the store. */
export const configure = async (core: Lanyard, w: World, opts: { pageSize?: number } = {}): Promise<void> => {
  await core.ready; // on PostgreSQL the schema is checked or migrated in the background
  const ws = core.context.repos.workspace;
  await ws.setDirectory({
    kind: 'okta',
    name: 'Acme Okta',
    baseUrl: w.okta.url,
    auth: { type: 'token', token: 'env:OKTA_TOKEN' },
    ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
  });
  const apps = appsOf(w);
  await ws.setApps(apps);
  await ws.setRules(RULES.filter((r) => apps.some((a) => a.id === r.app)).map((r) => ruleSchema.parse(r)));
};

export interface TestCore {
  core: Lanyard;
  dataDir: string;
  events: EventEnvelope[];
  /** What the core logged, one line per entry ("warn [lanyard:sync] message {fields}"). */
  logs: string[];
  call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<MethodOutput<K>>;
  close(): void;
}

export const openTestCore = (
  dataDir: string = tempDirForTest('sync'),
  quarantineAfter?: number,
  clock?: Clock,
): TestCore => {
  const sink = memorySink();
  const log = createLogger(sink);
  // The real composition (createLanyard wires offboarding's leaver step into the sync engine).
  const core = createLanyard({
    dataDir,
    secrets: createKeychainStore(`Lanyard-test-${randomUUID()}`),
    log,
    ...(clock ? { clock } : {}),
    env: worldEnv(),
    sync: { http: FAST_HTTP, ...(quarantineAfter ? { quarantineAfter } : {}) },
    database: coreDatabase(dataDir),
  });
  const handlers: Handlers = core.handlers;
  const events: EventEnvelope[] = [];
  core.events.subscribe((e) => events.push(e));
  return {
    core,
    dataDir,
    events,
    logs: sink.lines,
    async call(method, input) {
      const r = await dispatch(handlers, method, input, { actor: 'test' }, log);
      if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
      return r.value as MethodOutput<typeof method>;
    },
    close: () => core.close(),
  };
};

/** SCIM users in the fake, by userName (lower case), failing on duplicates. */
export const scimUsers = (w: World) => {
  const all = [...w.scim.store.users.values()] as unknown as {
    id: string;
    userName: string;
    externalId?: string;
    active?: boolean;
    roles?: { value: string }[];
  }[];
  return all;
};

/** For a test file: a fresh world and core (configured) per test, both closed after it. */
export const worldPerTest = () => {
  let world: World | null = null;
  let tc: TestCore | null = null;
  afterEach(async () => {
    tc?.close();
    tc = null;
    await world?.close();
    world = null;
  });
  return async (
    n: number,
    opts: { github?: boolean; quarantineAfter?: number; clock?: Clock } = {},
  ): Promise<{ w: World; t: TestCore }> => {
    world = await startWorld(n, opts);
    tc = openTestCore(undefined, opts.quarantineAfter, opts.clock);
    await configure(tc.core, world);
    return { w: world, t: tc };
  };
};
