// Vendor error bodies turned into errors an admin can act on. The shared HttpClient already names the connector
// (the directory), the request and the failure; this adds the vendor's own code and summary (Okta errorCode /
// errorSummary, Graph error.code / error.message) and a vendor-specific hint where one helps.
import { LanyardError } from '../app/errors';
import { HttpError } from '../http';

export class VendorHttpError extends HttpError {
  /** The vendor's machine-readable code (e.g. Okta "E0000011", Graph "Authorization_RequestDenied"). */
  readonly vendorCode: string;
  constructor(from: HttpError, vendorCode: string, summary: string, hint?: string) {
    const suffix = ` (${from.method} ${from.url})`;
    const prefix = `${from.connector}: `;
    let core = from.message;
    if (core.startsWith(prefix)) core = core.slice(prefix.length);
    if (core.endsWith(suffix)) core = core.slice(0, -suffix.length);
    super({
      kind: from.kind,
      connector: from.connector,
      method: from.method,
      url: from.url,
      ...(from.status === undefined ? {} : { status: from.status }),
      body: from.body,
      ...(from.excerpt === undefined ? {} : { excerpt: from.excerpt }),
      attempts: from.attempts,
      message: `${core}: ${vendorCode} ${summary}`.trim(),
      ...((hint ?? from.hint) ? { hint: hint ?? from.hint } : {}),
      cause: from,
    });
    this.name = 'VendorHttpError';
    this.vendorCode = vendorCode;
  }
}

/** Reads `{errorCode, errorSummary}` (Okta) or `{error: {code, message}}` (Graph) from an error body. */
export const vendorErrorOf = (body: unknown): { code: string; summary: string } | null => {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (typeof b.errorCode === 'string')
    return { code: b.errorCode, summary: typeof b.errorSummary === 'string' ? b.errorSummary : '' };
  const e = b.error;
  if (e && typeof e === 'object') {
    const g = e as Record<string, unknown>;
    if (typeof g.code === 'string')
      return { code: g.code, summary: typeof g.message === 'string' ? g.message : '' };
  }
  if (typeof e === 'string')
    return { code: e, summary: typeof b.error_description === 'string' ? b.error_description : '' };
  return null;
};

/** Rethrows an HttpError enriched with the vendor's code; other errors pass through unchanged. */
export const withVendorDetail = (
  err: unknown,
  hintFor?: (code: string, status: number | undefined) => string | undefined,
): never => {
  if (err instanceof HttpError && !(err instanceof VendorHttpError)) {
    const v = vendorErrorOf(err.body);
    if (v) throw new VendorHttpError(err, v.code, v.summary, hintFor?.(v.code, err.status));
  }
  throw err;
};

/** A response that parsed as JSON but does not have the shape the vendor documents. */
export const badShape = (connector: string, label: string, expected: string): LanyardError =>
  new LanyardError('upstream', `${connector}: ${label}: the answer is not ${expected}`, {
    hint: `Check the base URL points at ${connector}'s API; nothing was stored.`,
  });
