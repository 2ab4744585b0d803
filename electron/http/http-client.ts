// The one HTTP client every connector uses: timeouts, size caps, content-type checks, pacing, bounded retries
// that honour Retry-After and reset headers, credential refresh on 401, and redacted errors.
import { HttpError, hintForStatus, networkHint, redactUrl } from './errors';
import { Semaphore, TokenBucket, realSleep, type Sleep } from './rate-limit';
import {
  IDEMPOTENT_METHODS,
  backoffMs,
  isRateLimited,
  isRetryableStatus,
  serverWaitMs,
} from './retry-policy';
import { insecureUrlReason } from './url-policy';
import { encodeRequest, parseBody, readCapped } from './read-body';
import {
  DEFAULTS,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  type Query,
} from './http-types';

export { DEFAULTS, type HttpClientOptions, type HttpRequest, type HttpResponse, type Query };

export class HttpClient {
  readonly connector: string;
  readonly baseUrl: URL;
  private readonly o: Required<Pick<HttpClientOptions, keyof typeof DEFAULTS>> & HttpClientOptions;
  private readonly bucket: TokenBucket | undefined;
  private readonly slots: Semaphore;
  private readonly sleep: Sleep;
  /** Epoch ms before which no request is sent (set by a server's "wait" instruction). */
  private notBefore = 0;
  /** Requests sent, including retries — benchmarks compare this with the vendor's paging minimum. */
  requestCount = 0;

  constructor(options: HttpClientOptions) {
    this.o = { ...DEFAULTS, ...stripUndefined(options) } as typeof this.o;
    this.connector = options.connector;
    this.baseUrl = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    const reason = insecureUrlReason(this.baseUrl);
    if (reason) {
      throw new HttpError({
        kind: 'insecure-url',
        connector: this.connector,
        method: 'CONFIG',
        url: options.baseUrl,
        message: reason,
      });
    }
    this.bucket = options.requestsPerMinute
      ? new TokenBucket(options.requestsPerMinute, options.burst)
      : undefined;
    this.slots = new Semaphore(this.o.concurrency);
    this.sleep = options.sleep ?? realSleep;
  }

  /** Resolves a path or same-origin absolute URL against the base URL, with the query added. */
  resolve(path: string, query?: Query): URL {
    const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(path.replace(/^\//, ''), this.baseUrl);
    if (url.origin !== this.baseUrl.origin) {
      throw new HttpError({
        kind: 'insecure-url',
        connector: this.connector,
        method: 'GET',
        url: url.toString(),
        message: `refused to follow a link to another origin (${url.origin}); credentials are only sent to ${this.baseUrl.origin}`,
      });
    }
    for (const [k, v] of Object.entries(query ?? {}))
      if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
    return url;
  }

  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = this.resolve(req.path, req.query);
    const retrySafe = req.retryUnsafe ?? IDEMPOTENT_METHODS.has(method);
    let refreshedAuth = false;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.slots.run(() => this.attempt<T>(method, url, req, attempt));
      if (outcome.done) return outcome.response;
      const { error, waitMs, rateLimited, unauthorized } = outcome;
      if (unauthorized) {
        if (!refreshedAuth && this.o.onUnauthorized) {
          refreshedAuth = true;
          this.o.onUnauthorized();
          continue;
        }
        throw error;
      }
      const mayRetry =
        rateLimited ||
        (retrySafe &&
          error.kind !== 'too-large' &&
          error.kind !== 'bad-content-type' &&
          error.kind !== 'bad-json');
      if (!mayRetry || attempt >= this.o.maxRetries) throw withAttempts(error, attempt + 1);
      const backoff = backoffMs(attempt, this.o.backoffBaseMs, this.o.maxBackoffMs);
      const wait = waitMs ?? (rateLimited ? Math.max(this.o.rateLimitFloorMs ?? 0, backoff) : backoff);
      if (waitMs !== undefined && waitMs > this.o.maxServerWaitMs) {
        throw new HttpError({
          kind: 'rate-limited',
          connector: this.connector,
          method,
          url: url.toString(),
          status: error.status,
          attempts: attempt + 1,
          message: `asked Lanyard to wait ${Math.ceil(waitMs / 1000)} s, longer than the ${Math.round(this.o.maxServerWaitMs / 1000)} s allowed`,
          hint: `${this.connector} is rate-limiting; the next run will continue where this one stopped.`,
        });
      }
      this.o.log?.debug('retrying request', {
        connector: this.connector,
        url: redactUrl(url.toString()),
        attempt: attempt + 1,
        waitMs: wait,
        why: error.kind,
      });
      await this.sleep(wait);
    }
  }

  private async attempt<T>(
    method: string,
    url: URL,
    req: HttpRequest,
    attempt: number,
  ): Promise<
    | { done: true; response: HttpResponse<T> }
    | { done: false; error: HttpError; waitMs?: number; rateLimited?: boolean; unauthorized?: boolean }
  > {
    const pause = this.notBefore - Date.now();
    if (pause > 0) await this.sleep(Math.min(pause, this.o.maxServerWaitMs));
    await req.beforeSend?.();
    await this.bucket?.take();
    const fail = (
      init: Omit<ConstructorParameters<typeof HttpError>[0], 'connector' | 'method' | 'url'>,
    ): HttpError =>
      new HttpError({
        connector: this.connector,
        method,
        url: url.toString(),
        attempts: attempt + 1,
        ...init,
        message: `${req.label ? `${req.label}: ` : ''}${init.message}`,
      });

    const { headers, body } = encodeRequest(req, this.o.headers ?? {});
    if (this.o.userAgent) headers['user-agent'] = this.o.userAgent;
    const auth = await this.o.authorization?.();
    if (auth) headers.authorization = auth;

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.o.timeoutMs);
    const started = performance.now();
    this.requestCount++;
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, { method, headers, body, signal: controller.signal, redirect: 'manual' });
      text = await readCapped(res, this.o.maxResponseBytes, controller);
    } catch (err) {
      clearTimeout(timer);
      if ((err as { code?: string }).code === 'TOO_LARGE') {
        return {
          done: false,
          error: fail({
            kind: 'too-large',
            message: `response larger than ${this.o.maxResponseBytes} bytes`,
            cause: err,
          }),
        };
      }
      if (controller.signal.aborted) {
        return {
          done: false,
          error: fail({
            kind: 'timeout',
            message: `no complete answer within ${this.o.timeoutMs} ms`,
            hint: `${this.connector} is slow or unreachable; it will be retried.`,
          }),
        };
      }
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const raw = cause?.code ?? cause?.message ?? (err as Error).message;
      return {
        done: false,
        error: fail({
          kind: 'network',
          message: `could not connect: ${raw}`,
          hint: networkHint(this.connector, url, raw),
          cause: err,
        }),
      };
    }
    clearTimeout(timer);
    this.o.log?.debug('http', {
      connector: this.connector,
      method,
      url: redactUrl(url.toString()),
      status: res.status,
      ms: Math.round(performance.now() - started),
    });
    this.noteRateHeaders(res.headers);

    const status = res.status;
    const ok = (status >= 200 && status < 300) || (req.accept ?? []).includes(status);
    const parsed = parseBody(text, res.headers.get('content-type'));
    if (!ok) {
      const excerpt = text.slice(0, 500);
      if (isRateLimited(status, res.headers, text)) {
        const waitMs = serverWaitMs(res.headers);
        return {
          done: false,
          rateLimited: true,
          ...(waitMs === undefined ? {} : { waitMs }),
          error: fail({
            kind: 'rate-limited',
            status,
            body: parsed.value,
            excerpt,
            message: `rate limited (${status})`,
            hint: hintForStatus(this.connector, 429),
          }),
        };
      }
      const error = fail({
        kind: 'status',
        status,
        body: parsed.value,
        excerpt,
        message: `answered ${status}${parsed.html ? ' with an HTML page' : ''}`,
        hint: hintForStatus(this.connector, status),
      });
      if (status === 401) return { done: false, error, unauthorized: true };
      if (isRetryableStatus(status)) {
        const waitMs = serverWaitMs(res.headers);
        return { done: false, error, ...(waitMs === undefined ? {} : { waitMs }) };
      }
      throw error;
    }
    if (req.expect === 'none' || status === 204 || text.length === 0) {
      return {
        done: true,
        response: {
          status,
          headers: res.headers,
          body: (req.expect === 'none' ? undefined : parsed.value) as T,
          url: url.toString(),
          attempts: attempt + 1,
        },
      };
    }
    if (parsed.html || !parsed.json) {
      throw fail({
        kind: 'bad-content-type',
        status,
        excerpt: text.slice(0, 200),
        message: parsed.html
          ? `returned an HTML page instead of JSON (status ${status}, ${res.headers.get('content-type') ?? 'no content type'})`
          : `returned ${res.headers.get('content-type') ?? 'no content type'} instead of JSON`,
        hint: `Check the base URL: it should point at ${this.connector}'s API, not a web page or proxy.`,
      });
    }
    if (parsed.error) {
      throw fail({
        kind: 'bad-json',
        status,
        excerpt: text.slice(0, 200),
        message: `returned malformed JSON: ${parsed.error}`,
      });
    }
    return {
      done: true,
      response: {
        status,
        headers: res.headers,
        body: parsed.value as T,
        url: url.toString(),
        attempts: attempt + 1,
      },
    };
  }

  /** When a response says the window is used up, hold every later request until the reset. */
  private noteRateHeaders(headers: Headers): void {
    const remaining = headers.get('x-rate-limit-remaining') ?? headers.get('x-ratelimit-remaining');
    if (remaining === null || Number(remaining) > 0) return;
    const wait = serverWaitMs(headers);
    if (wait !== undefined && wait > 0)
      this.notBefore = Math.max(this.notBefore, Date.now() + Math.min(wait, this.o.maxServerWaitMs));
  }
}

const withAttempts = (error: HttpError, attempts: number): HttpError => {
  Object.defineProperty(error, 'attempts', { value: attempts });
  return error;
};

const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
