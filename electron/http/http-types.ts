// The shapes of the shared HTTP layer: client options, requests, responses and defaults.
import type { Logger } from '../log/logger';
import type { Sleep } from './rate-limit';

export interface HttpClientOptions {
  /** Shown in every error, e.g. "Okta (Acme Okta)" or "Slack". */
  connector: string;
  baseUrl: string;
  timeoutMs?: number;
  maxRetries?: number;
  maxResponseBytes?: number;
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  /** The longest server-requested wait Lanyard accepts before giving up on a request. */
  maxServerWaitMs?: number;
  /** The least wait after a rate-limit answer that names no wait (GitHub's secondary limits: at least a minute). */
  rateLimitFloorMs?: number;
  requestsPerMinute?: number;
  burst?: number;
  concurrency?: number;
  userAgent?: string;
  headers?: Record<string, string>;
  /** The Authorization header value, asked for before every attempt (providers cache their tokens). */
  authorization?: () => Promise<string | undefined>;
  /** Called on a 401 so a token provider can drop its cached token; the request is then retried once. */
  onUnauthorized?: () => void;
  sleep?: Sleep;
  log?: Logger;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface HttpRequest {
  method?: string;
  /** A path relative to baseUrl, or an absolute URL on the same origin (e.g. a next-page link). */
  path: string;
  query?: Query;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  /** "json": a JSON body is required unless the status is 204; "none": the body is ignored. */
  expect?: 'json' | 'none';
  /** Non-2xx statuses that are answers rather than errors (e.g. 404 on a lookup, 409 on a create). */
  accept?: number[];
  /** Overrides the default: only idempotent methods are retried after timeouts and 5xx. */
  retryUnsafe?: boolean;
  /** What this request is for, in words, for errors: "list users (page 3)". */
  label?: string;
  /** The JSON content type to send and accept, e.g. application/scim+json. */
  contentType?: string;
  /**
   * Awaited right before each attempt is sent (inside the concurrency slot), e.g. a connector's own
   * writes-per-minute bucket. Pacing before the slot would let queued requests leave in a burst.
   */
  beforeSend?: () => Promise<void>;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  url: string;
  attempts: number;
}

export const DEFAULTS = {
  timeoutMs: 30_000,
  maxRetries: 4,
  maxResponseBytes: 32 * 1024 * 1024,
  backoffBaseMs: 500,
  maxBackoffMs: 30_000,
  maxServerWaitMs: 120_000,
  concurrency: 4,
} as const;
