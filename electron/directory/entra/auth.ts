// Entra ID app credentials: client secret or certificate (a JWT client assertion with the certificate's
// thumbprint in x5t) against `{loginUrl}/{tenant}/oauth2/v2.0/token` with scope https://graph.microsoft.com/.default.
// Tokens are cached until shortly before expiry and dropped on a 401 (token expiry mid-paging).
import { LanyardError } from '../../app/errors';
import {
  HttpClient,
  HttpError,
  createTokenCache,
  requestAccessToken,
  type HttpClientOptions,
} from '../../http';
import type { ConnectorDeps } from '../types';
import type { DirectoryConfig } from '../../../shared/config/workspace';
import { loadPrivateKey, signClientAssertion, type AssertionKey } from '../jwt-assertion';
import { vendorErrorOf } from '../vendor-error';

export type EntraConfig = Extract<DirectoryConfig, { kind: 'entra' }>;

export const DEFAULT_LOGIN_URL = 'https://login.microsoftonline.com';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** x5t (SHA-1, 40 hex digits) or x5t#S256 (SHA-256, 64 hex digits) header from a thumbprint as Azure shows it. */
export const thumbprintHeader = (thumbprint: string): Record<string, string> => {
  const hex = thumbprint.replace(/[^0-9a-f]/gi, '');
  const b64 = Buffer.from(hex, 'hex').toString('base64url');
  if (hex.length === 64) return { 'x5t#S256': b64 };
  if (hex.length !== 40)
    throw new LanyardError(
      'bad_input',
      `The certificate thumbprint "${thumbprint}" is not a SHA-1 (40 hex digits) or SHA-256 (64) thumbprint.`,
      { hint: 'Copy the thumbprint from Entra → App registrations → Certificates & secrets.' },
    );
  return { x5t: b64 };
};

export const createEntraAuth = (config: EntraConfig, deps: ConnectorDeps, http: HttpClientOptions) => {
  const loginUrl = (config.loginUrl ?? DEFAULT_LOGIN_URL).replace(/\/+$/, '');
  const tokenClient = new HttpClient({
    ...http,
    baseUrl: loginUrl,
    authorization: undefined,
    onUnauthorized: undefined,
  });
  const tokenPath = `${encodeURIComponent(config.tenantId)}/oauth2/v2.0/token`;
  const audience = `${loginUrl}/${tokenPath}`;
  const auth = config.auth;
  let key: AssertionKey | undefined;

  const credentials = async (): Promise<Record<string, string>> => {
    if (auth.type === 'client-secret') return { client_secret: await deps.resolveSecret(auth.clientSecret) };
    key ??= loadPrivateKey(
      await deps.resolveSecret(auth.privateKey),
      `${http.connector} (app ${auth.clientId})`,
    );
    const assertion = await signClientAssertion(
      key,
      { clientId: auth.clientId, audience, lifetimeSeconds: 600 },
      thumbprintHeader(auth.certificateThumbprint),
    );
    return {
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    };
  };

  const cache = createTokenCache(
    async () => {
      try {
        return await requestAccessToken(tokenClient, {
          path: tokenPath,
          form: {
            client_id: auth.clientId,
            scope: GRAPH_SCOPE,
            grant_type: 'client_credentials',
            ...(await credentials()),
          },
          label: 'get an access token',
          defaultExpiresIn: 3599,
        });
      } catch (err) {
        const v = err instanceof HttpError ? vendorErrorOf(err.body) : null;
        if (!v) throw err;
        throw new LanyardError(
          'unauthorized',
          `${http.connector} refused the app ${auth.clientId}: ${v.code} ${v.summary}`.trim(),
          {
            hint:
              auth.type === 'client-secret'
                ? 'Check the tenant id, client id and that the client secret has not expired (Entra → App registrations → Certificates & secrets).'
                : 'Check the tenant id, client id, that the certificate with this thumbprint is uploaded to the app, and that the private key matches it.',
            cause: err,
          },
        );
      }
    },
    deps.now ? { now: () => deps.now!().getTime() } : {},
  );
  return {
    authorization: async () => `Bearer ${await cache.get()}`,
    onUnauthorized: () => cache.invalidate(),
    requests: () => tokenClient.requestCount,
  };
};
