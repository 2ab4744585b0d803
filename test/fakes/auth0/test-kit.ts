// Test wiring for the Auth0 connector: the fake tenant and a connector with fast retries (deps.http overrides).
import { createAuth0Connector, type Auth0Config } from '../../../electron/directory/auth0/connector';
import type { ConnectorDeps } from '../../../electron/directory/types';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { startAuth0Fake, type Auth0Fake, type Auth0FakeOptions } from './server';

export const CLIENT_ID = 'lanyardM2MclientId';
export const CLIENT_SECRET = 'super-secret-client-secret-value';

export const startFake = (opts: Partial<Auth0FakeOptions> = {}) =>
  startAuth0Fake({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...opts });

export const connect = (
  fake: Auth0Fake,
  o: { config?: Partial<Auth0Config>; http?: ConnectorDeps['http']; secret?: string } = {},
) =>
  createAuth0Connector(
    {
      kind: 'auth0',
      name: 'Acme',
      baseUrl: fake.url,
      auth: { type: 'client-credentials', clientId: CLIENT_ID, clientSecret: 'keychain:auth0-secret' },
      ...o.config,
    },
    {
      resolveSecret: async () => o.secret ?? CLIENT_SECRET,
      log: createLogger(memorySink(), 'test'),
      http: { backoffBaseMs: 5, maxBackoffMs: 20, timeoutMs: 5_000, ...o.http },
    },
  );
