// Turns Google's error bodies into admin-readable errors (api-contracts.md §3.5, §3.6), and retries the quota
// refusals Google sends as 403 (userRateLimitExceeded, quotaExceeded), which the shared HttpClient cannot tell
// apart from a permission 403 by status alone.
import { HttpError } from '../../http';
import { realSleep, type Sleep } from '../../http/rate-limit';
import { backoffMs } from '../../http/retry-policy';
import { shortScope } from './scopes';

interface GoogleApiError {
  code?: number;
  message?: string;
  errors?: { reason?: string; message?: string }[];
}

/** Reasons Google documents as "slow down and retry" (§3.6); dailyLimitExceeded is not worth retrying today. */
const QUOTA_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);

export const googleReason = (err: unknown): string | undefined => {
  if (!(err instanceof HttpError)) return undefined;
  const body = err.body as { error?: GoogleApiError | string } | undefined;
  if (body && typeof body.error === 'object') return body.error.errors?.[0]?.reason;
  if (body && typeof body.error === 'string') return body.error;
  return undefined;
};

const hintFor = (
  status: number | undefined,
  reason: string | undefined,
  message: string,
  scopeNeeded: string | undefined,
  adminEmail: string,
): string | undefined => {
  const scope = scopeNeeded ? shortScope(scopeNeeded) : 'the Directory API scopes';
  if (reason === 'unauthorized_client') {
    return `The service account's client ID is not authorised for ${scope} in domain-wide delegation. Add it in the Admin console → Security → API controls → Domain-wide delegation.`;
  }
  if (reason === 'invalid_grant') {
    if (/email|user id/i.test(message))
      return `Google does not know the admin to impersonate (${adminEmail}). Set adminEmail to an existing Workspace admin.`;
    return "Google rejected the signed assertion: the key may be deleted or disabled, or this machine's clock is wrong. Create a new JSON key and store it again.";
  }
  if (status === 401)
    return 'Google rejected the access token. Check that the service account and its key still exist.';
  if (reason === 'insufficientPermissions') {
    return `The token lacks ${scope}. Add it to the service account's client ID in domain-wide delegation.`;
  }
  if (status === 403 && (reason === 'forbidden' || /not authorized/i.test(message))) {
    return `The service account lacks ${scope} in domain-wide delegation, or ${adminEmail} is not an admin allowed to do this. Check Admin console → Security → API controls → Domain-wide delegation, and the admin's roles.`;
  }
  if (reason === 'dailyLimitExceeded')
    return 'The Google Cloud project has used its daily Directory API quota; the next run after the reset will continue.';
  if (QUOTA_REASONS.has(reason ?? '')) return 'Google kept refusing for quota; the next run will try again.';
  if (status === 404) return 'Google has no such user or group; it may have been deleted.';
  if (status === 400 && /customer/i.test(message))
    return 'Check the customer setting: use "my_customer" or the customer ID from Admin console → Account settings.';
  return undefined;
};

/** Errors already rewritten (a token failure surfaces again through the API request that needed the token). */
const explained = new WeakSet<object>();

/** Rewrites an HttpError that carries a Google error body; anything else is returned unchanged. */
export const explainGoogleError = (
  err: unknown,
  ctx: { what: string; scope?: string; adminEmail: string },
): unknown => {
  if (!(err instanceof HttpError) || err.kind !== 'status' || explained.has(err)) return err;
  const body = err.body as { error?: GoogleApiError | string; error_description?: string } | undefined;
  if (!body || body.error === undefined) return err;
  const reason = googleReason(err);
  const message =
    typeof body.error === 'object' ? (body.error.message ?? '') : (body.error_description ?? '');
  const described = [reason, message].filter(Boolean).join(': ');
  const rewritten = new HttpError({
    kind: err.kind,
    connector: err.connector,
    method: err.method,
    url: err.url,
    status: err.status,
    body: err.body,
    excerpt: err.excerpt,
    attempts: err.attempts,
    message: `${ctx.what}: Google answered ${err.status ?? '?'}${described ? ` (${described})` : ''}`,
    hint: hintFor(err.status, reason, message, ctx.scope, ctx.adminEmail),
    cause: err,
  });
  explained.add(rewritten);
  return rewritten;
};

export interface QuotaRetry {
  maxRetries: number;
  backoffBaseMs: number;
  maxBackoffMs: number;
  sleep?: Sleep;
}

/** Runs `fn`, retrying Google's 403 quota refusals with jittered exponential backoff. */
export const withQuotaRetry = async <T>(fn: () => Promise<T>, o: QuotaRetry): Promise<T> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const quota =
        err instanceof HttpError && err.status === 403 && QUOTA_REASONS.has(googleReason(err) ?? '');
      if (!quota || attempt >= o.maxRetries) throw err;
      await (o.sleep ?? realSleep)(backoffMs(attempt, o.backoffBaseMs, o.maxBackoffMs));
    }
  }
};
