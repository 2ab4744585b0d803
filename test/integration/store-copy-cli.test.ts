// `lanyard store copy` through the real CLI entry (electron/cli.ts): as a child process with no usable keychain
// (the command copies no secrets, so it must not need one), with --json, and its usage and error exits, never
// printing a password.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { makeTempDir, removeDir } from '../helpers/temp-dir';
import { killChildren, runInProcess, runProcess } from '../unit/cli/run-cli';
import { dumpTables, dbFile, ledgerOnlyWorkspace } from './store-copy-kit';

let server: TestPostgres;
let root: string;
let source: string;

beforeAll(() => {
  server = startPostgres();
  root = makeTempDir('store-copy-cli');
  source = ledgerOnlyWorkspace(path.join(root, 'desktop'), 30);
});
afterEach(() => killChildren());
afterAll(() => {
  server?.stop();
  if (root) removeDir(root);
});

/** No Secret Service reachable: a command that touched the keychain would fail. */
const NO_KEYCHAIN = {
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
  LANYARD_KEYCHAIN_SERVICE: 'none',
};

describe('lanyard store copy', { timeout: 60_000 }, () => {
  it('copies a data folder to PostgreSQL and back as a child process without a keychain, and reports what it did', async () => {
    const head = (dumpTables(dbFile(source)).audit_head as { head_hash: string }[])[0]!.head_hash;
    const url = server.url(await server.createDatabase('cli'));
    // A data folder that must stay absent: the command never opens a core (which would create it).
    const unused = path.join(root, 'never-opened');
    const there = await runProcess(
      ['--data-dir', unused, 'store', 'copy', '--from', `sqlite:${source}`, '--to', url],
      { env: NO_KEYCHAIN },
    );
    expect(there.stderr).toBe('');
    expect(fs.existsSync(unused)).toBe(false);
    expect(there.code).toBe(0);
    expect(there.stdout).toMatch(
      new RegExp(
        `^Copied \\d+ rows in \\d+ tables from sqlite:${source}/lanyard.db to postgres://.+ in \\d+\\.\\d s\\.`,
      ),
    );
    expect(there.stdout).toContain(`Ledger: 30 events, head seq 30, hash ${head} (verified on arrival).`);
    expect(there.stdout).toMatch(/\n {2}audit_events +30\n/);

    const back = path.join(root, 'back');
    const json = await runProcess(['--json', 'store', 'copy', '--from', url, '--to', `sqlite:${back}`], {
      env: NO_KEYCHAIN,
    });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      value: { ledger: { events: 30, headSeq: 30, headHash: head }, to: `sqlite:${back}/lanyard.db` },
    });
    expect(dumpTables(dbFile(back))).toEqual(dumpTables(dbFile(source)));
  });

  it('exits 2 with the usage when --from or --to is missing', async () => {
    const r = await runInProcess(['store', 'copy', '--from', `sqlite:${source}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('lanyard: --to is required');
    expect(r.stderr).toContain('usage: lanyard store copy --from SRC --to DST [--json]');
  });

  it('exits 1 and says why when the target is not empty, as JSON with --json', async () => {
    const target = path.join(root, 'used');
    expect(
      (await runInProcess(['store', 'copy', '--from', `sqlite:${source}`, '--to', `sqlite:${target}`])).code,
    ).toBe(0);
    const r = await runInProcess([
      '--json',
      'store',
      'copy',
      '--from',
      `sqlite:${source}`,
      '--to',
      `sqlite:${target}`,
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/is not empty/), hint: expect.any(String) },
    });
  });

  it('never prints the password of a URL it cannot reach', async () => {
    const url = 'postgresql://owner:hunter2-secret@127.0.0.1:1/lanyard';
    const human = await runInProcess(['store', 'copy', '--from', `sqlite:${source}`, '--to', url]);
    const json = await runInProcess(['--json', 'store', 'copy', '--from', url, '--to', `sqlite:${root}/x`]);
    expect([human.code, json.code]).toEqual([1, 1]);
    expect(human.stderr).toContain(
      'Cannot connect to PostgreSQL at postgresql://owner:***@127.0.0.1:1/lanyard',
    );
    expect(JSON.parse(json.stdout).error.message).toContain('owner:***@');
    expect(human.stderr + human.stdout + json.stdout + json.stderr).not.toContain('hunter2');
  });

  it('is listed, and its help says that no secrets are copied and the keychain is not used', async () => {
    const list = await runInProcess(['--help']);
    expect(list.stdout).toMatch(/store copy\s+Copy a whole workspace between SQLite and PostgreSQL/);
    const help = await runInProcess(['help', 'store', 'copy']);
    expect(help.stdout).toContain('No secrets are copied');
    expect(help.stdout).toContain('does not use the keychain');
  });
});
