// The `lanyard` entry in-process: global flags, command lookup, strict options, exit codes and error output.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LanyardError } from '../../../electron/app/errors';
import type { Lanyard } from '../../../electron/app/create-lanyard';
import type { CliCommand } from '../../../electron/cli/command';
import { commands } from '../../../electron/cli/registry';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { uniqueService } from '../../helpers/keychain';
import { EXAMPLE, ROOT, runInProcess } from './run-cli';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  dir = makeTempDir('cli');
  env = { LANYARD_LOG_LEVEL: 'error', LANYARD_KEYCHAIN_SERVICE: uniqueService() };
});
afterEach(() => removeDir(dir));

const run = (argv: string[], input?: string, extra?: CliCommand[]) =>
  runInProcess(['--data-dir', dir, ...argv], {
    env,
    input,
    commands: extra ? [...commands, ...extra] : commands,
  });

describe('lanyard global flags and help', () => {
  it("prints package.json's version with --version", async () => {
    const r = await runInProcess(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('lists the commands with --help', async () => {
    const r = await runInProcess(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/config apply\s+Validate a workspace file/);
    expect(r.stdout).toMatch(/secrets set\s+Store a secret/);
    expect(r.stdout).toContain('--data-dir DIR');
  });

  it('shows one command with `help config apply` and with `config apply --help`', async () => {
    const a = await runInProcess(['help', 'config', 'apply']);
    const b = await runInProcess(['config', 'apply', '--help']);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('Usage: lanyard config apply FILE');
    expect(b.stdout).toBe(a.stdout);
  });

  it('prints usage and exits 2 when no command is given', async () => {
    const r = await runInProcess([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: lanyard');
  });

  it('lists a group when its subcommand is missing', async () => {
    const r = await runInProcess(['secrets']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('secrets list');
  });
});

describe('lanyard usage errors', () => {
  it('suggests the closest command for a typo (exit 2)', async () => {
    const r = await runInProcess(['secret', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "secret list"');
    expect(r.stderr).toContain('Did you mean: lanyard secrets list');
  });

  it("names an unknown flag and shows the command's usage (exit 2)", async () => {
    const r = await run(['config', 'export', '--yml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option --yml for "lanyard config export"');
    expect(r.stderr).toContain('usage: lanyard config export');
  });

  it('reports a missing argument (exit 2)', async () => {
    const r = await run(['config', 'apply']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('needs an argument');
  });

  it('reports a missing file as bad input (exit 2)', async () => {
    const r = await run(['config', 'apply', path.join(dir, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lanyard: No such file: .*nope\.yaml/);
  });
});

describe('lanyard config', () => {
  it('applies the example, prints a summary, and exports the same text it re-applies', async () => {
    const applied = await run(['config', 'apply', EXAMPLE]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(
      '1 directory (okta), 3 apps, 3 rules; guardrails, offboarding, schedule',
    );

    const first = await run(['config', 'export']);
    expect(first.code).toBe(0);
    const again = await run(['config', 'apply', '-'], first.stdout);
    expect(again.code).toBe(0);
    const second = await run(['config', 'export']);
    expect(second.stdout).toBe(first.stdout);
  });

  it('answers a JSON document with --json', async () => {
    const r = await run(['--json', 'config', 'apply', EXAMPLE]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { ok: boolean; value: { apps: string[]; directory: string } };
    expect(doc.ok).toBe(true);
    expect(doc.value).toMatchObject({ directory: 'okta', apps: ['slack', 'github', 'badge'] });
  });

  it('exits 2 naming the bad field, and leaves the stored workspace unchanged', async () => {
    await run(['config', 'apply', EXAMPLE]);
    const before = (await run(['config', 'export'])).stdout;
    const bad = fs
      .readFileSync(EXAMPLE, 'utf8')
      .replace('- id: github\n', '- id: github\n    deprovision: sometimes\n');
    const r = await run(['config', 'apply', '-'], bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'apps[1].deprovision: expected "deactivate" | "delete" | {deactivateThenDeleteAfterDays}',
    );
    expect(r.stderr).toContain('nothing was applied');
    expect((await run(['config', 'export'])).stdout).toBe(before);
  });

  it('puts a failure in the JSON envelope on stdout with --json', async () => {
    const r = await run(
      ['config', 'apply', '-', '--json'],
      'apps:\n  - { id: a, name: A, kind: manual, deprovision: sometimes }\n',
    );
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { ok: boolean; error: { code: string; path: string } };
    expect(doc).toMatchObject({ ok: false, error: { code: 'bad_input', path: 'apps[0].deprovision' } });
    expect(r.stderr).toBe('');
  });

  it('validates without storing with --check', async () => {
    const r = await run(['config', 'apply', EXAMPLE, '--check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('is valid: 1 directory (okta)');
    expect((await run(['config', 'export'])).stdout).not.toContain('slack');
  });

  it('says with --check what applying would remove, and stores nothing', async () => {
    await run(['config', 'apply', EXAMPLE]);
    const empty = path.join(dir, 'empty.yaml');
    fs.writeFileSync(empty, 'apps: []\n');
    const r = await run(['config', 'apply', empty, '--check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would remove app Slack (slack)');
    expect(r.stdout).toContain('would remove the directory');
    expect(r.stdout).toMatch(/would remove rule 1/);
    expect((await run(['config', 'export'])).stdout).toContain('id: slack');
  });

  it('prints the JSON Schema of the workspace file', async () => {
    const r = await runInProcess(['config', 'schema']);
    const committed = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'shared/config/workspace.schema.json'), 'utf8'),
    );
    expect(JSON.parse(r.stdout)).toEqual(committed);
  });

  it('uses LANYARD_DATA_DIR when --data-dir is not given', async () => {
    await runInProcess(['config', 'apply', EXAMPLE], { env: { ...env, LANYARD_DATA_DIR: dir } });
    expect(fs.existsSync(path.join(dir, 'lanyard.db'))).toBe(true);
    expect((await run(['config', 'export'])).stdout).toContain('id: slack');
  });
});

describe('the core around a command', () => {
  const probe = (run: CliCommand['run']): CliCommand => ({
    words: ['test-probe'],
    usage: 'test-probe',
    summary: 'probe',
    run,
  });

  it('closes the database when a command finishes', async () => {
    let core: Lanyard | null = null;
    const r = await run(['test-probe'], undefined, [
      probe(async ({ openCore }) => {
        core = openCore();
        return 0;
      }),
    ]);
    expect(r.code).toBe(0);
    expect((core as Lanyard | null)?.context.db.open).toBe(false);
  });

  it('leaves the core open for a command that owns it (serve)', async () => {
    let core: Lanyard | null = null;
    await run(['test-probe'], undefined, [
      probe(async ({ openCore }) => {
        core = openCore({ keepOpen: true });
        return 0;
      }),
    ]);
    const kept = core as unknown as Lanyard;
    expect(kept.context.db.open).toBe(true);
    kept.close();
  });

  it('never opens the store for --help', async () => {
    await run(['config', 'export', '--help']);
    expect(fs.existsSync(path.join(dir, 'lanyard.db'))).toBe(false);
  });

  it('exits 1 for a held or failed operation, with its hint', async () => {
    const r = await run(['test-probe'], undefined, [
      probe(async () => {
        throw new LanyardError('held', '3 deprovisions were held for review', {
          hint: 'Run `lanyard review list`.',
        });
      }),
    ]);
    expect(r).toMatchObject({
      code: 1,
      stderr: 'lanyard: 3 deprovisions were held for review\nhint: Run `lanyard review list`.\n',
    });
  });

  it('exits 1 for an unexpected error', async () => {
    const r = await run(['test-probe'], undefined, [
      probe(async () => {
        throw new Error('boom');
      }),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lanyard: Unexpected error: boom');
  });
});
