// The composition root of the core. The desktop app, the CLI and the headless server all call createLanyard()
// and differ only in transport and OS integration.
import path from 'node:path';
import { openDatabase, closeDatabase, DB_FILE } from '../store/database';
import { createSqliteStore, type Store } from '../store/store';
import type { Db } from '../store/database';
import type { AuditLedger } from '../audit/ledger';
import {
  deferredSeat,
  fileSchedulerSeat,
  lockConnection,
  pgSchedulerSeat,
  type SchedulerSeat,
} from './scheduler-seat';
import { createPgPool, redactPgUrl } from '../store/pg/pool';
import { createPgStore, ensurePgSchema } from '../store/pg/pg-store';
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
import { lazyLedger, openStoreLedger } from '../audit/store-ledger';
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
  /**
   * A PostgreSQL URL (postgres://…) to run on instead of the SQLite database in dataDir (the team server). The
   * data folder then only holds local files (locks, exports); the workspace, journal and ledger are in PostgreSQL.
   */
  database?: string;
  /** On PostgreSQL, the scheduler lock's heartbeat (default 2 s; tests shorten it). */
  lockHeartbeatMs?: number;
}

export const DEFAULT_SCHEDULER_RETRY_MS = 2_000;

export interface Lanyard {
  readonly handlers: Handlers;
  readonly events: EventBus;
  readonly context: CoreContext;
  /** The sync engine (its scheduler is started here only for the scheduler-lock owner). */
  readonly sync: SyncEngine;
  /** Who UI calls are recorded as: the name in Settings, else the OS user's full name (operator-name.ts). */
  readonly uiActor: () => Promise<string>;
  /**
   * For a graceful shutdown: no scheduled run starts from now on (not even when this process would take the
   * scheduler over), and the one in progress, if any, is waited for.
   */
  stopScheduling(): Promise<void>;
  /** Stops the scheduler and closes the store; the SQLite file is closed before it returns. */
  close(): void;
  /** The same, resolving once everything is closed (the PostgreSQL pool included). */
  shutdown(): Promise<void>;
  /** Resolves when the core is fully open (ledger, schema, scheduler seat); rejects with why it could not open. */
  readonly ready: Promise<void>;
}

/** What an engine brings to the core: its store, ledger and scheduler seat, and how to close them. */
interface EngineParts {
  dataDir: string;
  dbPath: string;
  db: Db;
  store: Store;
  audit: AuditLedger;
  seat: SchedulerSeat;
  /** Resolves when the ledger (and on PostgreSQL the schema and the seat) are open; rejects with why not. */
  ready: Promise<void>;
  /** Closes the store after the core stopped: the SQLite file at once, or the PostgreSQL pool (a promise). */
  closeStore(): Promise<void> | void;
}

const clockOf = (opts: LanyardOptions) => opts.clock ?? systemClock;
const logOf = (opts: LanyardOptions) => opts.log ?? createLogger(stderrSink());

/**
 * The core: on the desktop's embedded SQLite database in `opts.dataDir`, or with `opts.database` on PostgreSQL.
 * Returns at once; the ledger (and on PostgreSQL the schema check and the scheduler seat) open in the background,
 * and every API call waits for them (`ready`).
 */
export const createLanyard = (opts: LanyardOptions): Lanyard =>
  opts.database ? createPgLanyard(opts, opts.database) : createSqliteLanyard(opts);

const sealKeysOf = (opts: LanyardOptions, env: NodeJS.ProcessEnv) =>
  opts.sealKeys === undefined ? sealKeysFromEnv(env) : opts.sealKeys;

const createSqliteLanyard = (opts: LanyardOptions): Lanyard => {
  const clock = clockOf(opts);
  const log = logOf(opts);
  const dataDir = path.resolve(opts.dataDir);
  const env = opts.env ?? process.env;
  const db = openDatabase(dataDir);
  let parts: EngineParts;
  try {
    const store = createSqliteStore(db);
    const keys = sealKeysOf(opts, env);
    const opening = openStoreLedger(store, clock, { keys, log: log.child('audit') });
    const retryMs = opts.schedulerRetryMs ?? DEFAULT_SCHEDULER_RETRY_MS;
    const seat = fileSchedulerSeat(dataDir, opts.scheduler === true, retryMs, log, () => clock.now());
    parts = {
      dataDir,
      dbPath: path.join(dataDir, DB_FILE),
      db,
      store,
      audit: lazyLedger(opening),
      seat,
      ready: opening.then(() => undefined),
      closeStore: () => closeDatabase(db),
    };
  } catch (err) {
    closeDatabase(db);
    throw err;
  }
  return compose(opts, parts);
};

/** A stand-in for the SQLite connection on PostgreSQL: any code still reaching for it fails loudly, by name. */
const noSqliteConnection = (): Db =>
  new Proxy({} as Db, {
    get(_target, prop) {
      throw new Error(`ctx.db.${String(prop)} was used on PostgreSQL: that code has not moved to ctx.store`);
    },
  });

const createPgLanyard = (opts: LanyardOptions, url: string): Lanyard => {
  const clock = clockOf(opts);
  const log = logOf(opts);
  const env = opts.env ?? process.env;
  const pool = createPgPool(url);
  const store = createPgStore(pool);
  const schema = ensurePgSchema(pool, url);
  const opening = schema.then(() =>
    openStoreLedger(store, clock, { keys: sealKeysOf(opts, env), log: log.child('audit') }),
  );
  const retryMs = opts.schedulerRetryMs ?? DEFAULT_SCHEDULER_RETRY_MS;
  const seating = schema.then(() =>
    pgSchedulerSeat(
      lockConnection(url),
      opts.scheduler === true,
      retryMs,
      log,
      () => clock.now(),
      opts.lockHeartbeatMs,
    ),
  );
  return compose(opts, {
    dataDir: path.resolve(opts.dataDir),
    dbPath: redactPgUrl(url),
    db: noSqliteConnection(),
    store,
    audit: lazyLedger(opening),
    seat: deferredSeat(seating),
    ready: Promise.all([opening, seating]).then(() => undefined),
    closeStore: () => store.close(),
  });
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
      settings: createSettingsRepo(parts.store),
      secretNames: createSecretNamesRepo(parts.store),
      workspace: createWorkspaceRepo(parts.store),
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
  let stopping = false;
  seat.watch(
    () => {
      if (opts.startScheduler !== false && !stopping) sync.startScheduler();
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

  // Every call waits until the core is open: the ledger, and on PostgreSQL the schema and the scheduler seat.
  const opened = parts.ready;
  opened.catch((err: unknown) => log.error('Lanyard could not open its store', { error: err }));
  for (const name of Object.keys(handlers) as (keyof Handlers)[]) {
    const call = handlers[name] as (input: unknown, ctx: unknown) => Promise<unknown>;
    (handlers as Record<string, unknown>)[name] = async (input: unknown, c: unknown) => {
      await opened;
      return call(input, c);
    };
  }

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
    ready: opened,
    events: ctx.events,
    context: ctx,
    sync,
    uiActor,
    async stopScheduling() {
      stopping = true;
      await sync.stopScheduler();
    },
    close() {
      closed ??= finish();
    },
    shutdown() {
      closed ??= finish();
      return closed;
    },
  };
};
