// `lanyard apps test | accounts | probe | confirm` run through the CLI's main(), as an admin's shell would.
import { describe, expect, it } from 'vitest';
import { createLanyard } from '../../../electron/app/create-lanyard';
import { createKeychainStore } from '../../../electron/secrets/keychain';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { appConfigSchema } from '../../../shared/config/workspace';
import { tempDirForTest } from '../../helpers/temp-dir';
import { runInProcess } from '../cli/run-cli';
import { fake, seedUsers, stopFakesAfterEach } from './fake-kit';

stopFakesAfterEach();

const workspace = async () => {
  const f = await fake({ putOnly: true });
  seedUsers(f, 4);
  const dataDir = tempDirForTest('apps-cli');
  const core = createLanyard({
    dataDir,
    secrets: createKeychainStore('Lanyard-test-unused'),
    log: createLogger(memorySink()),
  });
  await core.context.repos.workspace.setApps([
    appConfigSchema.parse({
      id: 'acme',
      name: 'Acme',
      kind: 'scim',
      baseUrl: f.url,
      auth: { type: 'bearer', token: 'env:ACME_TOKEN' },
    }),
    appConfigSchema.parse({ id: 'payroll', name: 'Payroll', kind: 'manual' }),
  ]);
  core.close();
  const run = (args: string[], token = f.options.token) =>
    runInProcess([...args, '--data-dir', dataDir], {
      env: { ACME_TOKEN: token, LANYARD_LOG_LEVEL: 'error' },
    });
  return { f, run };
};

describe('lanyard apps', () => {
  it('tests a connection, and exits 1 naming the app when the token is rejected', async () => {
    const { run } = await workspace();
    expect(await run(['apps', 'test', 'acme'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Authenticated; 4 account(s) readable.'),
    });
    const bad = await run(['apps', 'test', 'acme', '--json'], 'wrong');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      ok: true,
      value: { ok: false, details: [expect.stringContaining('Acme rejected the token: 401.')] },
    });
  });

  it('reads accounts as JSON', async () => {
    const { run } = await workspace();
    const r = await run(['apps', 'accounts', 'acme', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, value: { appId: 'acme', count: 4 } });
  });

  it('probes with --write, reports PUT-only and cleans up', async () => {
    const { f, run } = await workspace();
    const r = await run(['apps', 'probe', 'acme', '--write']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('capabilities: updates by put-only');
    expect(r.stdout).toContain('throwaway user cleaned up: yes');
    expect(f.store.users.size).toBe(4);
  });

  it('exits 1 with the error when the read fails', async () => {
    const { f, run } = await workspace();
    f.set({ htmlUsers: true });
    const r = await run(['apps', 'accounts', 'acme']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lanyard: Acme did not answer with SCIM JSON');
  });

  it('records a manual confirmation', async () => {
    const { run } = await workspace();
    const r = await run(['apps', 'confirm', 'payroll', 'bob@example.com', 'created']);
    expect(r).toMatchObject({ code: 0, stdout: 'Recorded: bob@example.com created in payroll.\n' });
    expect((await run(['apps', 'confirm', 'payroll', 'bob@example.com', 'vanished'])).code).toBe(2);
  });
});
