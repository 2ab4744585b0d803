// file: secret references through the real `lanyard` command, as a server's admin runs it: a workspace with file:
// references round-trips through config export/apply unchanged, `apps test` reads the mounted file at use, and an
// unusable file is named in the CLI's error without the secret (whose value never reaches stdout or stderr).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startScimFake, type ScimFake } from '../../fakes/scim/server';
import { runCli, stopChildren } from '../../helpers/processes';
import { filesContaining, tempDirForTest } from '../../helpers/temp-dir';

const fakes: ScimFake[] = [];
afterEach(async () => {
  await stopChildren();
  for (const f of fakes.splice(0)) await f.close();
});

/** A data folder and a secrets folder, with the seal key in a file too: a server without a keychain. */
const server = () => {
  const dir = tempDirForTest('file-secret-cli');
  const dataDir = path.join(dir, 'data');
  const secrets = path.join(dir, 'secrets');
  const credentials = path.join(dir, 'credentials');
  fs.mkdirSync(secrets, { mode: 0o700 });
  fs.mkdirSync(credentials, { mode: 0o700 });
  const env = {
    LANYARD_LOG_LEVEL: 'debug',
    LANYARD_KEYCHAIN_SERVICE: `Lanyard-test-${randomUUID()}`,
    LANYARD_AUDIT_SEAL_KEY: `file:${path.join(dir, 'seal.key')}`,
    CREDENTIALS_DIRECTORY: credentials,
  };
  const cli = (args: string[], input?: string) =>
    runCli(args, { dataDir, env, ...(input === undefined ? {} : { input }) });
  const write = (file: string, content: string, mode = 0o600): void => {
    fs.writeFileSync(file, content);
    fs.chmodSync(file, mode);
  };
  return { dir, dataDir, secrets, credentials, cli, write };
};

describe('file: secrets through the lanyard command', { timeout: 120_000 }, () => {
  it('keeps file: references unchanged through config apply → export → apply', async () => {
    const s = server();
    const okta = path.join(s.secrets, 'okta token'); // a space, so the export has to quote it
    const yaml = [
      'directory:',
      '  kind: okta',
      '  name: Acme Okta',
      '  baseUrl: https://acme.okta.com',
      `  auth: { type: token, token: "file:${okta}" }`,
      'apps:',
      '  - id: slack',
      '    name: Slack',
      '    kind: scim',
      '    baseUrl: https://api.slack.com/scim/v2',
      '    auth: { type: bearer, token: "file:${CREDENTIALS_DIRECTORY}/slack-scim" }',
      '  - id: github',
      '    name: GitHub',
      '    kind: github',
      '    org: acme',
      '    baseUrl: https://api.github.com',
      '    auth: { type: bearer, token: keychain:github }',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(s.dir, 'ws.yaml'), yaml);
    const applied = await s.cli(['config', 'apply', path.join(s.dir, 'ws.yaml')]);
    expect(applied.code, applied.stderr).toBe(0);

    const first = await s.cli(['config', 'export']);
    expect(first.code, first.stderr).toBe(0);
    const reparsed = first.stdout;
    expect(reparsed).toContain(`file:${okta}`);
    expect(reparsed).toContain('file:${CREDENTIALS_DIRECTORY}/slack-scim');

    const again = await s.cli(['config', 'apply', '-'], reparsed);
    expect(again.code, again.stderr).toBe(0);
    const second = await s.cli(['config', 'export']);
    expect(second.stdout).toBe(first.stdout);

    const list = await s.cli(['secrets', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject({
      ok: true,
      value: expect.arrayContaining([
        expect.objectContaining({ ref: `file:${okta}`, source: 'file', set: false }),
        expect.objectContaining({
          ref: 'file:${CREDENTIALS_DIRECTORY}/slack-scim',
          source: 'file',
          set: false,
        }),
      ]),
    });
  });

  it('tests an app with the token read from its file at use; a bad file is named, the value never shown', async () => {
    const s = server();
    const token = `file-cli-canary-${randomUUID()}`;
    const scim = await startScimFake({ token });
    fakes.push(scim);
    const file = path.join(s.credentials, 'hr-token');
    const ws = path.join(s.dir, 'ws.yaml');
    fs.writeFileSync(
      ws,
      [
        'apps:',
        '  - id: hr',
        '    name: HR',
        '    kind: scim',
        `    baseUrl: ${scim.url}`,
        '    auth: { type: bearer, token: "file:${CREDENTIALS_DIRECTORY}/hr-token" }',
        '',
      ].join('\n'),
    );
    expect((await s.cli(['config', 'apply', ws])).code).toBe(0);

    // Not mounted yet: the CLI names the file and what to do.
    const missing = await s.cli(['apps', 'test', 'hr']);
    expect(missing.code).toBe(1);
    expect(missing.stdout + missing.stderr).toContain(`the file ${file} does not exist.`);

    s.write(file, `${token}\n`, 0o644);
    const open = await s.cli(['apps', 'test', 'hr']);
    expect(open.code).toBe(1);
    expect(open.stdout + open.stderr).toContain(
      `${file} can be read by every user of this machine (mode 0644)`,
    );

    fs.chmodSync(file, 0o400);
    const ok = await s.cli(['apps', 'test', 'hr']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(scim.requests.some((r) => r.headers.authorization === `Bearer ${token}`)).toBe(true);

    // Rotated: the app now wants a new token, and the file holds it.
    const rotated = `file-cli-canary-${randomUUID()}`;
    scim.set({ token: rotated });
    fs.chmodSync(file, 0o600);
    s.write(file, `${rotated}\r\n`, 0o400);
    const after = await s.cli(['apps', 'test', 'hr', '--json']);
    expect(after.code, after.stdout + after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ ok: true, value: { ok: true } });

    for (const r of [missing, open, ok, after]) {
      expect(r.stdout + r.stderr).not.toContain(token);
      expect(r.stdout + r.stderr).not.toContain(rotated);
    }
    expect(filesContaining(s.dataDir, token)).toEqual([]);
    expect(filesContaining(s.dataDir, rotated)).toEqual([]);
  });
});
