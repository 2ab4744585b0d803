// A Lanyard world for the offboarding scenarios, on loopback: the Okta fake as the directory, a SCIM app that
// revokes at once (review: auto), a GitHub org whose revocations wait for review, and a manual app; a real core on
// a temp data dir (its own API, HTTP retries shortened). Built on the sync engine tests' world.
import { randomUUID } from 'node:crypto';
import { onTestFinished } from 'vitest';
import type { Clock } from '../../electron/app/clock';
import { createLanyard, type Lanyard } from '../../electron/app/create-lanyard';
import { dispatch } from '../../electron/app/dispatch';
import { createLogger, memorySink } from '../../electron/log/logger';
import { createKeychainStore } from '../../electron/secrets/keychain';
import { appConfigSchema, ruleSchema } from '../../shared/config/workspace';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { EventEnvelope } from '../../shared/api/events';
import { FAST_HTTP, RULES, startWorld, worldEnv, type World } from '../unit/sync-engine/kit';
import { coreDatabase } from '../helpers/test-database';
import { tempDirForTest } from '../helpers/temp-dir';

export interface OffboardingCore {
  core: Lanyard;
  events: EventEnvelope[];
  call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<MethodOutput<K>>;
  close(): void;
}

/** `clock`: the core's time (default: the system clock), so a test can make time pass between steps. */
export const openCore = (clock?: Clock): OffboardingCore => {
  const log = createLogger(memorySink());
  const dataDir = tempDirForTest('offboarding');
  const core = createLanyard({
    dataDir,
    // On the PostgreSQL project (LANYARD_TEST_ENGINE=postgres) the core's store is a database of its own there.
    database: coreDatabase(dataDir),
    secrets: createKeychainStore(`Lanyard-test-${randomUUID()}`),
    log,
    env: worldEnv(),
    sync: { http: FAST_HTTP },
    ...(clock ? { clock } : {}),
  });
  const events: EventEnvelope[] = [];
  core.events.subscribe((e) => events.push(e));
  return {
    core,
    events,
    async call(method, input) {
      const r = await dispatch(core.handlers, method, input, { actor: 'admin@acme.io' }, log);
      if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
      return r.value as MethodOutput<typeof method>;
    },
    close: () => core.close(),
  };
};

/** Acme (SCIM, auto), GitHub (review required) and the office badge (manual), with the sync tests' rules. */
export const configure = async (core: Lanyard, w: World): Promise<void> => {
  await core.ready; // on PostgreSQL the schema is checked or migrated in the background
  const ws = core.context.repos.workspace;
  await ws.setDirectory({
    kind: 'okta',
    name: 'Acme Okta',
    baseUrl: w.okta.url,
    auth: { type: 'token', token: 'env:OKTA_TOKEN' },
  });
  await ws.setApps(
    [
      {
        id: 'acme',
        name: 'Acme',
        kind: 'scim',
        baseUrl: w.scim.url,
        auth: { type: 'bearer', token: 'env:SCIM_TOKEN' },
      },
      {
        id: 'github',
        name: 'GitHub',
        kind: 'github',
        org: 'acme',
        baseUrl: w.github!.url,
        auth: { type: 'bearer', token: 'env:GITHUB_TOKEN' },
        review: 'required',
        rateLimit: { writesPerMinute: 60_000, burst: 1_000 },
      },
      { id: 'badge', name: 'Office badge', kind: 'manual' },
    ].map((a) => appConfigSchema.parse(a)),
  );
  await ws.setRules(RULES.map((r) => ruleSchema.parse(r)));
  // Small test apps: one leaver is 25–50 % of an app; the percentage guardrail is not what these tests are about.
  const settings = await core.context.repos.settings.get();
  await core.context.repos.settings.put({
    ...settings,
    guardrails: { ...settings.guardrails, maxDeprovisionPercent: 60, maxDeprovisionPercentPerWindow: 100 },
  });
};

/** Ten people, everyone with accounts in every app they are in scope for (invitations accepted, badges confirmed). */
export const startOffboardingWorld = async (clock?: Clock): Promise<{ w: World; t: OffboardingCore }> => {
  const w = await startWorld(10);
  const t = openCore(clock);
  await configure(t.core, w);
  await t.call('sync.run', {});
  for (const id of [...w.github!.state.invitations.keys()]) w.github!.state.accept(id);
  await t.call('sync.run', {});
  for (const i of [0, 5])
    await t.call('apps.confirmManual', { appId: 'badge', personId: w.people[i]!, action: 'created' });
  return { w, t };
};

export const scimUser = (w: World, userName: string) =>
  ([...w.scim.store.users.values()] as unknown as { userName: string; active?: boolean }[]).find(
    (u) => u.userName === userName,
  );

/** startOffboardingWorld for one test: the core and the fakes are closed when the test finishes, pass or fail. */
export const offboardingWorldForTest = async (clock?: Clock): Promise<{ w: World; t: OffboardingCore }> => {
  const r = await startOffboardingWorld(clock);
  onTestFinished(async () => {
    r.t.close();
    await r.w.close();
  });
  return r;
};
