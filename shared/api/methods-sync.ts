// Contract methods of the sync engine (issue #5): dry-run plan, run, "sync now", the why-explainer, the review
// queue of held ops, run history, and resuming a quarantined app. Merged into shared/api/contract.ts.
import { z } from 'zod';
import { method } from './define';

export type SyncOpKind =
  | 'create'
  | 'update'
  | 'set-role'
  | 'add-to-group'
  | 'remove-from-group'
  | 'deactivate'
  | 'reactivate'
  | 'delete'
  | 'manual-task'
  /** Kill switch, through the gate like any op: suspend the person in the IdP / end their sessions. */
  | 'idp-suspend'
  | 'idp-revoke-sessions';

/**
 * `superseded`: the gate re-planned the op before executing it (an approval, a case, a rehire) and the reason no
 * longer holds — never executed; `error` says why ("superseded: ana@ is back in scope …").
 */
export type SyncOpStatus =
  'planned' | 'held' | 'approved' | 'running' | 'done' | 'failed' | 'skipped' | 'superseded';

/** Who proposed an op to the gate. */
export type OpSource =
  | 'sync'
  | 'approval'
  | 'offboarding'
  | 'explicit-offboard'
  | 'rehire'
  | 'kill-switch'
  | 'manual-confirm'
  /** A revoke or role change decided in an access review (electron/reviews/). */
  | 'access-review'
  /** An admin's removal of an orphan account (electron/orphans/). */
  | 'orphan-removal';
export type RunKind = 'poll' | 'full' | 'manual' | 'review';
export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';

/** One journaled op (plan_ops row) as admins see it. */
export interface SyncOpView {
  id: number;
  runId: number;
  appId: string;
  personId: string | null;
  kind: SyncOpKind;
  /** Who or what: email or login, or the group name for group ops. */
  target: string;
  /**
   * What the op does in its app, in the words of shared/ops/op-labels.ts ("Remove from the GitHub org"); set by
   * every core view of an op (absent only from views built before labels existed).
   */
  label?: string;
  /** What the change means for the person, for confirmations ("They can no longer sign in; …"). */
  consequence?: string | null;
  status: SyncOpStatus;
  reason: string;
  heldReason: string | null;
  error: string | null;
  attempts: number;
  /** Who proposed it (sync run, approval, offboarding case, explicit offboard, rehire, kill switch). */
  source: OpSource;
  /** Destructive (deactivate, delete, role demotion, group/team removal, IdP suspend / session revoke). */
  destructive: boolean;
  createdAt: string;
  updatedAt: string;
  doneAt: string | null;
}

/** An op of a dry run: nothing journaled, nothing sent. */
export interface PlannedOpView {
  appId: string;
  personId: string | null;
  kind: SyncOpKind;
  target: string;
  /** What the op does in its app ("Deactivate in Slack"): shared/ops/op-labels.ts. */
  label?: string;
  consequence?: string | null;
  status: 'planned' | 'held';
  reason: string;
  heldReason: string | null;
  /** The idempotency key; the same situation replanned gives the same key. */
  key: string;
  /** Already waiting in the review queue from an earlier run. */
  alreadyHeld: boolean;
}

export interface SkippedApp {
  appId: string;
  /** "quarantined: 5 operations in a row failed …", "could not read accounts: 401 …". */
  reason: string;
}

export interface SyncPlanResult {
  ops: PlannedOpView[];
  held: number;
  orphans: { appId: string; remoteId: string; userName: string; reason: string }[];
  /** Accounts the workspace protects (`protected:` per app): never changed, listed with why. */
  protected: { appId: string; remoteId: string; userName: string; reason: string }[];
  warnings: string[];
  skippedApps: SkippedApp[];
  total: Partial<Record<SyncOpKind, number>>;
}

export interface TimeToRevoke {
  count: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface AppRunStats {
  status: 'ok' | 'skipped' | 'quarantined' | 'failed';
  detail: string | null;
  applied: number;
  failed: number;
  held: number;
  skipped: number;
  requests: number;
  timeToRevoke: TimeToRevoke | null;
}

export interface RunStats {
  durationMs: number;
  /** Ops applied, by kind. */
  opsByKind: Partial<Record<SyncOpKind, number>>;
  planned: number;
  applied: number;
  failed: number;
  held: number;
  skipped: number;
  directory: { mode: 'full' | 'delta'; people: number; requests: number; suspicious: boolean } | null;
  apps: Record<string, AppRunStats>;
}

export interface RunView {
  id: number;
  kind: RunKind;
  trigger: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  stats: RunStats | null;
  error: string | null;
  /** What the run came to in one line ("Poll #3 failed, nothing was changed: …"; electron/sync/engine/stats.ts). */
  title: string;
}

export interface SyncRunResult {
  run: RunView;
  /** Ops of this run that failed, and every op waiting for review in the apps this run covered. */
  failed: SyncOpView[];
  held: SyncOpView[];
  skippedApps: SkippedApp[];
}

export interface ReviewGroup {
  appId: string;
  appName: string;
  ops: SyncOpView[];
}

export interface ReviewList {
  total: number;
  apps: ReviewGroup[];
}

export interface ReviewApproveResult {
  approved: number;
  /** The approved ops after the gate: done, failed, superseded (never executed: `error` says why) or held again. */
  ops: SyncOpView[];
  runId: number | null;
  /** Approved ops the re-plan found no longer needed (never executed), with why. */
  superseded: { id: number; target: string; reason: string }[];
  /** New ops that replace approved ones whose target changed (new role, new account): held for a fresh approval. */
  replaced: SyncOpView[];
}

/** Whether runs apply their plans. */
export type ApplyingState = 'on' | 'paused' | 'awaiting-first-review';

export interface HeldSummary {
  total: number;
  /** Held ops counted by their held reason (most first), for the tray and the Overview: "12 held: …". */
  reasons: { reason: string; count: number }[];
}

export interface SchedulerStatus {
  /** This process runs the scheduler (it holds the data folder's scheduler lock and was asked to). */
  active: boolean;
  paused: boolean;
  running: boolean;
  lastPollAt: string | null;
  lastFullAt: string | null;
  next: { kind: 'poll' | 'full'; at: string } | null;
  /**
   * 'awaiting-first-review': a new workspace reads and plans but applies nothing until an admin applies a plan
   * (Sync page, `lanyard sync`) or sets `schedule.paused: false` in the workspace file.
   */
  applying: ApplyingState;
  /** The sentence the Overview and the tray show for `applying` (null when 'on'). */
  applyingDetail: string | null;
  held: HeldSummary;
  quarantined: { appId: string; appName: string; reason: string }[];
}

export interface AppExplanationView {
  appId: string;
  appName: string;
  access: boolean;
  rule?: number;
  /** "rule 'Engineering → GitHub'" or "rule 2". */
  ruleLabel?: string;
  role?: string | null;
  teams?: string[];
  appGroups?: string[];
  why: string;
  account?: { remoteId: string; userName: string; active: boolean } | null;
}

export interface ExplanationView {
  personId: string;
  who: string;
  status: string;
  apps: AppExplanationView[];
}

const appIdSchema = z.string().min(1).max(100);
const opIds = z.array(z.number().int().positive()).min(1).max(10_000);

export const syncMethods = {
  'sync.plan': method<SyncPlanResult>()({
    input: z.object({ appId: appIdSchema.optional() }).strict(),
    summary:
      'Dry run: read the directory and apps, and show the guarded plan with reasons (nothing is sent to apps)',
    mutates: true,
  }),
  'sync.run': method<SyncRunResult>()({
    input: z.object({ appId: appIdSchema.optional(), full: z.boolean().optional() }).strict(),
    summary: 'Plan, apply guardrails and apply the ops now',
    mutates: true,
  }),
  'sync.now': method<SyncRunResult>()({
    input: z.object({}).strict(),
    summary: 'Run a sync now (the scheduler then waits a full interval again)',
    mutates: true,
  }),
  'sync.explain': method<ExplanationView>()({
    input: z.object({ person: z.string().min(1).max(320) }).strict(),
    summary: 'Why a person has (or has not) access to each app',
  }),
  'sync.status': method<SchedulerStatus>()({
    input: z.object({}).strict(),
    summary:
      'Scheduler state: paused, running, last and next runs, applying (or waiting for the first reviewed plan), held ops and quarantined apps',
  }),
  'sync.resumeApp': method<{ appId: string; released: number }>()({
    input: z.object({ appId: appIdSchema }).strict(),
    summary: 'Clear an app’s quarantine; its ops held by the quarantine go back to the plan',
    mutates: true,
  }),
  'review.list': method<ReviewList>()({
    input: z
      .object({ appId: appIdSchema.optional(), personId: z.string().min(1).max(200).optional() })
      .strict(),
    summary: 'Held ops waiting for an admin, grouped by app, with reasons (of one app or one person)',
  }),
  'review.approve': method<ReviewApproveResult>()({
    input: z.object({ ids: opIds }).strict(),
    summary: 'Approve held ops and apply them now',
    mutates: true,
  }),
  'review.skip': method<{ skipped: number }>()({
    input: z.object({ ids: opIds, reason: z.string().trim().min(1).max(1000) }).strict(),
    summary: 'Skip held ops (they are not applied; the reason is audited)',
    mutates: true,
  }),
  'runs.list': method<RunView[]>()({
    input: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    summary: 'Run history with stats (ops by kind, failures, duration, time to revoke)',
  }),
} as const;

export interface SyncProgress {
  runId: number | null;
  phase: 'directory' | 'accounts' | 'plan' | 'apply' | 'done';
  appId?: string;
  done: number;
  total: number;
  message: string;
}
