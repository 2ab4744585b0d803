// The composition root of the core. The desktop app, the CLI and the headless server all call createLanyard()
// and differ only in transport and OS integration.
import path from 'node:path';
import { openDatabase, closeDatabase, DB_FILE } from '../store/database';
import { createSqliteStore } from '../store/store';
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
  close(): void;
}

export const createLanyard = (opts: LanyardOptions): Lanyard => {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger(stderrSink());
  const dataDir = path.resolve(opts.dataDir);
  const env = opts.env ?? process.env;
  const db = openDatabase(dataDir);
  let lock: SchedulerLock | null = null;
  let audit: ReturnType<typeof createAuditLedger>;
  try {
    audit = createAuditLedger(db, clock, {
      keys: opts.sealKeys === undefined ? sealKeysFromEnv(env) : opts.sealKeys,
      log: log.child('audit'),
    });
    lock = opts.scheduler ? tryAcquireSchedulerLock(dataDir) : null;
  } catch (err) {
    closeDatabase(db);
    throw err;
  }
  const retryMs = opts.schedulerRetryMs ?? DEFAULT_SCHEDULER_RETRY_MS;
  /** When this process took the scheduler over from another one (null: it had it from the start, or not at all). */
  let takenOver: { at: Date; previousPid: number | null } | null = null;
  if (opts.scheduler && !lock)
    log.warn(
      `another Lanyard process runs the scheduler for this data folder; this one takes over within ${Math.ceil(retryMs / 1000)} s after it stops`,
    );

  const ctx: CoreContext = {
    dataDir,
    dbPath: path.join(dataDir, DB_FILE),
    version: LANYARD_VERSION,
    startedAt: clock.now(),
    db,
    store: createSqliteStore(db),
    repos: {
      settings: createSettingsRepo(db),
      secretNames: createSecretNamesRepo(db),
      workspace: createWorkspaceRepo(db),
    },
    audit,
    secrets: opts.secrets,
    resolver: createSecretResolver(opts.secrets, env),
    clock,
    log,
    events: createEventBus(() => clock.now()),
    env,
    schedulerOwner: () => lock !== null,
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
  if (lock && opts.startScheduler !== false) sync.startScheduler();

  // Scheduler hand-over: a process that wanted the scheduler keeps trying for the lock, and says when it got it.
  let waiting: NodeJS.Timeout | null = null;
  const tryTakeOver = (): void => {
    let got: SchedulerLock | null;
    try {
      got = tryAcquireSchedulerLock(dataDir);
    } catch (err) {
      log.warn('could not check the scheduler lock; trying again', { error: err });
      return;
    }
    if (!got) return;
    if (waiting) clearInterval(waiting);
    waiting = null;
    lock = got;
    takenOver = { at: clock.now(), previousPid: got.previousPid };
    log.warn('took over the scheduler for this data folder: the process that ran it has stopped', {
      previousPid: got.previousPid,
    });
    if (opts.startScheduler !== false) sync.startScheduler();
  };
  if (opts.scheduler && !lock) {
    waiting = setInterval(tryTakeOver, retryMs);
    waiting.unref();
  }
  const baseInfo = handlers['app.info'];
  handlers['app.info'] = async (input, call) => {
    const result = await baseInfo(input, call);
    const health = result.health.map((h) => {
      if (h.component !== 'scheduler') return h;
      if (takenOver) {
        const from = takenOver.previousPid === null ? '' : ` (process ${takenOver.previousPid})`;
        return {
          ...h,
          detail: `${h.detail}; took it over at ${takenOver.at.toISOString()} when the previous owner${from} stopped`,
        };
      }
      return waiting ? { ...h, detail: `${h.detail}; this process takes it over if that one stops` } : h;
    });
    return { ...result, health };
  };

  const uiActor = createUiActor(ctx.repos.settings, () => opts.operatorName?.trim() || osUserFullName());

  let closed = false;
  return {
    handlers,
    events: ctx.events,
    context: ctx,
    sync,
    uiActor,
    close() {
      if (closed) return;
      closed = true;
      if (waiting) clearInterval(waiting);
      waiting = null;
      void sync.stopScheduler();
      offboarding.service.dispose();
      lock?.release();
      closeDatabase(db);
    },
  };
};
