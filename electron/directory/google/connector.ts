// Google Workspace directory connector (issue #3): service-account JWT bearer flow with domain-wide delegation,
// full reads of users, groups and members, and the kill switch (suspend + signOut). api-contracts.md §3.
import type { DirectoryConfig } from '../../../shared/config/workspace';
import { HttpClient, type HttpClientOptions } from '../../http';
import type { CreateDirectoryConnector, DirectoryConnector } from '../types';
import { GOOGLE_SCOPES, GOOGLE_TOKEN_URL, createGoogleTokens } from './auth';
import { checkGoogle } from './check';
import { explainGoogleError, withQuotaRetry } from './errors';
import { readGoogleDirectory } from './read';

export type GoogleConfig = Extract<DirectoryConfig, { kind: 'google' }>;

export const GOOGLE_BASE_URL = 'https://admin.googleapis.com/admin/directory/v1/';
const READ_SCOPES = [GOOGLE_SCOPES.userRead, GOOGLE_SCOPES.groupRead];

/** Why every Google sync is a full read (shown with each run). */
export const GOOGLE_FULL_READ_REASON =
  'Google Workspace has no cheap change feed for users and group memberships (push channels need a public webhook), so every sync reads the whole directory';

export const createGoogleConnector: CreateDirectoryConnector<GoogleConfig> = (config, deps) => {
  const connector = `Google Workspace (${config.name})`;
  const now = () => (deps.now ? deps.now().getTime() : Date.now());
  const tokenUrl = config.tokenUrl ?? GOOGLE_TOKEN_URL;
  const tuning: Partial<HttpClientOptions> = {
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.concurrency ? { concurrency: config.concurrency } : {}),
    log: deps.log,
    ...deps.http,
  };
  // The token endpoint is another origin than the API, and gets no Authorization header: its own client.
  const tokenClient = new HttpClient({ ...tuning, connector, baseUrl: new URL(tokenUrl).origin });
  const tokens = createGoogleTokens({
    connector,
    tokenClient,
    tokenUrl,
    adminEmail: config.adminEmail,
    loadKey: () => deps.resolveSecret(config.auth.key),
    now,
  });
  const apiFor = (scopes: readonly string[]): HttpClient => {
    const cache = tokens.forScopes(scopes);
    return new HttpClient({
      ...tuning,
      connector,
      baseUrl: config.baseUrl ?? GOOGLE_BASE_URL,
      authorization: async () => `Bearer ${await cache.get()}`,
      onUnauthorized: () => cache.invalidate(),
    });
  };
  const readApi = apiFor(READ_SCOPES);
  const suspendApi = apiFor([GOOGLE_SCOPES.user]);
  const signOutApi = apiFor([GOOGLE_SCOPES.userSecurity]);
  const clients = [tokenClient, readApi, suspendApi, signOutApi];
  const requestsSoFar = () => clients.reduce((n, c) => n + c.requestCount, 0);
  const quota = {
    maxRetries: deps.http?.maxRetries ?? 4,
    backoffBaseMs: deps.http?.backoffBaseMs ?? 1000,
    maxBackoffMs: deps.http?.maxBackoffMs ?? 32_000,
    ...(deps.http?.sleep ? { sleep: deps.http.sleep } : {}),
  };

  /** Every request goes through here: quota 403s are retried, Google error bodies become readable errors. */
  const call = async <T>(
    client: HttpClient,
    req: Parameters<HttpClient['request']>[0],
    scope: string,
  ): Promise<T> => {
    try {
      return (await withQuotaRetry(() => client.request<T>(req), quota)).body;
    } catch (err) {
      throw explainGoogleError(err, { what: req.label ?? req.path, scope, adminEmail: config.adminEmail });
    }
  };
  const get = <T>(
    path: string,
    query: Record<string, string | number | undefined>,
    what: string,
    scope: string,
  ) => call<T>(readApi, { path, query, label: what }, scope);
  const customer = config.customer ?? 'my_customer';

  const readAll: DirectoryConnector['readAll'] = async () => {
    const before = requestsSoFar();
    const snapshot = await readGoogleDirectory(get, {
      connector,
      customer,
      pageSize: config.pageSize,
      scopes: { users: GOOGLE_SCOPES.userRead, groups: GOOGLE_SCOPES.groupRead },
      log: deps.log,
    });
    return { ...snapshot, requests: requestsSoFar() - before };
  };

  return {
    kind: 'google',
    test: () =>
      checkGoogle({
        connector,
        adminEmail: config.adminEmail,
        customer,
        tokens,
        probe: (scope, path, query, what) => call(apiFor([scope]), { path, query, label: what }, scope),
        explain: (err, what, scope) =>
          explainGoogleError(err, { what, scope, adminEmail: config.adminEmail }),
      }),
    readAll,
    async readChanges() {
      const snapshot = await readAll();
      return { mode: 'full', snapshot, reason: GOOGLE_FULL_READ_REASON, requests: snapshot.requests };
    },
    async suspend(personId) {
      // PATCH semantics: only `suspended` changes. Setting it twice is harmless, so a retry after a 5xx is safe.
      await call(
        suspendApi,
        {
          method: 'PATCH',
          path: `users/${encodeURIComponent(personId)}`,
          json: { suspended: true },
          retryUnsafe: true,
          label: `suspend user ${personId}`,
        },
        GOOGLE_SCOPES.user,
      );
    },
    async revokeSessions(personId) {
      await call(
        signOutApi,
        {
          method: 'POST',
          path: `users/${encodeURIComponent(personId)}/signOut`,
          expect: 'none',
          retryUnsafe: true,
          label: `sign out user ${personId}`,
        },
        GOOGLE_SCOPES.userSecurity,
      );
    },
  };
};
