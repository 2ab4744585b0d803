// The SCIM app's HTTP transport: one HttpClient (electron/http) with the app's auth (bearer, basic, OAuth 2.0
// client credentials with a cached token), SCIM media types, client-side pacing of writes (e.g. Slack's 600
// writes/min), and every failure translated into an admin-readable ScimAppError.
import { HttpClient, type HttpRequest, type HttpResponse } from '../../http/http-client';
import { TokenBucket } from '../../http/rate-limit';
import { createTokenCache, type TokenCache } from '../../http/token-cache';
import { requestAccessToken } from '../../http/client-credentials';
import type { ScimAppConfig } from '../../../shared/config/workspace';
import type { ConnectorDeps } from '../types';
import type { ScimPreset } from './presets';
import { SCIM_JSON } from './wire';
import { malformed, toScimError, type AppLabel } from './errors';

export interface ScimRequest extends HttpRequest {
  /** In words, for errors: "create alice@example.com". */
  action: string;
  /** Counts against the app's writes-per-minute limit. */
  write?: boolean;
}

export interface ScimTransport {
  readonly app: AppLabel;
  request<T = unknown>(req: ScimRequest): Promise<HttpResponse<T>>;
  requestCount(): number;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const createScimTransport = (
  config: ScimAppConfig,
  preset: ScimPreset,
  deps: ConnectorDeps,
): ScimTransport => {
  const app: AppLabel = { id: config.id, name: config.name };
  const log = deps.log.child(`app:${config.id}`);
  const rate = { ...preset.rateLimit, ...config.rateLimit };
  let tokenCache: TokenCache | undefined;
  let tokenClient: HttpClient | undefined;
  let staticAuth: Promise<string> | undefined;

  const authorization = async (): Promise<string> => {
    const auth = config.auth;
    if (auth.type === 'bearer') {
      staticAuth ??= deps.resolveSecret(auth.token).then((t) => `Bearer ${t}`);
      return staticAuth;
    }
    if (auth.type === 'basic') {
      staticAuth ??= deps
        .resolveSecret(auth.password)
        .then((p) => `Basic ${Buffer.from(`${auth.username}:${p}`).toString('base64')}`);
      return staticAuth;
    }
    tokenClient ??= new HttpClient({
      connector: `${config.name} (token)`,
      baseUrl: new URL(auth.tokenUrl).origin,
      log,
      ...deps.http,
    });
    tokenCache ??= createTokenCache(async () => {
      const secret = await deps.resolveSecret(auth.clientSecret);
      const form: Record<string, string> = {
        grant_type: 'client_credentials',
        client_id: auth.clientId,
        client_secret: secret,
      };
      if (auth.scope) form.scope = auth.scope;
      return requestAccessToken(tokenClient!, {
        path: auth.tokenUrl,
        form,
        label: 'get an access token',
        defaultExpiresIn: 3600,
        missingToken: () => malformed(app, 'get an access token', 'the token response has no access_token'),
      });
    });
    return `Bearer ${await tokenCache.get()}`;
  };

  const client = new HttpClient({
    connector: config.name,
    baseUrl: config.baseUrl,
    log,
    authorization,
    onUnauthorized: () => {
      tokenCache?.invalidate();
      staticAuth = undefined;
    },
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.concurrency ? { concurrency: config.concurrency } : {}),
    ...(rate.requestsPerMinute ? { requestsPerMinute: rate.requestsPerMinute } : {}),
    ...(rate.burst && rate.requestsPerMinute ? { burst: rate.burst } : {}),
    ...(preset.headers ? { headers: preset.headers } : {}),
    userAgent: 'Lanyard (SCIM client)',
    ...deps.http,
  });
  const writes = rate.writesPerMinute
    ? new TokenBucket(
        rate.writesPerMinute,
        rate.burst ?? Math.max(1, Math.ceil(rate.writesPerMinute / 6)),
        undefined,
        deps.http?.sleep,
      )
    : undefined;

  return {
    app,
    async request<T>(req: ScimRequest): Promise<HttpResponse<T>> {
      const method = (req.method ?? 'GET').toUpperCase();
      const paced = writes && (req.write ?? WRITE_METHODS.has(method));
      try {
        return await client.request<T>({
          contentType: SCIM_JSON,
          label: req.action,
          ...req,
          ...(paced ? { beforeSend: () => writes.take() } : {}),
          // Some servers answer only application/json; RFC 7644 §8.1 servers accept both.
          headers: { accept: `${SCIM_JSON}, application/json`, ...preset.headers, ...req.headers },
        });
      } catch (err) {
        throw toScimError(err, app, req.action);
      }
    },
    requestCount: () => client.requestCount + (tokenClient?.requestCount ?? 0),
  };
};
