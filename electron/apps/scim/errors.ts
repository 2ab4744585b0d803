// SCIM failures as admin-readable errors. A SCIM error body ({status, scimType, detail}, RFC 7644 §3.12) and the
// HTTP layer's failure kind become one sentence naming the app and what to do:
// "Slack rejected the token: 401." + hint "Re-enter it in Apps → Slack."
import { LanyardError } from '../../app/errors';
import { HttpError, type HttpFailureKind } from '../../http/errors';
import { redact } from '../../log/logger';

export type ScimFailureKind = HttpFailureKind | 'malformed' | 'conflict' | 'paging';

export class ScimAppError extends LanyardError {
  readonly appId: string;
  readonly kind: ScimFailureKind;
  readonly status: number | undefined;
  readonly scimType: string | undefined;
  readonly detail: string | undefined;
  /** Worth retrying on a later run (rate limits, timeouts, 5xx); false for auth, validation and shape errors. */
  readonly retryable: boolean;

  constructor(init: {
    appId: string;
    kind: ScimFailureKind;
    message: string;
    hint?: string;
    status?: number;
    scimType?: string;
    detail?: string;
    cause?: unknown;
  }) {
    super('upstream', init.message, { ...(init.hint ? { hint: init.hint } : {}), cause: init.cause });
    this.name = 'ScimAppError';
    this.appId = init.appId;
    this.kind = init.kind;
    this.status = init.status;
    this.scimType = init.scimType;
    this.detail = init.detail;
    this.retryable =
      init.kind === 'timeout' ||
      init.kind === 'network' ||
      init.kind === 'rate-limited' ||
      (init.status !== undefined && init.status >= 500);
  }
}

export interface ScimErrorBody {
  status?: string;
  scimType?: string;
  detail?: string;
}

/** Reads a SCIM Error body; `status` may be a string (RFC) or a number (some vendors). */
export const readScimError = (body: unknown): ScimErrorBody => {
  if (!body || typeof body !== 'object') return {};
  const b = body as Record<string, unknown>;
  const out: ScimErrorBody = {};
  if (typeof b.status === 'string' || typeof b.status === 'number') out.status = String(b.status);
  if (typeof b.scimType === 'string') out.scimType = b.scimType;
  const detail = b.detail ?? b.message ?? b.Message;
  // Shown to admins: servers sometimes echo the request (and its credentials) in `detail`.
  if (typeof detail === 'string') out.detail = redact(detail.slice(0, 300));
  return out;
};

export interface AppLabel {
  id: string;
  name: string;
}

/** Turns whatever a SCIM call threw into a ScimAppError (LanyardErrors that are not HTTP failures pass through). */
export const toScimError = (err: unknown, app: AppLabel, action: string): unknown => {
  if (err instanceof ScimAppError || !(err instanceof HttpError)) return err;
  const { status, kind } = err;
  const body = readScimError(err.body);
  const detail = body.detail ? ` — ${body.detail}` : '';
  const scimType = body.scimType ? ` ${body.scimType}` : '';
  const base = {
    appId: app.id,
    kind: kind as ScimFailureKind,
    cause: err,
    ...(status === undefined ? {} : { status }),
    ...(body.scimType ? { scimType: body.scimType } : {}),
    ...(body.detail ? { detail: body.detail } : {}),
  };
  const settings = `Apps → ${app.name}`;
  if (kind === 'status' || kind === 'rate-limited') {
    if (status === 401)
      return new ScimAppError({
        ...base,
        message: `${app.name} rejected the token: 401.`,
        hint: `Re-enter it in ${settings}, or check it has not expired or been revoked.`,
      });
    if (status === 403)
      return new ScimAppError({
        ...base,
        message: `${app.name} refused to ${action}: 403${detail}.`,
        hint: `The token in ${settings} lacks a permission (e.g. an admin scope or plan feature) this needs.`,
      });
    if (status === 404)
      return new ScimAppError({
        ...base,
        message: `${app.name} has no such resource (404) when trying to ${action}${detail}.`,
        hint: `Check the base URL in ${settings}; the account may also have been removed in ${app.name}.`,
      });
    if (status === 409)
      return new ScimAppError({
        ...base,
        kind: 'conflict',
        message: `${app.name} says it already exists (409${scimType}) when trying to ${action}${detail}.`,
      });
    if (status === 412)
      return new ScimAppError({
        ...base,
        message: `${app.name} says the account changed meanwhile (412 precondition failed) when trying to ${action}.`,
        hint: 'It will be read again and retried on the next run.',
      });
    if (status === 429 || kind === 'rate-limited')
      return new ScimAppError({
        ...base,
        message: `${app.name} kept rate-limiting Lanyard (${status ?? 429}) when trying to ${action}.`,
        hint: `Lower the rate limit for ${app.name}; the next run continues where this one stopped.`,
      });
    if (status !== undefined && status >= 500)
      return new ScimAppError({
        ...base,
        message: `${app.name} had a server error (${status}) when trying to ${action}${detail}.`,
        hint: 'Usually temporary; it will be retried on the next run.',
      });
    if (status === 400)
      return new ScimAppError({
        ...base,
        message: `${app.name} rejected the request to ${action}: 400${scimType}${detail}.`,
        hint: `Probe ${app.name} (read-only) to check what it supports.`,
      });
    return new ScimAppError({
      ...base,
      message: `${app.name} answered ${status} when trying to ${action}${detail}.`,
    });
  }
  if (kind === 'bad-content-type')
    return new ScimAppError({
      ...base,
      message: `${app.name} did not answer with SCIM JSON when trying to ${action}: ${err.message}`,
      hint: `Check the base URL in ${settings}: it must point at the SCIM API, not a web page or proxy.`,
    });
  if (kind === 'bad-json')
    return new ScimAppError({
      ...base,
      message: `${app.name} sent malformed JSON when trying to ${action}.`,
      hint: 'Nothing was changed in Lanyard; try again later or report it to the vendor.',
    });
  if (kind === 'too-large')
    return new ScimAppError({
      ...base,
      message: `${app.name} sent a response larger than Lanyard accepts when trying to ${action}.`,
      hint: `Lower the page size in ${settings}.`,
    });
  if (kind === 'insecure-url') return err;
  return new ScimAppError({
    ...base,
    message: `${app.name} could not be reached to ${action}: ${err.message}`,
    ...(err.hint ? { hint: err.hint } : {}),
  });
};

export const malformed = (app: AppLabel, action: string, what: string): ScimAppError =>
  new ScimAppError({
    appId: app.id,
    kind: 'malformed',
    message: `${app.name} sent a malformed SCIM response when trying to ${action}: ${what}.`,
    hint: 'Nothing was changed in Lanyard. If it persists, report it to the vendor with the log.',
  });
