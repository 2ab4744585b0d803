// Google service-account access tokens: a JWT assertion (RS256, kid = private_key_id) exchanged at the token
// endpoint with domain-wide delegation (sub = the Workspace admin to impersonate), api-contracts.md §3.5.
// One cached token per scope set: Google refuses the whole token when any requested scope is not delegated, so
// reading must not depend on the kill-switch scopes being delegated, and test() can name each missing scope.
import { SignJWT, importPKCS8 } from 'jose';
import { LanyardError } from '../../app/errors';
import { createTokenCache, type HttpClient, type TokenCache } from '../../http';
import { explainGoogleError } from './errors';
import { shortScope } from './scopes';

export { GOOGLE_SCOPES, GOOGLE_TOKEN_URL, shortScope } from './scopes';

export interface ServiceAccountKey {
  clientEmail: string;
  clientId: string | null;
  privateKeyId: string;
  privateKey: string;
}

/** Parses the downloaded JSON key; the error never quotes the key's content. */
export const parseServiceAccountKey = (json: string, connector: string): ServiceAccountKey => {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new LanyardError('bad_input', `${connector}: the service account key is not valid JSON`, {
      hint: 'Store the whole JSON key file downloaded from Google Cloud → IAM → Service accounts → Keys.',
    });
  }
  const str = (k: string): string | null =>
    typeof raw[k] === 'string' && raw[k] !== '' ? (raw[k] as string) : null;
  const missing = ['client_email', 'private_key', 'private_key_id'].filter((k) => !str(k));
  if (raw.type !== 'service_account' || missing.length > 0) {
    throw new LanyardError(
      'bad_input',
      `${connector}: the stored key is not a service account JSON key${missing.length ? ` (missing ${missing.join(', ')})` : ''}`,
      {
        hint: 'Create a JSON key for the service account (not an OAuth client secret) and store it again.',
      },
    );
  }
  return {
    clientEmail: str('client_email')!,
    clientId: str('client_id'),
    privateKeyId: str('private_key_id')!,
    privateKey: str('private_key')!,
  };
};

export interface GoogleTokens {
  /** An access token for exactly these scopes, cached until shortly before expiry. */
  forScopes(scopes: readonly string[]): TokenCache;
  key(): Promise<ServiceAccountKey>;
}

export const createGoogleTokens = (opts: {
  connector: string;
  tokenClient: HttpClient;
  tokenUrl: string;
  adminEmail: string;
  loadKey: () => Promise<string>;
  now: () => number;
}): GoogleTokens => {
  let keyPromise: Promise<ServiceAccountKey> | undefined;
  const key = (): Promise<ServiceAccountKey> => {
    keyPromise ??= opts.loadKey().then((json) => parseServiceAccountKey(json, opts.connector));
    keyPromise.catch(() => (keyPromise = undefined));
    return keyPromise;
  };
  const caches = new Map<string, TokenCache>();

  const fetchToken = async (scopes: readonly string[]) => {
    const k = await key();
    const signingKey = await importPKCS8(k.privateKey, 'RS256').catch((err: unknown) => {
      throw new LanyardError(
        'bad_input',
        `${opts.connector}: the service account private key could not be read`,
        { hint: 'Store the JSON key again; it may be truncated.', cause: err },
      );
    });
    const iat = Math.floor(opts.now() / 1000);
    const assertion = await new SignJWT({ scope: scopes.join(' ') })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: k.privateKeyId })
      .setIssuer(k.clientEmail)
      .setSubject(opts.adminEmail)
      .setAudience(opts.tokenUrl)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(signingKey);
    const what = `get an access token for ${scopes.map(shortScope).join(', ')}`;
    const res = await opts.tokenClient
      .request<{ access_token?: unknown; expires_in?: unknown }>({
        method: 'POST',
        path: opts.tokenUrl,
        form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion },
        // A token request has no side effect worth protecting; retrying it after a 5xx is safe.
        retryUnsafe: true,
        label: what,
      })
      .catch((err: unknown) => {
        throw explainGoogleError(err, { what, scope: scopes.join(' '), adminEmail: opts.adminEmail });
      });
    if (typeof res.body?.access_token !== 'string') {
      throw new LanyardError(
        'upstream',
        `${opts.connector}: the token endpoint answered without an access_token`,
        { hint: 'Check tokenUrl: it should be https://oauth2.googleapis.com/token.' },
      );
    }
    return {
      accessToken: res.body.access_token,
      expiresIn: typeof res.body.expires_in === 'number' ? res.body.expires_in : 3600,
    };
  };

  return {
    key,
    forScopes(scopes) {
      const id = [...scopes].sort().join(' ');
      let cache = caches.get(id);
      if (!cache) {
        cache = createTokenCache(() => fetchToken(scopes), { now: opts.now });
        caches.set(id, cache);
      }
      return cache;
    },
  };
};
