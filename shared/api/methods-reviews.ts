// Contract methods of access reviews (issue #13): campaigns over a snapshot of every in-scope account, decisions
// per item (keep / revoke / change role / not mine), reviewer sheets (CSV, printable HTML) for people without
// Lanyard and their import, carrying revokes and role changes out through the gate, exceptions, and the campaign
// report (CSV, JSON, printable HTML) with the ledger's signed head. Merged into shared/api/contract.ts.
import { z } from 'zod';
import { method } from './define';
import { reviewPlanFields, reviewerSchema } from '../config/reviews-schema';
import type {
  ReviewCampaignSummary,
  ReviewCampaignView,
  ReviewItemPage,
  ReviewsStatus,
  ReviewSheet,
  SheetImportResult,
  ReviewDecideResult,
  AccessExceptionView,
  ReviewApplyResult,
  ReviewCloseResult,
} from './reviews-types';

export * from './reviews-types';

const campaignId = z.number().int().positive();
const comment = z.string().trim().max(1000);

export const reviewDecisionInputSchema = z
  .object({
    itemId: z.number().int().positive(),
    decision: z.enum(['keep', 'revoke', 'change-role', 'not-mine']),
    role: z.string().trim().min(1).max(200).optional(),
    reassignTo: reviewerSchema.optional(),
    comment: comment.optional(),
  })
  .strict()
  .refine((d) => d.decision !== 'change-role' || d.role, {
    message: 'change-role needs the new role',
    path: ['role'],
  });
export type ReviewDecisionInput = z.infer<typeof reviewDecisionInputSchema>;

const reportFormat = {
  /** The reader's IANA time zone and locale: the printable page shows local times in them. */
  timeZone: z.string().min(1).max(64).optional(),
  locale: z.string().min(2).max(35).optional(),
};

export const reviewsMethods = {
  'reviews.list': method<{ campaigns: ReviewCampaignSummary[]; status: ReviewsStatus }>()({
    input: z.object({ status: z.enum(['open', 'closed', 'all']).default('all') }).strict(),
    summary: 'Access review campaigns with their progress, and what is due or overdue',
  }),
  'reviews.status': method<ReviewsStatus>()({
    input: z.object({}).strict(),
    summary: 'Open, due and overdue access reviews (tray, Overview)',
  }),
  'reviews.get': method<ReviewCampaignView>()({
    input: z.object({ campaignId }).strict(),
    summary: 'One campaign: scope, snapshot time, reviewers and their progress',
  }),
  'reviews.items': method<ReviewItemPage>()({
    input: z
      .object({
        campaignId,
        reviewer: reviewerSchema.optional(),
        appId: z.string().min(1).max(63).optional(),
        kind: z.enum(['account', 'orphan', 'departed']).optional(),
        /** open: no decision yet; decided: any; or one decision. */
        state: z.enum(['open', 'decided', 'keep', 'revoke', 'change-role']).optional(),
        /** Case-insensitive match on person, userName, email, app, role and grantedBy. */
        search: z.string().trim().max(200).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    summary:
      'The items of a campaign (filtered, paged) with their decisions and the ops that carried them out',
  }),
  'reviews.start': method<ReviewCampaignView>()({
    input: z
      .object({
        name: z.string().trim().min(1).max(200),
        /** ISO date or date-time; a date means the end of that day (UTC). */
        dueAt: z.string().min(10).max(40),
        ...reviewPlanFields,
      })
      .strict(),
    summary:
      'Start a campaign: snapshot every in-scope account, orphan and departed person, and assign reviewers',
    mutates: true,
  }),
  'reviews.decide': method<ReviewDecideResult>()({
    input: z
      .object({
        campaignId,
        decisions: z.array(reviewDecisionInputSchema).min(1).max(10_000),
        /** The reviewer the admin decides for (default: each item's reviewer). */
        forReviewer: reviewerSchema.optional(),
      })
      .strict(),
    summary: 'Record decisions on items (keep, revoke, change role, not mine); each is a ledger event',
    mutates: true,
  }),
  'reviews.exportSheet': method<ReviewSheet>()({
    input: z
      .object({
        campaignId,
        reviewer: reviewerSchema,
        format: z.enum(['csv', 'html']).default('csv'),
        ...reportFormat,
      })
      .strict(),
    summary: "A reviewer's sheet (CSV to fill in, or a printable page); reading it changes nothing",
  }),
  'reviews.importSheet': method<SheetImportResult>()({
    input: z
      .object({
        csv: z.string().min(1).max(20_000_000),
        /** Check only: report what would be recorded and every error, record nothing. */
        dryRun: z.boolean().default(false),
      })
      .strict(),
    summary:
      'Import a returned reviewer sheet: all rows valid or nothing is recorded; re-importing changes nothing',
    mutates: true,
  }),
  'reviews.apply': method<ReviewApplyResult>()({
    input: z.object({ campaignId, confirm: z.literal(true) }).strict(),
    summary: 'Carry out the revokes and role changes decided so far through the gate (guardrails apply)',
    mutates: true,
  }),
  'reviews.close': method<ReviewCloseResult>()({
    input: z.object({ campaignId, confirm: z.literal(true) }).strict(),
    summary: 'Close a campaign: carry out its decisions through the gate and sign the ledger head',
    mutates: true,
  }),
  'reviews.report': method<{ format: 'csv' | 'json' | 'html'; fileName: string; content: string }>()({
    input: z
      .object({ campaignId, format: z.enum(['csv', 'json', 'html']).default('json'), ...reportFormat })
      .strict(),
    summary: 'The campaign report for auditors: every item, decision, decider, the ops and their ledger seqs',
  }),
  'reviews.exceptions': method<AccessExceptionView[]>()({
    input: z.object({ appId: z.string().min(1).max(63).optional() }).strict(),
    summary: 'Access exceptions: rule-granted access a review revoked, which sync does not re-grant',
  }),
  'reviews.removeException': method<{ removed: boolean }>()({
    input: z.object({ appId: z.string().min(1).max(63), person: z.string().trim().min(1).max(320) }).strict(),
    summary: 'Remove an access exception (audited): the rules may grant the access again on the next sync',
    mutates: true,
  }),
} as const;
