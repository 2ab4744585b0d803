// Contract methods of offboarding (issue #6): preview and start a manual offboard, the cases with their tasks and
// progress, approve / skip / complete tasks, re-verify, and the evidence export. Merged into shared/api/contract.ts.
import { z } from 'zod';
import type { AuditAnchor } from './methods-audit';
import { method } from './define';

export type OffboardingTaskKind =
  'app' | 'manual' | 'idp-suspend' | 'idp-revoke-sessions' | 'checklist' | 'verify';

/**
 * pending: waiting to run; review: held for an admin; running; done; failed; todo: a person must do it by hand;
 * skipped: skipped with a reason; verified: the app was re-read and shows the account inactive or gone;
 * flagged: verification found the account still active.
 */
export type OffboardingTaskStatus =
  'pending' | 'review' | 'running' | 'done' | 'failed' | 'todo' | 'skipped' | 'verified' | 'flagged';

export type OffboardingCaseStatus = 'open' | 'closed' | 'cancelled';

export interface OffboardingTaskView {
  id: number;
  caseId: number;
  kind: OffboardingTaskKind;
  appId: string | null;
  appName: string | null;
  title: string;
  /**
   * What the step does, in the shared op labels ("Remove from the GitHub org", "Task: take back the badge"); null
   * for tasks of cases opened before labels existed.
   */
  effect?: string | null;
  /** The account the step is about (userName in the app), when it is about one. */
  account?: string | null;
  /** What the effect means for the person, for the approval's confirmation. */
  consequence?: string | null;
  status: OffboardingTaskStatus;
  /** The journaled op (plan_ops id) that carries it out, for automated and manual-app tasks. */
  opId: number | null;
  /** Why: the op's reason, the held reason, the failure, the skip reason or the admin's note. */
  detail: string | null;
  /** Checklist instructions (manual apps). */
  instructions: string | null;
  doneAt: string | null;
  doneBy: string | null;
  /** The verification result: "inactive", "absent", "still active" (with when). */
  verification: string | null;
  verifiedAt: string | null;
}

export interface OffboardingProgress {
  total: number;
  /** done, skipped or verified. */
  finished: number;
  review: number;
  failed: number;
  todo: number;
}

export interface OffboardingCaseView {
  id: number;
  personId: string;
  /** email or login, as the admin knows the person. */
  person: string;
  displayName: string | null;
  trigger: 'directory' | 'manual';
  /** "suspended in the directory since 14:02" or "offboarded by cli". */
  reason: string;
  status: OffboardingCaseStatus;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedReason: string | null;
  killSessions: boolean;
  progress: OffboardingProgress;
  tasks: OffboardingTaskView[];
}

/** A task the offboard would create (nothing written). */
export interface OffboardingPreviewTask {
  kind: OffboardingTaskKind;
  appId: string | null;
  appName: string | null;
  title: string;
  /** What it does, in the shared op labels ("Remove from the GitHub org"). */
  effect?: string | null;
  /** The account it is about (userName in the app). */
  account?: string | null;
  /** What the effect means for the person. */
  consequence?: string | null;
  /** "deactivate ana@acme.io in Acme: offboarded by cli". */
  reason: string;
  /** Waits for review before it runs ("held: GitHub requires review"), else null. */
  heldReason: string | null;
}

export interface OffboardingPreview {
  personId: string;
  person: string;
  displayName: string | null;
  status: string;
  killSessions: boolean;
  tasks: OffboardingPreviewTask[];
}

export interface OffboardingList {
  /** Tasks waiting for an admin (review + todo) over all open cases. */
  pending: number;
  cases: OffboardingCaseView[];
}

export interface EvidenceApp {
  appId: string | null;
  appName: string;
  task: string;
  status: OffboardingTaskStatus;
  action: string;
  /** Who carried it out: the admin who marked it done, approved it or skipped it, else the case's opener. */
  by: string | null;
  at: string | null;
  /** Who approved it when it was held for review, and when (from the audit ledger). */
  approvedBy: string | null;
  approvedAt: string | null;
  /** The admin's note when marking a manual or checklist task done. */
  note: string | null;
  /** Why it was skipped, as the admin wrote it. */
  skipReason: string | null;
  verification: string | null;
  verifiedAt: string | null;
  /** From the person's deactivation (directory) or the case's opening to the app confirming the revocation. */
  timeToRevokeMs: number | null;
  auditSeqs: number[];
}

export interface OffboardingEvidence {
  caseId: number;
  person: string;
  personId: string;
  displayName: string | null;
  trigger: string;
  reason: string;
  status: OffboardingCaseStatus;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  generatedAt: string;
  items: EvidenceApp[];
  /** Every audit event of the case, in order. */
  auditSeqs: number[];
  /** The audit ledger's signed head when this evidence was generated (null when the ledger did not verify). */
  ledgerAnchor: AuditAnchor | null;
  /** What the anchor is and how to check it, or why there is none. */
  ledgerAnchorNote: string;
}

const caseId = z.number().int().positive();
const taskIds = z.array(z.number().int().positive()).min(1).max(10_000);
const person = z.string().trim().min(1).max(320);
const reason = z.string().trim().min(1).max(500);

/** Tasks by id, or every open task of one case. */
const selection = z
  .object({ taskIds: taskIds.optional(), caseId: caseId.optional() })
  .strict()
  .refine((v) => (v.taskIds ? 1 : 0) + (v.caseId ? 1 : 0) === 1, {
    message: 'give either taskIds or caseId',
  });

export const offboardingMethods = {
  'offboarding.preview': method<OffboardingPreview>()({
    input: z.object({ person, killSessions: z.boolean().optional() }).strict(),
    summary: 'The tasks an offboard of this person would create (nothing is changed)',
  }),
  'offboarding.start': method<OffboardingCaseView>()({
    input: z.object({ person, killSessions: z.boolean().optional(), confirm: z.literal(true) }).strict(),
    summary: 'Open a case and revoke the person everywhere now (review-required apps wait for approval)',
    mutates: true,
  }),
  'offboarding.list': method<OffboardingList>()({
    input: z.object({ status: z.enum(['open', 'closed', 'cancelled', 'all']).default('all') }).strict(),
    summary: 'Offboarding cases with their tasks and progress',
  }),
  'offboarding.get': method<OffboardingCaseView>()({
    input: z.object({ caseId }).strict(),
    summary: 'One offboarding case with its tasks',
  }),
  'offboarding.approve': method<OffboardingCaseView[]>()({
    input: selection,
    summary: 'Approve held tasks (per task or a whole case) and run them now',
    mutates: true,
  }),
  'offboarding.skip': method<OffboardingCaseView[]>()({
    input: z
      .object({ taskIds: taskIds.optional(), caseId: caseId.optional(), reason })
      .strict()
      .refine((v) => (v.taskIds ? 1 : 0) + (v.caseId ? 1 : 0) === 1, {
        message: 'give either taskIds or caseId',
      }),
    summary: 'Skip open tasks with a reason (audited)',
    mutates: true,
  }),
  'offboarding.completeManual': method<OffboardingCaseView>()({
    input: z
      .object({ taskId: z.number().int().positive(), note: z.string().trim().max(500).default('') })
      .strict(),
    summary: 'Mark a manual or checklist task done',
    mutates: true,
  }),
  'offboarding.verify': method<OffboardingCaseView>()({
    input: z.object({ caseId }).strict(),
    summary: 'Re-read every automated app and prove the accounts are inactive (or flag them)',
    mutates: true,
  }),
  'offboarding.evidence': method<{ format: 'json' | 'html'; fileName: string; content: string }>()({
    input: z
      .object({
        caseId,
        format: z.enum(['json', 'html']).default('json'),
        /** The reader's IANA time zone (e.g. "Europe/Paris"): the printable page shows local times in it. */
        timeZone: z.string().min(1).max(64).optional(),
        /** The reader's locale (e.g. "en-GB") for those times. */
        locale: z.string().min(2).max(35).optional(),
      })
      .strict(),
    summary: 'The evidence of a case: every app, what was done, by whom, when, verification and audit seqs',
  }),
} as const;
