// A real Lanyard core on a temp data dir with a keychain store under a unique service name (needs a Secret
// Service: run under dbus-run-session as docs/testing.md says).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { createKeychainStore } from '../../../electron/secrets/keychain';
import { createLogger, memorySink } from '../../../electron/log/logger';

export interface CoreFixture {
  core: Lanyard;
  dataDir: string;
  logLines: string[];
  dispose(): Promise<void>;
}

export const startCore = async (): Promise<CoreFixture> => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lanyard-desktop-'));
  const sink = memorySink();
  const core = createLanyard({
    dataDir,
    secrets: createKeychainStore(`Lanyard-test-${randomUUID()}`),
    log: createLogger(sink),
  });
  return {
    core,
    dataDir,
    logLines: sink.lines,
    async dispose() {
      core.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
