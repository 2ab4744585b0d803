// The launch token and the browser session. The printed URL (`/?token=…`) is a one-time sign-in link: the first
// GET that presents the token gets a separate, random session id as an HttpOnly cookie and a redirect to `/`; the
// token is then spent for links (a second exchange is refused with a page that says why). Scripts may still send
// the token as `Authorization: Bearer <token>`; browsers never send that header by themselves.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const SESSION_COOKIE = 'lanyard_session';

/** Where a token exchange always redirects: a fixed local path, never anything taken from the request. */
export const EXCHANGE_REDIRECT = '/';

/** 32 random bytes, base64url: unguessable, and safe in a URL, a cookie and a header without escaping. */
export const createToken = (): string => randomBytes(32).toString('base64url');

export const tokensEqual = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const cookieValues = (header: string | undefined, name: string): string[] => {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
};

export const sessionCookie = (sessionId: string): string =>
  `${SESSION_COOKIE}=${sessionId}; HttpOnly; SameSite=Strict; Path=/`;

/** The `?token=` of a page URL, or null when it has none. */
export const tokenInUrl = (rawUrl: string): string | null => {
  const q = rawUrl.indexOf('?');
  if (q < 0) return null;
  return new URLSearchParams(rawUrl.slice(q + 1)).get('token');
};

export type ExchangeOutcome =
  | { kind: 'session'; sessionId: string }
  /** The right token, presented again after its one exchange. */
  | { kind: 'spent' }
  | { kind: 'wrong' };

export interface Sessions {
  /** Trades the launch token for the one browser session; only the first right token gets one. */
  exchange(given: string): ExchangeOutcome;
  /** Whether the request carries the bearer token or the session cookie. */
  isAuthenticated(headers: IncomingHttpHeaders): boolean;
}

export const createSessions = (launchToken: string): Sessions => {
  let sessionId: string | null = null;
  return {
    exchange(given) {
      if (!tokensEqual(given, launchToken)) return { kind: 'wrong' };
      if (sessionId !== null) return { kind: 'spent' };
      sessionId = createToken();
      return { kind: 'session', sessionId };
    },
    isAuthenticated(headers) {
      const auth = headers.authorization;
      if (auth) {
        const m = /^Bearer\s+(\S+)$/i.exec(auth.trim());
        if (m && tokensEqual(m[1]!, launchToken)) return true;
      }
      const id = sessionId;
      // Another Lanyard on another port of the same host may have set its own cookie too; any match will do.
      return id !== null && cookieValues(headers.cookie, SESSION_COOKIE).some((v) => tokensEqual(v, id));
    },
  };
};
