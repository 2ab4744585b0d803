// The composition root of the core. The desktop app, the CLI and the headless server all call createLanyard()
// and differ only in transport and OS integration.
import path from 'node:path';
import { openDatabase, closeDatabase, DB_FILE } from '../store/database';
import { createSqliteStore, type Store } from '../store/store';
import type { Db } from '../store/database';
import type { AuditLedger } from '../audit/ledger';
import { fileSchedulerSeat, type SchedulerSeat } from './scheduler-seat';
import { createSettingsRepo } from '../store/settings-repo';
import { createSecretNamesRepo } from '../store/secret-names-repo';
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
import { createReviewHandlers } from '../reviews/handlers';
import { createDirectoryHandlers } from '../directory/handlers';
import { createAppHandlers } from '../apps/handlers';
import { createAuditLedger } from '../audit/ledger';
import { sealKeysFromEnv, type SealKeySource } from '../audit/seal-key';
import { createAuditHandlers } from '../audit/handlers';
import { createPeopleHandlers } from '../directory/people-handlers';
import { createSyncEngine, type SyncEngine } from '../sync/engine/handlers';
import type { SyncEngineOptions } from '../sync/engine/engine-deps';
import { createOffboarding, settleAfter } from '../offboarding/handlers';
import { createWorkspaceEditHandlers } from '../config/workspace-edit-service';
import { createRulesHandlers } from '../sync/rules-service';
import { createSetupHandlers } from '../config/setup-service';
import { createUiActor, osUserFullName } from './operator-name';
import { createTaskHandlers } from '../tasks/handlers';
import { createOrphanHandlers } from '../orphans/handlers';
import { createRunsHandlers } from '../sync/engine/run-detail';
import { createStatusService } from './status/status-service';

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
  /**
   * With `scheduler`, how often a process that did not get the lock tries again (default 2 s): when the owner
   * exits or is killed, the OS frees the lock and this process takes the scheduler over within that time.
   */
  schedulerRetryMs?: number;
  /**
   * Where the audit ledger's seal key lives (default: LANYARD_AUDIT_SEAL_KEY when set, otherwise the OS keychain;
   * null: do not seal).
   */
  sealKeys?: SealKeySource | null;
  /** The OS user's full name, which the desktop shell may pass; default: read from the OS on first use. */
  operatorName?: string;
}

export const DEFAULT_SCHEDULER_RETRY_MS = 2_000;

export interface Lanyard {
  readonly handlers: Handlers;
  readonly events: EventBus;
  readonly context: CoreContext;
  /** The sync engine (its scheduler is started here only for the scheduler-lock owner). */
  readonly sync: SyncEngine;
  /** Who UI calls are recorded as: the name in Settings, else the OS user's full name (operator-name.ts). */
  readonly uiActor: () => string;
  /** Stops the scheduler and closes the store; the SQLite file is closed before it returns. */
  close(): void;
  /** The same, resolving once everything is closed (the PostgreSQL pool included). */
  shutdown(): Promise<void>;
}

/** What an engine brings to the core: its store, ledger and scheduler seat, and how to close them. */
interface EngineParts {
  dataDir: string;
  dbPath: string;
  db: Db;
  store: Store;
  audit: AuditLedger;
  seat: SchedulerSeat;
  /** Closes the store after the core stopped: the SQLite file at once, or the PostgreSQL pool (a promise). */
  closeStore(): Promise<void> | void;
}

const clockOf = (opts: LanyardOptions) => opts.clock ?? systemClock;
const logOf = (opts: LanyardOptions) => opts.log ?? createLogger(stderrSink());

/** The core on the desktop's embedded SQLite database in `opts.dataDir`. */
export const createLanyard = (opts: LanyardOptions): Lanyard => {
  const clock = clockOf(opts);
  const log = logOf(opts);
  const dataDir = path.resolve(opts.dataDir);
  const env = opts.env ?? process.env;
  const db = openDatabase(dataDir);
  let parts: EngineParts;
  try {
    const audit = createAuditLedger(db, clock, {
      keys: opts.sealKeys === undefined ? sealKeysFromEnv(env) : opts.sealKeys,
      log: log.child('audit'),
    });
    const retryMs = opts.schedulerRetryMs ?? DEFAULT_SCHEDULER_RETRY_MS;
    const seat = fileSchedulerSeat(dataDir, opts.scheduler === true, retryMs, log, () => clock.now());
    parts = {
      dataDir,
      dbPath: path.join(dataDir, DB_FILE),
      db,
      store: createSqliteStore(db),
      audit,
      seat,
      closeStore: () => closeDatabase(db),
    };
  } catch (err) {
    closeDatabase(db);
    throw err;
  }
  return compose(opts, parts);
};

const compose = (opts: LanyardOptions, parts: EngineParts): Lanyard => {
  const clock = clockOf(opts);
  const log = logOf(opts);
  const env = opts.env ?? process.env;
  const { dataDir, db, seat } = parts;

  const ctx: CoreContext = {
    dataDir,
    dbPath: parts.dbPath,
    version: LANYARD_VERSION,
    startedAt: clock.now(),
    db,
    store: parts.store,
    repos: {
      settings: createSettingsRepo(db),
      secretNames: createSecretNamesRepo(db),
      workspace: createWorkspaceRepo(db),
    },
    audit: parts.audit,
    secrets: opts.secrets,
    resolver: createSecretResolver(opts.secrets, env),
    clock,
    log,
    events: createEventBus(() => clock.now()),
    env,
    schedulerOwner: () => seat.owner(),
  };

  const settings = createSettingsService(ctx);
  const config = createConfigService(ctx);
  const secrets = createSecretsService(ctx, () => ctx.repos.workspace.referencedSecrets());
  const info = createInfoService(ctx);

  const sync = createSyncEngine(ctx, opts.sync);
  const offboarding = createOffboarding(ctx, sync.service);
  // Reads the other handlers as finally composed (app.info below adds the scheduler hand-over).
  const status = createStatusService(ctx, () => handlers);
  const handlers: Handlers = {
    'app.info': () => info.info(),
    'settings.get': () => settings.get(),
    'settings.set': (input, call) => settings.set(input, call.actor),
    'secrets.list': () => secrets.list(),
    'secrets.set': (input, call) => secrets.set(input.name, input.value, call.actor),
    'secrets.delete': (input, call) => secrets.delete(input.name, call.actor),
    'config.export': () => config.exportYaml(),
    'config.apply': (input, call) =>
      config.applyYaml(input.yaml, call.actor, { dryRun: input.dryRun === true }),
    ...createDirectoryHandlers(ctx),
    ...createAppHandlers(ctx),
    ...createAuditHandlers(ctx),
    ...sync.handlers,
    ...offboarding.handlers,
    ...createPeopleHandlers(ctx),
    ...createWorkspaceEditHandlers(ctx),
    ...createRulesHandlers(ctx, sync.service.deps.connectorFor),
    ...createSetupHandlers(ctx),
    ...createReviewHandlers(ctx, sync.service, sync),
    ...createTaskHandlers(ctx, sync.service, offboarding.service),
    ...createOrphanHandlers(ctx, sync.service),
    ...createRunsHandlers(ctx, sync.service),
    'status.summary': (_input, call) => status.summary(call),
  };

  Object.assign(handlers, settleAfter({ ...handlers }, offboarding.service.settled));
  if (seat.owner() && opts.startScheduler !== false) sync.startScheduler();

  // Scheduler hand-over: a process that wanted the scheduler keeps trying for its seat, and starts (or, on
  // PostgreSQL, stops) scheduling when the seat changes hands.
  seat.watch(
    () => {
      if (opts.startScheduler !== false) sync.startScheduler();
    },
    () => void sync.stopScheduler(),
  );
  const baseInfo = handlers['app.info'];
  handlers['app.info'] = async (input, call) => {
    const result = await baseInfo(input, call);
    const more = seat.detail();
    const health = result.health.map((h) =>
      h.component === 'scheduler' && more ? { ...h, detail: `${h.detail}; ${more}` } : h,
    );
    return { ...result, health };
  };

  const uiActor = createUiActor(ctx.repos.settings, () => opts.operatorName?.trim() || osUserFullName());

  let closed: Promise<void> | null = null;
  /** Synchronous as far as the engine allows: on SQLite the lock and the file are closed before close() returns. */
  const finish = (): Promise<void> => {
    void sync.stopScheduler();
    offboarding.service.dispose();
    const released = seat.release();
    if (released) return released.then(() => parts.closeStore());
    return parts.closeStore() ?? Promise.resolve();
  };
  return {
    handlers,
    events: ctx.events,
    context: ctx,
    sync,
    uiActor,
    close() {
      closed ??= finish();
    },
    shutdown() {
      closed ??= finish();
      return closed;
    },
  };
};
