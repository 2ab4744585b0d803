// The error the renderer throws when a call fails, carrying the core's ApiError (code, hint, field path)
// so pages can show the message next to the field it concerns.
import type { ApiError, ApiErrorCode, ApiResult } from '../../../shared/api/result';

export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  readonly hint: string | undefined;
  readonly path: string | undefined;
  readonly issues: { path: string; message: string }[];

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.hint = error.hint;
    this.path = error.path;
    this.issues = error.issues ?? [];
  }

  /** Messages keyed by field path ("guardrails.maxDeprovisionPercent"), for showing errors next to inputs. */
  fieldErrors(): Map<string, string> {
    const out = new Map<string, string>();
    for (const issue of this.issues)
      if (issue.path && !out.has(issue.path)) out.set(issue.path, issue.message);
    if (this.path && !out.has(this.path)) out.set(this.path, this.message);
    return out;
  }
}

export const unwrap = <T>(result: ApiResult<T>): T => {
  if (result.ok) return result.value;
  throw new ApiCallError(result.error);
};

/** Errors that will not go away by asking again. */
export const isPermanent = (err: unknown): boolean =>
  err instanceof ApiCallError && ['bad_input', 'unauthorized', 'forbidden', 'not_found'].includes(err.code);
