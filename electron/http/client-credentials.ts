// The OAuth 2.0 client-credentials token request every connector makes (RFC 6749 §4.4): one POST, never retried
// blindly after a timeout (retryUnsafe: a token endpoint is safe to ask again), and a clear error when the answer
// carries no access_token. Vendor-specific error explanations stay with each connector.
import { LanyardError } from '../app/errors';
import type { HttpClient } from './http-client';
import type { FetchedToken } from './token-cache';

export interface TokenRequest {
  /** Path relative to the client's base URL, or an absolute URL on its origin. */
  path: string;
  form?: Record<string, string>;
  json?: unknown;
  /** What the request is for, in words, for errors: "get an access token". */
  label: string;
  /** Lifetime to assume when the answer has no numeric expires_in. */
  defaultExpiresIn: number;
  /** The error to throw when the answer has no access_token (default: an upstream LanyardError). */
  missingToken?: () => Error;
}

export interface TokenAnswer extends FetchedToken {
  /** The whole answer, for fields some vendors add (e.g. Auth0's granted `scope`). */
  body: Record<string, unknown>;
}

export const requestAccessToken = async (client: HttpClient, req: TokenRequest): Promise<TokenAnswer> => {
  const res = await client.request<Record<string, unknown> | undefined>({
    method: 'POST',
    path: req.path,
    ...(req.form ? { form: req.form } : {}),
    ...(req.json !== undefined ? { json: req.json } : {}),
    retryUnsafe: true,
    label: req.label,
  });
  const body = res.body ?? {};
  if (typeof body.access_token !== 'string') {
    throw (
      req.missingToken?.() ??
      new LanyardError('upstream', `${client.connector}: ${req.label}: the answer has no access_token`)
    );
  }
  const expiresIn = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : req.defaultExpiresIn,
    body,
  };
};
