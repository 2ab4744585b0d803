// What may go into an event's before/after: JSON with secrets taken out. Values under secret-named keys become
// "[redacted]" whatever they hold; every other string passes through the logger's redact() (known secret values,
// bearer tokens, private keys, password=… shapes). Keys are sorted so equal states give equal text.
import type { JsonValue } from '../../shared/api/methods-audit';
import { redact } from '../log/logger';

export const REDACTED = '[redacted]';

/** Key names whose values are never recorded: token, secret, password, privateKey, clientSecret, apiKey, … */
const SECRET_KEY =
  /(token|secret|passw(or)?d|passphrase|privatekey|apikey|authorization|assertion|credential|cookie|sessionid)/;

export const isSecretKey = (key: string): boolean =>
  SECRET_KEY.test(key.toLowerCase().replace(/[-_\s.]/g, ''));

/** before/after larger than this are replaced by a note; an event is a record, not a backup. */
export const MAX_STATE_CHARS = 64 * 1024;
const MAX_DEPTH = 32;

const clean = (value: unknown, depth: number): JsonValue => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return redact(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined || typeof v === 'function') continue;
      out[key] = isSecretKey(key) ? REDACTED : clean(v, depth + 1);
    }
    return out;
  }
  return null;
};

/** The stored text of a before/after value: sanitized JSON, or null when there is none. */
export const stateText = (value: unknown): string | null => {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(clean(value, 0));
  if (text.length <= MAX_STATE_CHARS) return text;
  return JSON.stringify({
    omitted: true,
    reason: `larger than ${MAX_STATE_CHARS} characters`,
    size: text.length,
  });
};

/** Free text (result, actor, ids) with secret shapes removed and a length cap. */
export const cleanText = (text: string, max: number): string => {
  const t = redact(text);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};
