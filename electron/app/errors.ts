// Typed errors with a stable code, the thing involved and a hint the admin can act on; and the one sentence an
// admin reads for any failure (errorText).
import type { ApiError, ApiErrorCode } from '../../shared/api/result';
import { redact } from '../log/logger';

export class LanyardError extends Error {
  readonly code: ApiErrorCode;
  readonly hint: string | undefined;
  readonly path: string | undefined;
  readonly issues: { path: string; message: string }[] | undefined;

  constructor(
    code: ApiErrorCode,
    message: string,
    opts: {
      hint?: string;
      path?: string;
      issues?: { path: string; message: string }[];
      cause?: unknown;
    } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'LanyardError';
    this.code = code;
    this.hint = opts.hint;
    this.path = opts.path;
    this.issues = opts.issues;
  }

  toApiError(): ApiError {
    const e: ApiError = { code: this.code, message: this.message };
    if (this.hint) e.hint = this.hint;
    if (this.path !== undefined) e.path = this.path;
    if (this.issues) e.issues = this.issues;
    return e;
  }
}

/** Formats a zod-style path (["apps", 1, "deprovision"]) as `apps[1].deprovision`. */
export const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((acc, seg) => {
    if (typeof seg === 'number') return `${acc}[${seg}]`;
    const s = String(seg);
    return acc ? `${acc}.${s}` : s;
  }, '');

/**
 * What went wrong and what to do, in one line: the error's message followed by its hint, secrets redacted. The one
 * explainer for every place a failure reaches an admin — a run's error, an app's health, a connection test.
 */
export const errorText = (err: unknown): string => {
  const e = err as { message?: string; hint?: string } | null | undefined;
  return redact(`${e?.message ?? String(err)}${e?.hint ? ` ${e.hint}` : ''}`).slice(0, 2000);
};
