// Shared set-up for the Okta/Entra directory tests: a real core on a temp data dir (real SQLite), secrets passed
// as env: references (no keychain needed), fast HTTP retries via the documented deps.http override, and key
// pairs for the JWT client-assertion flows.
import { KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { exportPKCS8, generateKeyPair } from 'jose';
import { onTestFinished } from 'vitest';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { createKeychainStore } from '../../../electron/secrets/keychain';
import { createLogger, memorySink } from '../../../electron/log/logger';
import {
  createDirectoryService,
  type DirectoryServiceDeps,
} from '../../../electron/directory/directory-service';
import type { DirectoryConfig } from '../../../shared/config/workspace';
import type { ConnectorDeps } from '../../../electron/directory/types';
import { tempDirForTest } from '../../helpers/temp-dir';

/** Retries stay real but fast: the production backoff, with a 5 ms base. */
export const FAST_HTTP: NonNullable<ConnectorDeps['http']> = {
  backoffBaseMs: 5,
  maxBackoffMs: 20,
  maxRetries: 3,
  timeoutMs: 5_000,
};

export const openCore = (env: NodeJS.ProcessEnv = {}): Lanyard => {
  const dataDir = tempDirForTest('directory');
  const core = createLanyard({
    dataDir,
    secrets: createKeychainStore(`Lanyard-test-${randomUUID()}`),
    log: createLogger(memorySink()),
    env,
  });
  onTestFinished(() => core.close());
  return core;
};

/** A core with `directory` configured and a directory service using fast retries. */
export const coreWithDirectory = async (
  directory: DirectoryConfig,
  env: NodeJS.ProcessEnv,
  deps: DirectoryServiceDeps = { http: FAST_HTTP },
) => {
  const core = openCore(env);
  await core.context.repos.workspace.setDirectory(directory);
  const service = createDirectoryService(core.context, deps);
  return { core, service, snapshot: service.snapshot };
};

export const connectorDeps = (env: Record<string, string>, http = FAST_HTTP): ConnectorDeps => ({
  resolveSecret: async (ref) => {
    const v = env[ref.replace(/^env:/, '')];
    if (!v) throw new Error(`unset ${ref}`);
    return v;
  },
  log: createLogger(memorySink()),
  http,
});

export interface TestKeyPair {
  privatePem: string;
  publicKey: KeyObject;
}

export const rsaKeyPair = async (): Promise<TestKeyPair> => {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { privatePem: await exportPKCS8(privateKey), publicKey: KeyObject.from(publicKey) };
};

export const randomThumbprint = (): string => randomBytes(20).toString('hex').toUpperCase();
