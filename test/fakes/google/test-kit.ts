// Test wiring for the Google connector: a key pair generated per run, the fake given the public key, and a
// connector whose HTTP retries are fast (deps.http overrides, not production switches).
import { exportPKCS8, generateKeyPair } from 'jose';
import { createGoogleConnector, type GoogleConfig } from '../../../electron/directory/google/connector';
import type { ConnectorDeps } from '../../../electron/directory/types';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { startGoogleFake, type GoogleFake, type GoogleFakeOptions } from './server';

export const SA_EMAIL = 'lanyard-sync@acme-project.iam.gserviceaccount.com';
export const ADMIN = 'admin@acme.example';
export const KEY_ID = 'a1b2c3d4e5f6';

export const makeKeys = async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  return { ...pair, pem: await exportPKCS8(pair.privateKey) };
};
export type Keys = Awaited<ReturnType<typeof makeKeys>>;

export const keyJson = (keys: Keys, overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'service_account',
    project_id: 'acme-project',
    private_key_id: KEY_ID,
    private_key: keys.pem,
    client_email: SA_EMAIL,
    client_id: '109876543210',
    ...overrides,
  });

export const startFake = (keys: Keys, opts: Partial<GoogleFakeOptions> = {}) =>
  startGoogleFake({
    clientEmail: SA_EMAIL,
    keyId: KEY_ID,
    publicKey: keys.publicKey,
    admins: [ADMIN],
    ...opts,
  });

export const connect = (
  fake: GoogleFake,
  keys: Keys,
  o: { config?: Partial<GoogleConfig>; http?: ConnectorDeps['http']; key?: string } = {},
) => {
  const sink = memorySink();
  const connector = createGoogleConnector(
    {
      kind: 'google',
      name: 'Acme',
      adminEmail: ADMIN,
      tokenUrl: fake.tokenUrl,
      baseUrl: fake.baseUrl,
      auth: { type: 'service-account', key: 'keychain:google-sa' },
      ...o.config,
    },
    {
      resolveSecret: async () => o.key ?? keyJson(keys),
      log: createLogger(sink, 'test'),
      http: { backoffBaseMs: 5, maxBackoffMs: 20, timeoutMs: 5_000, ...o.http },
    },
  );
  return { connector, logLines: sink.lines };
};
