// A faithful-enough GitHub REST API for org membership on 127.0.0.1 (docs/api-contracts.md §6): Bearer/token auth,
// a User-Agent required (GitHub refuses requests without one), per_page clamped to 100 with one Link header
// (next/last/prev/first, omitted when everything fits), GitHub's error bodies, x-ratelimit-* headers on every
// response, primary-limit exhaustion (403 + remaining 0 + reset), secondary-limit switches (403/429 with
// retry-after), fault switches (5xx, slow, malformed) and a request log with the headers that matter.
import type { ServerResponse } from 'node:http';
import { answerBodyFault, FaultSwitch, sleep, type FaultRule } from '../common/faults';
import { bearerOrScheme, sendJson, startFakeServer, type FakeRequest } from '../common/http';
import { DOCS, ghError, SECONDARY_MESSAGE } from './errors';
import { githubRoutes, type RouteContext } from './routes';
import { createGithubState } from './state';

export interface GithubFakeOptions {
  org?: string;
  /** token → the login it belongs to; `scopes` makes it a classic token (x-oauth-scopes header). */
  tokens?: Record<string, { login: string; scopes?: string[] }>;
  /** Primary limit per window (default 5000 per hour). */
  rateLimit?: { limit: number; windowMs: number };
  maxPerPage?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  userAgent: string | undefined;
  accept: string | undefined;
  apiVersion: string | undefined;
  authScheme: string | undefined;
  body: string;
}

export const startGithubFake = async (opts: GithubFakeOptions = {}) => {
  const org = opts.org ?? 'acme';
  const state = createGithubState(org);
  const faults = new FaultSwitch();
  const tokens = new Map(Object.entries(opts.tokens ?? {}));
  const rate = opts.rateLimit ?? { limit: 5000, windowMs: 3_600_000 };
  const primary = { used: 0, resetAt: Date.now() + rate.windowMs };
  const log: LoggedRequest[] = [];
  let baseUrl = '';

  const rateHeaders = (consume: boolean): { headers: Record<string, string>; exceeded: boolean } => {
    const now = Date.now();
    if (now >= primary.resetAt) Object.assign(primary, { used: 0, resetAt: now + rate.windowMs });
    const exceeded = primary.used >= rate.limit;
    if (consume && !exceeded) primary.used++;
    return {
      exceeded,
      headers: {
        'x-ratelimit-limit': String(rate.limit),
        'x-ratelimit-remaining': String(Math.max(0, rate.limit - primary.used)),
        'x-ratelimit-used': String(primary.used),
        'x-ratelimit-reset': String(Math.ceil(primary.resetAt / 1000)),
        'x-ratelimit-resource': 'core',
      },
    };
  };

  const routes = githubRoutes(state);

  const handle = async (req: FakeRequest, res: ServerResponse): Promise<void> => {
    const h = (name: string) =>
      typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined;
    const auth = bearerOrScheme(req);
    log.push({
      method: req.method,
      path: req.path,
      query: Object.fromEntries(req.url.searchParams),
      userAgent: h('user-agent'),
      accept: h('accept'),
      apiVersion: h('x-github-api-version'),
      authScheme: auth?.scheme,
      body: req.body,
    });

    // GitHub refuses requests without a User-Agent before anything else.
    if (!h('user-agent')) {
      return sendJson(
        res,
        403,
        ghError(
          'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required).',
        ),
      );
    }
    const version = h('x-github-api-version');
    if (version !== undefined && version !== '2022-11-28' && version !== '2026-03-10') {
      return sendJson(res, 400, ghError(`Unsupported 'X-GitHub-Api-Version' header: ${version}.`));
    }
    const token = auth && /^(bearer|token)$/i.test(auth.scheme) ? tokens.get(auth.token) : undefined;
    if (!token) {
      const rl = rateHeaders(false);
      return sendJson(
        res,
        401,
        ghError(auth ? 'Bad credentials' : 'Requires authentication', DOCS, { status: '401' }),
        rl.headers,
      );
    }

    const fault = faults.take(req);
    if (fault?.kind === 'slow') await sleep(fault.delayMs);
    else if (fault?.kind === 'status')
      return sendJson(res, fault.status, fault.body ?? ghError('Server Error'), {
        ...rateHeaders(true).headers,
        ...fault.headers,
      });
    else if (fault && answerBodyFault(res, fault)) return;

    const rl = rateHeaders(true);
    if (rl.exceeded) {
      return sendJson(
        res,
        403,
        ghError(
          `API rate limit exceeded for user ID ${state.user(token.login)?.id ?? 1}. If you reach out to GitHub Support for help, please include the request ID.`,
          `${DOCS}/overview/rate-limits-for-the-rest-api`,
        ),
        rl.headers,
      );
    }
    for (const [k, v] of Object.entries(rl.headers)) res.setHeader(k, v);
    if (token.scopes) res.setHeader('x-oauth-scopes', token.scopes.join(', '));

    let body: unknown;
    if (req.body) {
      try {
        body = JSON.parse(req.body);
      } catch {
        return sendJson(res, 400, ghError('Problems parsing JSON'));
      }
    }
    const ctx: RouteContext = {
      req,
      res,
      body,
      me: token.login,
      baseUrl,
      maxPerPage: opts.maxPerPage ?? 100,
    };
    if (!(await routes(ctx))) sendJson(res, 404, ghError('Not Found', DOCS, { status: '404' }));
  };

  const server = await startFakeServer(handle);
  baseUrl = server.url;

  return {
    url: server.url,
    org,
    state,
    faults,
    /** Every request with the headers GitHub cares about. */
    log,
    /** Method, path, query and status of every request answered. */
    served: server.requests,
    count: (method: string, pathRe?: RegExp) =>
      log.filter((r) => r.method === method && (!pathRe || pathRe.test(r.path))).length,
    /** The next `times` matching requests hit GitHub's secondary limit (403 or 429, with retry-after if given). */
    secondaryLimit(
      o: {
        status?: 403 | 429;
        retryAfterSeconds?: number;
        times?: number;
        skip?: number;
        match?: FaultRule['match'];
      } = {},
    ) {
      faults.add({
        ...(o.match ? { match: o.match } : {}),
        ...(o.skip ? { skip: o.skip } : {}),
        times: o.times ?? 1,
        fault: {
          kind: 'status',
          status: o.status ?? 403,
          body: ghError(
            SECONDARY_MESSAGE,
            `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
          ),
          headers: o.retryAfterSeconds === undefined ? {} : { 'retry-after': String(o.retryAfterSeconds) },
        },
      });
    },
    /** Uses up the primary limit until `resetInMs` from now: requests answer 403 with remaining 0 and the reset. */
    exhaustPrimary(resetInMs: number) {
      primary.used = rate.limit;
      primary.resetAt = Date.now() + resetInMs;
    },
    addToken(token: string, login: string, scopes?: string[]) {
      tokens.set(token, { login, ...(scopes ? { scopes } : {}) });
    },
    close: () => server.close(),
  };
};

export type GithubFake = Awaited<ReturnType<typeof startGithubFake>>;
