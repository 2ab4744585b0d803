// A fake Auth0 Management API v2 + /oauth/token, faithful to api-contracts.md §4: client-credentials tokens with
// granted scopes, page/per_page (max 100, clamped) with include_totals, the 1,000-record offset cap and its error,
// q ranges on created_at with sort and search_engine=v3, checkpoint paging (take/from/next) for role members,
// insufficient_scope 403s, x-ratelimit-* headers with an optional per-second budget, and fault switches.
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  FaultBook,
  applyFault,
  bearer,
  listen,
  readBody,
  record,
  sendEmpty,
  sendJson,
  type RecordedRequest,
} from '../google/loopback';
import { Auth0TenantState, type FakeAuth0User } from './state';

export const auth0Error = (statusCode: number, error: string, message: string, errorCode?: string) => ({
  statusCode,
  error,
  message,
  ...(errorCode ? { errorCode } : {}),
});

const errorFor = (status: number) =>
  status === 429
    ? auth0Error(429, 'Too Many Requests', 'Global limit has been reached', 'too_many_requests')
    : status >= 500
      ? auth0Error(status, 'Internal Server Error', 'An internal server error occurred')
      : auth0Error(status, 'Bad Request', 'Bad Request');

export interface Auth0FakeOptions {
  clientId: string;
  clientSecret: string;
  /** Scopes granted to the application for the Management API. */
  scopes?: string[];
  tokenLifetimeSeconds?: number;
  /** Requests allowed per one-second window (x-ratelimit-limit); 429 beyond it. */
  requestsPerSecond?: number;
}

export const ALL_AUTH0_SCOPES = [
  'read:users',
  'update:users',
  'read:roles',
  'read:role_members',
  'delete:sessions',
  'delete:refresh_tokens',
];

const ROUTES: [method: string, path: RegExp, route: string, scopes: string[]][] = [
  ['GET', /^users$/, 'users', ['read:users']],
  ['GET', /^roles$/, 'roles', ['read:roles']],
  ['GET', /^roles\/([^/]+)\/users$/, 'role-users', ['read:role_members', 'read:roles']],
  ['PATCH', /^users\/([^/]+)$/, 'user-update', ['update:users']],
  ['DELETE', /^users\/([^/]+)\/sessions$/, 'sessions', ['delete:sessions']],
  ['DELETE', /^users\/([^/]+)\/refresh-tokens$/, 'refresh-tokens', ['delete:refresh_tokens']],
];
const API = '/api/v2/';
const CAP = 1000;

/** `created_at:[A TO B]`, `{`/`}` exclusive, `*` open, values optionally quoted. */
const RANGE = /^created_at:([[{])\s*"?([^"\s]+)"?\s+TO\s+"?([^"\s\]}]+)"?\s*([\]}])$/;

export type Auth0Fake = Awaited<ReturnType<typeof startAuth0Fake>>;

export const startAuth0Fake = async (opts: Auth0FakeOptions) => {
  const state = new Auth0TenantState();
  const faults = new FaultBook();
  const requests: RecordedRequest[] = [];
  const tokens = new Map<string, { scopes: Set<string>; expiresAt: number }>();
  const granted = opts.scopes ?? ALL_AUTH0_SCOPES;
  const window = { second: 0, used: 0 };
  let audience = '';
  const expireTokens = () => {
    for (const t of tokens.values()) t.expiresAt = 0;
  };
  const rateHeaders = (): Record<string, string> => {
    const limit = opts.requestsPerSecond ?? 1000;
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - window.used)),
      'x-ratelimit-reset': String(window.second + 1),
    };
  };

  let sortCache: { key: string; list: FakeAuth0User[] } | undefined;
  const sortedUsers = (sort: string | null): FakeAuth0User[] => {
    const key = `${sort}@${state.version}`;
    if (sortCache?.key === key) return sortCache.list;
    const list = [...state.users.values()];
    if (sort) {
      const [field, dir] = sort.split(':') as [keyof FakeAuth0User, string];
      const sign = dir === '-1' ? -1 : 1;
      const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      list.sort(
        (a, b) => sign * (cmp(String(a[field] ?? ''), String(b[field] ?? '')) || cmp(a.user_id, b.user_id)),
      );
    }
    sortCache = { key, list };
    return list;
  };

  const listUsers = (res: http.ServerResponse, q: URLSearchParams, headers: Record<string, string>) => {
    const engine = q.get('search_engine');
    if (engine && engine !== 'v3')
      return sendJson(
        res,
        400,
        auth0Error(
          400,
          'Bad Request',
          `You are not allowed to use search_engine=${engine}.`,
          'operation_not_supported',
        ),
        headers,
      );
    let users = sortedUsers(q.get('sort'));
    const query = q.get('q');
    if (query) {
      const m = RANGE.exec(query.trim());
      if (!m)
        return sendJson(
          res,
          400,
          auth0Error(
            400,
            'Bad Request',
            'The fake only supports q=created_at:[from TO to]',
            'invalid_query_string',
          ),
          headers,
        );
      const [, open, lo, hi, close] = m;
      // created_at values share one ISO format, so string order is time order.
      const loIso = lo === '*' ? undefined : new Date(lo!).toISOString();
      const hiIso = hi === '*' ? undefined : new Date(hi!).toISOString();
      users = users.filter(
        (u) =>
          (loIso === undefined || (open === '[' ? u.created_at >= loIso : u.created_at > loIso)) &&
          (hiIso === undefined || (close === ']' ? u.created_at <= hiIso : u.created_at < hiIso)),
      );
    }
    return listPage(res, q, users, 'users', headers);
  };

  /** Offset paging with the documented maximums: per_page ≤ 100, at most the first 1,000 records. */
  const listPage = (
    res: http.ServerResponse,
    q: URLSearchParams,
    items: unknown[],
    key: string,
    headers: Record<string, string>,
  ) => {
    const hasPage = q.has('page');
    const page = Number(q.get('page') ?? 0);
    const asked = Number(q.get('per_page') ?? 50);
    if (!Number.isInteger(page) || page < 0 || !Number.isInteger(asked) || asked < 1) {
      return sendJson(
        res,
        400,
        auth0Error(
          400,
          'Bad Request',
          'Query validation error: invalid page or per_page',
          'invalid_query_string',
        ),
        headers,
      );
    }
    // "When the page parameter is not set, we return a maximum of 50 records."
    const perPage = Math.min(asked, hasPage ? 100 : 50);
    const start = page * perPage;
    if (start >= CAP) {
      return sendJson(
        res,
        400,
        auth0Error(
          400,
          'Bad Request',
          `Requesting page ${page} exceeds the allowed maximum of ${CAP} records. To fetch results beyond ${CAP}, use the checkpoint pagination method.`,
          'invalid_paging',
        ),
        headers,
      );
    }
    const slice = items.slice(start, Math.min(start + perPage, CAP));
    if (q.get('include_totals') === 'true')
      return sendJson(
        res,
        200,
        { start, limit: perPage, length: slice.length, total: items.length, [key]: slice },
        headers,
      );
    return sendJson(res, 200, slice, headers);
  };

  const server = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);
    let route = 'unknown';
    let match: RegExpExecArray | null = null;
    let needs: string[] = [];
    if (method === 'POST' && url.pathname === '/oauth/token') route = 'token';
    else if (url.pathname.startsWith(API)) {
      for (const [m, p, r, s] of ROUTES) {
        const hit = m === method ? p.exec(url.pathname.slice(API.length)) : null;
        if (hit) [route, match, needs] = [r, hit, s];
      }
    }
    record(requests, res, { method, path: url.pathname, query: url.searchParams, body, route });
    const q = url.searchParams;
    const perPage = Math.min(Number(q.get('per_page') ?? 50) || 50, 100);
    const page = route === 'users' || route === 'roles' ? Number(q.get('page') ?? 0) + 1 : undefined;
    const fault = faults.take(route, route === 'users' ? (usersPageOf(q, perPage) ?? page) : page);
    if (fault && (await applyFault(res, fault, { errorBody: errorFor, expireTokens }))) return;

    if (route === 'token') {
      const f = (body ?? {}) as Record<string, string>;
      if (f.grant_type !== 'client_credentials')
        return sendJson(res, 400, {
          error: 'unsupported_grant_type',
          error_description: 'Unsupported grant type',
        });
      if (f.client_id !== opts.clientId || f.client_secret !== opts.clientSecret)
        return sendJson(res, 401, { error: 'access_denied', error_description: 'Unauthorized' });
      if (f.audience !== audience)
        return sendJson(res, 403, {
          error: 'access_denied',
          error_description: `Service not enabled within domain: ${f.audience}`,
        });
      const accessToken = `eyJ.fake.${randomUUID()}`;
      const lifetime = opts.tokenLifetimeSeconds ?? 86_400;
      tokens.set(accessToken, { scopes: new Set(granted), expiresAt: Date.now() + lifetime * 1000 });
      return sendJson(res, 200, {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: lifetime,
        scope: granted.join(' '),
      });
    }
    if (route === 'unknown') return sendJson(res, 404, auth0Error(404, 'Not Found', 'Not Found'));

    // Per-tenant budget in one-second windows, reported on every Management API answer.
    const second = Math.floor(Date.now() / 1000);
    if (second !== window.second) Object.assign(window, { second, used: 0 });
    window.used++;
    if (opts.requestsPerSecond && window.used > opts.requestsPerSecond)
      return sendJson(res, 429, errorFor(429), rateHeaders());
    const headers = rateHeaders();

    const t = tokens.get(bearer(req) ?? '');
    if (!t || t.expiresAt <= Date.now())
      return sendJson(
        res,
        401,
        auth0Error(401, 'Unauthorized', 'Expired token received for JSON Web Token validation'),
        headers,
      );
    if (!needs.some((s) => t.scopes.has(s)))
      return sendJson(
        res,
        403,
        auth0Error(
          403,
          'Forbidden',
          `Insufficient scope, expected any of: ${needs.join(',')}`,
          'insufficient_scope',
        ),
        headers,
      );

    const id = decodeURIComponent(match?.[1] ?? '');
    switch (route) {
      case 'users':
        return listUsers(res, q, headers);
      case 'roles':
        return listPage(res, q, [...state.roles.values()], 'roles', headers);
      case 'role-users': {
        if (!state.roles.has(id))
          return sendJson(
            res,
            404,
            auth0Error(404, 'Not Found', 'The role does not exist.', 'inexistent_role'),
            headers,
          );
        const members = (state.roleMembers.get(id) ?? [])
          .map((uid) => state.users.get(uid))
          .filter((u): u is FakeAuth0User => !!u);
        const list = members.map((u) => ({ user_id: u.user_id, email: u.email, name: u.name, picture: '' }));
        if (!q.has('take') && !q.has('from')) return listPage(res, q, list, 'users', headers);
        // Checkpoint paging: `from` is an opaque position, `next` is present while more remain.
        const take = Math.min(Math.max(1, Number(q.get('take') ?? 50) || 50), 100);
        const from = q.get('from') ? Number(Buffer.from(q.get('from')!, 'base64url').toString('utf8')) : 0;
        const slice = list.slice(from, from + take);
        const next =
          from + take < list.length ? Buffer.from(String(from + take)).toString('base64url') : undefined;
        return sendJson(res, 200, { users: slice, ...(next ? { next } : {}) }, headers);
      }
      case 'user-update':
      case 'sessions':
      case 'refresh-tokens': {
        const u = state.users.get(id);
        if (!u)
          return sendJson(
            res,
            404,
            auth0Error(404, 'Not Found', 'The user does not exist.', 'inexistent_user'),
            headers,
          );
        if (route === 'user-update') {
          const patch = (body ?? {}) as { blocked?: boolean };
          if (typeof patch.blocked === 'boolean') u.blocked = patch.blocked;
          state.killSwitch.push({ action: 'block', userId: id });
          return sendJson(res, 200, u, headers);
        }
        state.killSwitch.push({
          action: route === 'sessions' ? 'delete-sessions' : 'delete-refresh-tokens',
          userId: id,
        });
        return sendEmpty(res, 202, headers);
      }
    }
  });
  audience = `${server.url}/api/v2/`;

  /** The 1-based position of a users page in the whole sorted list (windows restart `page`; faults count globally). */
  function usersPageOf(q: URLSearchParams, perPage: number): number | undefined {
    const m = RANGE.exec((q.get('q') ?? '').trim());
    if (!m || m[2] === '*') return undefined;
    const lo = new Date(m[2]!).toISOString();
    const before = sortedUsers('created_at:1').filter((u) => u.created_at < lo).length;
    return Math.floor((before + Number(q.get('page') ?? 0) * perPage) / perPage) + 1;
  }

  return {
    url: server.url,
    audience,
    state,
    faults,
    requests,
    expireTokens,
    count: (route: string) => requests.filter((r) => r.route === route).length,
    close: server.close,
  };
};
