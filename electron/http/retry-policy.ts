// When to retry and how long to wait: server instructions first (Retry-After, rate-limit reset headers),
// then jittered exponential backoff.

/** Milliseconds until the server allows another request, from Retry-After or reset headers; undefined if none. */
export const serverWaitMs = (headers: Headers, nowMs: number = Date.now()): number | undefined => {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const secs = Number(retryAfter);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  const remaining = headers.get('x-rate-limit-remaining') ?? headers.get('x-ratelimit-remaining');
  const reset = headers.get('x-rate-limit-reset') ?? headers.get('x-ratelimit-reset');
  if (reset && remaining !== null && Number(remaining) <= 0) {
    const epoch = Number(reset);
    // Okta, Auth0 and GitHub send epoch seconds; tolerate a delta-seconds value (small numbers).
    if (Number.isFinite(epoch)) return Math.max(0, epoch > 1e9 ? epoch * 1000 - nowMs : epoch * 1000);
  }
  return undefined;
};

/** True when the response says "slow down" rather than "no": 429, 503 with a wait, GitHub's 403 rate limits. */
export const isRateLimited = (status: number, headers: Headers, bodyText: string): boolean => {
  if (status === 429) return true;
  if (status === 503 && headers.get('retry-after')) return true;
  if (status === 403) {
    if (headers.get('retry-after')) return true;
    if ((headers.get('x-ratelimit-remaining') ?? headers.get('x-rate-limit-remaining')) === '0') return true;
    if (/rate limit/i.test(bodyText)) return true;
  }
  return false;
};

export const isRetryableStatus = (status: number): boolean =>
  status >= 500 && status !== 501 && status !== 505;

/** Full-jitter exponential backoff (AWS architecture blog): uniform in [0, min(cap, base·2^attempt)]. */
export const backoffMs = (
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number => Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));

export const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
