// Shared set-up for the app connector tests: a SCIM connector pointed at a local server, with a token from the
// environment (no keychain needed), fast retries (deps.http overrides, not production special cases) and a log.
import { createLogger, memorySink } from '../../../electron/log/logger';
import { createScimConnector, type ScimConnector } from '../../../electron/apps/scim/connector';
import type { ConnectorDeps } from '../../../electron/apps/types';
import { scimAppSchema, type ScimAppConfig } from '../../../shared/config/workspace';
import type { AppCapabilities } from '../../../shared/api/methods-apps';

export const FAST_HTTP: ConnectorDeps['http'] = { backoffBaseMs: 1, maxBackoffMs: 5, timeoutMs: 5_000 };

export const scimConfig = (baseUrl: string, extra: Partial<ScimAppConfig> = {}): ScimAppConfig =>
  scimAppSchema.parse({
    id: 'acme-scim',
    name: 'Acme',
    kind: 'scim',
    baseUrl,
    auth: { type: 'bearer', token: 'env:ACME_SCIM_TOKEN' },
    ...extra,
  });

export const testDeps = (
  token: string,
  more: Partial<ConnectorDeps> = {},
): ConnectorDeps & { logLines: string[] } => {
  const sink = memorySink();
  return {
    resolveSecret: async (ref) => {
      if (ref === 'env:ACME_SCIM_TOKEN') return token;
      throw new Error(`unexpected secret ${ref}`);
    },
    log: createLogger(sink),
    http: FAST_HTTP,
    logLines: sink.lines,
    ...more,
  };
};

export const scimConnector = (
  baseUrl: string,
  token: string,
  opts: {
    config?: Partial<ScimAppConfig>;
    stored?: Partial<AppCapabilities> | null;
    deps?: Partial<ConnectorDeps>;
  } = {},
): ScimConnector =>
  createScimConnector(
    scimConfig(baseUrl, opts.config),
    testDeps(token, { storedCapabilities: opts.stored ?? null, ...opts.deps }),
  );

export const person = (n: number, extra: Record<string, unknown> = {}) => ({
  externalId: `dir-${n}`,
  userName: `user${n}@example.com`,
  email: `user${n}@example.com`,
  givenName: `Given${n}`,
  familyName: `Family${n}`,
  displayName: `Given${n} Family${n}`,
  ...extra,
});
