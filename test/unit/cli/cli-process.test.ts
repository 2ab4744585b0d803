// The `lanyard` command as a real child process, the way a shell or CI runs it: exit codes, --json, and secrets
// through the real OS keychain (a Secret Service under a unique service name; see docs/testing.md).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKeychainStore } from '../../../electron/secrets/keychain';
import { makeTempDir, removeDir, filesContaining } from '../../helpers/temp-dir';
import { requireSecretService, uniqueService } from '../../helpers/keychain';
import { spawn } from 'node:child_process';
import { EXAMPLE, ROOT, killChildren, runProcess, track } from './run-cli';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

let dir: string;
const service = uniqueService();
const env = { LANYARD_KEYCHAIN_SERVICE: service };
const cli = (argv: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}) =>
  runProcess(['--data-dir', dir, ...argv], { input, env: { ...env, ...extraEnv } });

beforeAll(() => requireSecretService());
beforeEach(() => {
  dir = makeTempDir('cli-process');
});
afterEach(() => {
  killChildren();
  removeDir(dir);
});
afterAll(async () => {
  const keychain = createKeychainStore(service);
  for (const name of ['slack-scim', 'github', 'empty-one', 'typed-one'])
    await keychain.delete(name).catch(() => false);
});

describe('lanyard as a child process', { timeout: 90_000 }, () => {
  it("prints package.json's version", async () => {
    const r = await runProcess(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('exits 0 on success, 2 on a bad file, and prints parseable JSON with --json', async () => {
    const ok = await cli(['--json', 'config', 'apply', EXAMPLE]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      ok: true,
      value: { summary: expect.stringContaining('3 apps') },
    });

    const bad = await cli(
      ['--json', 'config', 'apply', '-'],
      'apps:\n  - { id: a, name: A, kind: manual, deprovision: sometimes }\n',
    );
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { path: 'apps[0].deprovision' } });
  });

  it('exits 2 with "did you mean" for an unknown command', async () => {
    const r = await cli(['confg', 'export']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Did you mean');
  });

  it('stores a secret read from stdin and lists it as set, never printing the value', async () => {
    const value = `xoxb-${Date.now()}-not-a-real-token`;
    await cli(['config', 'apply', EXAMPLE]);
    const set = await cli(['secrets', 'set', 'slack-scim'], `${value}\n`);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Stored slack-scim in the OS keychain (used by app slack)');

    const list = await cli(['secrets', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/slack-scim\s+keychain\s+set\s+app slack/);
    expect(list.stdout).toMatch(/github\s+keychain\s+not set\s+app github/);
    expect(list.stdout).toMatch(/OKTA_TOKEN\s+env\s+not set/);

    const json = await cli(['secrets', 'list', '--json']);
    expect(JSON.parse(json.stdout).value).toContainEqual(
      expect.objectContaining({ name: 'slack-scim', source: 'keychain', set: true, usedBy: ['app slack'] }),
    );
    for (const out of [set, list, json]) expect(out.stdout + out.stderr).not.toContain(value);
    // The trailing newline was stripped: the keychain holds exactly the value.
    expect(await createKeychainStore(service).get('slack-scim')).toBe(value);
    expect(filesContaining(dir, value)).toEqual([]);

    const del = await cli(['secrets', 'delete', 'slack-scim']);
    expect(del.code).toBe(0);
    expect(del.stdout).toContain('warning: the workspace still uses keychain:slack-scim');
    expect(await createKeychainStore(service).get('slack-scim')).toBeNull();
  });

  it('reads a secret typed at a terminal without echoing it', async () => {
    const value = `typed-${Date.now()}`;
    // `script` gives the CLI a real pseudo-terminal; the value is typed once the prompt shows.
    const command = [
      process.execPath,
      '--import',
      'tsx',
      path.join(ROOT, 'electron/cli.ts'),
      '--data-dir',
      dir,
    ];
    const child = spawn(
      'script',
      ['-qec', [...command, 'secrets', 'set', 'typed-one'].join(' '), '/dev/null'],
      {
        cwd: ROOT,
        env: { ...process.env, ...env, LANYARD_LOG_LEVEL: 'error' },
      },
    );
    track(child);
    let screen = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdout.on('data', (c: Buffer) => {
      const before = screen;
      screen += c.toString('utf8');
      if (!before.includes('(input hidden)') && screen.includes('(input hidden)'))
        child.stdin.write(`${value}\r`);
    });
    expect(await exited).toBe(0);
    expect(screen).toContain('Stored typed-one in the OS keychain');
    expect(screen).not.toContain(value);
    expect(await createKeychainStore(service).get('typed-one')).toBe(value);
  });

  it('refuses an empty secret value (exit 2) and stores nothing', async () => {
    const r = await cli(['secrets', 'set', 'empty-one'], '\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Refusing to store an empty value');
    expect(await createKeychainStore(service).get('empty-one')).toBeNull();
  });

  it('refuses an invalid secret name before reading a value (exit 2)', async () => {
    const r = await cli(['secrets', 'set', '../etc'], 'value');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a valid secret name');
  });

  it('explains that the keychain is unavailable (exit 1) instead of storing the secret elsewhere', async () => {
    const r = await cli(['secrets', 'set', 'github'], 'value-123456', {
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dir, 'no-bus')}`,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lanyard: The OS keychain is not available');
    expect(r.stderr).toContain('hint: ');
    expect(filesContaining(dir, 'value-123456')).toEqual([]);
  });
});

describe('bin/lanyard.mjs', { timeout: 60_000 }, () => {
  it('says how to build when the build output is missing (exit 1)', async () => {
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.copyFileSync(path.join(ROOT, 'bin/lanyard.mjs'), path.join(dir, 'bin/lanyard.mjs'));
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, [path.join(dir, 'bin/lanyard.mjs'), '--version'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Lanyard is not built yet: run `npm run build` (or `npm run serve`)');
  });

  it('runs the built CLI and exits with its code', async () => {
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.mkdirSync(path.join(dir, 'out/main'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'bin/lanyard.mjs'), path.join(dir, 'bin/lanyard.mjs'));
    // Stands in for the electron-vite build: the same main(), loaded through tsx.
    const source = path.join(ROOT, 'electron/cli.ts');
    fs.writeFileSync(path.join(dir, 'out/main/cli.js'), `export { main } from ${JSON.stringify(source)};\n`);
    const { spawnSync } = await import('node:child_process');
    const bin = path.join(dir, 'bin/lanyard.mjs');
    const version = spawnSync(process.execPath, ['--import', 'tsx', bin, '--version'], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${pkg.version}\n`);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', bin, 'nope'], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    expect(bad.status).toBe(2);
  });
});
