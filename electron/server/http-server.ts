// The headless server behind `lanyard serve`: plain node:http on loopback. Each request passes, in order,
// the Host/Origin check (403), the probes /healthz and /readyz (no session needed; probes.ts), the one-time
// token→session exchange (303 to `/`), authentication (401), then one route: POST /api/rpc/<method>,
// GET /api/events, or a static file of the built renderer.
// Slow clients: a connection whose headers are not complete within headersTimeoutMs is answered 408 and closed;
// Node checks that only every connectionsCheckingInterval, so the interval is kept well below the timeout.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Lanyard } from '../app/create-lanyard';
import { LanyardError } from '../app/errors';
import type { Logger } from '../log/logger';
import { checkHostAndOrigin, hostForUrl, isLoopbackHost, type HostPolicy } from './request-guard';
import { createSessions, createToken, EXCHANGE_REDIRECT, sessionCookie, tokenInUrl } from './session';
import { applyNoStore, applySecurityHeaders } from './security-headers';
import { sendApiError, sendPage } from './responses';
import { DEFAULT_MAX_BODY_BYTES } from './request-body';
import { handleRpc, RPC_PREFIX } from './rpc-route';
import { createEventStreams } from './event-stream';
import { serveStatic } from './static-files';
import { answerProbe, PROBE_PATHS } from './probes';

export interface HttpServerOptions {
  /** With `context`, the server also answers the unauthenticated probes /healthz and /readyz (probes.ts). */
  core: Pick<Lanyard, 'handlers' | 'events'> & Partial<Pick<Lanyard, 'uiActor' | 'context'>>;
  /** The built renderer (out/renderer); it may not exist yet, in which case `/` says how to build it. */
  rendererDir: string;
  host?: string;
  /** 0 lets the OS choose a free port. */
  port?: number;
  /** Defaults to 32 fresh random bytes; pass one only in tests. */
  token?: string;
  /** Required to bind anything other than a loopback address. */
  allowRemote?: boolean;
  maxBodyBytes?: number;
  /** How long a client may take to send its request headers (default 10 s); then 408 and the socket is closed. */
  headersTimeoutMs?: number;
  log: Logger;
}

export interface LanyardHttpServer {
  /** The URL to open: the origin plus `/?token=…`. */
  readonly url: string;
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  readonly token: string;
  readonly server: http.Server;
  close(): Promise<void>;
}

const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** Node's default is 30 s, which made every headers timeout below it ~30 s in practice. */
const MAX_CHECKING_INTERVAL_MS = 1_000;

const UNAUTHORIZED_TEXT =
  'Open the address that `lanyard serve` printed when it started (it ends with ?token=…).';
const SPENT_TEXT =
  'The address `lanyard serve` printed signs in one browser, once, and it has been used already. ' +
  'Go back to the browser window that opened it, or restart `lanyard serve` for a new address.';

const isApiPath = (p: string): boolean => p === '/api' || p.startsWith('/api/');

export const createHttpServer = async (opts: HttpServerOptions): Promise<LanyardHttpServer> => {
  const host = opts.host ?? '127.0.0.1';
  const allowRemote = opts.allowRemote ?? false;
  const log = opts.log;
  if (!isLoopbackHost(host)) {
    if (!allowRemote) {
      throw new LanyardError(
        'forbidden',
        `Refusing to listen on ${host}: it is reachable from other machines.`,
        {
          hint: 'Lanyard serves on 127.0.0.1 by default. To expose it on the network anyway, pass --allow-remote (anyone who learns the token can then administer your workspace).',
        },
      );
    }
    log.warn(
      'listening on a non-loopback address: anyone who can reach it and learns the token controls Lanyard',
      { host },
    );
  }
  const token = opts.token ?? createToken();
  const sessions = createSessions(token);
  const headersTimeout = opts.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const streams = createEventStreams(opts.core.events);
  const policy: HostPolicy = { port: 0, boundHost: host, allowRemote };

  const route = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    const api = isApiPath(pathname);
    const refusal = checkHostAndOrigin(req.headers, policy);
    if (refusal) {
      if (api) sendApiError(res, 403, { code: 'forbidden', message: refusal });
      else sendPage(res, 403, 'Forbidden', refusal, req.method === 'HEAD');
      return;
    }

    const core = opts.core;
    if (PROBE_PATHS.has(pathname) && core.context)
      return answerProbe({ context: core.context }, req.method, pathname, res);

    const given = !api && req.method === 'GET' ? tokenInUrl(req.url ?? '/') : null;
    if (given !== null) {
      const outcome = sessions.exchange(given);
      const signedIn = outcome.kind === 'spent' && sessions.isAuthenticated(req.headers);
      if (outcome.kind === 'wrong' || (outcome.kind === 'spent' && !signedIn)) {
        const [title, text] =
          outcome.kind === 'wrong'
            ? ['This link is not valid', UNAUTHORIZED_TEXT]
            : ['This link was already used', SPENT_TEXT];
        if (outcome.kind === 'spent') log.warn('refused a second use of the sign-in link');
        sendPage(res, 401, title, text);
        return;
      }
      // Always the same local path: nothing from the request decides where the browser goes next.
      applyNoStore(res);
      res.writeHead(303, {
        ...(outcome.kind === 'session' ? { 'Set-Cookie': sessionCookie(outcome.sessionId) } : {}),
        Location: EXCHANGE_REDIRECT,
        'Content-Length': 0,
      });
      res.end();
      return;
    }

    if (!sessions.isAuthenticated(req.headers)) {
      if (api)
        sendApiError(res, 401, {
          code: 'unauthorized',
          message: 'Not signed in to this Lanyard server.',
          hint: UNAUTHORIZED_TEXT,
        });
      else sendPage(res, 401, 'Sign in to Lanyard', UNAUTHORIZED_TEXT, req.method === 'HEAD');
      return;
    }

    if (pathname.startsWith(RPC_PREFIX))
      return handleRpc(req, res, pathname, {
        handlers: opts.core.handlers,
        maxBodyBytes,
        log,
        ...(opts.core.uiActor ? { actor: opts.core.uiActor } : {}),
      });
    if (pathname === '/api/events') return streams.handle(req, res);
    if (api) return sendApiError(res, 404, { code: 'not_found', message: 'There is no such API route.' });
    return serveStatic(req, res, pathname, opts.rendererDir);
  };

  const server = http.createServer(
    {
      headersTimeout: headersTimeout,
      requestTimeout: Math.max(REQUEST_TIMEOUT_MS, headersTimeout),
      connectionsCheckingInterval: Math.max(
        50,
        Math.min(MAX_CHECKING_INTERVAL_MS, Math.floor(headersTimeout / 4)),
      ),
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    },
    (req, res) => {
      applySecurityHeaders(res);
      const rawUrl = req.url ?? '/';
      // The query is cut before logging: it may carry the token.
      const pathname = rawUrl.split('?', 1)[0]!;
      res.on('finish', () =>
        log.debug('request', { method: req.method, path: pathname.slice(0, 200), status: res.statusCode }),
      );
      if (!rawUrl.startsWith('/')) {
        sendPage(res, 400, 'Bad request', 'Only origin-form request targets are accepted.');
        return;
      }
      route(req, res, pathname).catch((err: unknown) => {
        log.error('request failed', { path: pathname.slice(0, 200), error: err });
        if (res.headersSent) res.destroy();
        else
          sendApiError(res, 500, {
            code: 'internal',
            message: 'Internal error while answering this request.',
          });
      });
    },
  );

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(
        err.code === 'EADDRINUSE'
          ? new LanyardError('conflict', `Port ${opts.port ?? 0} on ${host} is already in use.`, {
              hint: 'Choose another port with --port, or --port 0 to let the system pick one.',
              cause: err,
            })
          : new LanyardError('internal', `Could not listen on ${host}:${opts.port ?? 0}: ${err.message}`, {
              cause: err,
            }),
      );
    };
    server.once('error', onError);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (err) => log.error('server error', { error: err }));

  const port = (server.address() as AddressInfo).port;
  policy.port = port;
  const origin = `http://${hostForUrl(host)}:${port}`;
  log.info('listening', { origin });

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    host,
    port,
    token,
    server,
    close() {
      closing ??= new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return closing;
    },
  };
};
