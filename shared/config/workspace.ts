// The workspace file schema (docs/workspace-config.md): Lanyard's stable outside interface.
// Add fields freely; never rename or remove one without a migration path.
import { z } from 'zod';
import { guardrailsSchema, offboardingSettingsSchema, scheduleSchema } from '../domain/settings';
import { hiddenCharacterProblem, workspaceUrlProblem } from './input-rules';
import { name, plain, ref, tuning, url, visible } from './schema-parts';
import { directoryConfigSchema } from './directory-schema';
import { accessExceptionSchema, reviewDefinitionSchema, reviewerSchema } from './reviews-schema';

export { hiddenCharacterProblem, workspaceUrlProblem };
export { directoryConfigSchema, type DirectoryConfig, type DirectoryKind } from './directory-schema';

export const deprovisionSchema = z.union(
  [
    z.literal('deactivate'),
    z.literal('delete'),
    z.object({ deactivateThenDeleteAfterDays: z.number().int().min(1).max(3650) }).strict(),
  ],
  { error: 'expected "deactivate" | "delete" | {deactivateThenDeleteAfterDays}' },
);
export type DeprovisionMode = z.infer<typeof deprovisionSchema>;

export const reviewPolicySchema = z.enum(['auto', 'required']);

const appId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lowercase letters, digits and "-" (e.g. "slack" or "jira-cloud")');

const rateLimit = z
  .object({
    requestsPerMinute: z.number().int().min(1).max(100_000).optional(),
    writesPerMinute: z.number().int().min(1).max(100_000).optional(),
    burst: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();

/** Most protected accounts one app may list: a short list of named exceptions, not a second directory. */
export const MAX_PROTECTED_ACCOUNTS = 200;

/**
 * Accounts Lanyard must never change in this app (break-glass admins, service accounts, bots): userNames (GitHub:
 * logins), also compared with the account's emails, case-insensitively. Messages never quote the entries.
 */
export const protectedAccountsSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1, 'expected a userName, login or email, not an empty entry')
      .max(320, 'expected a userName, login or email of at most 320 characters'),
  )
  .max(MAX_PROTECTED_ACCOUNTS, `at most ${MAX_PROTECTED_ACCOUNTS} protected accounts per app`)
  .superRefine((names, ctx) => {
    const first = new Map<string, number>();
    names.forEach((n, i) => {
      const k = n.toLowerCase();
      const at = first.get(k);
      if (at === undefined) first.set(k, i);
      else
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `listed twice: the same account as protected[${at}] (compared case-insensitively)`,
        });
    });
  })
  .describe(
    'Accounts Lanyard never changes in this app (break-glass admins, service accounts, bots): userNames ' +
      '(GitHub: logins), also matched against the account emails, case-insensitively.',
  );

/** Destructive-op limits for one app, on top of the workspace guardrails (whichever is lower holds ops first). */
export const appLimitsSchema = z
  .object({
    maxDeprovisionsPerRun: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .optional()
      .describe('Destructive ops of this app in one run; more are held for review. 0 holds every one.'),
    maxDeprovisionsPerWindow: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .optional()
      .describe(
        'Destructive ops of this app executed within the rolling window (guardrails.windowMinutes); more are held.',
      ),
  })
  .strict()
  .describe('Limits on destructive ops for this app, in addition to the workspace guardrails.');
export type AppLimits = z.infer<typeof appLimitsSchema>;

const appCommon = {
  id: appId,
  name,
  deprovision: deprovisionSchema.default('deactivate'),
  review: reviewPolicySchema.default('auto'),
  protected: protectedAccountsSchema.optional(),
  limits: appLimitsSchema.optional(),
  /** Who answers for this app's access in access reviews (an email or directory login). */
  owner: reviewerSchema.optional(),
};

const scimAuth = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bearer'), token: ref }).strict(),
  z.object({ type: z.literal('basic'), username: plain, password: ref }).strict(),
  z
    .object({
      type: z.literal('oauth-client-credentials'),
      tokenUrl: url,
      clientId: plain,
      clientSecret: ref,
      scope: z.string().superRefine(visible()).optional(),
    })
    .strict(),
]);

export const scimAppSchema = z
  .object({
    ...appCommon,
    kind: z.literal('scim'),
    preset: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .default('generic'),
    baseUrl: url,
    auth: scimAuth,
    rateLimit: rateLimit.optional(),
    groupBatchSize: z.number().int().min(1).max(1000).optional(),
    ...tuning,
  })
  .strict();

export const githubAppSchema = z
  .object({
    ...appCommon,
    kind: z.literal('github'),
    org: plain,
    baseUrl: url.default('https://api.github.com'),
    auth: z.object({ type: z.literal('bearer'), token: ref }).strict(),
    usernameAttribute: plain.default('githubUsername'),
    rateLimit: rateLimit.optional(),
    ...tuning,
  })
  .strict();

export const manualAppSchema = z
  .object({
    ...appCommon,
    kind: z.literal('manual'),
    /** Who does the checklist tasks, shown on each task (free text: a person or team). */
    assignee: z.string().max(200).superRefine(visible()).optional(),
    instructions: z.string().max(4000).superRefine(visible(true)).optional(),
  })
  .strict();

export const appConfigSchema = z.discriminatedUnion('kind', [
  scimAppSchema,
  githubAppSchema,
  manualAppSchema,
]);
export type AppConfig = z.infer<typeof appConfigSchema>;
export type ScimAppConfig = z.infer<typeof scimAppSchema>;
export type GithubAppConfig = z.infer<typeof githubAppSchema>;
export type ManualAppConfig = z.infer<typeof manualAppSchema>;

/** How admins and reasons call a rule ("rule 'Engineering → GitHub'"); unique in the workspace, any case. */
const ruleName = z.string().trim().min(1).max(120).superRefine(visible());

export const ruleSchema = z
  .object({
    /** Optional: reasons and the UI say "rule 'NAME'" instead of "rule 2". */
    name: ruleName.optional(),
    /** Optional: why the rule exists, for the next admin (shown on the Access rules page). */
    description: z.string().max(1000).superRefine(visible(true)).optional(),
    app: appId,
    /** Members of any of these directory groups match. */
    groups: z.array(plain).min(1).optional(),
    /** Members of all of these directory groups match. */
    allGroups: z.array(plain).min(1).optional(),
    /** Profile attribute conditions, all must hold: { department: Engineering } or { title: [A, B] } (any of). */
    attributes: z
      .record(
        z.string().superRefine(visible()),
        z.union([z.string().superRefine(visible()), z.array(z.string().superRefine(visible())).min(1)]),
      )
      .optional(),
    role: plain.optional(),
    /** GitHub teams (slugs) to be a member of. */
    teams: z.array(plain).optional(),
    /** SCIM groups in the app to be a member of. */
    appGroups: z.array(plain).optional(),
    /**
     * Kept for files written before list order was the one ordering concept: a higher priority wins the role before
     * list order does (default 0). New rules leave it out and are ordered by their place in the list.
     */
    priority: z.number().int().min(-1000).max(1000).optional(),
  })
  .strict()
  .refine((r) => r.groups || r.allGroups || r.attributes, {
    message: 'a rule needs groups, allGroups or attributes to say who it matches',
  });
export type RuleConfig = z.infer<typeof ruleSchema>;

export const workspaceSchema = z
  .object({
    directory: directoryConfigSchema.optional(),
    apps: z.array(appConfigSchema).default([]),
    rules: z.array(ruleSchema).default([]),
    guardrails: guardrailsSchema.partial().strict().optional(),
    offboarding: offboardingSettingsSchema.partial().strict().optional(),
    schedule: scheduleSchema.partial().strict().optional(),
    /** Recurring access reviews (issue #13). */
    reviews: z.array(reviewDefinitionSchema).optional(),
    /** Access a review revoked although a rule grants it: the planner does not grant it again. */
    exceptions: z.array(accessExceptionSchema).optional(),
  })
  .strict()
  .superRefine((ws, ctx) => {
    const seen = new Set<string>();
    ws.apps.forEach((a, i) => {
      if (seen.has(a.id))
        ctx.addIssue({ code: 'custom', path: ['apps', i, 'id'], message: `duplicate app id "${a.id}"` });
      seen.add(a.id);
    });
    ruleNameIssues(ws.rules).forEach((i) => ctx.addIssue({ code: 'custom', ...i }));
    ws.rules.forEach((r, i) => {
      if (!seen.has(r.app)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'app'],
          message: `no app with id "${r.app}" in apps`,
        });
      }
    });
    reviewReferenceIssues(ws, seen).forEach((i) => ctx.addIssue({ code: 'custom', ...i }));
  });
/** Rule names are unique (any case): a reason naming a rule must point at one rule. */
export function ruleNameIssues(rules: readonly { name?: string | undefined }[]): {
  path: (string | number)[];
  message: string;
}[] {
  const first = new Map<string, number>();
  return rules.flatMap((r, i) => {
    if (r.name === undefined) return [];
    const key = r.name.toLowerCase();
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, i);
    return earlier === undefined
      ? []
      : [
          {
            path: ['rules', i, 'name'],
            message: `rule ${earlier + 1} is already named '${r.name}'; give each rule its own name`,
          },
        ];
  });
}
/** `reviews:` and `exceptions:` name apps of the workspace; review ids are unique. */
function reviewReferenceIssues(
  ws: {
    reviews?: { id: string; apps?: string[]; reviewers?: Record<string, string> }[] | undefined;
    exceptions?: { app: string; person: string }[] | undefined;
  },
  apps: Set<string>,
): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const ids = new Set<string>();
  (ws.reviews ?? []).forEach((r, i) => {
    if (ids.has(r.id)) out.push({ path: ['reviews', i, 'id'], message: `duplicate review id "${r.id}"` });
    ids.add(r.id);
    (r.apps ?? []).forEach((a, j) => {
      if (!apps.has(a))
        out.push({ path: ['reviews', i, 'apps', j], message: `no app with id "${a}" in apps` });
    });
    Object.keys(r.reviewers ?? {}).forEach((a) => {
      if (!apps.has(a))
        out.push({ path: ['reviews', i, 'reviewers', a], message: `no app with id "${a}" in apps` });
    });
  });
  const pairs = new Set<string>();
  (ws.exceptions ?? []).forEach((e, i) => {
    if (!apps.has(e.app))
      out.push({ path: ['exceptions', i, 'app'], message: `no app with id "${e.app}" in apps` });
    const key = `${e.app}\u0000${e.person.toLowerCase()}`;
    if (pairs.has(key))
      out.push({ path: ['exceptions', i], message: `listed twice: ${e.app} × ${e.person}` });
    pairs.add(key);
  });
  return out;
}

export type WorkspaceInput = z.input<typeof workspaceSchema>;
export type Workspace = z.infer<typeof workspaceSchema>;
