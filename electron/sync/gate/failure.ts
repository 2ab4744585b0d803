// Failure classification for quarantine. A *transport* failure says the app (or the path to it) is unwell —
// timeouts, network errors, 5xx, 429 that outlasted the retries, 401/403 on credentials, unreadable answers — and
// several in a row quarantine the app. A *rejection* is the app refusing this one op — 400, 404, 409, 412, 422,
// "out of seats" / licence errors (even when sent as 403) — and never quarantines the app or holds revocations:
// an app out of seats must still get its leavers revoked.
import { LanyardError } from '../../app/errors';
import { HttpError } from '../../http/errors';

export type FailureClass = 'transport' | 'rejection';

const SEATS =
  /\b(seats?|licen[cs]es?|license limit|quota|plan limit|billing|subscription limit|no available)\b/i;
const REJECT_STATUS = new Set([400, 404, 409, 410, 412, 413, 422]);

const httpErrorIn = (err: unknown): HttpError | null => {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if (e instanceof HttpError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
};

const textOf = (err: unknown, http: HttpError | null): string => {
  const parts = [(err as { message?: string })?.message ?? '', http?.excerpt ?? ''];
  try {
    if (http?.body !== undefined) parts.push(JSON.stringify(http.body));
  } catch {
    /* an unserializable body adds nothing */
  }
  return parts.join(' ');
};

export const classifyFailure = (err: unknown): FailureClass => {
  const http = httpErrorIn(err);
  if (http) {
    const status = http.status;
    if (http.kind !== 'status' || status === undefined) return 'transport';
    if (REJECT_STATUS.has(status)) return 'rejection';
    if ((status === 403 || status === 402) && SEATS.test(textOf(err, http))) return 'rejection';
    return 'transport';
  }
  if (err instanceof LanyardError) {
    return err.code === 'conflict' || err.code === 'bad_input' || err.code === 'not_found'
      ? 'rejection'
      : 'transport';
  }
  return 'transport';
};
