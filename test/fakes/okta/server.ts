// A faithful-enough Okta Management API on 127.0.0.1 (docs/api-contracts.md §1, checked against
// okta-management-minimal.yaml): SSWS and private_key_jwt OAuth, users/groups/group-users/System Log with Okta's
// two separate Link headers, the `limit` clamps, DEPROVISIONED users hidden from unfiltered lists, Okta error
// bodies, X-Rate-Limit-* headers on every response, the lifecycle/sessions kill switch, and fault switches.
// An `after` cursor the fake never issued (made up, or from another list) is refused with 400 E0000001, as Okta
// refuses parameters it cannot use, rather than silently restarting the list from the top.
import { randomBytes, type KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { answerBodyFault, FaultSwitch, sleep } from '../common/faults';
import {
  bearerOrScheme,
  formBody,
  sendEmpty,
  sendJson,
  startFakeServer,
  type FakeRequest,
} from '../common/http';
import { compileFilter, FilterSyntaxError, pathGetter } from '../common/filter';
import { verifyClientAssertion } from '../common/jwt';
import { createOktaState, type OktaStatus } from './state';

export interface OktaFakeOptions {
  /** Accepted SSWS API tokens. */
  apiTokens?: string[];
  /** OAuth service apps: their public key and the scopes granted to them. */
  serviceApps?: { clientId: string; publicKey: KeyObject; scopes: string[] }[];
  accessTokenLifetimeSeconds?: number;
  /** Requests per window per bucket before 429 (default 1200 per 60 s). */
  rateLimit?: { limit: number; windowMs: number };
  /** Max `limit` for users and groups (200) and for group users (1000). */
  maxUsersPage?: number;
  maxGroupsPage?: number;
  maxGroupUsersPage?: number;
}

export const READ_SCOPES = ['okta.users.read', 'okta.groups.read', 'okta.logs.read'];

const errorBody = (code: string, summary: string) => ({
  errorCode: code,
  errorSummary: summary,
  errorLink: code,
  errorId: `oae${randomBytes(8).toString('hex')}`,
  errorCauses: [],
});

export const startOktaFake = async (opts: OktaFakeOptions = {}) => {
  let baseUrl = '';
  const state = createOktaState(() => baseUrl);
  const faults = new FaultSwitch();
  const apiTokens = new Set(opts.apiTokens ?? []);
  const accessTokens = new Map<string, { scopes: string[]; expiresAt: number }>();
  const rate = opts.rateLimit ?? { limit: 1200, windowMs: 60_000 };
  const buckets = new Map<string, { start: number; used: number }>();
  const killSwitch = {
    suspended: [] as string[],
    sessionsRevoked: [] as { userId: string; oauthTokens: boolean }[],
  };
  const tokenRequests: { clientId: string; scopes: string[] }[] = [];

  const bucketFor = (path: string): string => /^\/api\/v1\/(users|groups|logs)/.exec(path)?.[1] ?? 'other';
  const rateHeaders = (
    path: string,
    consume: boolean,
  ): { headers: Record<string, string>; exceeded: boolean } => {
    const key = bucketFor(path);
    const now = Date.now();
    let b = buckets.get(key);
    if (!b || now >= b.start + rate.windowMs) buckets.set(key, (b = { start: now, used: 0 }));
    if (consume) b.used++;
    const exceeded = b.used > rate.limit;
    return {
      exceeded,
      headers: {
        'x-rate-limit-limit': String(rate.limit),
        'x-rate-limit-remaining': String(Math.max(0, rate.limit - b.used)),
        'x-rate-limit-reset': String(Math.ceil((b.start + rate.windowMs) / 1000)),
      },
    };
  };

  const fail = (
    res: ServerResponse,
    status: number,
    code: string,
    summary: string,
    headers: Record<string, string> = {},
  ) => sendJson(res, status, errorBody(code, summary), headers);

  const tokenEndpoint = async (req: FakeRequest, res: ServerResponse): Promise<void> => {
    const form = formBody(req);
    if (form.grant_type !== 'client_credentials')
      return sendJson(res, 400, {
        error: 'unsupported_grant_type',
        error_description: 'grant_type must be client_credentials',
      });
    if (
      form.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' ||
      !form.client_assertion
    ) {
      return sendJson(res, 401, {
        error: 'invalid_client',
        error_description: 'private_key_jwt client authentication is required',
      });
    }
    const claims = JSON.parse(
      Buffer.from(form.client_assertion.split('.')[1] ?? '', 'base64url').toString() || '{}',
    ) as { iss?: string };
    const app = opts.serviceApps?.find((a) => a.clientId === claims.iss);
    if (!app)
      return sendJson(res, 401, {
        error: 'invalid_client',
        error_description: 'The client_id is not registered',
      });
    const check = await verifyClientAssertion(form.client_assertion, app.publicKey, {
      audience: `${baseUrl}/oauth2/v1/token`,
      clientId: app.clientId,
      maxLifetimeSeconds: 3600,
    });
    if (!check.ok)
      return sendJson(res, 401, {
        error: 'invalid_client',
        error_description: `The client_assertion is invalid: ${check.reason}`,
      });
    const scopes = (form.scope ?? '').split(' ').filter(Boolean);
    const denied = scopes.filter((s) => !app.scopes.includes(s));
    if (denied.length)
      return sendJson(res, 400, {
        error: 'invalid_scope',
        error_description: `The following scopes are not allowed: ${denied.join(', ')}`,
      });
    tokenRequests.push({ clientId: app.clientId, scopes });
    const token = `oat-${randomBytes(16).toString('hex')}`;
    const lifetime = opts.accessTokenLifetimeSeconds ?? 3600;
    accessTokens.set(token, { scopes, expiresAt: Date.now() + lifetime * 1000 });
    sendJson(res, 200, {
      token_type: 'Bearer',
      expires_in: lifetime,
      access_token: token,
      scope: scopes.join(' '),
    });
  };

  /** null when the caller may proceed; otherwise the error was sent. */
  const authorize = (
    req: FakeRequest,
    res: ServerResponse,
    scope: string,
    rl: Record<string, string>,
  ): boolean => {
    const auth = bearerOrScheme(req);
    if (auth?.scheme === 'SSWS' && apiTokens.has(auth.token)) return true;
    if (auth?.scheme === 'Bearer') {
      const t = accessTokens.get(auth.token);
      if (t && t.expiresAt > Date.now()) {
        if (t.scopes.includes(scope)) return true;
        fail(res, 403, 'E0000006', 'You do not have permission to perform the requested action', {
          ...rl,
          'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}"`,
        });
        return false;
      }
    }
    fail(res, 401, 'E0000011', 'Invalid token provided', rl);
    return false;
  };

  const limitOf = (req: FakeRequest, def: number, max: number): number => {
    const raw = req.url.searchParams.get('limit');
    const n = raw === null ? def : Number(raw);
    return Math.max(1, Math.min(max, Number.isFinite(n) ? Math.floor(n) : def));
  };

  /** Okta sends self and next as two separate Link headers. */
  const linkHeaders = (req: FakeRequest, next: Record<string, string> | null): string[] => {
    const self = new URL(req.url.pathname + req.url.search, baseUrl);
    const out = [`<${self}>; rel="self"`];
    if (next) {
      const n = new URL(req.url.pathname, baseUrl);
      for (const [k, v] of Object.entries(next)) n.searchParams.set(k, v);
      out.push(`<${n}>; rel="next"`);
    }
    return out;
  };

  /** Cursors handed out in next links: `list path + after` → that item's position when issued. */
  const issued = new Map<string, number>();

  const sendPage = <T extends { id: string }>(
    req: FakeRequest,
    res: ServerResponse,
    all: T[],
    limit: number,
    rl: Record<string, string>,
    keep: Record<string, string>,
  ): void => {
    const after = req.url.searchParams.get('after');
    let start = 0;
    if (after !== null) {
      const at = issued.get(`${req.url.pathname} ${after}`);
      if (at === undefined)
        return fail(res, 400, 'E0000001', `Api validation failed: after (unknown cursor ${after})`, rl);
      // After that item as it is now; if it was deleted since, the item now in its old place comes next.
      const now = all.findIndex((x) => x.id === after);
      start = now >= 0 ? now + 1 : at;
    }
    const page = all.slice(start, start + limit);
    const more = start + limit < all.length;
    const cursor = more ? page[page.length - 1]!.id : null;
    if (cursor !== null) issued.set(`${req.url.pathname} ${cursor}`, start + page.length - 1);
    res.setHeader(
      'link',
      linkHeaders(req, cursor !== null ? { ...keep, limit: String(limit), after: cursor } : null),
    );
    sendJson(
      res,
      200,
      page.map(({ ...x }) => x),
      rl,
    );
  };

  const USER_FILTER = new Set([
    'status',
    'lastUpdated',
    'id',
    'profile.login',
    'profile.email',
    'profile.firstName',
    'profile.lastName',
  ]);
  const GROUP_FILTER = new Set(['id', 'type', 'lastUpdated', 'lastMembershipUpdated']);

  const listUsers = (req: FakeRequest, res: ServerResponse, rl: Record<string, string>): void => {
    const filter = req.url.searchParams.get('filter');
    const search = req.url.searchParams.get('search');
    let all = [...state.users.values()];
    const keep: Record<string, string> = {};
    try {
      if (filter) {
        const f = compileFilter(
          filter,
          (attr, op) => USER_FILTER.has(attr) && (op === 'eq' || attr === 'lastUpdated'),
        );
        all = all.filter((u) => f(pathGetter(u)));
        keep.filter = filter;
      } else if (search) {
        const f = compileFilter(search);
        all = all.filter((u) => f(pathGetter(u)));
        keep.search = search;
      } else {
        // Without search or filter Okta omits deprovisioned users.
        all = all.filter((u) => u.status !== 'DEPROVISIONED');
      }
    } catch (err) {
      if (err instanceof FilterSyntaxError)
        return fail(res, 400, 'E0000031', `Invalid search criteria. ${err.message}`, rl);
      throw err;
    }
    sendPage(req, res, all, limitOf(req, 200, opts.maxUsersPage ?? 200), rl, keep);
  };

  const listGroups = (req: FakeRequest, res: ServerResponse, rl: Record<string, string>): void => {
    const filter = req.url.searchParams.get('filter');
    let all = [...state.groups.values()];
    const keep: Record<string, string> = {};
    if (filter) {
      try {
        const f = compileFilter(filter, (attr) => GROUP_FILTER.has(attr));
        all = all.filter((g) => f(pathGetter(g)));
        keep.filter = filter;
      } catch (err) {
        if (err instanceof FilterSyntaxError)
          return fail(res, 400, 'E0000031', `Invalid search criteria. ${err.message}`, rl);
        throw err;
      }
    }
    sendPage(req, res, all, limitOf(req, 200, opts.maxGroupsPage ?? 200), rl, keep);
  };

  const listGroupUsers = (
    req: FakeRequest,
    res: ServerResponse,
    groupId: string,
    rl: Record<string, string>,
  ): void => {
    const set = state.members.get(groupId);
    if (!set) return fail(res, 404, 'E0000007', `Not found: Resource not found: ${groupId} (UserGroup)`, rl);
    const users = [...set].map((id) => state.users.get(id)).filter((u) => u !== undefined);
    sendPage(req, res, users, limitOf(req, 1000, opts.maxGroupUsersPage ?? 1000), rl, {});
  };

  const listLogs = (req: FakeRequest, res: ServerResponse, rl: Record<string, string>): void => {
    const q = req.url.searchParams;
    const since = q.get('since');
    const after = q.get('after');
    if (since && after)
      return fail(res, 400, 'E0000001', 'Api validation failed: since and after are mutually exclusive', rl);
    if (since && Number.isNaN(Date.parse(since)))
      return fail(res, 400, 'E0000001', 'Api validation failed: since', rl);
    // A System Log cursor is a position in the log: anything else, or a position past its end, was never issued.
    if (after !== null && (!/^\d+$/.test(after) || Number(after) > (state.logs.at(-1)?.seq ?? 0)))
      return fail(res, 400, 'E0000001', `Api validation failed: after (unknown cursor ${after})`, rl);
    if ((q.get('sortOrder') ?? 'ASCENDING') !== 'ASCENDING' || q.get('until')) {
      return fail(res, 400, 'E0000053', 'Invalid parameter: the fake serves polling requests only', rl);
    }
    const limit = Math.max(0, Math.min(1000, Number(q.get('limit') ?? 100)));
    const filterExpr = q.get('filter');
    let match: (e: object) => boolean = () => true;
    if (filterExpr) {
      try {
        const f = compileFilter(filterExpr, (attr) => ['eventType', 'target.id', 'actor.id'].includes(attr));
        match = (e) => f(pathGetter(e));
      } catch (err) {
        if (err instanceof FilterSyntaxError)
          return fail(res, 400, 'E0000053', `Invalid filter: ${err.message}`, rl);
        throw err;
      }
    }
    const from = after !== null ? Number(after) : 0;
    const sinceIso = since ?? new Date(Date.now() - 7 * 86_400_000).toISOString();
    const candidates = state.logs.filter((e) => e.seq > from && (after !== null || e.published >= sinceIso));
    const page: typeof state.logs = [];
    let position =
      after !== null ? from : (state.logs.filter((e) => e.published < sinceIso).at(-1)?.seq ?? 0);
    for (const e of candidates) {
      if (page.length >= limit) break;
      position = e.seq;
      if (match(e)) page.push(e);
    }
    const keep: Record<string, string> = { sortOrder: 'ASCENDING', after: String(position) };
    if (filterExpr) keep.filter = filterExpr;
    // Polling mode: a next link is always present, even when the page is empty.
    res.setHeader('link', linkHeaders(req, { ...keep, limit: String(limit) }));
    sendJson(
      res,
      200,
      page.map(({ seq: _seq, ...e }) => e),
      rl,
    );
  };

  const handle = async (req: FakeRequest, res: ServerResponse): Promise<void> => {
    if (req.method === 'POST' && req.path === '/oauth2/v1/token') return tokenEndpoint(req, res);
    const fault = faults.take(req);
    if (fault?.kind === 'slow') await sleep(fault.delayMs);
    if (fault?.kind === 'expire-tokens') accessTokens.clear();
    const { headers: rl, exceeded } = rateHeaders(req.path, true);
    res.setHeader('x-okta-request-id', randomBytes(8).toString('hex'));
    if (fault?.kind === 'status')
      return sendJson(
        res,
        fault.status,
        fault.body ??
          errorBody(
            fault.status === 429 ? 'E0000047' : 'E0000009',
            fault.status === 429
              ? 'API call exceeded rate limit due to too many requests.'
              : 'Internal Server Error',
          ),
        { ...rl, ...fault.headers },
      );
    if (exceeded)
      return fail(res, 429, 'E0000047', 'API call exceeded rate limit due to too many requests.', {
        ...rl,
        'x-rate-limit-remaining': '0',
      });
    if (fault && answerBodyFault(res, fault)) return;

    let m: RegExpExecArray | null;
    if (req.method === 'GET' && req.path === '/api/v1/users')
      return authorize(req, res, 'okta.users.read', rl) ? listUsers(req, res, rl) : undefined;
    if (req.method === 'GET' && (m = /^\/api\/v1\/users\/([^/]+)$/.exec(req.path))) {
      if (!authorize(req, res, 'okta.users.read', rl)) return;
      const u = state.users.get(m[1]!);
      return u
        ? sendJson(res, 200, u, rl)
        : fail(res, 404, 'E0000007', `Not found: Resource not found: ${m[1]} (User)`, rl);
    }
    if (req.method === 'GET' && req.path === '/api/v1/groups')
      return authorize(req, res, 'okta.groups.read', rl) ? listGroups(req, res, rl) : undefined;
    if (req.method === 'GET' && (m = /^\/api\/v1\/groups\/([^/]+)\/users$/.exec(req.path))) {
      return authorize(req, res, 'okta.groups.read', rl) ? listGroupUsers(req, res, m[1]!, rl) : undefined;
    }
    if (req.method === 'GET' && req.path === '/api/v1/logs')
      return authorize(req, res, 'okta.logs.read', rl) ? listLogs(req, res, rl) : undefined;
    if (req.method === 'POST' && (m = /^\/api\/v1\/users\/([^/]+)\/lifecycle\/suspend$/.exec(req.path))) {
      if (!authorize(req, res, 'okta.users.manage', rl)) return;
      const u = state.users.get(m[1]!);
      if (!u) return fail(res, 404, 'E0000007', `Not found: Resource not found: ${m[1]} (User)`, rl);
      if (u.status !== 'ACTIVE')
        return fail(
          res,
          400,
          'E0000001',
          'Api validation failed: Cannot suspend a user that is not active',
          rl,
        );
      state.setStatus(u.id, 'SUSPENDED');
      killSwitch.suspended.push(u.id);
      return sendJson(res, 200, {}, rl);
    }
    if (req.method === 'DELETE' && (m = /^\/api\/v1\/users\/([^/]+)\/sessions$/.exec(req.path))) {
      if (!authorize(req, res, 'okta.users.manage', rl)) return;
      if (!state.users.has(m[1]!))
        return fail(res, 404, 'E0000007', `Not found: Resource not found: ${m[1]} (User)`, rl);
      killSwitch.sessionsRevoked.push({
        userId: m[1]!,
        oauthTokens: req.url.searchParams.get('oauthTokens') === 'true',
      });
      return sendEmpty(res, 204, rl);
    }
    return fail(res, 404, 'E0000022', `The endpoint does not support the provided HTTP method`, rl);
  };

  const server = await startFakeServer(handle);
  baseUrl = server.url;
  return {
    url: server.url,
    requests: server.requests,
    state,
    faults,
    killSwitch,
    tokenRequests,
    /** Every access token issued so far stops working (as if it expired). */
    expireAccessTokens: () => accessTokens.clear(),
    revokeApiToken: (token: string) => apiTokens.delete(token),
    /** Seeds `n` users with statuses from `statusOf(i)`, no log events (as if they predate the log window). */
    seedUsers(n: number, statusOf: (i: number) => OktaStatus = () => 'ACTIVE'): string[] {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        ids.push(
          state.addUser(
            {
              firstName: `First${i}`,
              lastName: `Last${i}`,
              login: `user${i}@example.com`,
              email: `user${i}@example.com`,
              department: i % 2 ? 'Engineering' : 'Sales',
              title: 'Engineer',
            },
            statusOf(i),
          ).id,
        );
      }
      state.logs.length = 0;
      return ids;
    },
    close: () => server.close(),
  };
};

export type OktaFake = Awaited<ReturnType<typeof startOktaFake>>;
