// A realistic desktop workspace for the `store copy` tests, made by the real core against the Okta, SCIM and GitHub
// fakes on loopback: two syncs (snapshot, accounts, journal), a leaver's offboarding through review, approval and a
// manual step (cases, tasks, held and applied ops), an ignored orphan account, an access review with decisions, an
// access exception and a review definition (as `config apply` stores them), and a secret's name (its value stays in
// a throwaway keychain service, emptied at the end). Every table of the schema ends up with rows, the ledger with a
// few dozen events, sealed with the test key of SEAL_ENV.
import { randomUUID } from 'node:crypto';
import YAML from 'yaml';
import { createLanyard } from '../../electron/app/create-lanyard';
import { dispatch } from '../../electron/app/dispatch';
import { createLogger, memorySink } from '../../electron/log/logger';
import { createKeychainStore } from '../../electron/secrets/keychain';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import { FAST_HTTP, RULES, SCIM_TOKEN, startWorld, worldEnv, type World } from '../unit/sync-engine/kit';
import { SEAL_ENV } from './store-copy-kit';

const addScimOrphan = async (url: string, userName: string): Promise<void> => {
  const res = await fetch(`${url}/Users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SCIM_TOKEN}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, active: true }),
  });
  if (!res.ok) throw new Error(`the SCIM fake refused ${userName}: ${res.status}`);
};

/** Acme (SCIM, revoked at once), GitHub (revocations wait for review), the office badge (manual), as config as code. */
const workspaceYaml = (w: World): string =>
  YAML.stringify({
    directory: {
      kind: 'okta',
      name: 'Acme Okta',
      baseUrl: w.okta.url,
      auth: { type: 'token', token: 'env:OKTA_TOKEN' },
    },
    apps: [
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
    ],
    rules: RULES,
    // Small test apps: one leaver is a large share of an app; the percentage guardrail is not what this is about.
    guardrails: { maxDeprovisionPercent: 60, maxDeprovisionPercentPerWindow: 100 },
  });

/** Fills `dataDir` with a workspace and closes everything it started. */
export const buildWorkspace = async (dataDir: string): Promise<void> => {
  const w = await startWorld(10);
  const secrets = createKeychainStore(`Lanyard-test-${randomUUID()}`);
  const log = createLogger(memorySink());
  const core = createLanyard({
    dataDir,
    secrets,
    log,
    env: { ...worldEnv(), ...SEAL_ENV },
    sync: { http: FAST_HTTP },
  });
  const call = async <K extends MethodName>(method: K, input: MethodInput<K>): Promise<MethodOutput<K>> => {
    const r = await dispatch(core.handlers, method, input, { actor: 'admin@acme.io' }, log);
    if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.message}`), r.error);
    return r.value as MethodOutput<K>;
  };
  try {
    await call('config.apply', { yaml: workspaceYaml(w) });
    await call('secrets.set', { name: 'store-copy-test', value: 'not-copied-value' });
    await call('sync.run', {});
    for (const id of [...w.github!.state.invitations.keys()]) w.github!.state.accept(id);
    await call('sync.run', {});
    for (const i of [0, 5])
      await call('apps.confirmManual', { appId: 'badge', personId: w.people[i]!, action: 'created' });

    // A leaver: revoked at once in Acme, GitHub approved, the badge collected by hand.
    w.okta.state.setStatus(w.people[0]!, 'DEPROVISIONED');
    await call('sync.run', {});
    const c = (await call('offboarding.list', { status: 'open' })).cases[0]!;
    await call('offboarding.approve', { taskIds: [c.tasks.find((x) => x.appId === 'github')!.id] });
    await call('offboarding.completeManual', {
      taskId: c.tasks.find((x) => x.appId === 'badge')!.id,
      note: 'badge collected at reception — "ok", ünïcødé',
    });

    // An orphan account, ignored with a reason.
    await addScimOrphan(w.scim.url, 'deploy-bot@example.com');
    await call('apps.accounts', { appId: 'acme' });
    const orphan = (await call('orphans.list', { appId: 'acme' })).orphans[0]!;
    await call('orphans.ignore', { appId: 'acme', remoteId: orphan.remoteId, reason: 'CI deploys' });

    // An access review: one revoke (an exception against the rule), the rest kept.
    const campaign = await call('reviews.start', {
      name: 'Q4',
      dueAt: '2099-12-31',
      apps: ['acme'],
      assign: ['owner'],
      fallback: 'it@example.com',
    });
    const items = (await call('reviews.items', { campaignId: campaign.id, kind: 'account' })).items;
    await call('reviews.decide', {
      campaignId: campaign.id,
      decisions: items.map((item, i) => ({
        itemId: item.id,
        decision: i === 1 ? ('revoke' as const) : ('keep' as const),
        ...(i === 1 ? { comment: 'left the project' } : {}),
      })),
    });
    // The workspace file's `reviews:` and `exceptions:` sections, applied as config as code.
    const ws = YAML.parse((await call('config.export', {})).yaml) as Record<string, unknown>;
    ws.reviews = [
      { id: 'quarterly', name: 'Quarterly access review', apps: ['acme'], fallback: 'it@example.com' },
    ];
    ws.exceptions = [
      {
        app: 'acme',
        person: 'user1@example.com',
        campaign: campaign.id,
        comment: 'left the project',
        by: 'admin',
      },
    ];
    await call('config.apply', { yaml: YAML.stringify(ws) });
  } finally {
    core.close();
    await secrets.delete('store-copy-test').catch(() => false);
    await w.close();
  }
};
