// The plain types of access reviews (campaigns, items, decisions, sheets, reports) that the reviews.* methods of
// methods-reviews.ts take and return; re-exported from there.
import type { AuditAnchor } from './methods-audit';
import type { SyncOpKind, SyncOpStatus } from './methods-sync';
import type { ReviewerSource } from '../config/reviews-schema';

export type ReviewDecisionKind = 'keep' | 'revoke' | 'change-role' | 'not-mine';
export const REVIEW_DECISIONS: readonly ReviewDecisionKind[] = ['keep', 'revoke', 'change-role', 'not-mine'];

/** How a decision came in: an admin in the UI, a returned reviewer sheet, or the command line. */
export type ReviewDecisionSource = 'ui' | 'sheet' | 'cli';

/** account: a linked person's account; orphan: no person; departed: the person left (suspended, deprovisioned …). */
export type ReviewItemKind = 'account' | 'orphan' | 'departed';

/** Why the item's reviewer reviews it; `self`: the reviewer's own access, sent to the fallback. */
export type ReviewerBasis = ReviewerSource | 'fallback' | 'self' | 'reassigned';

export type ReviewCampaignStatus = 'open' | 'closed';

/** Where an item's revoke or role change stands. none: nothing to carry out (keep, open, not mine). */
export type ReviewOutcomeStatus =
  | 'none'
  | 'pending'
  | 'held'
  | 'running'
  | 'done'
  | 'failed'
  | 'superseded'
  | 'skipped'
  /** Nothing was left to change (the account was already gone or inactive, or already had the role). */
  | 'not-needed'
  /** A manual app: a person was given the checklist task; not carried out until the account is confirmed gone. */
  | 'task-open';

export interface ReviewScope {
  apps: string[];
  people: { groups?: string[]; attributes?: Record<string, string | string[]> } | null;
}

export interface ReviewDecisionView {
  decision: ReviewDecisionKind;
  /** change-role: the new role. */
  role: string | null;
  /** not-mine: who it was passed to (null: the fallback). */
  reassignTo: string | null;
  comment: string | null;
  /** Who entered it (admin in the UI, "cli", or the sheet's importer). */
  decidedBy: string;
  /** The reviewer the decision was made for. */
  forReviewer: string;
  source: ReviewDecisionSource;
  decidedAt: string;
  /** The ledger event that records it. */
  auditSeq: number;
}

/** An op that carried out (or tries to) an item's decision. */
export interface ReviewItemOp {
  opId: number;
  kind: SyncOpKind;
  status: SyncOpStatus;
  error: string | null;
  heldReason: string | null;
  /** Ledger events of the op (proposed, held, applied, failed …). */
  auditSeqs: number[];
}

export interface ReviewItemView {
  id: number;
  campaignId: number;
  kind: ReviewItemKind;
  appId: string;
  appName: string;
  appKind: 'scim' | 'github' | 'manual';
  personId: string | null;
  /** The person's email or login; null for orphans. */
  person: string | null;
  displayName: string | null;
  /** Directory status at the snapshot (null for orphans). */
  personStatus: string | null;
  remoteId: string;
  userName: string;
  email: string | null;
  active: boolean;
  role: string | null;
  groups: string[];
  /** "rule 2: groups Engineering" or "no rule: adopted" / "no rule: manual" / "no rule: orphan". */
  grantedBy: string;
  /** The index of the rule that grants it (0-based in the workspace's rules), or null. */
  ruleIndex: number | null;
  /** Last sign-in or activity where the app exposes it (ISO), else null (unknown, not "never"). */
  lastActivity: string | null;
  reviewer: string;
  reviewerBasis: ReviewerBasis;
  /** The current decision (a "not mine" decision leaves the item open for the new reviewer). */
  decision: ReviewDecisionView | null;
  /** Every decision made on the item, oldest first. */
  history: ReviewDecisionView[];
  outcome: ReviewOutcomeStatus;
  ops: ReviewItemOp[];
}

export interface ReviewerProgress {
  reviewer: string;
  items: number;
  decided: number;
  open: number;
}

export interface ReviewCounts {
  items: number;
  decided: number;
  open: number;
  keep: number;
  revoke: number;
  changeRole: number;
  /** Revokes and role changes carried out (op done or nothing left to do). */
  carriedOut: number;
  /** Revokes and role changes waiting (held for review, failed, or not yet proposed). */
  pendingChanges: number;
}

export interface ReviewCampaignSummary {
  id: number;
  name: string;
  status: ReviewCampaignStatus;
  /** The recurring definition that started it (workspace `reviews:` id), or null. */
  definitionId: string | null;
  dueAt: string;
  /** Open and past its due date. */
  overdue: boolean;
  startedAt: string;
  startedBy: string;
  closedAt: string | null;
  closedBy: string | null;
  counts: ReviewCounts;
  /** Which apps (and people) it covers. */
  scope: ReviewScope;
}

export interface ReviewCampaignView extends ReviewCampaignSummary {
  /** When the items were snapshotted (= startedAt). */
  snapshotAt: string;
  fallback: string;
  assign: ReviewerSource[];
  reviewers: ReviewerProgress[];
  /** When decisions were last carried out (apply or close), or null. */
  appliedAt: string | null;
  /** Apps in scope never read yet at the snapshot: their accounts are unknown, not absent. */
  warnings: string[];
}

export interface ReviewItemPage {
  items: ReviewItemView[];
  total: number;
}

/** For the tray and the Overview card. */
export interface ReviewsStatus {
  open: number;
  overdue: number;
  /** Open campaigns due within 7 days. */
  dueSoon: number;
  /** Recurring definitions whose current period has no campaign yet (the scheduler starts them). */
  definitionsDue: string[];
  /** "2 reviews overdue" or null when nothing needs attention. */
  message: string | null;
}

export interface ReviewSheet {
  format: 'csv' | 'html';
  fileName: string;
  content: string;
  reviewer: string;
  rows: number;
}

export interface SheetRowError {
  /** 1-based line number in the file (the header is row 1). */
  row: number;
  itemId: number | null;
  reason: string;
}

export interface SheetImportResult {
  campaignId: number | null;
  /** True when the sheet was applied (no errors); false: nothing was recorded. */
  ok: boolean;
  rows: number;
  /** Decisions recorded (new or changed). */
  recorded: number;
  /** Rows whose decision equals the one already recorded, or left blank. */
  unchanged: number;
  errors: SheetRowError[];
}

export interface ReviewDecideResult {
  recorded: number;
  unchanged: number;
  items: ReviewItemView[];
}

export interface AccessExceptionView {
  appId: string;
  appName: string | null;
  /** As written in the workspace: email, login or id. */
  person: string;
  personId: string | null;
  /** The role the review decided; null when it revoked the access. */
  role: string | null;
  campaignId: number | null;
  comment: string | null;
  by: string | null;
  at: string | null;
}

export interface ReviewApplyResult {
  campaignId: number;
  runId: number | null;
  /** Items whose decision was proposed to the gate in this call. */
  proposed: number;
  done: number;
  held: number;
  failed: number;
  superseded: number;
  notNeeded: number;
  /** Revocations in manual apps handed to a person as a checklist task (carried out once they confirm it). */
  tasks: number;
  /** Limits that tripped ("… exceed the limit of 10 per run"). */
  tripped: string[];
  exceptionsAdded: AccessExceptionView[];
}

export interface ReviewCloseResult extends ReviewApplyResult {
  campaign: ReviewCampaignView;
  ledgerAnchor: AuditAnchor | null;
  ledgerAnchorNote: string;
}

export interface ReviewReportItem {
  itemId: number;
  kind: ReviewItemKind;
  appId: string;
  appName: string;
  person: string | null;
  userName: string;
  role: string | null;
  grantedBy: string;
  lastActivity: string | null;
  reviewer: string;
  decision: ReviewDecisionKind | null;
  /** change-role: the new role. */
  newRole: string | null;
  decidedBy: string | null;
  forReviewer: string | null;
  source: ReviewDecisionSource | null;
  decidedAt: string | null;
  comment: string | null;
  decisionSeq: number | null;
  outcome: ReviewOutcomeStatus;
  ops: ReviewItemOp[];
}

export interface ReviewReport {
  format: 'lanyard-access-review-v1';
  campaignId: number;
  name: string;
  status: ReviewCampaignStatus;
  scope: ReviewScope;
  snapshotAt: string;
  dueAt: string;
  closedAt: string | null;
  closedBy: string | null;
  generatedAt: string;
  reviewers: ReviewerProgress[];
  counts: ReviewCounts;
  items: ReviewReportItem[];
  /** Items with no decision, and decided changes not carried out. */
  open: { undecided: number[]; notCarriedOut: number[] };
  exceptions: AccessExceptionView[];
  /** The ledger's signed head when the campaign closed (or at generation while it is open). */
  ledgerAnchor: AuditAnchor | null;
  ledgerAnchorNote: string;
}
