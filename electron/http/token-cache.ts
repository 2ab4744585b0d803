// Caches an OAuth access token until shortly before it expires; concurrent callers share one fetch.

export interface FetchedToken {
  accessToken: string;
  /** Lifetime in seconds, from the token response's expires_in. */
  expiresIn: number;
}

export interface TokenCache {
  /** A valid access token, fetched when missing or within `skewSeconds` of expiry. */
  get(): Promise<string>;
  /** Drops the cached token (after a 401), so the next get() fetches a new one. */
  invalidate(): void;
}

export const createTokenCache = (
  fetchToken: () => Promise<FetchedToken>,
  opts: { skewSeconds?: number; now?: () => number } = {},
): TokenCache => {
  const skewMs = (opts.skewSeconds ?? 60) * 1000;
  const now = opts.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  return {
    get() {
      if (cached && now() < cached.expiresAt - skewMs) return Promise.resolve(cached.token);
      inflight ??= fetchToken()
        .then((t) => {
          cached = { token: t.accessToken, expiresAt: now() + Math.max(0, t.expiresIn) * 1000 };
          return t.accessToken;
        })
        .finally(() => {
          inflight = undefined;
        });
      return inflight;
    },
    invalidate() {
      cached = undefined;
    },
  };
};
