// The directory service's promises, vendor-neutral: the suspicious-drop guard (and --accept-drop), events,
// a clear error without a directory, and `lanyard directory pull|test` through the real CLI entry point.
import { PassThrough, Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOktaFake, type OktaFake } from '../../fakes/okta/server';
import { coreWithDirectory, openCore } from './fixtures';
import { createDirectoryService } from '../../../electron/directory/directory-service';
import { createLanyard } from '../../../electron/app/create-lanyard';
import { createKeychainStore } from '../../../electron/secrets/keychain';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { main } from '../../../electron/cli';
import { tempDirForTest } from '../../helpers/temp-dir';
import type { DirectoryConfig } from '../../../shared/config/workspace';
import type { EventEnvelope } from '../../../shared/api/events';

const TOKEN = 'ssws-test-token-0123456789';
let fake: OktaFake;
beforeEach(async () => {
  fake = await startOktaFake({ apiTokens: [TOKEN] });
});
afterEach(() => fake.close());
const config = (): DirectoryConfig => ({
  kind: 'okta',
  name: 'Acme Okta',
  baseUrl: fake.url,
  auth: { type: 'token', token: 'env:OKTA_TOKEN' },
});

describe('the suspicious-drop guard', () => {
  it('does not store a full read that lost more than 20% of people, and says why', async () => {
    const ids = fake.seedUsers(100);
    const { core, service, snapshot } = await coreWithDirectory(config(), { OKTA_TOKEN: TOKEN });
    await service.pull();
    const before = await snapshot.listPeople();
    const events: EventEnvelope[] = [];
    core.events.subscribe((e) => events.push(e));
    for (const id of ids.slice(0, 30)) fake.state.users.delete(id);

    const result = await service.pull({ full: true });

    expect(result).toMatchObject({ stored: false, suspicious: true, people: 70, previousCount: 100 });
    expect(result.suspiciousDetail).toMatch(
      /70 people, 30% fewer than the 100 of the last good read \(limit 20%\)/,
    );
    expect(await snapshot.listPeople()).toEqual(before);
    expect(await snapshot.state()).toMatchObject({ health: 'degraded', lastGoodCount: 100 });
    expect(events.map((e) => e.event)).toEqual(['health.changed', 'directory.pulled']);
  });

  it('stores the drop when the caller accepts it, keeping the missing people as deleted', async () => {
    const ids = fake.seedUsers(100);
    const { service, snapshot } = await coreWithDirectory(config(), { OKTA_TOKEN: TOKEN });
    await service.pull();
    for (const id of ids.slice(0, 30)) fake.state.users.delete(id);

    const result = await service.pull({ full: true, acceptDrop: true });

    expect(result).toMatchObject({ stored: true, suspicious: true, newlyDeleted: 30 });
    expect((await snapshot.counts()).byStatus).toMatchObject({ active: 70, deleted: 30 });
    expect(await snapshot.state()).toMatchObject({ health: 'ok', lastGoodCount: 70 });
  });

  it('follows settings.guardrails.suspiciousDropPercent', async () => {
    const ids = fake.seedUsers(100);
    const { core, service } = await coreWithDirectory(config(), { OKTA_TOKEN: TOKEN });
    await service.pull();
    await core.handlers['settings.set']({ guardrails: { suspiciousDropPercent: 50 } }, { actor: 'test' });
    for (const id of ids.slice(0, 30)) fake.state.users.delete(id);

    expect(await service.pull({ full: true })).toMatchObject({ stored: true, suspicious: false });
  });
});

describe('the directory service', () => {
  it('says clearly when no directory is configured', async () => {
    const core = openCore();
    const service = createDirectoryService(core.context);
    await expect(service.pull()).rejects.toMatchObject({
      code: 'not_found',
      message: 'No directory is configured.',
    });
  });

  it('reports a missing secret in test() instead of throwing', async () => {
    const { service } = await coreWithDirectory(config(), {});
    const check = await service.test();
    expect(check).toMatchObject({ ok: false, name: 'Acme Okta', kind: 'okta' });
    expect(check.details.join('\n')).toMatch(
      /The secret env:OKTA_TOKEN used by directory \(Acme Okta\) is not set/,
    );
  });
});

const collect = () => {
  let text = '';
  const stream = new Writable({ write: (chunk: Buffer, _enc, done) => ((text += chunk.toString()), done()) });
  return { stream, text: () => text };
};

describe('lanyard directory pull / test', () => {
  const setUp = async () => {
    const dataDir = tempDirForTest('cli');
    const service = `Lanyard-test-${randomUUID()}`;
    const env = { OKTA_TOKEN: TOKEN, LANYARD_KEYCHAIN_SERVICE: service };
    const core = createLanyard({
      dataDir,
      secrets: createKeychainStore(service),
      log: createLogger(memorySink()),
      env,
    });
    await core.context.repos.workspace.setDirectory(config());
    core.close();
    const run = async (...args: string[]) => {
      const out = collect();
      const err = collect();
      const code = await main([...args, '--data-dir', dataDir], {
        stdout: out.stream,
        stderr: err.stream,
        stdin: new PassThrough(),
        env,
      });
      return { code, stdout: out.text(), stderr: err.text() };
    };
    return run;
  };

  it('pulls and prints a human summary', async () => {
    const ids = fake.seedUsers(1200, (i) => (i < 10 ? 'SUSPENDED' : 'ACTIVE'));
    const g = fake.state.addGroup('All');
    for (const id of ids) fake.state.addMember(g.id, id, true);
    const run = await setUp();

    const r = await run('directory', 'pull');

    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'Read 1,200 people (1,190 active, 10 suspended), 1 group, 1,200 memberships in 10 requests.\n',
    );
  });

  it('exits 1 on a suspicious read and stores it with --accept-drop; --json gives the result', async () => {
    const ids = fake.seedUsers(50);
    const run = await setUp();
    expect((await run('directory', 'pull')).code).toBe(0);
    for (const id of ids.slice(0, 40)) fake.state.users.delete(id);

    const held = await run('directory', 'pull', '--full');
    const accepted = await run('directory', 'pull', '--full', '--accept-drop', '--json');

    expect(held.code).toBe(1);
    expect(held.stdout).toMatch(/^Suspicious read NOT stored: The directory returned 10 people, 80% fewer/);
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({
      ok: true,
      value: { stored: true, people: 10, newlyDeleted: 40 },
    });
  });

  it('exits 1 when the read fails, naming the directory', async () => {
    fake.seedUsers(5);
    const run = await setUp();
    fake.revokeApiToken(TOKEN);

    const r = await run('directory', 'pull');

    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^lanyard: Okta \(Acme Okta\): list [a-z ]+ \(page 1\): answered 401: E0000011 Invalid token provided/,
    );
    expect(r.stderr).not.toContain(TOKEN);
  });

  it('tests the connection', async () => {
    const run = await setUp();
    const r = await run('directory', 'test');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK: Acme Okta \(okta\)\n {2}API token \(SSWS\)/);
  });
});
