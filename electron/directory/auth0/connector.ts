// Auth0 directory connector (issue #3): client-credentials token for the Management API, full reads of users
// (past the 1,000 offset cap, see read-users.ts) and roles as groups, and the kill switch (block + end sessions
// and refresh tokens). api-contracts.md §4.
import type { DirectoryConfig } from '../../../shared/config/workspace';
import { LanyardError } from '../../app/errors';
import {
  HttpClient,
  createTokenCache,
  requestAccessToken,
  type HttpClientOptions,
  type HttpRequest,
} from '../../http';
import type { CreateDirectoryConnector, DirectoryConnector } from '../types';
import { checkAuth0 } from './check';
import { explainAuth0Error } from './errors';
import { mapAuth0Role, mapAuth0User } from './map-user';
import { readAuth0Roles, readRoleMembers } from './read-roles';
import { readAuth0Users } from './read-users';

export type Auth0Config = Extract<DirectoryConfig, { kind: 'auth0' }>;

/** Why every Auth0 sync is a full read (shown with each run). */
export const AUTH0_FULL_READ_REASON =
  'Auth0 has no change feed for users and role assignments that Lanyard can rely on (tenant logs are sampled and short-lived), so every sync reads the whole tenant';

export const createAuth0Connector: CreateDirectoryConnector<Auth0Config> = (config, deps) => {
  const connector = `Auth0 (${config.name})`;
  const root = config.baseUrl.replace(/\/+$/, '').replace(/\/api\/v2$/, '');
  const audience = config.audience ?? `${root}/api/v2/`;
  const tuning: Partial<HttpClientOptions> = {
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.concurrency ? { concurrency: config.concurrency } : {}),
    log: deps.log,
    ...deps.http,
  };
  const tokenClient = new HttpClient({ ...tuning, connector, baseUrl: root });
  let grantedScopes: string[] | undefined;
  const token = createTokenCache(
    async () => {
      const secret = await deps.resolveSecret(config.auth.clientSecret);
      const what = 'get a Management API token';
      const answer = await requestAccessToken(tokenClient, {
        path: 'oauth/token',
        json: {
          grant_type: 'client_credentials',
          client_id: config.auth.clientId,
          client_secret: secret,
          audience,
        },
        label: what,
        // Tokens live 24 h and cannot be revoked (§4.1): cache them, fetching one per request causes 429s.
        defaultExpiresIn: 86_400,
        missingToken: () =>
          new LanyardError('upstream', `${connector}: ${what}: the answer has no access_token`, {
            hint: 'Check baseUrl: it should be your tenant, e.g. https://acme.eu.auth0.com.',
          }),
      }).catch((err: unknown) => {
        throw explainAuth0Error(err, what, true);
      });
      const scope = answer.body.scope;
      grantedScopes = typeof scope === 'string' ? scope.split(' ').filter(Boolean) : undefined;
      return answer;
    },
    deps.now ? { now: () => deps.now!().getTime() } : {},
  );
  const api = new HttpClient({
    ...tuning,
    connector,
    baseUrl: `${root}/api/v2/`,
    authorization: async () => `Bearer ${await token.get()}`,
    onUnauthorized: () => token.invalidate(),
  });
  const requestsSoFar = () => tokenClient.requestCount + api.requestCount;

  const call = async <T>(req: HttpRequest): Promise<T> => {
    try {
      return (await api.request<T>(req)).body;
    } catch (err) {
      throw explainAuth0Error(err, req.label ?? req.path);
    }
  };
  const get = <T>(path: string, query: Record<string, string | number | undefined>, what: string) =>
    call<T>({ path, query, label: what });
  const userPath = (id: string) => `users/${encodeURIComponent(id)}`; // user ids contain "|" (§4.2)

  const readAll: DirectoryConnector['readAll'] = async () => {
    const before = requestsSoFar();
    const users = await readAuth0Users(get, connector, config.pageSize);
    const roles = await readAuth0Roles(get, connector);
    const known = new Set(users.map((u) => u.user_id));
    const members = await Promise.all(roles.map((r) => readRoleMembers(get, connector, r)));
    const memberships: [string, string][] = [];
    roles.forEach((r, i) => {
      for (const id of members[i]!) if (known.has(id)) memberships.push([r.id, id]);
    });
    return {
      people: users.map(mapAuth0User),
      groups: roles.map(mapAuth0Role),
      memberships,
      cursor: null,
      requests: requestsSoFar() - before,
    };
  };

  return {
    kind: 'auth0',
    test: () =>
      checkAuth0({
        connector,
        clientId: config.auth.clientId,
        audience,
        token: () => token.get(),
        grantedScopes: () => grantedScopes,
        get,
      }),
    readAll,
    async readChanges() {
      const snapshot = await readAll();
      return { mode: 'full', snapshot, reason: AUTH0_FULL_READ_REASON, requests: snapshot.requests };
    },
    async suspend(personId) {
      // Blocking twice is harmless, so a retry after a 5xx is safe.
      await call({
        method: 'PATCH',
        path: userPath(personId),
        json: { blocked: true },
        retryUnsafe: true,
        label: `block user ${personId}`,
      });
    },
    /**
     * Ends the person's Auth0 sessions and deletes their refresh tokens. api-contracts.md §4 does not document these
     * endpoints; Auth0's Management API reference does: DELETE /api/v2/users/{id}/sessions (scope delete:sessions,
     * Enterprise plans) and DELETE /api/v2/users/{id}/refresh-tokens (scope delete:refresh_tokens), both answering
     * 202. Both are attempted even if one fails, then every failure is reported. (The older device-credentials
     * endpoints only cover some refresh tokens, so they are not used.)
     */
    async revokeSessions(personId) {
      const results = await Promise.allSettled([
        call({
          method: 'DELETE',
          path: `${userPath(personId)}/refresh-tokens`,
          expect: 'none',
          label: `delete refresh tokens of ${personId}`,
        }),
        call({
          method: 'DELETE',
          path: `${userPath(personId)}/sessions`,
          expect: 'none',
          label: `delete sessions of ${personId}`,
        }),
      ]);
      const failures = results
        .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        .map((r) => r.reason as Error);
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) {
        throw new LanyardError('upstream', failures.map((f) => f.message).join('; '), {
          hint: failures
            .map((f) => (f as LanyardError).hint)
            .filter(Boolean)
            .join(' '),
          cause: failures[0],
        });
      }
    },
  };
};
