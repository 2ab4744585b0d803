// The SCIM fake's switches, one per quirk real SCIM apps have, and their defaults (a well-behaved server).

export interface ScimFakeOptions {
  token: string;
  /** Also accept HTTP Basic with these credentials. */
  basic: { username: string; password: string } | null;
  /** PATCH answers 501 and ServiceProviderConfig says patch unsupported. */
  putOnly: boolean;
  /** 'ignore': the filter is ignored (all users come back); 'reject': 400 invalidFilter. */
  noFilter: false | 'ignore' | 'reject';
  /** Pages hold every resource from startIndex on, whatever `count` asked. */
  ignoreCount: boolean;
  /** Every page starts at the first resource, whatever `startIndex` asked (totalResults stays correct). */
  ignoreStartIndex: boolean;
  /** Added to the true totalResults (negative: under-reports). */
  totalResultsOffset: number;
  /** The server's own page cap (count above it is lowered), announced as filter.maxResults in discovery. */
  maxPageSize: number;
  /**
   * A page cap the server does NOT announce: pages hold at most this many resources whatever `count` asked, with
   * a correct totalResults and itemsPerPage, and nothing in discovery says so (null: none).
   */
  silentPageCap: number | null;
  etag: boolean;
  /** 'html': discovery endpoints answer an HTML page; 'none': 404. */
  discovery: 'full' | 'none' | 'html';
  /** POST answers 201 with only a Location header, PUT and PATCH answer 204 (no body): RFC 7644 allows it. */
  emptyWriteResponses: boolean;
  /** What DELETE /Users does. */
  deleteMeans: 'delete' | 'deactivate';
  /** Writes (POST/PUT/PATCH/DELETE) per minute, enforced as a token bucket with 429 + Retry-After (seconds). */
  writesPerMinute: number | null;
  writeBurst: number | null;
  /** The next N requests get 429 with this Retry-After. */
  rateLimitNext: number;
  retryAfter: string;
  /** The next N requests get this 5xx status. */
  failNext: number;
  failStatus: number;
  /** /Users listings answer a broken ListResponse. */
  malformedList: false | 'not-object' | 'no-resources' | 'no-id' | 'resources-not-array';
  /** /Users answers an HTML login page with 200. */
  htmlUsers: boolean;
  /** /Users answers invalid JSON. */
  brokenJsonUsers: boolean;
  /** Fails matching requests with the returned status (null: answer normally). */
  failWhen: ((method: string, path: string) => number | null) | null;
  latencyMs: number;
  /** Deactivations answer success (active: false) but the user stays active (an app that lies). */
  ignoreDeactivate: boolean;
  /** Requests whose path matches are held this long before answering (slow responses). */
  slowMs: number;
  slowPath: RegExp | null;
}

export const DEFAULTS: ScimFakeOptions = {
  token: 'fake-scim-token',
  basic: null,
  putOnly: false,
  noFilter: false,
  ignoreCount: false,
  ignoreStartIndex: false,
  totalResultsOffset: 0,
  maxPageSize: 1000,
  silentPageCap: null,
  etag: false,
  discovery: 'full',
  emptyWriteResponses: false,
  deleteMeans: 'delete',
  writesPerMinute: null,
  writeBurst: null,
  rateLimitNext: 0,
  retryAfter: '0',
  failNext: 0,
  failStatus: 503,
  malformedList: false,
  htmlUsers: false,
  brokenJsonUsers: false,
  failWhen: null,
  latencyMs: 0,
  ignoreDeactivate: false,
  slowMs: 0,
  slowPath: null,
};
