// A SCIM 2.0 service provider for tests (RFC 7643/7644 shapes, docs api-contracts.md §5), on 127.0.0.1 port 0,
// with a switch for each quirk real apps have: PUT-only, no filter support, ignoring `count`, a wrong
// totalResults, a page cap it does not announce, 429 with Retry-After, 5xx bursts, malformed ListResponses, slow
// answers, ETags, added latency, a writes-per-minute limit, missing discovery. Every request is recorded so tests
// can count them.
//
// It is strict where real servers are (schema.ts): a POST/PUT body must list its schemas and carry userName
// (Users) or displayName (Groups), attributes must exist and have their types, PATCH paths must exist in the
// schema, `count`/`startIndex` must be integers, and a request body must be application/scim+json or
// application/json. Seeding through `store` directly is not checked.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScimFailure, ScimStore, URN, matchesFilter, parseFilter, type Resource } from './store';
import { validatePatchOp, validateResource, type ResourceKind } from './schema';
import { DEFAULTS, type ScimFakeOptions } from './options';

export type { ScimFakeOptions };

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: http.IncomingHttpHeaders;
  status: number;
}

export interface ScimFake {
  url: string;
  store: ScimStore;
  options: ScimFakeOptions;
  requests: RecordedRequest[];
  set(o: Partial<ScimFakeOptions>): void;
  count(method: string, pathPrefix?: string): number;
  close(): Promise<void>;
}

/** The path below the /scim/v2 base, e.g. "/Users/123". */
const scimPath = (url: URL): string => url.pathname.replace(/^\/scim\/v2/, '').replace(/\/+$/, '') || '/';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPES = new Set(['application/scim+json', 'application/json']);

/** An integer query parameter, null when absent; 400 invalidValue when it is not an integer. */
const intParam = (q: URLSearchParams, name: string): number | null => {
  const raw = q.get(name);
  if (raw === null) return null;
  if (!/^\s*-?\d+\s*$/.test(raw))
    throw new ScimFailure(400, 'invalidValue', `${name} must be an integer, not "${raw}"`);
  return Number(raw);
};

/** A PatchOp request (RFC 7644 §3.5.2) checked against the resource's schema. */
const validatePatch = (kind: ResourceKind, body: unknown): void => {
  const b = body as Record<string, unknown> | undefined;
  if (!b || typeof b !== 'object' || !Array.isArray(b.schemas) || !b.schemas.includes(URN.patch))
    throw new ScimFailure(400, 'invalidSyntax', 'PatchOp schema URN missing');
  if (!Array.isArray(b.Operations) || b.Operations.length === 0)
    throw new ScimFailure(400, 'invalidSyntax', 'Operations missing');
  for (const raw of b.Operations as Record<string, unknown>[]) {
    const op = String(raw?.op ?? '').toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove')
      throw new ScimFailure(400, 'invalidSyntax', `unknown op ${String(raw?.op)}`);
    if (raw.path !== undefined && typeof raw.path !== 'string')
      throw new ScimFailure(400, 'invalidPath', 'path must be a string');
    validatePatchOp(kind, op, raw.path as string | undefined, raw.value);
  }
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const startScimFake = async (opts: Partial<ScimFakeOptions> = {}): Promise<ScimFake> => {
  const options: ScimFakeOptions = { ...DEFAULTS, ...opts };
  const store = new ScimStore();
  const requests: RecordedRequest[] = [];
  let bucket = { tokens: 0, at: 0, rate: 0, burst: 0 };
  const resetBucket = (): void => {
    const rate = options.writesPerMinute ?? 0;
    const burst = options.writeBurst ?? Math.max(1, Math.ceil(rate / 6));
    bucket = { tokens: burst, at: performance.now(), rate: rate / 60_000, burst };
  };
  resetBucket();

  const send = (
    res: http.ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ): number => {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { ...(text ? { 'content-type': 'application/scim+json' } : {}), ...headers });
    res.end(text);
    return status;
  };
  const error = (
    res: http.ServerResponse,
    status: number,
    detail: string,
    scimType?: string,
    headers: Record<string, string> = {},
  ): number =>
    send(
      res,
      status,
      { schemas: [URN.error], status: String(status), ...(scimType ? { scimType } : {}), detail },
      headers,
    );
  const withEtag = (r: Resource): Record<string, string> => (options.etag ? { etag: r.meta.version } : {});
  const checkIfMatch = (req: http.IncomingMessage, r: Resource): void => {
    const want = req.headers['if-match'];
    if (options.etag && want && want !== r.meta.version)
      throw new ScimFailure(412, undefined, 'version mismatch');
  };

  const list = (res: http.ServerResponse, all: Resource[], q: URLSearchParams): number => {
    let items = all;
    const filter = q.get('filter');
    if (filter) {
      if (options.noFilter === 'reject')
        throw new ScimFailure(400, 'invalidFilter', 'filtering is not supported');
      if (options.noFilter !== 'ignore') {
        const terms = parseFilter(filter);
        items = items.filter((r) => matchesFilter(r, terms));
      }
    }
    // RFC 7644 §3.4.2.4: startIndex below 1 counts as 1, a negative count as 0; anything not an integer is 400.
    const start = options.ignoreStartIndex ? 1 : Math.max(1, intParam(q, 'startIndex') ?? 1);
    const asked = Math.max(0, intParam(q, 'count') ?? 100);
    const count = Math.min(options.maxPageSize, options.silentPageCap ?? Infinity, asked);
    const page = items.slice(start - 1, options.ignoreCount ? undefined : start - 1 + count);
    if (options.malformedList === 'not-object') return send(res, 200, [page]);
    if (options.malformedList === 'no-resources')
      return send(res, 200, { schemas: [URN.list], totalResults: items.length });
    if (options.malformedList === 'resources-not-array')
      return send(res, 200, { schemas: [URN.list], totalResults: items.length, Resources: { oops: true } });
    const resources = options.malformedList === 'no-id' ? page.map(({ id: _id, ...r }) => r) : page;
    return send(res, 200, {
      schemas: [URN.list],
      totalResults: Math.max(0, items.length + options.totalResultsOffset),
      startIndex: start,
      itemsPerPage: resources.length,
      Resources: resources,
    });
  };

  const discoveryDoc = (path: string): unknown => {
    if (path === '/ServiceProviderConfig')
      return {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
        patch: { supported: !options.putOnly },
        bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
        filter: { supported: options.noFilter === false, maxResults: options.maxPageSize },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: options.etag },
        authenticationSchemes: [
          {
            type: 'oauthbearertoken',
            name: 'OAuth Bearer Token',
            description: 'Bearer token',
            primary: true,
          },
        ],
      };
    if (path === '/ResourceTypes')
      return {
        schemas: [URN.list],
        totalResults: 2,
        Resources: [
          {
            id: 'User',
            name: 'User',
            endpoint: '/Users',
            schema: URN.user,
            schemaExtensions: [{ schema: URN.enterprise, required: false }],
          },
          { id: 'Group', name: 'Group', endpoint: '/Groups', schema: URN.group },
        ],
      };
    return {
      schemas: [URN.list],
      totalResults: 3,
      Resources: [{ id: URN.user }, { id: URN.group }, { id: URN.enterprise }],
    };
  };

  const route = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    body: unknown,
  ): Promise<number> => {
    const method = req.method ?? 'GET';
    const basic = options.basic
      ? `Basic ${Buffer.from(`${options.basic.username}:${options.basic.password}`).toString('base64')}`
      : null;
    const auth = req.headers.authorization;
    if (auth !== `Bearer ${options.token}` && (basic === null || auth !== basic)) {
      return error(res, 401, 'Invalid or missing credentials');
    }
    if (options.rateLimitNext > 0) {
      options.rateLimitNext--;
      return error(res, 429, 'Too many requests', undefined, { 'retry-after': options.retryAfter });
    }
    if (options.failNext > 0) {
      options.failNext--;
      return error(res, options.failStatus, 'Temporary failure');
    }
    const forced = options.failWhen?.(method, scimPath(url));
    if (forced) return error(res, forced, 'Injected failure');
    if (WRITES.has(method) && options.writesPerMinute) {
      const now = performance.now();
      bucket.tokens = Math.min(bucket.burst, bucket.tokens + (now - bucket.at) * bucket.rate);
      bucket.at = now;
      if (bucket.tokens < 1) {
        const waitS = Math.max(1, Math.ceil((1 - bucket.tokens) / bucket.rate / 1000));
        return error(res, 429, 'Write rate limit exceeded', undefined, { 'retry-after': String(waitS) });
      }
      bucket.tokens -= 1;
    }
    const path = scimPath(url);
    if (body !== undefined) {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!JSON_TYPES.has(type))
        return error(
          res,
          415,
          `content type must be application/scim+json or application/json, not "${type}"`,
        );
    }
    if (['/ServiceProviderConfig', '/ResourceTypes', '/Schemas'].includes(path)) {
      if (options.discovery === 'none') return error(res, 404, 'Not found');
      if (options.discovery === 'html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><html><body>Sign in</body></html>');
        return 200;
      }
      return send(res, 200, discoveryDoc(path));
    }
    const m = /^\/(Users|Groups)(?:\/([^/]+))?$/.exec(path);
    if (!m) return error(res, 404, `No endpoint ${path}`);
    const [, kind, rawId] = m;
    const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
    const map = kind === 'Users' ? store.users : store.groups;
    const resourceKind: ResourceKind = kind === 'Users' ? 'User' : 'Group';
    const view = (r: Resource): Resource => (kind === 'Users' ? store.userView(r) : r);
    if (kind === 'Users' && !id && method === 'GET') {
      if (options.htmlUsers) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>');
        return 200;
      }
      if (options.brokenJsonUsers) {
        res.writeHead(200, { 'content-type': 'application/scim+json' });
        res.end(
          '{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":3,"Resources":[{"id":',
        );
        return 200;
      }
    }
    if (!id) {
      if (method === 'GET') return list(res, [...map.values()].map(view), url.searchParams);
      if (method === 'POST') {
        validateResource(resourceKind, body);
        const b = body as Record<string, unknown>;
        const r = kind === 'Users' ? store.createUser(b) : store.createGroup(b);
        const location = { location: `${fake.url}/${kind}/${r.id}`, ...withEtag(r) };
        if (options.emptyWriteResponses) return send(res, 201, undefined, location);
        return send(res, 201, view(r), location);
      }
      return error(res, 405, 'Method not allowed');
    }
    const current = store.need(map, id);
    if (method === 'GET') return send(res, 200, view(current), withEtag(current));
    if (method === 'PUT') {
      checkIfMatch(req, current);
      validateResource(resourceKind, body);
      const r =
        kind === 'Users'
          ? store.replaceUser(id, body as Record<string, unknown>)
          : store.replaceGroup(id, body as Record<string, unknown>);
      if (options.emptyWriteResponses) return send(res, 204, undefined, withEtag(r));
      return send(res, 200, view(r), withEtag(r));
    }
    if (method === 'PATCH') {
      if (options.putOnly) return error(res, 501, 'PATCH is not supported');
      checkIfMatch(req, current);
      validatePatch(resourceKind, body);
      const r = store.patch(map, id, body as Record<string, unknown>, resourceKind);
      if (kind === 'Users' && options.ignoreDeactivate && r.active === false)
        map.set(id, { ...r, active: true });
      if (options.emptyWriteResponses) return send(res, 204, undefined, withEtag(r));
      return send(res, 200, view(r), withEtag(r));
    }
    if (method === 'DELETE') {
      checkIfMatch(req, current);
      if (kind === 'Users' && options.deleteMeans === 'deactivate')
        map.set(id, { ...current, active: false });
      else {
        map.delete(id);
        for (const g of store.groups.values())
          g.members = (g.members as { value: string }[]).filter((x) => x.value !== id);
      }
      res.writeHead(204).end();
      return 204;
    }
    return error(res, 405, 'Method not allowed');
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        path: scimPath(url),
        query: url.searchParams,
        body: undefined,
        headers: req.headers,
        status: 0,
      };
      requests.push(rec);
      if (options.latencyMs) await sleep(options.latencyMs);
      if (options.slowMs && (!options.slowPath || options.slowPath.test(url.pathname)))
        await sleep(options.slowMs);
      try {
        body = text ? JSON.parse(text) : undefined;
        rec.body = body;
        rec.status = await route(req, res, url, body);
      } catch (err) {
        if (res.headersSent) return;
        if (err instanceof ScimFailure) rec.status = error(res, err.status, err.message, err.scimType);
        else if (err instanceof SyntaxError)
          rec.status = error(res, 400, 'Malformed JSON body', 'invalidSyntax');
        else rec.status = error(res, 500, (err as Error).message);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: ScimFake = {
    url: `http://127.0.0.1:${port}/scim/v2`,
    store,
    options,
    requests,
    set(o) {
      Object.assign(options, o);
      if (o.writesPerMinute !== undefined || o.writeBurst !== undefined) resetBucket();
    },
    count: (method, prefix = '') =>
      requests.filter((r) => r.method === method && r.path.startsWith(prefix)).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
};
