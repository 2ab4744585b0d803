// The GitHub org connector's HTTP transport: one HttpClient (electron/http) with GitHub's required headers
// (vnd.github+json, X-GitHub-Api-Version, a User-Agent, Bearer token), client-side pacing of writes (GitHub's
// secondary limits punish bursts of invitations), Link-header paging that follows the URLs GitHub sends, and every
// failure translated into an admin-readable GithubAppError.
import { HttpClient, type HttpRequest, type HttpResponse } from '../../http/http-client';
import { nextLink } from '../../http/links';
import { TokenBucket } from '../../http/rate-limit';
import type { GithubAppConfig } from '../types-config';
import type { ConnectorDeps } from '../types';
import { GithubAppError, malformed, toGithubError, type AppLabel } from './errors';

export const GITHUB_API_VERSION = '2022-11-28';
export const GITHUB_MEDIA_TYPE = 'application/vnd.github+json';
export const PAGE_SIZE = 100;
/** GitHub's documented secondary-limit advice: without retry-after or a reset, wait at least a minute. */
export const SECONDARY_LIMIT_FLOOR_MS = 60_000;
/** Writes per minute when the config names none: under the 80/min content-creation limit, with room to spare. */
export const DEFAULT_WRITES_PER_MINUTE = 60;
export const MAX_PAGES = 5_000;

export interface GithubRequest extends HttpRequest {
  /** In words, for errors: "invite octocat". */
  action: string;
}

export interface GithubTransport {
  readonly app: AppLabel;
  /** The org segment, URL-encoded, for paths. */
  readonly org: string;
  request<T = unknown>(req: GithubRequest): Promise<HttpResponse<T>>;
  /** Every item of a listing, following `Link: rel="next"`; throws rather than return a partial list. */
  listAll<T>(
    path: string,
    action: string,
    check: (v: unknown) => T | null,
    query?: HttpRequest['query'],
  ): Promise<T[]>;
  requestCount(): number;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const createGithubTransport = (config: GithubAppConfig, deps: ConnectorDeps): GithubTransport => {
  const app: AppLabel = { id: config.id, name: config.name, org: config.org };
  const log = deps.log.child(`app:${config.id}`);
  let token: Promise<string> | undefined;
  const client = new HttpClient({
    connector: `GitHub (${config.org})`,
    baseUrl: config.baseUrl,
    log,
    authorization: async () => {
      token ??= deps.resolveSecret(config.auth.token);
      return `Bearer ${await token}`;
    },
    onUnauthorized: () => {
      token = undefined;
    },
    headers: { accept: GITHUB_MEDIA_TYPE, 'x-github-api-version': GITHUB_API_VERSION },
    userAgent: 'Lanyard (GitHub org connector)',
    rateLimitFloorMs: SECONDARY_LIMIT_FLOOR_MS,
    // GitHub asks integrations to avoid concurrent requests; reads of team members may overlap a little.
    concurrency: config.concurrency ?? 2,
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.rateLimit?.requestsPerMinute ? { requestsPerMinute: config.rateLimit.requestsPerMinute } : {}),
    ...(config.rateLimit?.burst && config.rateLimit.requestsPerMinute
      ? { burst: config.rateLimit.burst }
      : {}),
    ...deps.http,
  });
  const wpm = config.rateLimit?.writesPerMinute ?? DEFAULT_WRITES_PER_MINUTE;
  const writes = new TokenBucket(
    wpm,
    config.rateLimit?.burst ?? Math.max(1, Math.ceil(wpm / 6)),
    undefined,
    deps.http?.sleep,
  );

  const request = async <T>(req: GithubRequest): Promise<HttpResponse<T>> => {
    if (WRITE_METHODS.has((req.method ?? 'GET').toUpperCase())) await writes.take();
    try {
      return await client.request<T>({ label: req.action, ...req });
    } catch (err) {
      throw toGithubError(err, app, req.action);
    }
  };

  const pageSize = Math.min(PAGE_SIZE, config.pageSize ?? PAGE_SIZE);

  return {
    app,
    org: encodeURIComponent(config.org),
    request,
    async listAll<T>(
      path: string,
      action: string,
      check: (v: unknown) => T | null,
      query: HttpRequest['query'] = {},
    ): Promise<T[]> {
      const items: T[] = [];
      const seen = new Set<string>();
      let next: string | undefined = path;
      let first = true;
      for (let page = 1; next; page++) {
        if (page > MAX_PAGES || seen.has(next)) {
          throw new GithubAppError({
            appId: app.id,
            kind: 'paging',
            message: `GitHub (${app.org}): the listing did not end (${items.length} items after ${page - 1} pages) when trying to ${action}.`,
            hint: 'Nothing was changed in Lanyard. The Link headers repeat; check the base URL or any proxy in between.',
          });
        }
        seen.add(next);
        const pageAction = `${action} (page ${page})`;
        // The first request carries per_page; GitHub's next links already hold every parameter.
        const res: HttpResponse<unknown> = await request<unknown>({
          path: next,
          action: pageAction,
          ...(first ? { query: { per_page: pageSize, ...query } } : {}),
        });
        first = false;
        if (!Array.isArray(res.body)) throw malformed(app, pageAction, 'the answer is not a list');
        for (const raw of res.body) {
          const item = check(raw);
          if (item === null)
            throw malformed(
              app,
              pageAction,
              `an entry lacks the fields Lanyard needs (${JSON.stringify(raw).slice(0, 80)})`,
            );
          items.push(item);
        }
        next = nextLink(res.headers);
      }
      return items;
    },
    requestCount: () => client.requestCount,
  };
};
