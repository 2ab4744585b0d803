// Reads a whole SCIM collection with 1-based startIndex/count paging (RFC 7644 §3.4.2.4), robust to servers that
// return fewer than asked, ignore `count` or `startIndex`, or report a wrong totalResults. Complete or fail: it
// stops on an empty page or a page with no new ids only when totalResults (if sent) is reached, or when a short
// page reaches totalResults; a total that drifts beyond a small tolerance mid-read, or a hard page cap, fails the
// read rather than return a partial list (a partial list would look like people leaving).
import type { Query } from '../../http/http-client';
import type { ScimTransport } from './transport';
import { ScimAppError, malformed } from './errors';
import type { ScimListResponse } from './wire';

export interface ListOptions {
  path: string;
  pageSize: number;
  query?: Query;
  /** What is being read, for errors: "list users". */
  action: string;
  /** Hard cap on requests for one listing. */
  maxPages?: number;
}

export const DEFAULT_MAX_PAGES = 2_000;

const intOf = (v: unknown): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return Number.isInteger(n) && (n as number) >= 0 ? (n as number) : null;
};

/** One page, checked for the ListResponse shape: an object with a Resources array (or totalResults 0). */
export const readPage = async <T extends { id?: unknown }>(
  t: ScimTransport,
  path: string,
  query: Query,
  action: string,
): Promise<{ resources: T[]; total: number | null }> => {
  const res = await t.request<ScimListResponse<T>>({ path, query, action });
  const body = res.body;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw malformed(t.app, action, 'the answer is not a ListResponse object');
  const total = intOf(body.totalResults);
  if (body.Resources === undefined) {
    if (total === 0 || total === null) return { resources: [], total };
    throw malformed(t.app, action, `totalResults is ${total} but there is no Resources array`);
  }
  if (!Array.isArray(body.Resources)) throw malformed(t.app, action, 'Resources is not an array');
  for (const r of body.Resources) {
    if (
      !r ||
      typeof r !== 'object' ||
      (typeof r.id !== 'string' && typeof r.id !== 'number') ||
      r.id === ''
    ) {
      throw malformed(t.app, action, 'a resource has no id');
    }
  }
  return { resources: body.Resources, total };
};

/** How far totalResults may drift during one listing (accounts created or removed meanwhile): 2, or 1 %. */
export const totalTolerance = (total: number): number => Math.max(2, Math.ceil(total / 100));

export const listAll = async <T extends { id?: unknown }>(
  t: ScimTransport,
  opts: ListOptions,
): Promise<T[]> => {
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  const byId = new Map<string, T>();
  let startIndex = 1;
  let asked = opts.pageSize;
  let firstTotal: number | null = null;
  for (let page = 1; ; page++) {
    if (page > maxPages) {
      throw new ScimAppError({
        appId: t.app.id,
        kind: 'paging',
        message: `${t.app.name}: listing did not end after ${maxPages} pages (${byId.size} resources so far) when trying to ${opts.action}.`,
        hint: 'Nothing was changed in Lanyard. The server may ignore startIndex; run `lanyard apps probe` and report it.',
      });
    }
    const { resources, total } = await readPage<T>(
      t,
      opts.path,
      { ...opts.query, startIndex, count: asked },
      `${opts.action} (page ${page})`,
    );
    if (total !== null) {
      firstTotal ??= total;
      // Resources created or deleted while reading shift the total a little; more than that means pages cannot be
      // trusted to line up, so the listing might be missing accounts.
      if (Math.abs(total - firstTotal) > totalTolerance(firstTotal)) {
        throw new ScimAppError({
          appId: t.app.id,
          kind: 'paging',
          message: `${t.app.name}: totalResults changed from ${firstTotal} to ${total} while trying to ${opts.action}; a listing read while it changes that much cannot be trusted to be complete.`,
          hint: 'Nothing was changed in Lanyard. The next run reads it again.',
        });
      }
    }
    if (resources.length === 0) {
      // An empty page before totalResults is reached is not the end: it is a listing that lost its place.
      if (total !== null && byId.size < total - totalTolerance(total))
        throw new ScimAppError({
          appId: t.app.id,
          kind: 'paging',
          message: `${t.app.name}: page ${page} came back empty with ${byId.size} of ${total} resources read when trying to ${opts.action}.`,
          hint: 'Nothing was changed in Lanyard. Run `lanyard apps probe` and report it to the app vendor.',
        });
      break;
    }
    let fresh = 0;
    for (const r of resources) {
      const id = String(r.id);
      if (!byId.has(id)) {
        byId.set(id, r);
        fresh++;
      }
    }
    // The server ignored startIndex and sent the same page again. That is the end only if nothing is missing:
    // a partial list would look like people leaving.
    if (fresh === 0) {
      if (total !== null && byId.size < total)
        throw new ScimAppError({
          appId: t.app.id,
          kind: 'paging',
          message: `${t.app.name}: page ${page} repeated resources already read (${byId.size} of ${total} so far) when trying to ${opts.action}; the server seems to ignore startIndex.`,
          hint: 'Nothing was changed in Lanyard. Run `lanyard apps probe` and report it to the app vendor.',
        });
      break;
    }
    startIndex += resources.length;
    if (resources.length < asked) {
      // A short page is the end when totalResults agrees (or is absent); otherwise the server caps its pages
      // below what was asked: ask for that size from now on and keep going.
      if (total === null || startIndex > total) break;
      asked = resources.length;
    }
  }
  return [...byId.values()];
};
