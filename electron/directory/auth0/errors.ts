// Turns Auth0's error bodies into admin-readable errors: Management API errors
// `{"statusCode","error","message","errorCode"}` (api-contracts.md §4.4) and token endpoint errors
// `{"error","error_description"}`. A 403 insufficient_scope names the scopes Auth0 expected.
import { HttpError } from '../../http';

const GRANT_PLACE =
  'Auth0 dashboard → Applications → APIs → Auth0 Management API → Machine to Machine Applications';

interface Auth0ErrorBody {
  statusCode?: number;
  error?: string;
  message?: string;
  errorCode?: string;
  error_description?: string;
}

/** The scopes a 403 insufficient_scope names ("Insufficient scope, expected any of: read:users"). */
export const missingScopes = (err: unknown): string[] => {
  if (!(err instanceof HttpError) || err.status !== 403) return [];
  const body = err.body as Auth0ErrorBody | undefined;
  const m = /expected (?:any|all) of:\s*([\w:,\s]+)/i.exec(body?.message ?? '');
  return m ? m[1]!.split(/[\s,]+/).filter(Boolean) : [];
};

const hintFor = (status: number | undefined, b: Auth0ErrorBody, isToken: boolean): string | undefined => {
  if (isToken && status === 401)
    return 'Auth0 rejected the client ID or secret. Copy them from Applications → (your app) → Settings and store the secret again.';
  if (isToken && status === 403)
    return `The application is not authorised for the Management API. Authorise it in ${GRANT_PLACE}.`;
  if (status === 401)
    return 'Auth0 rejected the access token even after a fresh one; check that the application still exists.';
  if (b.errorCode === 'insufficient_scope') {
    const scopes = /expected (?:any|all) of:\s*([\w:,\s]+)/i.exec(b.message ?? '')?.[1]?.trim();
    return `Grant the application ${scopes ? `the ${scopes} scope` : 'the missing scope'} in ${GRANT_PLACE}.`;
  }
  if (status === 404) return 'Auth0 has no such user or role; it may have been deleted.';
  if (status === 400 && /1000 records|checkpoint/i.test(b.message ?? ''))
    return "Auth0 limits offset paging to 1,000 records; this is a bug in Lanyard's paging, please report it.";
  return undefined;
};

/** Errors already rewritten (a token failure surfaces again through the API request that needed the token). */
const explained = new WeakSet<object>();

export const explainAuth0Error = (err: unknown, what: string, isToken = false): unknown => {
  if (!(err instanceof HttpError) || err.kind !== 'status' || explained.has(err)) return err;
  const b = (typeof err.body === 'object' && err.body !== null ? err.body : {}) as Auth0ErrorBody;
  const text = b.message ?? b.error_description;
  const code = b.errorCode ?? (isToken ? b.error : undefined);
  if (!text && !code) return err;
  const rewritten = new HttpError({
    kind: err.kind,
    connector: err.connector,
    method: err.method,
    url: err.url,
    status: err.status,
    body: err.body,
    excerpt: err.excerpt,
    attempts: err.attempts,
    message: `${what}: Auth0 answered ${err.status ?? '?'}${b.error && !isToken ? ` ${b.error}` : ''}${code ? ` (${code})` : ''}${text ? `: ${text}` : ''}`,
    hint: hintFor(err.status, b, isToken),
    cause: err,
  });
  explained.add(rewritten);
  return rewritten;
};
