// The contract every app connector (SCIM 2.0, GitHub org, manual) implements. Keep it stable: other connectors
// are written against it.
//
// Connectors are I/O adapters: they act on one app and return what the app now holds. Planning, journaling,
// storing account snapshots and auditing are done around them (sync engine, apps service). An app without an API
// (manual) answers every operation with a checklist task instead of a remote state; see `Outcome`.
import type { Logger } from '../log/logger';
import type { HttpClientOptions } from '../http/http-client';
import type {
  AppAccount,
  AppCapabilities,
  AppCheckResult,
  ManualAction,
} from '../../shared/api/methods-apps';

export type { AppAccount, AppCapabilities, AppCheckResult, ManualAction };

/** The account Lanyard wants in the app, from a directory person and the matching rule. */
export interface AccountSpec {
  /** The directory person id; written as SCIM externalId so later lookups are exact. */
  externalId: string;
  userName: string;
  email: string | null;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  title?: string | null;
  /** Enterprise extension fields (SCIM urn:ietf:params:scim:schemas:extension:enterprise:2.0:User). */
  department?: string | null;
  /** The manager's id in the app (SCIM manager.value). */
  manager?: string | null;
  employeeNumber?: string | null;
  role?: string | null;
  /** Default true. */
  active?: boolean;
}

/** Attributes to change; absent = leave alone, null = clear. */
export type AccountChanges = Partial<AccountSpec>;

export interface AppGroup {
  remoteId: string;
  displayName: string;
  /** Member remote ids, when the listing included them. */
  members: string[] | null;
}

export interface GroupChange {
  groupId: string;
  /** The group's members after the change, when the app returned them (null when it answered 204). */
  members: string[] | null;
  /** The member ids the call asked to add or remove. */
  changed: string[];
  /** HTTP requests the change took (batches), for run stats and benchmarks. */
  requests: number;
}

export interface DeletedAccount {
  remoteId: string;
  /** What the app did: Slack and Atlassian only deactivate on DELETE. */
  effect: 'deleted' | 'deactivated';
  /** The account was already gone (404): nothing to do, not an error. */
  alreadyGone: boolean;
}

/** A checklist task for an app without an API; the sync engine turns it into an offboarding/sync task. */
export interface ManualTask {
  appId: string;
  action: ManualAction | 'add-to-group' | 'remove-from-group';
  title: string;
  instructions: string;
  /** The account the task is about (userName for manual apps), when known. */
  target: string | null;
  assignee: string | null;
}

export type ManualOutcome = { manual: true; task: ManualTask };
/** Either what the app now holds, or a task for a person to do (manual apps). */
export type Outcome<T> = { manual: false; state: T; adopted?: boolean } | ManualOutcome;

export interface AppConnector {
  readonly kind: 'scim' | 'github' | 'manual';
  readonly appId: string;
  /** Credentials plus a minimal read. Never throws for an auth or permission problem: it reports it. */
  test(): Promise<AppCheckResult>;
  /** What the client relies on (preset, then discovery, then stored probe results). */
  capabilities(): Promise<AppCapabilities>;
  /** Every account, complete: throws rather than return a partial list (a partial list would look like leavers). */
  listAccounts(): Promise<AppAccount[]>;
  listGroups(): Promise<AppGroup[]>;
  /**
   * One account re-read by its id (offboarding verify, crash reconcile): null when the app answers "not found".
   * Never inferred from a listing — absence from a list proves nothing about a server that pages badly.
   */
  getAccount?(remoteId: string): Promise<AppAccount | null>;
  /** Creates the account; an existing one with the same externalId/userName is adopted (`adopted: true`). */
  create(spec: AccountSpec): Promise<Outcome<AppAccount>>;
  update(remoteId: string, changes: AccountChanges): Promise<Outcome<AppAccount>>;
  setActive(remoteId: string, active: boolean): Promise<Outcome<AppAccount>>;
  delete(remoteId: string): Promise<Outcome<DeletedAccount>>;
  /** Batched: many members per request (groupBatchSize), so cost grows with groups, not people × groups. */
  addToGroup(groupId: string, memberIds: string[]): Promise<Outcome<GroupChange>>;
  removeFromGroup(groupId: string, memberIds: string[]): Promise<Outcome<GroupChange>>;
  /** HTTP requests made so far, including retries. */
  requestCount(): number;
}

/** What a connector gets from the core: secret resolution, logging, and HTTP tuning (tests shorten backoff). */
export interface ConnectorDeps {
  /** Resolves a `keychain:NAME` / `env:VAR` reference to its value (core only; never log the result). */
  resolveSecret(ref: string): Promise<string>;
  log: Logger;
  /** Overrides for every HttpClient the connector makes (timeouts, retries, backoff, size caps, concurrency). */
  http?: Partial<HttpClientOptions>;
  /** Capabilities a previous probe found and stored (apps.capabilities); they win over preset and discovery. */
  storedCapabilities?: Partial<AppCapabilities> | null;
  now?: () => Date;
}

export type CreateAppConnector<C> = (config: C, deps: ConnectorDeps) => AppConnector;
