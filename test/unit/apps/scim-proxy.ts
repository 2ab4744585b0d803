// A tiny SCIM proxy for tests, on 127.0.0.1 port 0: it forwards every request to a real SCIM server (scimmy, the
// fake) and lets a test reshape what comes back — leave `members` out of group listings, drop an ETag header,
// refuse a request — so a quirk can be tested against an independent server without changing that server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** Below the SCIM base, e.g. "/Groups/123". */
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: http.IncomingHttpHeaders;
}

export interface ProxyHooks {
  /** Answer the request here instead of forwarding it (null: forward). */
  answer?(req: ProxiedRequest): { status: number; body: unknown } | null;
  /** Reshape a JSON answer before it goes back. */
  rewrite?(req: ProxiedRequest, body: unknown): unknown;
  /** Response headers to leave out (lower case). */
  dropHeaders?(req: ProxiedRequest): string[];
}

export interface ScimProxy {
  url: string;
  requests: ProxiedRequest[];
  hooks: ProxyHooks;
  close(): Promise<void>;
}

const BASE = '/scim/v2';
const FORWARDED = ['etag', 'location', 'retry-after'];

export const startScimProxy = async (upstream: string, hooks: ProxyHooks = {}): Promise<ScimProxy> => {
  const requests: ProxiedRequest[] = [];
  const proxy: ScimProxy = { url: '', requests, hooks, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://proxy');
        const info: ProxiedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : url.pathname,
          query: url.searchParams,
          body: raw ? (JSON.parse(raw) as unknown) : undefined,
          headers: req.headers,
        };
        requests.push(info);
        const direct = proxy.hooks.answer?.(info);
        if (direct) {
          res.writeHead(direct.status, { 'content-type': 'application/scim+json' });
          res.end(JSON.stringify(direct.body));
          return;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
        const up = await fetch(`${upstream}${info.path}${url.search}`, {
          method: info.method,
          headers,
          ...(raw ? { body: raw } : {}),
        });
        const text = await up.text();
        const drop = proxy.hooks.dropHeaders?.(info) ?? [];
        const out: Record<string, string> = {};
        const type = up.headers.get('content-type');
        if (type) out['content-type'] = type;
        for (const k of FORWARDED) {
          const v = up.headers.get(k);
          if (v !== null && !drop.includes(k)) out[k] = k === 'location' ? v.replace(upstream, proxy.url) : v;
        }
        const body =
          text && proxy.hooks.rewrite && type?.includes('json')
            ? JSON.stringify(proxy.hooks.rewrite(info, JSON.parse(text) as unknown))
            : text;
        res.writeHead(up.status, out);
        res.end(body);
      })().catch((err: unknown) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy.url = `http://127.0.0.1:${port}${BASE}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
};

/** Leaves `members` out of Group resources (listings, and single reads too when `everywhere`). */
export const withoutMembers =
  (opts: { everywhere: boolean; userGroups?: boolean }) =>
  (req: ProxiedRequest, body: unknown): unknown => {
    const strip = (r: Record<string, unknown>, key: string): Record<string, unknown> => {
      const { [key]: _gone, ...rest } = r;
      return rest;
    };
    const b = body as { Resources?: Record<string, unknown>[] } & Record<string, unknown>;
    const isList = Array.isArray(b.Resources);
    if (req.path.startsWith('/Groups')) {
      if (isList) return { ...b, Resources: b.Resources!.map((g) => strip(g, 'members')) };
      return opts.everywhere ? strip(b, 'members') : b;
    }
    // User.groups is the other way a server can show membership: a server that shows none leaves it out too.
    if (req.path.startsWith('/Users') && opts.userGroups === false) {
      if (isList) return { ...b, Resources: b.Resources!.map((u) => strip(u, 'groups')) };
      return strip(b, 'groups');
    }
    return body;
  };
