// What every service of the core receives: the store, secrets, time, logging and the event bus.
import type { Db } from '../store/database';
import type { Store } from '../store/store';
import type { SettingsRepo } from '../store/settings-repo';
import type { SecretNamesRepo } from '../store/secret-names-repo';
import type { WorkspaceRepo } from '../store/workspace-repo';
import type { SecretStore } from '../secrets/secret-store';
import type { SecretResolver } from '../secrets/references';
import type { Clock } from './clock';
import type { Logger } from '../log/logger';
import type { EventBus } from './event-bus';
import type { AuditLedger } from '../audit/ledger';

export interface Repos {
  settings: SettingsRepo;
  secretNames: SecretNamesRepo;
  workspace: WorkspaceRepo;
}

export interface CoreContext {
  dataDir: string;
  dbPath: string;
  version: string;
  startedAt: Date;
  /** The SQLite connection, for code not yet moved to `store` (issue #14); absent on PostgreSQL once it is. */
  db: Db;
  /** The asynchronous query layer over either engine (electron/store/store.ts). */
  store: Store;
  repos: Repos;
  audit: AuditLedger;
  secrets: SecretStore;
  resolver: SecretResolver;
  clock: Clock;
  log: Logger;
  events: EventBus;
  env: NodeJS.ProcessEnv;
  schedulerOwner: () => boolean;
}
