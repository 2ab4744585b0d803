// A programmable HTTP server on 127.0.0.1 port 0 for the shared HTTP layer's tests: each test scripts the
// answers; the server records requests and the peak number in flight. Stopped after each test.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export type Handler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  n: number,
) => void | Promise<void>;

export interface TestServer {
  url: string;
  hits: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
  peakInFlight: number;
  close(): Promise<void>;
}

const servers: TestServer[] = [];

export const stopServersAfterEach = (): void => {
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });
};

export const serve = async (handler: Handler): Promise<TestServer> => {
  let inFlight = 0;
  const state: TestServer = { url: '', hits: [], peakInFlight: 0, close: async () => undefined };
  const server = http.createServer(async (req, res) => {
    const n = state.hits.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    inFlight++;
    state.peakInFlight = Math.max(state.peakInFlight, inFlight);
    res.on('close', () => inFlight--);
    req.resume();
    try {
      await handler(req, res, n);
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  servers.push(state);
  return state;
};

export const json = (
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/** Records the waits the client asks for and returns at once (no real sleeping in tests). */
export const recordingSleep = (): { sleep: (ms: number) => Promise<void>; waits: number[] } => {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
};
