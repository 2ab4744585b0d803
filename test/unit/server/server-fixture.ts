// A real core (SQLite in a temp folder, the real keychain under a unique service) behind a real HTTP server on
// 127.0.0.1:0, and a raw node:http client that can send any Host, Origin or path byte for byte.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import type { EventBus } from '../../../electron/app/event-bus';
import { createLogger, memorySink } from '../../../electron/log/logger';
import {
  createHttpServer,
  type HttpServerOptions,
  type LanyardHttpServer,
} from '../../../electron/server/http-server';
import { createTestKeychain, requireSecretService, type TestKeychain } from '../../helpers/keychain';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface SendOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request over a fresh connection; the path is sent exactly as given (no normalisation, unlike fetch). */
export const send = (port: number, opts: SendOptions): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });

export const bodyOf = <
  T = { ok: boolean; value?: unknown; error?: { code: string; message: string; path?: string } },
>(
  reply: Reply,
): T => JSON.parse(reply.text) as T;

export interface Fixture {
  root: string;
  rendererDir: string;
  core: Lanyard;
  server: LanyardHttpServer;
  keychain: TestKeychain;
  logLines: string[];
  auth: Record<string, string>;
  /** POST /api/rpc/<method> with the bearer token and a JSON body. */
  rpc(method: string, input?: unknown, headers?: Record<string, string>): Promise<Reply>;
  stop(): Promise<void>;
}

/**
 * Starts the fixture. The temp root holds a marker package.json and secret.txt next to renderer/, so traversal
 * tests can prove that nothing outside renderer/ is ever served.
 */
export const startFixture = async (
  opts: Partial<Omit<HttpServerOptions, 'core' | 'log'>> & {
    withRenderer?: boolean;
    /** Serve other handlers/events than the fixture's own core (e.g. a handler map with one method removed). */
    core?: HttpServerOptions['core'];
    /** Wraps the fixture core's event bus (e.g. to count subscriptions). */
    wrapEvents?: (bus: EventBus) => EventBus;
  } = {},
): Promise<Fixture> => {
  requireSecretService();
  const root = makeTempDir('server');
  const rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), '{"name":"OUTSIDE-MARKER"}');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'OUTSIDE-MARKER');
  if (opts.withRenderer !== false) {
    fs.writeFileSync(
      path.join(rendererDir, 'index.html'),
      '<!doctype html><title>Lanyard</title><script type="module" src="/assets/app.js"></script>',
    );
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export const app = 1;');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.css'), 'body{}');
  }
  const keychain = createTestKeychain();
  const sink = memorySink();
  const log = createLogger(sink);
  const core = createLanyard({ dataDir: path.join(root, 'data'), secrets: keychain, log });
  let server: LanyardHttpServer;
  try {
    const { withRenderer: _w, core: coreOverride, wrapEvents, ...serverOpts } = opts;
    const served = coreOverride ?? {
      handlers: core.handlers,
      events: wrapEvents ? wrapEvents(core.events) : core.events,
      uiActor: core.uiActor,
      context: core.context,
    };
    server = await createHttpServer({ core: served, rendererDir, log, ...serverOpts });
  } catch (err) {
    core.close();
    removeDir(root);
    throw err;
  }
  const auth = { Authorization: `Bearer ${server.token}` };
  return {
    root,
    rendererDir,
    core,
    server,
    keychain,
    logLines: sink.lines,
    auth,
    rpc: (method, input = {}, headers = {}) =>
      send(server.port, {
        method: 'POST',
        path: `/api/rpc/${method}`,
        headers: { 'Content-Type': 'application/json', ...auth, ...headers },
        body: JSON.stringify(input),
      }),
    async stop() {
      await server.close();
      core.close();
      await keychain.purge();
      removeDir(root);
    },
  };
};
