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
  | 'manual-task';

export type SyncOpStatus = 'planned' | 'held' | 'approved' | 'running' | 'done' | 'failed' | 'skipped';
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
  status: SyncOpStatus;
  reason: string;
  heldReason: string | null;
  error: string | null;
  attempts: number;
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
  /** The approved ops after executing them (done or failed). */
  ops: SyncOpView[];
  runId: number | null;
}

export interface SchedulerStatus {
  /** This process runs the scheduler (it holds the data folder's scheduler lock and was asked to). */
  active: boolean;
  paused: boolean;
  running: boolean;
  lastPollAt: string | null;
  lastFullAt: string | null;
  next: { kind: 'poll' | 'full'; at: string } | null;
}

export interface AppExplanationView {
  appId: string;
  appName: string;
  access: boolean;
  rule?: number;
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
    summary: 'Scheduler state: paused, running, last and next runs',
  }),
  'sync.resumeApp': method<{ appId: string; released: number }>()({
    input: z.object({ appId: appIdSchema }).strict(),
    summary: 'Clear an app’s quarantine; its ops held by the quarantine go back to the plan',
    mutates: true,
  }),
  'review.list': method<ReviewList>()({
    input: z.object({ appId: appIdSchema.optional() }).strict(),
    summary: 'Held ops waiting for an admin, grouped by app, with reasons',
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
