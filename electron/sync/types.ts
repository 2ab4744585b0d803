// The plain data the pure sync core works on: what goes in (people, apps, rules, accounts) and what comes out
// (desired access, an explained plan, guarded ops). No I/O anywhere in electron/sync's pure modules: the apply step,
// scheduler and CLI feed these functions from the store and the connectors.
import type { AppConfig, RuleConfig } from '../../shared/config/workspace';
import type { Guardrails } from '../../shared/domain/settings';
import type { DirectoryPerson } from '../directory/types';
import type { AccountChanges, AccountSpec, AppAccount, AppGroup, ManualTask } from '../apps/types';
import type { ProtectedAccount } from './protected';

export type {
  AppConfig,
  RuleConfig,
  Guardrails,
  AccountSpec,
  AccountChanges,
  AppAccount,
  AppGroup,
  ManualTask,
};

/** A directory person with group NAMES resolved (rules name groups, not ids). */
export interface SyncPerson
  extends
    Pick<DirectoryPerson, 'id' | 'login' | 'email' | 'status' | 'statusChangedAt'>,
    Partial<
      Pick<
        DirectoryPerson,
        'givenName' | 'familyName' | 'displayName' | 'department' | 'title' | 'employeeNumber'
      >
    > {
  groups: string[];
  attributes?: DirectoryPerson['attributes'];
}

/** Profile attributes Lanyard keeps in step in SCIM apps (besides userName, email, displayName). */
export const PROFILE_FIELDS = ['givenName', 'familyName', 'department', 'title', 'employeeNumber'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** An app account as the planner sees it: what the app holds plus what Lanyard knows about it. */
export interface SyncAccount extends AppAccount {
  /** When Lanyard deactivated it (ISO 8601), for deactivate-then-delete-after-N-days. */
  deactivatedAt?: string | null;
  /** Profile attributes the app reported; only attributes present here are compared (absent = unknown). */
  attributes?: Partial<Record<ProfileField, string | null>>;
}

export interface PlanInput {
  people: SyncPerson[];
  apps: AppConfig[];
  /** In workspace-file order: rule number = index + 1 in every reason. */
  rules: RuleConfig[];
  /** Each app's accounts by app id; an app missing here is treated as having none. */
  accounts: Record<string, SyncAccount[]>;
  /** SCIM apps' groups by app id, to resolve rule `appGroups` names to remote ids (absent: names are ids). */
  appGroups?: Record<string, AppGroup[]>;
  /**
   * Per app, the memberships Lanyard itself added and has not removed (from its journal): used only for groups
   * whose members the app does not show (AppGroup.members null), never in place of what the app shows.
   */
  memberships?: Record<string, import('./group-ops').MembershipRecord>;
  now: Date;
  /** Access exceptions from access reviews (workspace `exceptions:`); see AccessExceptions. */
  exceptions?: AccessExceptions;
  /** IANA zone for times in reasons ("since 14:02"); default UTC. */
  timeZone?: string;
}

/** Who should have an account in one app, and why. */
/**
 * Access exceptions from access reviews: app id → lower-cased person reference (id, email or login) → null when
 * the review revoked the access (the person gets no access to that app whatever the rules say, so a revoke stays
 * revoked), or the role the review decided (the rules' access stays, with this role, so a role change stays).
 */
export type AccessExceptions = ReadonlyMap<string, ReadonlyMap<string, string | null>>;

export interface DesiredAccess {
  personId: string;
  /** The rule number (1-based) that decides access: the role's rule, else the highest-priority match. */
  rule: number;
  /** Every matching rule number for this app, in file order. */
  rules: readonly number[];
  /** The winning role; null when no matching rule names one (the app's default applies). */
  role: string | null;
  /** Rule number that gave the role (null when none did, or an access review's exception set it). */
  roleRule: number | null;
  /** True when the role comes from an access review's exception rather than a rule. */
  roleByReview?: true;
  /** GitHub team slugs or SCIM group names: the union over matching rules (shared; never mutate). */
  groups: readonly string[];
}

export type OpStatus = 'planned' | 'held';

export type OpKind =
  | 'create'
  | 'update'
  | 'set-role'
  | 'add-to-group'
  | 'remove-from-group'
  | 'deactivate'
  | 'reactivate'
  | 'delete'
  | 'manual-task'
  | 'idp-suspend'
  | 'idp-revoke-sessions';

export interface GroupMember {
  personId: string;
  /** The account's remote id; null when it is created earlier in the same run (apply resolves it). */
  remoteId: string | null;
  userName: string;
  /** Why this member is added or removed. */
  reason: string;
}

export type OpPayload =
  | { kind: 'create'; spec: AccountSpec }
  | { kind: 'update'; remoteId: string; changes: AccountChanges }
  | { kind: 'set-role'; remoteId: string; role: string; previous: string | null }
  | { kind: 'add-to-group' | 'remove-from-group'; groupId: string; groupName: string; members: GroupMember[] }
  | { kind: 'deactivate'; remoteId: string; userName: string; deleteAfterDays: number | null }
  | { kind: 'reactivate'; remoteId: string }
  | { kind: 'delete'; remoteId: string; userName: string }
  /** The IdP kill switch (app id IDP_APP_ID in electron/sync/guard.ts): suspend the person / end their sessions. */
  | { kind: 'idp-suspend' | 'idp-revoke-sessions' }
  | {
      kind: 'manual-task';
      action: ManualTask['action'];
      task: ManualTask;
      remoteId: string | null;
      spec: AccountSpec | null;
      role: string | null;
    };

export interface PlanOp {
  appId: string;
  personId: string | null;
  kind: OpKind;
  /** Who or what the op is about, as a person knows it (email or login; group name for group ops). */
  target: string;
  /** The sentence shown to admins: "deactivate ana@acme.io in Slack: suspended in the directory since 14:02". */
  reason: string;
  payload: OpPayload;
  /** Removes access or data: subject to review policy and deprovision guardrails. */
  destructive: boolean;
  /** Deactivate / delete, or the manual task for one. */
  deprovision: boolean;
  /** Hash of run-independent content: replanning the same situation gives the same key. */
  key: string;
  /** A reason the planner itself wants an admin to decide (an account takeover); the gate holds it. */
  hold?: string;
  /** 'planned' as built; applyGuardrails holds some. */
  status: OpStatus;
  /** "held: Slack requires review"; null when planned. */
  heldReason: string | null;
}

export interface Orphan {
  appId: string;
  remoteId: string;
  userName: string;
  /** "no directory person has this userName or email" / "another account is already linked to ana@acme.io". */
  reason: string;
}

export interface AppPlanSummary {
  appId: string;
  name: string;
  /** People who should have an account. */
  inScope: number;
  accounts: number;
  activeAccounts: number;
  orphans: number;
  ops: Partial<Record<OpKind, number>>;
}

export interface Plan {
  ops: PlanOp[];
  orphans: Orphan[];
  /**
   * Accounts the workspace protects, which the plan left alone (no op of any kind), with what it would otherwise
   * have done. Always set by buildPlan; optional only so plans built by hand (offboarding's guard input) compile.
   */
  protected?: ProtectedAccount[];
  /** Things an admin should fix that the plan could not act on (unknown app group, app without rules). */
  warnings: string[];
  summary: { apps: AppPlanSummary[]; total: Partial<Record<OpKind, number>> };
}

/** A plan op after guardrails (same shape: guardrails only decide status and heldReason). */
export type GuardedOp = PlanOp;
export interface GuardedPlan extends Omit<Plan, 'ops'> {
  ops: GuardedOp[];
  held: number;
  /** Bulk limits that tripped, as sentences. */
  tripped: string[];
}

export interface GuardOptions {
  guardrails: Partial<Guardrails>;
  apps: AppConfig[];
  /** Destructive weight already executed in the rolling window (default none). */
  window?: { total: number; perApp: Record<string, number> };
  /** Who proposed the ops (default 'sync'). */
  source?: import('../../shared/api/methods-sync').OpSource;
  adoptionPending?: (op: PlanOp) => boolean;
  /** Each app's current active accounts (percent thresholds); default: the plan summary's activeAccounts. */
  accountsCount?: Record<string, number>;
  /** The directory read was flagged suspicious (sudden drop, empty page). */
  suspicious: boolean | { reason: string };
}
