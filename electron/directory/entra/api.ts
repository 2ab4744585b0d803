// One authenticated Microsoft Graph API: the shared HttpClient, Graph error parsing, and paging that follows the
// full `@odata.nextLink` URL until it is absent (or, for delta queries, until `@odata.deltaLink` appears).
import { HttpClient, type HttpClientOptions, type HttpRequest, type HttpResponse } from '../../http';
import type { ConnectorDeps } from '../types';
import { badShape, withVendorDetail } from '../vendor-error';
import { createEntraAuth, type EntraConfig } from './auth';

export const DEFAULT_GRAPH_URL = 'https://graph.microsoft.com/v1.0';

const GRAPH_HINTS: Record<string, string> = {
  Authorization_RequestDenied:
    'Graph refused: grant the app the application permissions User.Read.All and GroupMember.Read.All (User.ReadWrite.All for the kill switch) and give admin consent.',
  InvalidAuthenticationToken:
    'Graph rejected the access token; check the tenant id and the app registration.',
  Request_ThrottledTemporarily: 'Graph is throttling this app; lower `concurrency` for the directory.',
  Request_ResourceNotFound: 'Graph has no such user or group; it may have been deleted.',
};

export const entraConnectorName = (config: EntraConfig): string => `Entra ID (${config.name})`;

export interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export const createGraphApi = (config: EntraConfig, deps: ConnectorDeps) => {
  const base: HttpClientOptions = {
    connector: entraConnectorName(config),
    baseUrl: config.baseUrl ?? DEFAULT_GRAPH_URL,
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.concurrency ? { concurrency: config.concurrency } : {}),
    log: deps.log,
    ...deps.http,
  };
  const auth = createEntraAuth(config, deps, base);
  const client = new HttpClient({
    ...base,
    authorization: () => auth.authorization(),
    onUnauthorized: () => auth.onUnauthorized(),
  });

  const request = async <T>(req: HttpRequest): Promise<HttpResponse<T>> => {
    try {
      return await client.request<T>(req);
    } catch (err) {
      return withVendorDetail(err, (code) => GRAPH_HINTS[code]);
    }
  };

  const page = async <T>(req: HttpRequest, isItem: (v: unknown) => v is T): Promise<GraphPage<T>> => {
    const res = await request<unknown>(req);
    const body = res.body as Partial<GraphPage<unknown>> | undefined;
    if (!body || !Array.isArray(body.value) || !body.value.every(isItem))
      throw badShape(client.connector, req.label ?? req.path, 'a Graph collection ({"value": [...]})');
    return body as GraphPage<T>;
  };

  /** Every item of a collection, following @odata.nextLink; also returns the final deltaLink if any. */
  const all = async <T>(
    path: string,
    query: Record<string, string | number>,
    label: string,
    isItem: (v: unknown) => v is T,
  ): Promise<{ items: T[]; deltaLink?: string }> => {
    const items: T[] = [];
    let p = await page({ path, query, label: `${label} (page 1)` }, isItem);
    for (let n = 2; ; n++) {
      items.push(...p.value);
      const next = p['@odata.nextLink'];
      if (!next) return { items, ...(p['@odata.deltaLink'] ? { deltaLink: p['@odata.deltaLink'] } : {}) };
      p = await page({ path: next, label: `${label} (page ${n})` }, isItem);
    }
  };

  return { client, request, all, requests: () => client.requestCount + auth.requests() };
};

export type GraphApi = ReturnType<typeof createGraphApi>;
