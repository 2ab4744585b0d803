// Small building blocks for the cloud-API fakes: a loopback node:http server on port 0, JSON answers, body reading,
// and a request log tests can assert on (which paths, methods and query parameters a connector really sent).
import http, { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  url: URL;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

export type FakeHandler = (req: FakeRequest, res: ServerResponse) => Promise<void> | void;

export interface FakeServer {
  url: string;
  /** Every request served, in order, with the status answered. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export const startFakeServer = async (handle: FakeHandler): Promise<FakeServer> => {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const fr: FakeRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        url,
        path: url.pathname,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      res.on('finish', () =>
        requests.push({
          method: fr.method,
          path: fr.path,
          query: Object.fromEntries(url.searchParams),
          status: res.statusCode,
        }),
      );
      Promise.resolve(handle(fr, res)).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: String(err) });
        else res.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), ...headers });
  res.end(text);
};

export const sendEmpty = (
  res: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
): void => {
  res.writeHead(status, headers);
  res.end();
};

/** Parses an application/x-www-form-urlencoded body. */
export const formBody = (req: FakeRequest): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(req.body));

export const bearerOrScheme = (req: FakeRequest): { scheme: string; token: string } | null => {
  const m = /^(\S+)\s+(.+)$/.exec(String(req.headers.authorization ?? ''));
  return m ? { scheme: m[1]!, token: m[2]! } : null;
};
