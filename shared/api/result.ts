// The envelope every transport returns: a value, or an error an admin can act on.
// Errors carry a stable `code` for programs and a `message` (+ optional `hint`) for people.

export type ApiErrorCode =
  | 'bad_input' // the input failed the contract's schema; `path` names the field
  | 'not_found' // unknown method, or the thing named does not exist
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'keychain_unavailable'
  | 'upstream' // an IdP or app answered with an error
  | 'held' // the operation was held for review
  | 'internal';

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  hint?: string;
  /** For bad_input: the path of the offending field, e.g. "guardrails.maxDeprovisionsPerRun". */
  path?: string;
  issues?: { path: string; message: string }[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
