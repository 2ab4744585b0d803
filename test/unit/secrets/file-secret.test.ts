// file: secret references (a mounted secret, a systemd credential) against real files in a temp folder: read at
// every use, so a rotated file counts without a restart; one final newline dropped; every unusable file refused with
// its own message; and the value never shown, logged or stored — only the reference is.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppConnector } from '../../../electron/apps/factory';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { MAX_SECRET_FILE_BYTES } from '../../../electron/secrets/file-secret';
import type { SecretStore } from '../../../electron/secrets/secret-store';
import { appConfigSchema } from '../../../shared/config/workspace';
import { startScimFake } from '../../fakes/scim/server';
import { REPO_ROOT } from '../../helpers/processes';
import { filesContaining, tempDirForTest } from '../../helpers/temp-dir';

const noKeychain: SecretStore = {
  description: 'none (a server)',
  get: () => Promise.resolve(null),
  set: () => Promise.reject(new Error('no keychain in this test')),
  delete: () => Promise.resolve(false),
};

const cores: Lanyard[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});

const start = (env: NodeJS.ProcessEnv = {}) => {
  const dir = tempDirForTest('file-secret');
  const sink = memorySink();
  const log = createLogger(sink);
  const core = createLanyard({ dataDir: path.join(dir, 'data'), secrets: noKeychain, log, env });
  cores.push(core);
  // Secrets live apart from the data folder, as /run/secrets does.
  const secrets = path.join(dir, 'secrets');
  fs.mkdirSync(secrets, { mode: 0o711 });
  return {
    core,
    dir,
    secrets,
    logLines: sink.lines,
    resolver: core.context.resolver,
    call: (method: string, input: unknown = {}) =>
      dispatch(core.handlers, method, input, { actor: 'test' }, log),
  };
};

/** Writes `content` to `name` in `dir` with `mode` (umask aside), returning its absolute path. */
const secretFile = (dir: string, name: string, content: string | Buffer, mode = 0o600): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  fs.chmodSync(file, mode);
  return file;
};

const canary = (): string => `file-canary-${randomUUID()}`;

const failure = async (
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; hint: string }> => {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'expected the secret to be refused').not.toBeNull();
  return err as { code: string; message: string; hint: string };
};

describe('file: secret references', () => {
  it('reads the file at every use, so a rotated secret counts at the next use without a restart', async () => {
    const h = start();
    const first = canary();
    const file = secretFile(h.secrets, 'okta-token', `${first}\n`);
    expect(await h.resolver.resolve(`file:${file}`, 'directory')).toBe(first);

    const second = canary();
    // Rotated the way orchestrators do it: a new file renamed over the old one.
    secretFile(h.secrets, 'okta-token.new', `${second}\n`);
    fs.renameSync(`${file}.new`, file);
    expect(await h.resolver.resolve(`file:${file}`, 'directory')).toBe(second);

    // Rewritten in place, too.
    const third = canary();
    fs.writeFileSync(file, third);
    expect(await h.resolver.resolve(`file:${file}`, 'directory')).toBe(third);
  });

  it('drops one final newline (\\n or \\r\\n) and keeps every other character as written', async () => {
    const h = start();
    const cases: [string, string][] = [
      ['tok-en\n', 'tok-en'],
      ['tok-en\r\n', 'tok-en'],
      ['tok-en', 'tok-en'],
      ['tok-en\n\n', 'tok-en\n'],
      [' tok-en \n', ' tok-en '],
      [
        '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n',
        '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----',
      ],
    ];
    for (const [i, [content, value]] of cases.entries()) {
      const file = secretFile(h.secrets, `s${i}`, content);
      expect(await h.resolver.resolve(`file:${file}`, 'app slack'), JSON.stringify(content)).toBe(value);
    }
  });

  it('reads a systemd credential through ${CREDENTIALS_DIRECTORY}, and says when that is not set', async () => {
    const value = canary();
    const probe = start();
    const creds = path.join(probe.dir, 'credentials');
    fs.mkdirSync(creds, { mode: 0o700 });
    secretFile(creds, 'okta-token', `${value}\n`, 0o400);

    const h = start({ CREDENTIALS_DIRECTORY: creds });
    expect(await h.resolver.resolve('file:${CREDENTIALS_DIRECTORY}/okta-token', 'directory')).toBe(value);

    const unset = await failure(
      probe.resolver.resolve('file:${CREDENTIALS_DIRECTORY}/okta-token', 'directory'),
    );
    expect(unset).toMatchObject({ code: 'not_found', hint: expect.stringContaining('LoadCredential=') });
    expect(unset.message).toBe(
      'The secret file:${CREDENTIALS_DIRECTORY}/okta-token used by directory: $CREDENTIALS_DIRECTORY is not set.',
    );
  });

  it('follows a symbolic link, as a Kubernetes secret volume rotates by swapping one', async () => {
    const h = start();
    const v1 = canary();
    const v2 = canary();
    fs.mkdirSync(path.join(h.secrets, 'v1'));
    fs.mkdirSync(path.join(h.secrets, 'v2'));
    secretFile(path.join(h.secrets, 'v1'), 'token', v1);
    secretFile(path.join(h.secrets, 'v2'), 'token', v2);
    fs.symlinkSync('v1', path.join(h.secrets, '..data'));
    fs.symlinkSync('..data/token', path.join(h.secrets, 'token'));
    const ref = `file:${path.join(h.secrets, 'token')}`;
    expect(await h.resolver.resolve(ref, 'app github')).toBe(v1);

    fs.symlinkSync('v2', path.join(h.secrets, '..data.tmp'));
    fs.renameSync(path.join(h.secrets, '..data.tmp'), path.join(h.secrets, '..data'));
    expect(await h.resolver.resolve(ref, 'app github')).toBe(v2);
  });

  it('refuses every unusable file with a message of its own, naming the file and never its content', async () => {
    const h = start();
    const at = (name: string) => path.join(h.secrets, name);
    const secret = canary();
    fs.mkdirSync(at('a-folder'));
    spawnSync('mkfifo', [at('a-pipe')]);
    secretFile(h.secrets, 'readable', `${secret}\n`, 0o644);
    secretFile(h.secrets, 'writable', `${secret}\n`, 0o602);
    secretFile(h.secrets, 'huge', Buffer.alloc(MAX_SECRET_FILE_BYTES + 1, 'a'));
    secretFile(h.secrets, 'binary', Buffer.from([0x74, 0x00, 0x6b]));
    secretFile(h.secrets, 'empty', '');
    secretFile(h.secrets, 'newline-only', '\n');

    const cases: [string, string, string, RegExp][] = [
      [
        'missing',
        'not_found',
        `the file ${at('missing')} does not exist.`,
        /Mount or write the secret there/,
      ],
      ['a-folder', 'bad_input', `${at('a-folder')} is a directory, not a regular file.`, /holds the secret/],
      ['a-pipe', 'bad_input', `${at('a-pipe')} is a named pipe, not a regular file.`, /holds the secret/],
      [
        'readable',
        'bad_input',
        `${at('readable')} can be read by every user of this machine (mode 0644); Lanyard refuses such a secret ` +
          'file, as ssh refuses an unprotected private key.',
        /chmod o-rwx .*defaultMode to 0400/,
      ],
      [
        'writable',
        'bad_input',
        `${at('writable')} can be changed by every user of this machine (mode 0602)`,
        /chmod o-rwx/,
      ],
      [
        'huge',
        'bad_input',
        `${at('huge')} is ${MAX_SECRET_FILE_BYTES + 1} bytes; a secret file may hold at most 64 KiB.`,
        /names the secret’s file/,
      ],
      ['binary', 'bad_input', `${at('binary')} holds binary data (NUL bytes)`, /as text/],
      ['empty', 'not_found', `${at('empty')} is empty.`, /one final newline is ignored/],
      ['newline-only', 'not_found', `${at('newline-only')} is empty.`, /Write the secret into it/],
    ];
    for (const [name, code, problem, hint] of cases) {
      const ref = `file:${at(name)}`;
      const err = await failure(h.resolver.resolve(ref, 'app slack'));
      expect(err.code, name).toBe(code);
      expect(err.message, name).toContain(`The secret ${ref} used by app slack: ${problem}`);
      expect(err.hint, name).toMatch(hint);
      expect(err.message + err.hint).not.toContain(secret);
      expect(await h.resolver.isSet(ref), name).toBe(false);
    }
  });

  it('refuses a file Lanyard may not read, naming the user it runs as', async () => {
    const h = start();
    const file = secretFile(h.secrets, 'root-only', `${canary()}\n`, 0o600);
    fs.chmodSync(h.dir, 0o711);
    // Root reads any file, so the check runs as an unprivileged user when the tests run as root (CI does).
    const asRoot = process.getuid?.() === 0;
    const script =
      `const m = await import(${JSON.stringify(path.join(REPO_ROOT, 'electron/secrets/file-secret.ts'))});` +
      `try { await m.readSecretFile(${JSON.stringify(file)}, {}, { ref: 'file:${file}', usedBy: 'app slack' }); }` +
      ' catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message, hint: e.hint })); }';
    if (!asRoot) fs.chmodSync(file, 0o000);
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(r.status, r.stderr).toBe(0);
    const err = JSON.parse(r.stdout) as { code: string; message: string; hint: string };
    expect(err.code).toBe('bad_input');
    expect(err.message).toMatch(
      new RegExp(
        `^The secret file:${file} used by app slack: Lanyard \\(running as .*uid \\d+\\) may not read ${file} \\(permission denied\\)\\.$`,
      ),
    );
    expect(err.hint).toMatch(/chmod 400 .*LoadCredential=/);
  });

  it('lists a file: reference the workspace uses as set or not set, never with its value', async () => {
    const h = start();
    const value = canary();
    const file = secretFile(h.secrets, 'slack-scim', `${value}\n`);
    const missing = path.join(h.secrets, 'github');
    const yaml = [
      'apps:',
      '  - { id: slack, name: Slack, kind: scim, baseUrl: "https://api.slack.com/scim/v2",',
      `      auth: { type: bearer, token: "file:${file}" } }`,
      '  - { id: github, name: GitHub, kind: github, org: acme, baseUrl: "https://api.github.com",',
      `      auth: { type: bearer, token: "file:${missing}" } }`,
      '',
    ].join('\n');
    expect(await h.call('config.apply', { yaml })).toMatchObject({ ok: true });
    const list = await h.call('secrets.list');
    expect(list).toEqual({
      ok: true,
      value: expect.arrayContaining([
        { ref: `file:${file}`, name: file, source: 'file', set: true, usedBy: ['app slack'] },
        { ref: `file:${missing}`, name: missing, source: 'file', set: false, usedBy: ['app github'] },
      ]),
    });
    expect(JSON.stringify(list)).not.toContain(value);
  });

  it('refuses a relative path or another variable in the workspace, saying why, and still no literal secret', async () => {
    const h = start();
    const app = (token: string) =>
      `apps:\n  - { id: slack, name: Slack, kind: scim, baseUrl: "https://x.example/scim", auth: { type: bearer, token: "${token}" } }\n`;
    const cases: [string, RegExp][] = [
      [
        'file:secrets/okta-token',
        /needs an absolute path .* relative path would depend on the folder Lanyard was started from/,
      ],
      ['file:./okta-token', /needs an absolute path/],
      ['file:${HOME}/okta-token', /only \$\{CREDENTIALS_DIRECTORY\} is expanded/],
      ['file:${CREDENTIALS_DIRECTORY}/../etc/shadow', /only \$\{CREDENTIALS_DIRECTORY\} is expanded/],
      ['file:/run/secrets/okta\u202etoken', /control or invisible characters/],
      [
        'xoxb-1234-literal-token',
        /expected a secret reference "keychain:NAME", "env:VAR" or "file:\/absolute\/path", not a literal secret/,
      ],
    ];
    for (const [token, message] of cases) {
      const r = (await h.call('config.apply', { yaml: app(token) })) as {
        ok: boolean;
        error: { message: string };
      };
      expect(r.ok, token).toBe(false);
      expect(r.error.message, token).toMatch(message);
      expect(r.error.message).toContain('apps[0].auth.token');
      expect(r.error.message).not.toContain(token);
    }
    expect(await h.call('config.apply', { yaml: app('file:/run/secrets/okta-token') })).toMatchObject({
      ok: true,
    });
    expect(
      await h.call('config.apply', { yaml: app('file:${CREDENTIALS_DIRECTORY}/okta-token') }),
    ).toMatchObject({ ok: true });
  });

  it('lets a connector kept between sync runs pick up a rotated file once the app rejects the old token', async () => {
    const h = start();
    const first = canary();
    const file = secretFile(h.secrets, 'hr-token', `${first}\n`);
    const scim = await startScimFake({ token: first });
    try {
      const app = appConfigSchema.parse({
        id: 'hr',
        name: 'HR',
        kind: 'scim',
        baseUrl: scim.url,
        auth: { type: 'bearer', token: `file:${file}` },
      });
      // As the sync engine keeps it: one connector across runs, its token resolved once and then reused.
      const connector = createAppConnector(app, {
        resolveSecret: (ref) => h.resolver.resolve(ref, 'app hr'),
        log: h.core.context.log,
        confirmedAccounts: async () => [],
      });
      expect(await connector.test()).toMatchObject({ ok: true });

      const second = canary();
      fs.writeFileSync(file, `${second}\n`);
      scim.set({ token: second });
      expect(await connector.test()).toMatchObject({ ok: true });
      expect(scim.requests.at(-1)?.headers.authorization).toBe(`Bearer ${second}`);
    } finally {
      await scim.close();
    }
  });

  it('keeps the value out of the SQLite files and the log, and masks it where a vendor echoes it back', async () => {
    const h = start();
    const value = canary();
    const file = secretFile(h.secrets, 'hr-token', `${value}\n`);
    const scim = await startScimFake({ token: value });
    const echo = await echoServer();
    try {
      const yaml = [
        'apps:',
        `  - { id: hr, name: HR, kind: scim, baseUrl: "${scim.url}", auth: { type: bearer, token: "file:${file}" } }`,
        `  - { id: echo, name: Echo, kind: scim, baseUrl: "${echo.url}/scim/v2", auth: { type: bearer, token: "file:${file}" } }`,
        '',
      ].join('\n');
      expect(await h.call('config.apply', { yaml })).toMatchObject({ ok: true });
      // The app accepted the token read from the file: it reached the app, and nothing else.
      expect(await h.call('apps.test', { appId: 'hr' })).toMatchObject({ ok: true, value: { ok: true } });
      // A vendor that quotes the token in its error: the check's answer shows it masked.
      const echoed = await h.call('apps.test', { appId: 'echo' });
      expect(echo.seen()).toContain(value);
      expect(JSON.stringify(echoed)).not.toContain(value);
      expect(JSON.stringify(echoed)).toContain('[redacted]');
    } finally {
      await scim.close();
      await echo.close();
    }
    h.core.context.log.error(`a line quoting ${value}`);
    expect(h.logLines.join('\n')).not.toContain(value);

    // Only the reference is stored: in the database while open (WAL) and after closing.
    const data = path.join(h.dir, 'data');
    expect(filesContaining(data, value)).toEqual([]);
    h.core.close();
    cores.splice(0);
    expect(filesContaining(data, value)).toEqual([]);
    expect(filesContaining(data, `file:${file}`)).toEqual(['lanyard.db']);
  });
});

/** A vendor that answers every request with 400 and the bearer token it received in the error text. */
const echoServer = async () => {
  let seen = '';
  const server = http.createServer((req, res) => {
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    seen += token;
    req.resume();
    res.writeHead(400, { 'content-type': 'application/scim+json' });
    res.end(
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '400',
        detail: `Invalid token ${token}`,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen: () => seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
