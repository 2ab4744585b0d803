// The composition root of the core. The desktop app, the CLI and the headless server all call createLanyard()
// and differ only in transport and OS integration.
import path from 'node:path';
import { openDatabase, closeDatabase, DB_FILE } from '../store/database';
import { createSettingsRepo } from '../store/settings-repo';
import { createSecretNamesRepo } from '../store/secret-names-repo';
import { tryAcquireSchedulerLock, type SchedulerLock } from '../store/scheduler-lock';
import type { SecretStore } from '../secrets/secret-store';
import { createSecretResolver } from '../secrets/references';
import { systemClock, type Clock } from './clock';
import { createLogger, stderrSink, type Logger } from '../log/logger';
import { createEventBus, type EventBus } from './event-bus';
import type { CoreContext } from './context';
import type { Handlers } from './handlers';
import { createSettingsService } from './services/settings-service';
import { createSecretsService } from './services/secrets-service';
import { createInfoService } from './services/info-service';
import { createConfigService } from '../config/config-service';
import { LANYARD_VERSION } from './version';
import { createWorkspaceRepo } from '../store/workspace-repo';
import { createDirectoryHandlers } from '../directory/handlers';
import { createAppHandlers } from '../apps/handlers';
import { createAuditLedger } from '../audit/ledger';
import { createAuditHandlers } from '../audit/handlers';
import { createPeopleHandlers } from '../directory/people-handlers';
import { createSyncEngine, type SyncEngine } from '../sync/engine/handlers';
import type { SyncEngineOptions } from '../sync/engine/engine-deps';
import { createOffboarding, settleAfter } from '../offboarding/handlers';
import { createWorkspaceEditHandlers } from '../config/workspace-edit-service';
import { createRulesHandlers } from '../sync/rules-service';
import { createSetupHandlers } from '../config/setup-service';

export interface LanyardOptions {
  dataDir: string;
  secrets: SecretStore;
  clock?: Clock;
  log?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Try to become the scheduler owner for this data dir (the server and desktop app do; one-shot CLI commands do not). */
  scheduler?: boolean;
  /** Run the sync scheduler when this process got the scheduler lock (default: yes; false keeps it idle). */
  startScheduler?: boolean;
  /** Sync engine tuning (connector HTTP timeouts and backoff, quarantine threshold). */
  sync?: SyncEngineOptions;
}

export interface Lanyard {
  readonly handlers: Handlers;
  readonly events: EventBus;
  readonly context: CoreContext;
  /** The sync engine (its scheduler is started here only for the scheduler-lock owner). */
  readonly sync: SyncEngine;
  close(): void;
}

export const createLanyard = (opts: LanyardOptions): Lanyard => {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger(stderrSink());
  const dataDir = path.resolve(opts.dataDir);
  const db = openDatabase(dataDir);
  let lock: SchedulerLock | null = null;
  try {
    lock = opts.scheduler ? tryAcquireSchedulerLock(dataDir) : null;
  } catch (err) {
    closeDatabase(db);
    throw err;
  }
  if (opts.scheduler && !lock) log.warn('another Lanyard process runs the scheduler for this data folder');

  const ctx: CoreContext = {
    dataDir,
    dbPath: path.join(dataDir, DB_FILE),
    version: LANYARD_VERSION,
    startedAt: clock.now(),
    db,
    repos: {
      settings: createSettingsRepo(db),
      secretNames: createSecretNamesRepo(db),
      workspace: createWorkspaceRepo(db),
    },
    audit: createAuditLedger(db, clock),
    secrets: opts.secrets,
    resolver: createSecretResolver(opts.secrets, opts.env ?? process.env),
    clock,
    log,
    events: createEventBus(() => clock.now()),
    env: opts.env ?? process.env,
    schedulerOwner: () => lock !== null,
  };

  const settings = createSettingsService(ctx);
  const config = createConfigService(ctx);
  const secrets = createSecretsService(ctx, () => ctx.repos.workspace.referencedSecrets());
  const info = createInfoService(ctx);

  const sync = createSyncEngine(ctx, opts.sync);
  const offboarding = createOffboarding(ctx, sync.service);
  const handlers: Handlers = {
    'app.info': () => info.info(),
    'settings.get': () => settings.get(),
    'settings.set': (input, call) => settings.set(input, call.actor),
    'secrets.list': () => secrets.list(),
    'secrets.set': (input, call) => secrets.set(input.name, input.value, call.actor),
    'secrets.delete': (input, call) => secrets.delete(input.name, call.actor),
    'config.export': () => config.exportYaml(),
    'config.apply': (input, call) => config.applyYaml(input.yaml, call.actor),
    ...createDirectoryHandlers(ctx),
    ...createAppHandlers(ctx),
    ...createAuditHandlers(ctx),
    ...sync.handlers,
    ...offboarding.handlers,
    ...createPeopleHandlers(ctx),
    ...createWorkspaceEditHandlers(ctx),
    ...createRulesHandlers(ctx),
    ...createSetupHandlers(ctx),
  };

  Object.assign(handlers, settleAfter({ ...handlers }, offboarding.service.settled));
  if (lock && opts.startScheduler !== false) sync.startScheduler();

  let closed = false;
  return {
    handlers,
    events: ctx.events,
    context: ctx,
    sync,
    close() {
      if (closed) return;
      closed = true;
      void sync.stopScheduler();
      offboarding.service.dispose();
      lock?.release();
      closeDatabase(db);
    },
  };
};
