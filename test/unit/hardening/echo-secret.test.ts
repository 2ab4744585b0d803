// A vendor that echoes the credential back (issue 15, problem 1 and Deliver 1). One loopback server plays a SCIM
// app, GitHub and Okta; it puts whatever token arrived in the Authorization header into (a) its error bodies, (b) a
// field of a successful answer the check quotes, and (c) a response header the HTTP layer quotes in its message.
// The token must appear in no output channel: CLI stdout and stderr (text and --json), the API reply (dispatch),
// the log, and the database file (ledger, runs, stored errors).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createLogger, memorySink } from '../../../electron/log/logger';
import type { SecretStore } from '../../../electron/secrets/secret-store';
import { runCli, stopChildren } from '../../helpers/processes';
import { tempDirForTest } from '../../helpers/temp-dir';

type Mode = 'error' | 'header' | 'success' | 'escape';

const TOKEN = `echoTok_${Math.random().toString(36).slice(2)}_${Date.now().toString(36)}`;

let mode: Mode = 'error';
let server: http.Server;
let base = '';

const tokenOf = (req: http.IncomingMessage): string =>
  String(req.headers.authorization ?? '').replace(/^\S+\s+/, '');

const send = (
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/** Successful answers that carry the token in a field the connectors quote in their check details. */
const success = (url: string, tok: string, res: http.ServerResponse): void => {
  if (url.includes('/gh/')) {
    if (url.endsWith('/gh/user'))
      return send(res, 200, { login: tok, id: 1 }, { 'x-oauth-scopes': `admin:org, ${tok}` });
    if (/\/gh\/orgs\/acme$/.test(url)) return send(res, 200, { login: 'acme', id: 2 });
    if (url.includes('/memberships/'))
      return send(res, 200, { state: 'active', role: 'admin', user: { login: tok } });
    return send(res, 200, []);
  }
  if (url.includes('/scim/')) {
    if (url.includes('/ResourceTypes'))
      return send(res, 200, { totalResults: 1, Resources: [{ id: tok, name: tok, endpoint: '/Users' }] });
    if (url.includes('/Users'))
      return send(res, 200, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: 1,
        startIndex: 1,
        itemsPerPage: 1,
        Resources: [{ id: 'u1', userName: `${tok}@acme.io`, active: true }],
      });
    return send(res, 404, { detail: 'no such thing' });
  }
  if (url.includes('/api/v1/users'))
    return send(res, 200, [
      {
        id: '00u1',
        status: 'ACTIVE',
        profile: {
          login: 'ada@acme.io',
          email: 'ada@acme.io',
          firstName: tok,
          lastName: 'Lovelace',
          displayName: tok,
        },
      },
    ]);
  return send(res, 200, []);
};

/** Names and messages carrying terminal control sequences: set the title, clear the screen, hide text, bidi override. */
const ESCAPES = '\u001b]0;owned\u0007\u001b[2J\u001b[8m\u009b31m\u202e';
const escapes = (url: string, res: http.ServerResponse): void => {
  if (url.endsWith('/gh/user')) return send(res, 200, { login: `octo${ESCAPES}`, id: 1 });
  if (url.includes('/gh/')) return send(res, 403, { message: `Must have admin rights${ESCAPES}` });
  if (url.includes('/ResourceTypes'))
    return send(res, 200, {
      totalResults: 1,
      Resources: [{ id: 'User', name: `User${ESCAPES}`, endpoint: '/Users' }],
    });
  if (url.includes('/Users'))
    return send(res, 200, {
      totalResults: 1,
      Resources: [{ id: 'u1', userName: `eve${ESCAPES}@acme.io`, active: true }],
    });
  if (url.includes('/scim/')) return send(res, 404, { detail: 'none' });
  return send(res, 401, { errorCode: 'E0000011', errorSummary: `Invalid token${ESCAPES}`, errorCauses: [] });
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const tok = tokenOf(req);
    const url = (req.url ?? '/').split('?')[0]!;
    req.resume();
    if (mode === 'error')
      return send(res, 401, {
        message: `Bad credentials ${tok}`,
        documentation_url: 'https://docs.github.com/rest',
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '401',
        detail: `Invalid token ${tok}`,
        errorCode: 'E0000011',
        errorSummary: `Invalid token provided: ${tok}`,
        errorCauses: [],
      });
    if (mode === 'escape') return escapes(url, res);
    // GitHub lists a classic token's scopes in a header the check quotes; elsewhere the content type is quoted.
    if (mode === 'header' && url.endsWith('/gh/user'))
      return send(res, 200, { login: 'octo', id: 1 }, { 'x-oauth-scopes': `admin:org, ${tok}` });
    if (mode === 'header') {
      res.writeHead(200, {
        'content-type': `text/html; charset=${tok}`,
        'www-authenticate': `Bearer ${tok}`,
      });
      return res.end(`<html>${tok}</html>`);
    }
    return success(url, tok, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const cores: Lanyard[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) c.close();
  await stopChildren();
});

const workspace = (): string =>
  [
    'directory:',
    '  kind: okta',
    '  name: Echo Okta',
    `  baseUrl: ${base}`,
    '  auth: { type: token, token: env:ECHO_TOKEN }',
    'apps:',
    '  - id: hr',
    '    name: Echo HR',
    '    kind: scim',
    `    baseUrl: ${base}/scim/v2`,
    '    auth: { type: bearer, token: env:ECHO_TOKEN }',
    '  - id: gh',
    '    name: Echo GitHub',
    '    kind: github',
    '    org: acme',
    `    baseUrl: ${base}/gh`,
    '    auth: { type: bearer, token: env:ECHO_TOKEN }',
    '',
  ].join('\n');

const noKeychain: SecretStore = {
  description: 'none (test)',
  get: () => Promise.resolve(null),
  set: () => Promise.reject(new Error('no keychain in this test')),
  delete: () => Promise.resolve(false),
};

/** The database files of a data folder, as one string (SQLite stores text as UTF-8). */
const databaseText = (dir: string): string =>
  fs
    .readdirSync(dir)
    .filter((f) => /\.(db|sqlite)(-wal)?$/.test(f) || f.endsWith('-wal'))
    .map((f) => fs.readFileSync(path.join(dir, f)).toString('utf8'))
    .join('\n');

const CHECKS: { vendor: string; args: string[] }[] = [
  { vendor: 'SCIM', args: ['apps', 'test', 'hr'] },
  { vendor: 'GitHub', args: ['apps', 'test', 'gh'] },
  { vendor: 'Okta', args: ['directory', 'test'] },
];

describe.each<Mode>(['error', 'header', 'success'])('a vendor echoing the token (%s)', (m) => {
  it('never shows it in the CLI (text and --json) or the data folder', async () => {
    mode = m;
    const dataDir = tempDirForTest(`echo-cli-${m}`);
    const env = { ECHO_TOKEN: TOKEN, LANYARD_LOG_LEVEL: 'debug' };
    const file = path.join(dataDir, 'ws.yaml');
    fs.writeFileSync(file, workspace());
    const applied = await runCli(['config', 'apply', file], { dataDir, env });
    expect(applied.code, applied.stderr).toBe(0);

    const seen: string[] = [];
    for (const { vendor, args } of CHECKS) {
      for (const json of [false, true]) {
        const r = await runCli(json ? [...args, '--json'] : args, { dataDir, env });
        // The vendor was reached and answered (the check ran; it may have failed).
        expect(r.stdout + r.stderr, `${vendor} ${args.join(' ')}`).not.toMatch(/internal error|unexpected/i);
        seen.push(`${vendor}${json ? ' --json' : ''}:\n${r.stdout}\n${r.stderr}`);
      }
    }
    const all = seen.join('\n');
    expect(all).toContain('[redacted]');
    expect(all).not.toContain(TOKEN);
    expect(databaseText(dataDir)).not.toContain(TOKEN);
  });

  it('never shows it in API replies, the log or the ledger', async () => {
    mode = m;
    const sink = memorySink();
    const core = createLanyard({
      dataDir: tempDirForTest(`echo-api-${m}`),
      secrets: noKeychain,
      log: createLogger(sink),
      env: { ECHO_TOKEN: TOKEN },
    });
    cores.push(core);
    const call = (method: string, input: unknown) =>
      dispatch(core.handlers, method, input, { actor: 'test' }, core.context.log);
    expect(await call('config.apply', { yaml: workspace() })).toMatchObject({ ok: true });

    const replies = [
      await call('apps.test', { appId: 'hr' }),
      await call('apps.test', { appId: 'gh' }),
      await call('apps.accounts', { appId: 'hr' }),
      await call('directory.test', {}),
      await call('directory.pull', { full: true }),
      await call('people.list', {}),
      await call('audit.list', {}),
      await call('audit.export', { format: 'json' }),
    ];
    const text = JSON.stringify(replies);
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(TOKEN);
    expect(sink.lines.join('\n')).not.toContain(TOKEN);
  });
});

describe('names and messages from directory and app data', () => {
  it('are printed with control characters escaped, never raw to the terminal', async () => {
    mode = 'escape';
    const dataDir = tempDirForTest('echo-escape');
    const env = { ECHO_TOKEN: TOKEN };
    const file = path.join(dataDir, 'ws.yaml');
    fs.writeFileSync(file, workspace());
    expect((await runCli(['config', 'apply', file], { dataDir, env })).code).toBe(0);

    for (const args of [
      ['apps', 'test', 'hr'],
      ['apps', 'accounts', 'hr'],
      ['apps', 'test', 'gh'],
      ['directory', 'test'],
      ['directory', 'pull'],
    ]) {
      const r = await runCli(args, { dataDir, env });
      const out = r.stdout + r.stderr;
      // The data did reach the output, shown as visible escapes…
      expect(out, args.join(' ')).toContain('\\x1b]0;owned\\x07');
      expect(out, args.join(' ')).toContain('\\u202e');
      // …and no control character the terminal would act on.
      expect(out, args.join(' ')).not.toMatch(/[\u0007\u001b\u009b\u202e]/);
    }
  });
});
