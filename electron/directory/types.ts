// The contract every directory connector (Okta, Entra ID, Google Workspace, Auth0) implements.
// Connectors are pure I/O adapters: they read and return plain data; storing snapshots, deciding whether a read
// looks suspicious and auditing are done by the directory service around them.

export type PersonStatus = 'active' | 'staged' | 'suspended' | 'deprovisioned' | 'deleted';

export interface DirectoryPerson {
  /** The IdP's immutable id. */
  id: string;
  login: string;
  email: string | null;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  department: string | null;
  title: string | null;
  /** The manager's directory id or email, as the IdP gives it. */
  manager: string | null;
  employeeNumber: string | null;
  status: PersonStatus;
  /** The vendor's own status word, kept for the "why" explainer (e.g. Okta "LOCKED_OUT"). */
  vendorStatus: string;
  /** When the IdP says the status last changed (ISO 8601), if it says. */
  statusChangedAt: string | null;
  /** Every other profile attribute (custom attributes included), flat, string-valued where possible. */
  attributes: Record<string, string | number | boolean | null | string[]>;
}

export interface DirectoryGroup {
  id: string;
  name: string;
  description: string | null;
}

export interface DirectorySnapshot {
  people: DirectoryPerson[];
  groups: DirectoryGroup[];
  /** [groupId, personId] pairs. */
  memberships: [string, string][];
  /** The cursor to pass to readChanges next time (e.g. Okta log `since`, Graph deltaLinks). */
  cursor: string | null;
  /** Requests made, for benchmarks and run stats. */
  requests: number;
}

export type DirectoryChange =
  | { kind: 'person-upserted'; person: DirectoryPerson }
  | { kind: 'person-removed'; personId: string }
  | { kind: 'group-upserted'; group: DirectoryGroup }
  | { kind: 'group-removed'; groupId: string }
  | { kind: 'membership-added'; groupId: string; personId: string }
  | { kind: 'membership-removed'; groupId: string; personId: string };

export type ChangeSet =
  /** Incremental: apply these changes on top of the stored snapshot. */
  | { mode: 'delta'; changes: DirectoryChange[]; cursor: string | null; requests: number }
  /** The vendor has no cheap delta (Google, Auth0) or the cursor expired (Graph 410): a full read replaces all. */
  | { mode: 'full'; snapshot: DirectorySnapshot; reason: string; requests: number };

export interface CheckResult {
  ok: boolean;
  /** Admin-readable lines: "Authenticated as service app 0oa…", "Missing scope okta.logs.read". */
  details: string[];
  /** Permissions/scopes that are missing, by vendor name. */
  missing: string[];
}

export interface DirectoryConnector {
  readonly kind: 'okta' | 'entra' | 'google' | 'auth0';
  /** Credentials and permissions check. Never throws for a permission problem: it reports it. */
  test(): Promise<CheckResult>;
  /** A complete, consistent read. Throws (HttpError / LanyardError) if any page fails after retries. */
  readAll(): Promise<DirectorySnapshot>;
  /** What changed since `cursor`. With a null cursor, a full read. */
  readChanges(cursor: string | null): Promise<ChangeSet>;
  /** Kill switch, part 1: suspend/block the person in the IdP. */
  suspend(personId: string): Promise<void>;
  /** Kill switch, part 2: end the person's sessions and refresh tokens. */
  revokeSessions(personId: string): Promise<void>;
}

/** What a connector gets from the core: secret resolution, logging, and HTTP tuning (tests shorten backoff). */
export interface ConnectorDeps {
  /** Resolves a `keychain:NAME` / `env:VAR` reference to its value (core only; never log the result). */
  resolveSecret(ref: string): Promise<string>;
  log: import('../log/logger').Logger;
  /** Overrides for every HttpClient the connector makes (timeouts, retries, backoff, size caps, concurrency). */
  http?: Partial<import('../http/http-client').HttpClientOptions>;
  now?: () => Date;
}

/** Every vendor module exports one of these: `createOktaConnector`, `createEntraConnector`, … */
export type CreateDirectoryConnector<C> = (config: C, deps: ConnectorDeps) => DirectoryConnector;
