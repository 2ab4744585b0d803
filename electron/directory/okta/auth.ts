// Okta credentials: an SSWS API token, or an OAuth 2.0 service app (client credentials with private_key_jwt
// against the org authorization server /oauth2/v1/token). Tokens are cached until shortly before they expire
// and dropped on a 401 so the next attempt fetches a fresh one (token expiry mid-paging).
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

export type OktaConfig = Extract<DirectoryConfig, { kind: 'okta' }>;

export const OKTA_READ_SCOPES = ['okta.users.read', 'okta.groups.read', 'okta.logs.read'];
export const OKTA_MANAGE_SCOPE = 'okta.users.manage';

export interface OktaAuth {
  authorization(): Promise<string>;
  onUnauthorized(): void;
  /** Requests made for tokens (for request counts). */
  requests(): number;
}

export const createOktaAuth = (
  config: OktaConfig,
  deps: ConnectorDeps,
  http: HttpClientOptions,
  scopes: string[],
): OktaAuth => {
  const auth = config.auth;
  if (auth.type === 'token') {
    let token: Promise<string> | undefined;
    return {
      authorization: async () => `SSWS ${await (token ??= deps.resolveSecret(auth.token))}`,
      // A rejected API token cannot be refreshed; re-reading the secret picks up one the admin just replaced.
      onUnauthorized: () => {
        token = undefined;
      },
      requests: () => 0,
    };
  }
  const tokenClient = new HttpClient({ ...http, authorization: undefined, onUnauthorized: undefined });
  const audience = new URL('oauth2/v1/token', tokenClient.baseUrl).toString();
  let key: AssertionKey | undefined;
  const cache = createTokenCache(
    async () => {
      key ??= loadPrivateKey(
        await deps.resolveSecret(auth.privateKey),
        `${http.connector} (service app ${auth.clientId})`,
      );
      const assertion = await signClientAssertion(
        key,
        { clientId: auth.clientId, audience, lifetimeSeconds: 300 },
        auth.keyId ? { kid: auth.keyId } : {},
      );
      try {
        return await requestAccessToken(tokenClient, {
          path: 'oauth2/v1/token',
          form: {
            grant_type: 'client_credentials',
            scope: scopes.join(' '),
            client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
            client_assertion: assertion,
          },
          label: 'get an OAuth access token',
          defaultExpiresIn: 3600,
        });
      } catch (err) {
        const v = err instanceof HttpError ? vendorErrorOf(err.body) : null;
        if (!v) throw err;
        throw new LanyardError(
          'unauthorized',
          `${http.connector} refused the service app ${auth.clientId}: ${v.code} ${v.summary}`.trim(),
          {
            hint:
              v.code === 'invalid_scope'
                ? `Grant the scopes ${scopes.join(', ')} to the service app in Okta (Applications → the app → Okta API Scopes).`
                : 'Check the client id, that the public key (and key id) is registered on the service app, and that the base URL is your Okta org.',
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
