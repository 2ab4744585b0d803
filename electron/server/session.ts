// The launch token and the session cookie: a request is authenticated by `Cookie: lanyard_session=<token>` or
// `Authorization: Bearer <token>`. Opening the printed URL (`/?token=…`) swaps the token for an HttpOnly cookie.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const SESSION_COOKIE = 'lanyard_session';

/** 32 random bytes, base64url: unguessable, and safe in a URL, a cookie and a header without escaping. */
export const createToken = (): string => randomBytes(32).toString('base64url');

export const tokensEqual = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const cookieValue = (header: string | undefined, name: string): string[] => {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
};

/** Whether the request carries the token, as a bearer token or as the session cookie. */
export const isAuthenticated = (headers: IncomingHttpHeaders, token: string): boolean => {
  const auth = headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth.trim());
    if (m && tokensEqual(m[1]!, token)) return true;
  }
  // Another Lanyard on another port of the same host may have set its own cookie too; any match will do.
  return cookieValue(headers.cookie, SESSION_COOKIE).some((v) => tokensEqual(v, token));
};

export const sessionCookie = (token: string): string =>
  `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;

/**
 * For a page URL carrying `?token=`, the same path and query without it (where the 303 points), else null.
 * Only the path is kept, so the redirect can never leave this origin.
 */
export const tokenExchange = (rawUrl: string): { token: string; location: string } | null => {
  const q = rawUrl.indexOf('?');
  if (q < 0) return null;
  const params = new URLSearchParams(rawUrl.slice(q + 1));
  const token = params.get('token');
  if (token === null) return null;
  params.delete('token');
  const rest = params.toString();
  const path = rawUrl.slice(0, q);
  return {
    token,
    location: (path.startsWith('/') && !path.startsWith('//') ? path : '/') + (rest ? `?${rest}` : ''),
  };
};
