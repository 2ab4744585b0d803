// One authenticated Okta API: the shared HttpClient configured from the directory config, vendor error parsing,
// and paging that follows Okta's `Link: <…>; rel="next"` headers (sent as separate headers) until there is none.
import {
  HttpClient,
  nextLink,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
} from '../../http';
import type { ConnectorDeps } from '../types';
import { badShape, withVendorDetail } from '../vendor-error';
import { createOktaAuth, type OktaConfig } from './auth';

const OKTA_HINTS: Record<string, string> = {
  E0000011:
    'Okta rejected the credentials (E0000011): the API token was revoked or expired, or the access token is no longer valid. Re-enter the token (or the service app’s key) in Settings → Directory, where it is tested before it replaces the stored one.',
  E0000006:
    'Okta refused (E0000006): grant the admin role or the Okta API scope this needs (okta.users.read, okta.groups.read, okta.logs.read; okta.users.manage for the kill switch).',
  E0000047:
    'Okta kept rate-limiting Lanyard (E0000047); lower `concurrency` for the directory or raise the rate limit in Okta.',
  E0000007: 'Okta has no such user or group (E0000007); it may have been deleted.',
};

export const oktaHint = (code: string): string | undefined => OKTA_HINTS[code];

export const oktaConnectorName = (config: OktaConfig): string => `Okta (${config.name})`;

export const createOktaApi = (config: OktaConfig, deps: ConnectorDeps, scopes: string[]) => {
  const base: HttpClientOptions = {
    connector: oktaConnectorName(config),
    baseUrl: config.baseUrl,
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.concurrency ? { concurrency: config.concurrency } : {}),
    log: deps.log,
    ...deps.http,
  };
  const auth = createOktaAuth(config, deps, base, scopes);
  const client = new HttpClient({
    ...base,
    authorization: () => auth.authorization(),
    onUnauthorized: () => auth.onUnauthorized(),
  });

  const request = async <T>(req: HttpRequest): Promise<HttpResponse<T>> => {
    try {
      return await client.request<T>(req);
    } catch (err) {
      return withVendorDetail(err, (code) => oktaHint(code));
    }
  };

  /** Every page of a list; each page is checked to be a JSON array of the expected items. */
  const pages = async function* <T>(
    path: string,
    query: Record<string, string | number>,
    label: string,
    isItem: (v: unknown) => v is T,
  ): AsyncGenerator<T[]> {
    let res = await request<unknown>({ path, query, label: `${label} (page 1)` });
    for (let page = 1; ; page++) {
      if (!Array.isArray(res.body) || !res.body.every(isItem))
        throw badShape(client.connector, `${label} (page ${page})`, `a JSON list as Okta documents it`);
      yield res.body;
      const next = nextLink(res.headers);
      if (!next) return;
      res = await request<unknown>({ path: next, label: `${label} (page ${page + 1})` });
    }
  };

  const all = async <T>(
    path: string,
    query: Record<string, string | number>,
    label: string,
    isItem: (v: unknown) => v is T,
  ): Promise<T[]> => {
    const out: T[] = [];
    for await (const p of pages(path, query, label, isItem)) out.push(...p);
    return out;
  };

  return {
    client,
    request,
    pages,
    all,
    /** Requests made so far, token requests included. */
    requests: () => client.requestCount + auth.requests(),
  };
};

export type OktaApi = ReturnType<typeof createOktaApi>;
