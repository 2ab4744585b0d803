// Shared set-up for the GitHub connector tests: a fake org with an owner's token, and a connector pointed at it
// with fast retries (deps.http overrides, not production special cases) and no write pacing to wait on.
import { createLogger, memorySink } from '../../../electron/log/logger';
import { createGithubConnector } from '../../../electron/apps/github/connector';
import type { AppConnector, ConnectorDeps } from '../../../electron/apps/types';
import { githubAppSchema, type GithubAppConfig } from '../../../shared/config/workspace';
import { startGithubFake, type GithubFake, type GithubFakeOptions } from './server';

export const OWNER = 'octo-admin';
export const OWNER_TOKEN = 'ghp_ownerTokenForTests0001';

export const FAST_HTTP: ConnectorDeps['http'] = {
  backoffBaseMs: 5,
  maxBackoffMs: 20,
  timeoutMs: 5_000,
  rateLimitFloorMs: 10,
};

/** A fake org "acme" whose owner `octo-admin` holds OWNER_TOKEN. */
export const startSeededFake = async (opts: GithubFakeOptions = {}): Promise<GithubFake> => {
  const f = await startGithubFake({
    org: 'acme',
    ...opts,
    tokens: { [OWNER_TOKEN]: { login: OWNER }, ...opts.tokens },
  });
  f.state.addMember(OWNER, 'admin');
  return f;
};

export const githubConfig = (baseUrl: string, extra: Partial<GithubAppConfig> = {}): GithubAppConfig =>
  githubAppSchema.parse({
    id: 'github',
    name: 'GitHub',
    kind: 'github',
    org: 'acme',
    baseUrl,
    auth: { type: 'bearer', token: 'env:GITHUB_TOKEN' },
    rateLimit: { writesPerMinute: 60_000, burst: 1_000 },
    ...extra,
  });

export const githubConnector = (
  f: { url: string },
  opts: { token?: string; config?: Partial<GithubAppConfig>; http?: ConnectorDeps['http'] } = {},
): AppConnector & { logLines: string[] } => {
  const sink = memorySink();
  const c = createGithubConnector(githubConfig(f.url, opts.config), {
    resolveSecret: async (ref) => {
      if (ref === 'env:GITHUB_TOKEN') return opts.token ?? OWNER_TOKEN;
      throw new Error(`unexpected secret ${ref}`);
    },
    log: createLogger(sink),
    http: { ...FAST_HTTP, ...opts.http },
  });
  return Object.assign(c, { logLines: sink.lines });
};

/** Unwraps a non-manual outcome (GitHub never answers with a manual task). */
export const stateOf = <T>(o: { manual: false; state: T; adopted?: boolean } | { manual: true }): T => {
  if (o.manual) throw new Error('unexpected manual outcome');
  return o.state;
};

export const spec = (userName: string, extra: Record<string, unknown> = {}) => ({
  externalId: `dir-${userName}`,
  userName,
  email: null,
  givenName: null,
  familyName: null,
  displayName: null,
  ...extra,
});
