// Access reviews in the workspace file (issue #13): the scope and reviewer assignment of a campaign, recurring
// review definitions (`reviews:`), and access exceptions (`exceptions:`) recorded when a review revokes access a
// rule grants. Shared by the workspace schema (workspace.ts) and the API contract (shared/api/methods-reviews.ts).
import { z } from 'zod';
import { hiddenCharacterProblem } from './input-rules';

const visible = (value: string, ctx: z.core.$RefinementCtx<string>): void => {
  const problem = hiddenCharacterProblem(value, false);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

export const reviewAppIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lowercase letters, digits and "-" (e.g. "slack" or "jira-cloud")');

/** A reviewer: an email (or directory login) of someone who decides; they need no Lanyard access. */
export const reviewerSchema = z
  .string()
  .trim()
  .min(1, 'expected a reviewer email or login')
  .max(320)
  .superRefine(visible)
  .describe('A reviewer: an email or directory login. Reviewers need no Lanyard access: they get a sheet.');

/** Which people's accounts are in scope (all people when absent); orphans are always in scope. */
export const reviewPeopleFilterSchema = z
  .object({
    /** Members of any of these directory groups. */
    groups: z.array(z.string().min(1).superRefine(visible)).min(1).optional(),
    /** Profile attribute conditions, all must hold: { department: Engineering } or { title: [A, B] } (any of). */
    attributes: z
      .record(
        z.string().min(1).superRefine(visible),
        z.union([z.string().superRefine(visible), z.array(z.string().superRefine(visible)).min(1)]),
      )
      .optional(),
  })
  .strict()
  .describe('Only the accounts of people matching this filter (orphan accounts are always reviewed).');
export type ReviewPeopleFilter = z.infer<typeof reviewPeopleFilterSchema>;

/** How an item's reviewer is chosen, first match wins; items with none go to the fallback. */
export const reviewerSourceSchema = z.enum(['named', 'owner', 'manager']);
export type ReviewerSource = z.infer<typeof reviewerSourceSchema>;

/** What a campaign covers and who reviews it: shared by `reviews.start` and recurring definitions. */
export const reviewPlanFields = {
  /** The apps in scope (default: every app in the workspace). */
  apps: z.array(reviewAppIdSchema).min(1).max(500).optional(),
  people: reviewPeopleFilterSchema.optional(),
  /** Reviewer sources in order: a named reviewer of the app, the app's `owner`, the person's manager. */
  assign: z.array(reviewerSourceSchema).min(1).max(3).default(['named', 'owner', 'manager']),
  /** Named reviewers per app id: { badge: office@acme.io }. */
  reviewers: z.record(reviewAppIdSchema, reviewerSchema).optional(),
  /** Reviews every item nobody else can (no owner, no manager, or the reviewer's own access). */
  fallback: reviewerSchema,
};

export const reviewEverySchema = z.enum(['month', 'quarter', 'half-year', 'year']);
export type ReviewEvery = z.infer<typeof reviewEverySchema>;

/** A recurring review (`reviews:` in the workspace file): a campaign starts at the beginning of each period. */
export const reviewDefinitionSchema = z
  .object({
    id: reviewAppIdSchema.describe('Stable id of this recurring review'),
    name: z.string().trim().min(1).max(200).superRefine(visible),
    every: reviewEverySchema.default('quarter'),
    /** Days from the campaign's start to its due date. */
    dueDays: z.number().int().min(1).max(365).default(14),
    ...reviewPlanFields,
  })
  .strict();
export type ReviewDefinition = z.infer<typeof reviewDefinitionSchema>;

/**
 * An access exception (`exceptions:`), recorded when an access review overrides what a rule grants. Without
 * `role`: this person must not have this app even though a rule grants it (the review revoked it); the planner
 * plans no create, reactivate or role change for it. With `role`: the person keeps the app the rules grant, with
 * this role instead of the rule's (the review changed it); the planner sets that role and never reverts it.
 * Remove the entry to let the rules decide again.
 */
export const accessExceptionSchema = z
  .object({
    app: reviewAppIdSchema,
    /** The person: directory email, login or id. */
    person: z.string().trim().min(1).max(320).superRefine(visible),
    /** The role the review decided (absent: the review revoked the access). */
    role: z.string().trim().min(1).max(200).superRefine(visible).optional(),
    /** The campaign whose decision made it. */
    campaign: z.number().int().positive().optional(),
    comment: z.string().max(1000).optional(),
    by: z.string().max(200).optional(),
    at: z.string().max(40).optional(),
  })
  .strict();
export type AccessException = z.infer<typeof accessExceptionSchema>;
