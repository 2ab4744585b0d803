// HTTP failures with what an admin needs: which connector, which request, what went wrong, what to do.
// Never carries headers, bodies of requests, or secrets: URLs are redacted and body excerpts are scrubbed.
import { LanyardError } from '../app/errors';
import { redact } from '../log/logger';

export type HttpFailureKind =
  | 'timeout'
  | 'network'
  | 'status'
  | 'too-large'
  | 'bad-content-type'
  | 'bad-json'
  | 'rate-limited'
  | 'insecure-url';

const SECRET_PARAMS =
  /([?&](?:token|access_token|api_key|apikey|key|client_secret|password|sig|signature|code)=)[^&#]*/gi;

/** A URL fit for logs and errors: query secrets masked, userinfo dropped. */
export const redactUrl = (url: string): string => {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return redact(u.toString().replace(SECRET_PARAMS, '$1[redacted]'));
  } catch {
    return redact(url.replace(SECRET_PARAMS, '$1[redacted]'));
  }
};

export interface HttpErrorInit {
  kind: HttpFailureKind;
  connector: string;
  method: string;
  url: string;
  status?: number;
  /** Parsed response body, when there was one (vendor error shapes are read from it by connectors). */
  body?: unknown;
  /** A short, redacted excerpt of the raw response body. */
  excerpt?: string;
  retryAfterMs?: number;
  attempts?: number;
  message: string;
  hint?: string;
  cause?: unknown;
}

export class HttpError extends LanyardError {
  readonly kind: HttpFailureKind;
  readonly connector: string;
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;
  readonly body: unknown;
  readonly excerpt: string | undefined;
  readonly attempts: number;

  constructor(init: HttpErrorInit) {
    const where = `${init.method} ${redactUrl(init.url)}`;
    super(
      init.kind === 'insecure-url' ? 'bad_input' : 'upstream',
      redact(`${init.connector}: ${init.message} (${where})`),
      {
        ...(init.hint ? { hint: init.hint } : {}),
        cause: init.cause,
      },
    );
    this.name = 'HttpError';
    this.kind = init.kind;
    this.connector = init.connector;
    this.method = init.method;
    this.url = redactUrl(init.url);
    this.status = init.status;
    this.body = init.body;
    // Servers echo request URLs in error bodies: mask secret query parameters there too, not only in `url`.
    this.excerpt =
      init.excerpt === undefined ? undefined : redact(init.excerpt.replace(SECRET_PARAMS, '$1[redacted]'));
    this.attempts = init.attempts ?? 1;
  }
}

/** Hints for the statuses an admin can act on; connectors may override with vendor-specific ones. */
export const hintForStatus = (connector: string, status: number): string | undefined => {
  if (status === 401)
    return `${connector} rejected the credentials (401). Re-enter them, or check they have not expired or been revoked.`;
  if (status === 403)
    return `${connector} refused the request (403): the credentials lack a permission or scope this needs.`;
  if (status === 404) return `${connector} has no such resource (404): check the base URL and the id.`;
  if (status === 429) return `${connector} kept rate-limiting Lanyard; it will retry on the next run.`;
  if (status >= 500) return `${connector} had a server error (${status}); it is usually temporary.`;
  return undefined;
};

/** What a connection failure means, in words, by the code Node gives (DNS, refused, blocked port, TLS). */
export const networkHint = (connector: string, url: URL, code: string): string => {
  const host = url.host;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `The host name ${url.hostname} does not resolve: check the base URL for a typo, and this machine's network.`;
  if (code === 'ECONNREFUSED')
    return `Nothing accepts connections at ${host}: check the base URL (and its port) and that ${connector} is up.`;
  if (code === 'bad port')
    return `Port ${url.port} is one Lanyard (like every browser) refuses to connect to: check the port in the base URL — ${connector} normally needs none.`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(code))
    return `The TLS certificate of ${host} is not trusted by this machine: check the base URL points at ${connector} itself.`;
  if (code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT')
    return `The connection to ${host} was cut or timed out; it is usually temporary. Check that ${connector} is reachable from this machine.`;
  return `Check the base URL and that ${connector} is reachable from this machine.`;
};
