// Building blocks shared by the workspace file's schemas (workspace.ts, directory-schema.ts): secret references,
// URLs under the workspace URL policy, visible text (no hidden characters), names, connection tuning.
import { z } from 'zod';
import { secretRefSchema } from '../domain/secrets';
import { hiddenCharacterProblem, workspaceUrlProblem } from './input-rules';

export const ref = secretRefSchema;

export const url = z
  .string()
  .url('expected a URL such as https://acme.okta.com')
  .refine((u) => /^https?:\/\//i.test(u), 'expected an http(s) URL')
  .superRefine((u, ctx) => {
    const problem = workspaceUrlProblem(u);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const visible =
  (allowLineBreaks = false) =>
  (value: string, ctx: z.core.$RefinementCtx<string>): void => {
    const problem = hiddenCharacterProblem(value, allowLineBreaks);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };

/** A non-empty identifier-like string (client id, group name, org, role …) without hidden characters. */
export const plain = z.string().min(1).superRefine(visible());
export const name = z.string().trim().min(1).max(200).superRefine(visible());

/** Connection tuning shared by every connector; all optional, with vendor defaults. */
export const tuning = {
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  pageSize: z.number().int().min(1).max(10_000).optional(),
};
