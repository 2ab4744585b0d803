// Hardening of the command line's messages (issue 15, items 5 and 7): an unknown flag is named, `--data-dir`
// problems are explained in words, a read-only database is not called damaged, the redactor leaves our own
// wording alone, and `audit verify` never calls the first bad event intact.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createLanyard } from '../../../electron/app/create-lanyard';
import { rowHash, type AuditRow } from '../../../electron/audit/hash';
import { createLogger, memorySink, redact } from '../../../electron/log/logger';
import { DB_FILE } from '../../../electron/store/database';
import { createTestKeychain, uniqueService } from '../../helpers/keychain';
import { tempDirForTest } from '../../helpers/temp-dir';
import { killChildren, ROOT, runInProcess, track, type CliResult } from '../cli/run-cli';

afterEach(() => killChildren());

const env = (): NodeJS.ProcessEnv => ({
  LANYARD_LOG_LEVEL: 'error',
  LANYARD_KEYCHAIN_SERVICE: uniqueService(),
});

/** Creates a Lanyard database in `dir` (schema and a few audit events), then closes it. */
const seedDatabase = async (dir: string, events = 0): Promise<void> => {
  const core = createLanyard({
    dataDir: dir,
    secrets: createTestKeychain(),
    log: createLogger(memorySink()),
  });
  for (let i = 1; i <= events; i++)
    await core.context.audit.append({ actor: 'test', action: 'config.applied', result: `ok: change ${i}` });
  core.close();
};

/** Runs the CLI as a user that may read but not write files owned by root (as root), else as this user. */
const runAsOtherUser = (argv: string[]): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const asRoot = process.getuid?.() === 0;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli.ts'), ...argv], {
      cwd: ROOT,
      env: { ...process.env, ...env(), HOME: '/tmp' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    track(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });

describe('lanyard command-line messages', () => {
  it('names an unknown flag before the command and exits 2', async () => {
    for (const argv of [['--bogus'], ['--bogus', 'config', 'export'], ['--bogus=1']]) {
      const r = await runInProcess(argv, { env: env() });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toContain('unknown option --bogus');
    }
  });

  it('explains --data-dir problems in words: a file, a path through a file, an empty value', async () => {
    const dir = tempDirForTest('hardening-datadir');
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const cases: [string, RegExp][] = [
      [file, /data folder \(--data-dir\) .*not-a-folder is a file, not a folder/],
      [path.join(file, 'sub'), /cannot be created: .*not-a-folder is a file, not a folder/],
      ['', /--data-dir is empty/],
    ];
    for (const [value, message] of cases) {
      const r = await runInProcess(['config', 'export', '--data-dir', value], { env: env() });
      expect(r.code, value).toBe(2);
      expect(r.stderr, value).toMatch(message);
      expect(r.stderr, value).not.toMatch(/EEXIST|ENOTDIR|EACCES|Unexpected error/);
    }
    // An empty value never falls back to the default folder.
    expect(fs.readdirSync(dir)).toEqual(['not-a-folder']);
  });

  it('tells a read-only database and an unwritable folder from a damaged database', async () => {
    const readOnly = tempDirForTest('hardening-readonly');
    await seedDatabase(readOnly);
    const unwritable = tempDirForTest('hardening-unwritable');
    const damaged = tempDirForTest('hardening-damaged');
    fs.writeFileSync(path.join(damaged, DB_FILE), 'this is not a SQLite database '.repeat(200));
    for (const d of [readOnly, unwritable]) fs.chmodSync(d, 0o755);
    fs.chmodSync(damaged, 0o777);
    fs.chmodSync(path.join(readOnly, DB_FILE), 0o644);
    fs.chmodSync(path.join(damaged, DB_FILE), 0o666);
    if (process.getuid?.() !== 0) {
      fs.chmodSync(readOnly, 0o555);
      fs.chmodSync(unwritable, 0o555);
      fs.chmodSync(path.join(readOnly, DB_FILE), 0o444);
    }
    try {
      const ro = await runAsOtherUser(['config', 'export', '--data-dir', readOnly]);
      expect(ro.code, ro.stderr).toBe(2);
      expect(ro.stderr).toContain('is read-only for this user; it is not damaged');
      expect(ro.stderr).not.toContain('is damaged');

      const folder = await runAsOtherUser(['config', 'export', '--data-dir', unwritable]);
      expect(folder.code, folder.stderr).toBe(2);
      expect(folder.stderr).toMatch(/hardening-unwritable-\w+ is not writable by this user/);

      const bad = await runAsOtherUser(['config', 'export', '--data-dir', damaged]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('is damaged');
    } finally {
      for (const d of [readOnly, unwritable]) fs.chmodSync(d, 0o755);
    }
  }, 30_000);

  it('redacts secrets but not the word "expected" in a validation message', () => {
    const message = 'apps[0].auth.password: expected a secret reference "keychain:NAME" or "env:VAR"';
    expect(redact(message)).toBe(message);
    // Values are still masked, whatever they look like.
    expect(redact('password: hunter2 and more')).toBe('password: [redacted] and more');
    expect(redact('password=expected&user=x')).toBe('password=[redacted]&user=x');
    expect(redact('{"client_secret":"expectedly-secret"}')).toBe('{"client_secret":"[redacted]"}');
  });

  it('prints the validation message for a literal secret with its wording intact', async () => {
    const dir = tempDirForTest('hardening-literal');
    const file = path.join(dir, 'ws.yaml');
    const literal = 'TopSecret-value-123';
    fs.writeFileSync(
      file,
      [
        'apps:',
        '  - id: acme',
        '    name: Acme',
        '    kind: scim',
        '    baseUrl: https://scim.example.com/v2',
        `    auth: { type: basic, username: lanyard, password: ${literal} }`,
        '',
      ].join('\n'),
    );
    const r = await runInProcess(['--data-dir', path.join(dir, 'data'), 'config', 'apply', file], {
      env: env(),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('apps[0].auth.password: expected a secret reference');
    expect(r.stderr).not.toContain(literal);
  });

  it('never calls the first bad event intact when a middle event was forged with a valid hash', async () => {
    const dir = tempDirForTest('hardening-verify');
    await seedDatabase(dir, 8);
    const raw = new Database(path.join(dir, DB_FILE));
    try {
      raw.exec('DROP TRIGGER IF EXISTS audit_no_update;');
      const row = raw.prepare<[], AuditRow>('SELECT * FROM audit_events WHERE seq = 4').get()!;
      const forged = { ...row, result: 'ok: forged' };
      raw
        .prepare('UPDATE audit_events SET result = ?, hash = ? WHERE seq = 4')
        .run(forged.result, rowHash(forged));
    } finally {
      raw.close();
    }
    const r = await runInProcess(['--data-dir', dir, 'audit', 'verify'], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('first bad event seq 4');
    expect(r.stdout).not.toContain('4 checked');
    expect(r.stdout).toContain('Events 1–3 before it are intact (3 checked).');
  });
});
