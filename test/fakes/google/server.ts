// A fake Google Workspace Admin SDK Directory API + OAuth token endpoint, faithful to api-contracts.md §3:
// the JWT bearer grant verified like Google does (RS256 signature with the test's public key, kid, iss, sub, aud,
// scope against the domain-wide delegation list, exp ≤ 1 h), pageToken/nextPageToken paging with the documented
// maximums (clamped), projection, Google error bodies, kill-switch endpoints, and fault switches.
import type http from 'node:http';
import { randomUUID, webcrypto, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
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
} from './loopback';
import { GoogleDirectoryState } from './state';

const SCOPE = 'https://www.googleapis.com/auth/admin.directory.';
export const GOOGLE_FAKE_SCOPES = {
  userRead: `${SCOPE}user.readonly`,
  user: `${SCOPE}user`,
  groupRead: `${SCOPE}group.readonly`,
  group: `${SCOPE}group`,
  userSecurity: `${SCOPE}user.security`,
};

export const googleError = (code: number, reason: string, message: string) => ({
  error: { code, message, errors: [{ message, domain: 'global', reason }] },
});

const errorFor = (status: number) =>
  status === 429
    ? googleError(429, 'rateLimitExceeded', 'Rate Limit Exceeded')
    : status >= 500
      ? googleError(status, 'backendError', 'Service unavailable. Please try again')
      : googleError(status, 'badRequest', 'Bad Request');

export interface GoogleFakeOptions {
  clientEmail: string;
  keyId: string;
  publicKey: KeyObject | webcrypto.CryptoKey;
  /** Workspace admins the service account may impersonate (`sub`). */
  admins: string[];
  /** Scopes authorised for the service account's client ID in domain-wide delegation. */
  delegatedScopes?: string[];
  tokenLifetimeSeconds?: number;
  customerId?: string;
}

export type GoogleFake = Awaited<ReturnType<typeof startGoogleFake>>;

const ROUTES: [method: RegExp, path: RegExp, route: string][] = [
  [/^GET$/, /^users$/, 'users'],
  [/^GET$/, /^groups$/, 'groups'],
  [/^GET$/, /^groups\/([^/]+)\/members$/, 'members'],
  [/^(PATCH|PUT)$/, /^users\/([^/]+)$/, 'user-update'],
  [/^POST$/, /^users\/([^/]+)\/signOut$/, 'sign-out'],
  [/^GET$/, /^users\/([^/]+)$/, 'user-get'],
];
const NEEDS: Record<string, string[]> = {
  users: [GOOGLE_FAKE_SCOPES.userRead, GOOGLE_FAKE_SCOPES.user],
  'user-get': [GOOGLE_FAKE_SCOPES.userRead, GOOGLE_FAKE_SCOPES.user],
  groups: [GOOGLE_FAKE_SCOPES.groupRead, GOOGLE_FAKE_SCOPES.group],
  members: [GOOGLE_FAKE_SCOPES.groupRead, GOOGLE_FAKE_SCOPES.group],
  'user-update': [GOOGLE_FAKE_SCOPES.user],
  'sign-out': [GOOGLE_FAKE_SCOPES.userSecurity],
};
const MAX: Record<string, number> = { users: 500, groups: 200, members: 200 };
const DEFAULT: Record<string, number> = { users: 100, groups: 200, members: 200 };
const API = '/admin/directory/v1/';

const encodeToken = (offset: number) => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
const decodeToken = (t: string): number | undefined => {
  try {
    const o = (JSON.parse(Buffer.from(t, 'base64url').toString('utf8')) as { o?: unknown }).o;
    return typeof o === 'number' ? o : undefined;
  } catch {
    return undefined;
  }
};

export const startGoogleFake = async (opts: GoogleFakeOptions) => {
  const state = new GoogleDirectoryState();
  const faults = new FaultBook();
  const requests: RecordedRequest[] = [];
  const tokens = new Map<string, { scopes: Set<string>; expiresAt: number }>();
  /** Routes the impersonated admin has no admin rights for (403 "Not Authorized to access this resource/api"). */
  const deniedRoutes = new Set<string>();
  const delegated = new Set(opts.delegatedScopes ?? Object.values(GOOGLE_FAKE_SCOPES));
  const customerId = opts.customerId ?? 'C0fake1';
  let tokenUrl = '';
  const expireTokens = () => {
    for (const t of tokens.values()) t.expiresAt = 0;
  };

  const token = async (res: http.ServerResponse, form: Record<string, string>): Promise<void> => {
    const fail = (status: number, error: string, description: string) =>
      sendJson(res, status, { error, error_description: description });
    if (form.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || !form.assertion)
      return fail(400, 'invalid_request', 'Invalid grant_type or missing assertion.');
    let payload;
    try {
      const header = decodeProtectedHeader(form.assertion);
      if (header.alg !== 'RS256' || header.kid !== opts.keyId)
        return fail(400, 'invalid_grant', 'Invalid JWT Signature.');
      ({ payload } = await jwtVerify(form.assertion, opts.publicKey, {
        algorithms: ['RS256'],
        audience: tokenUrl,
        issuer: opts.clientEmail,
        requiredClaims: ['exp', 'iat', 'scope'],
      }));
    } catch (err) {
      return fail(400, 'invalid_grant', `Invalid JWT: ${(err as Error).message}`);
    }
    if ((payload.exp ?? 0) - (payload.iat ?? 0) > 3600)
      return fail(
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.',
      );
    if (!payload.sub || !opts.admins.includes(payload.sub))
      return fail(400, 'invalid_grant', 'Invalid email or User ID');
    const scopes = String(payload.scope).split(' ').filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => !delegated.has(s))) {
      return fail(
        401,
        'unauthorized_client',
        'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      );
    }
    const accessToken = `ya29.fake-${randomUUID()}`;
    const lifetime = opts.tokenLifetimeSeconds ?? 3599;
    tokens.set(accessToken, { scopes: new Set(scopes), expiresAt: Date.now() + lifetime * 1000 });
    sendJson(res, 200, { access_token: accessToken, expires_in: lifetime, token_type: 'Bearer' });
  };

  const list = (
    res: http.ServerResponse,
    route: string,
    q: URLSearchParams,
    items: unknown[],
    key: string,
    kind: string,
  ) => {
    const raw = q.get('maxResults');
    const asked = raw === null ? DEFAULT[route]! : Number(raw);
    if (!Number.isInteger(asked) || asked < 1)
      return sendJson(
        res,
        400,
        googleError(
          400,
          'invalid',
          `Invalid value '${raw}'. Values must be within the range: [1, ${MAX[route]}]`,
        ),
      );
    const size = Math.min(asked, MAX[route]!);
    const pageToken = q.get('pageToken');
    const offset = pageToken ? decodeToken(pageToken) : 0;
    if (offset === undefined)
      return sendJson(res, 400, googleError(400, 'invalid', 'Invalid Input: pageToken'));
    const page = items.slice(offset, offset + size);
    const body: Record<string, unknown> = { kind: `admin#directory#${kind}`, etag: '"fake-etag"' };
    if (page.length) body[key] = page;
    if (offset + size < items.length) body.nextPageToken = encodeToken(offset + size);
    sendJson(res, 200, body);
  };

  const server = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);
    let route = 'unknown';
    let match: RegExpExecArray | null = null;
    if (method === 'POST' && url.pathname === '/token') route = 'token';
    else if (url.pathname.startsWith(API)) {
      const rest = url.pathname.slice(API.length);
      for (const [m, p, r] of ROUTES) {
        const hit = m.test(method) ? p.exec(rest) : null;
        if (hit) {
          route = r;
          match = hit;
          break;
        }
      }
    }
    record(requests, res, { method, path: url.pathname, query: url.searchParams, body, route });
    const size = Math.min(
      Number(url.searchParams.get('maxResults') ?? DEFAULT[route] ?? 1) || 1,
      MAX[route] ?? 1,
    );
    const tokenOffset = url.searchParams.get('pageToken')
      ? decodeToken(url.searchParams.get('pageToken')!)
      : 0;
    const page = route in MAX && tokenOffset !== undefined ? Math.floor(tokenOffset / size) + 1 : undefined;
    const fault = faults.take(route, page);
    if (fault && (await applyFault(res, fault, { errorBody: errorFor, expireTokens }))) return;

    if (route === 'token') return token(res, (body ?? {}) as Record<string, string>);
    if (route === 'unknown') return sendJson(res, 404, googleError(404, 'notFound', 'Not Found'));
    const t = tokens.get(bearer(req) ?? '');
    if (!t || t.expiresAt <= Date.now()) {
      return sendJson(res, 401, {
        error: {
          code: 401,
          message:
            'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
          errors: [
            {
              message: 'Invalid Credentials',
              domain: 'global',
              reason: 'authError',
              location: 'Authorization',
              locationType: 'header',
            },
          ],
          status: 'UNAUTHENTICATED',
        },
      });
    }
    if (!NEEDS[route]!.some((s) => t.scopes.has(s)))
      return sendJson(
        res,
        403,
        googleError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.'),
      );
    if (deniedRoutes.has(route))
      return sendJson(res, 403, googleError(403, 'forbidden', 'Not Authorized to access this resource/api'));

    const q = url.searchParams;
    const key = decodeURIComponent(match?.[1] ?? '');
    switch (route) {
      case 'users':
      case 'groups': {
        const customer = q.get('customer');
        if (!customer && !q.get('domain'))
          return sendJson(res, 400, googleError(400, 'badRequest', 'Bad Request'));
        if (customer && customer !== 'my_customer' && customer !== customerId)
          return sendJson(res, 400, googleError(400, 'badRequest', 'Bad Request'));
        if (route === 'groups')
          return list(
            res,
            route,
            q,
            [...state.groups.values()].map((g) => ({
              kind: 'admin#directory#group',
              ...g,
              directMembersCount: String(state.members.get(g.id)?.length ?? 0),
            })),
            'groups',
            'groups',
          );
        const full = q.get('projection') === 'full';
        const users = [...state.users.values()].map(({ customSchemas, ...u }) => ({
          kind: 'admin#directory#user',
          customerId,
          ...u,
          ...(full && customSchemas ? { customSchemas } : {}),
        }));
        return list(res, route, q, users, 'users', 'users');
      }
      case 'members': {
        const g = state.findGroup(key);
        if (!g) return sendJson(res, 404, googleError(404, 'notFound', 'Resource Not Found: groupKey'));
        return list(
          res,
          route,
          q,
          (state.members.get(g.id) ?? []).map((m) => ({ kind: 'admin#directory#member', etag: '"m"', ...m })),
          'members',
          'members',
        );
      }
      case 'user-get':
      case 'user-update':
      case 'sign-out': {
        const u = state.findUser(key);
        if (!u) return sendJson(res, 404, googleError(404, 'notFound', 'Resource Not Found: userKey'));
        if (route === 'user-get') return sendJson(res, 200, { kind: 'admin#directory#user', ...u });
        if (route === 'sign-out') {
          state.killSwitch.push({ action: 'signOut', userKey: key });
          return sendEmpty(res, 204);
        }
        const patch = (body ?? {}) as { suspended?: boolean };
        if (typeof patch.suspended === 'boolean') {
          u.suspended = patch.suspended;
          if (patch.suspended) u.suspensionReason = 'ADMIN';
          else delete u.suspensionReason;
        }
        state.killSwitch.push({ action: 'suspend', userKey: key });
        return sendJson(res, 200, { kind: 'admin#directory#user', ...u });
      }
    }
  });
  tokenUrl = `${server.url}/token`;

  return {
    url: server.url,
    tokenUrl,
    baseUrl: `${server.url}${API}`,
    state,
    faults,
    requests,
    expireTokens,
    /** The impersonated admin loses admin rights for this route ("users", "groups", "members"). */
    denyAdmin: (route: string) => deniedRoutes.add(route),
    /** Removes a scope from the domain-wide delegation list. */
    undelegate: (scope: string) => delegated.delete(scope),
    count: (route: string) => requests.filter((r) => r.route === route).length,
    close: server.close,
  };
};
