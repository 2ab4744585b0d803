// Small helpers shared by the Google and Auth0 fakes: a node:http server on 127.0.0.1 port 0, JSON replies,
// a request log, and a fault book (429 with/without Retry-After, 5xx, slow, malformed, HTML, token expiry).
// Candidates for test/fakes/common/ once that exists.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** The route name the fake gave this request (e.g. "users", "token"). */
  route: string;
  /** The status answered (set when the response is finished). */
  status?: number;
}

/** Adds a request to the log and fills in its status once answered. */
export const record = (log: RecordedRequest[], res: http.ServerResponse, entry: RecordedRequest): void => {
  log.push(entry);
  res.on('finish', () => (entry.status = res.statusCode));
};

export type FaultKind =
  | 'rate-limit' // 429 with Retry-After
  | 'rate-limit-no-retry-after' // 429 with no wait instruction
  | 'server-error' // 500 (or `status`) with the vendor's error body
  | 'slow' // waits `delayMs`, then answers normally
  | 'malformed' // 200, JSON content type, truncated JSON
  | 'html' // 200, an HTML sign-in page
  | 'expire-token' // invalidates every issued token, then answers normally (so the request gets a 401)
  | 'status'; // `status` with `body` as given

export interface Fault {
  route: string;
  /** 1-based page of the listing; omitted = any request to the route. */
  page?: number;
  /** How many matching requests fail; default 1. Infinity = always. */
  times?: number;
  kind: FaultKind;
  status?: number;
  body?: unknown;
  retryAfterSeconds?: number;
  delayMs?: number;
}

export class FaultBook {
  private faults: (Fault & { left: number })[] = [];
  add(f: Fault): void {
    this.faults.push({ ...f, left: f.times ?? 1 });
  }
  clear(): void {
    this.faults = [];
  }
  take(route: string, page: number | undefined): Fault | undefined {
    const f = this.faults.find(
      (x) => x.left > 0 && x.route === route && (x.page === undefined || x.page === page),
    );
    if (f) f.left--;
    return f;
  }
}

export const sendJson = (
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
};

export const sendEmpty = (
  res: http.ServerResponse,
  status: number,
  headers: Record<string, string> = {},
): void => {
  res.writeHead(status, headers);
  res.end();
};

/**
 * Answers a fault that replaces the response; returns false when the request should continue normally
 * (after a delay, or after tokens were expired).
 */
export const applyFault = async (
  res: http.ServerResponse,
  fault: Fault,
  vendor: {
    errorBody(status: number): unknown;
    rateLimitHeaders?(): Record<string, string>;
    expireTokens(): void;
  },
): Promise<boolean> => {
  switch (fault.kind) {
    case 'rate-limit':
      sendJson(res, 429, fault.body ?? vendor.errorBody(429), {
        'retry-after': String(fault.retryAfterSeconds ?? 0),
        ...vendor.rateLimitHeaders?.(),
      });
      return true;
    case 'rate-limit-no-retry-after':
      sendJson(res, fault.status ?? 429, fault.body ?? vendor.errorBody(fault.status ?? 429));
      return true;
    case 'server-error':
      sendJson(res, fault.status ?? 500, fault.body ?? vendor.errorBody(fault.status ?? 500));
      return true;
    case 'status':
      sendJson(res, fault.status ?? 400, fault.body ?? vendor.errorBody(fault.status ?? 400));
      return true;
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      res.end('{"users":[{"id":"1",');
      return true;
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><head><title>Sign in</title></head><body>Please sign in</body></html>');
      return true;
    case 'slow':
      await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
      return res.destroyed;
    case 'expire-token':
      vendor.expireTokens();
      return false;
  }
};

export const readBody = async (req: http.IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  const ct = req.headers['content-type'] ?? '';
  if (ct.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export const listen = async (
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
): Promise<RunningServer> => {
  const server = http.createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { fakeError: String(err) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export const bearer = (req: http.IncomingMessage): string | undefined =>
  /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
