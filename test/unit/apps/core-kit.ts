// A real Lanyard core on a temp data dir for the apps API tests. App secrets are env: references (passed as the
// core's env), so these tests need no Secret Service; the keychain store is never asked.
import { randomUUID } from 'node:crypto';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createAppService, type AppService } from '../../../electron/apps/app-service';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { createKeychainStore } from '../../../electron/secrets/keychain';
import { appConfigSchema } from '../../../shared/config/workspace';
import type { ApiResult } from '../../../shared/api/result';
import { tempDirForTest } from '../../helpers/temp-dir';
import { FAST_HTTP } from './harness';

export interface AppsCore {
  core: Lanyard;
  dataDir: string;
  /** The apps service with fast retries (what the handlers use, but with test HTTP tuning). */
  apps: AppService;
  logLines: string[];
  call(method: string, input: unknown): Promise<ApiResult<unknown>>;
  accountsRows(appId: string): unknown[];
}

export const startAppsCore = async (
  apps: unknown[],
  env: NodeJS.ProcessEnv,
): Promise<AppsCore & { close(): void }> => {
  const dataDir = tempDirForTest('apps');
  const sink = memorySink();
  const log = createLogger(sink);
  const core = createLanyard({
    dataDir,
    secrets: createKeychainStore(`Lanyard-test-${randomUUID()}`),
    log,
    env,
  });
  await core.context.repos.workspace.setApps(apps.map((a) => appConfigSchema.parse(a)));
  return {
    core,
    dataDir,
    apps: createAppService(core.context, { http: FAST_HTTP }),
    logLines: sink.lines,
    call: (method, input) => dispatch(core.handlers, method, input, { actor: 'test' }, log),
    accountsRows: (appId) =>
      core.context.db.prepare('SELECT * FROM accounts WHERE app_id = ? ORDER BY remote_id').all(appId),
    close: () => core.close(),
  };
};

/** A directory person row, so accounts can be linked (the directory sync normally writes these). */
export const addPerson = (core: Lanyard, p: { id: string; login: string; email: string }): void => {
  const db = core.context.db;
  db.prepare(
    `INSERT OR IGNORE INTO directories (id, kind, name) VALUES ('primary', 'okta', 'Test IdP')`,
  ).run();
  db.prepare(
    `INSERT INTO people (id, directory_id, login, email, status, updated_at) VALUES (?, 'primary', ?, ?, 'active', ?)`,
  ).run(p.id, p.login, p.email, new Date().toISOString());
};
