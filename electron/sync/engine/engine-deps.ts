// What the sync engine's parts share: the repositories, the run lock, and a connector per app built the same way
// the apps service builds them (secrets from the resolver, stored probe capabilities, test HTTP tuning).
import type { CoreContext } from '../../app/context';
import { createCapabilitiesRepo, type StoredCapabilities } from '../../apps/capabilities-repo';
import { createAppConnector } from '../../apps/factory';
import type { AppConnector } from '../../apps/types';
import type { HttpClientOptions } from '../../http/http-client';
import { createAccountsRepo } from '../../store/accounts-repo';
import type { AppConfig } from '../types';
import { createJournal } from './journal';
import { createQuarantine, DEFAULT_QUARANTINE_AFTER } from './quarantine';
import { createRunLock } from './run-lock';
import { createRunsRepo } from './runs-repo';
import type { ApplyDeps } from './apply';

export interface SyncEngineOptions {
  /** HttpClient overrides for every connector (tests shorten timeouts and backoff here). */
  http?: Partial<HttpClientOptions>;
  /** Failed ops in a row after which an app is quarantined (default 5). */
  quarantineAfter?: number;
}

export const createEngineDeps = (ctx: CoreContext, opts: SyncEngineOptions = {}) => {
  const now = (): string => ctx.clock.now().toISOString();
  const accounts = createAccountsRepo(ctx.store);
  const capabilities = createCapabilitiesRepo(ctx.store);
  const log = ctx.log.child('sync');
  const journal = createJournal(ctx.store, now);
  const quarantine = createQuarantine(ctx.store, now);

  // One connector per app config, kept across runs: SCIM discovery and token caches then cost once, not per poll.
  const connectors = new Map<string, { key: string; connector: AppConnector }>();
  const connectorFor = async (app: AppConfig): Promise<AppConnector> => {
    const stored = await capabilities.get(app.id);
    const key = JSON.stringify([app, stored]);
    const cached = connectors.get(app.id);
    if (cached?.key === key) return cached.connector;
    const connector = makeConnector(app, stored);
    connectors.set(app.id, { key, connector });
    return connector;
  };
  const makeConnector = (app: AppConfig, stored: StoredCapabilities | null): AppConnector =>
    createAppConnector(app, {
      resolveSecret: (ref) => ctx.resolver.resolve(ref, `app ${app.id}`),
      log: log.child(app.id),
      ...(opts.http ? { http: opts.http } : {}),
      storedCapabilities: stored,
      now: () => ctx.clock.now(),
      confirmedAccounts: () => accounts.list(app.id),
    });

  const applyDeps = (actor: string, onOp?: ApplyDeps['onOp']): ApplyDeps => ({
    store: ctx.store,
    journal,
    accounts,
    audit: ctx.audit,
    quarantine,
    log,
    now,
    actor,
    quarantineAfter: opts.quarantineAfter ?? DEFAULT_QUARANTINE_AFTER,
    ...(onOp ? { onOp } : {}),
  });

  return {
    ctx,
    now,
    log,
    accounts,
    journal,
    quarantine,
    runs: createRunsRepo(ctx.store),
    lock: createRunLock(ctx.dataDir, ctx.store),
    connectorFor,
    applyDeps,
    emitReview: async (): Promise<void> => {
      ctx.events.emit('review.changed', { held: await journal.heldCount() });
    },
  };
};

export type EngineDeps = ReturnType<typeof createEngineDeps>;
