// A scoped logger that redacts secrets before anything is written.
// Known secret values are registered at runtime (when resolved from the keychain) and replaced by "[redacted]";
// common credential shapes (Authorization headers, SSWS/Bearer tokens, private keys) are masked as well.
import { escapeTerminal } from '../cli/terminal';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface LogSink {
  (level: LogLevel, scope: string, message: string, fields?: Record<string, unknown>): void;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

const knownSecrets = new Set<string>();
/** knownSecrets with their encoded forms, longest first; rebuilt after a registration. */
let formsCache: string[] | null = null;

/** Registers a secret value so that any later log line or error text containing it is redacted. */
export const registerSecret = (value: string): void => {
  if (value.length >= 4 && !knownSecrets.has(value)) {
    knownSecrets.add(value);
    formsCache = null;
  }
};

const PATTERNS: RegExp[] = [
  /(authorization["']?\s*[:=]\s*["']?)(?:SSWS|Bearer|Basic|token)\s+[^\s"',}]+/gi,
  /\b(SSWS|Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  // The one exception is a validation message about the field ("auth.password: expected a secret reference"):
  // "expected" followed by more words is our own wording, never a value (a value stops at the first space anyway).
  /((?:client_secret|client_assertion|access_token|refresh_token|password|assertion)["']?\s*[=:]\s*["']?)(?!expected\s)[^&\s"',}]+/gi,
];

/**
 * The forms a registered value can take in text that came back from outside: as sent, URL-encoded (servers echo
 * request URLs and form bodies) and JSON-escaped (servers echo it inside a JSON string). Longest first, so a secret
 * that contains another is masked whole.
 */
const knownForms = (): string[] => {
  if (formsCache) return formsCache;
  const forms = new Set<string>();
  for (const s of knownSecrets) {
    forms.add(s);
    try {
      forms.add(encodeURIComponent(s));
    } catch {
      // a lone surrogate cannot be URL-encoded; the value itself is still masked
    }
    forms.add(JSON.stringify(s).slice(1, -1));
  }
  formsCache = [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
  return formsCache;
};

/**
 * Only the registered secret values (and their encoded forms) replaced by "[redacted]", without the credential-shape
 * patterns: for data going out (API values, CLI output), where a field legitimately named "password" holds a
 * secret reference and must not be rewritten, but a secret value a vendor echoed back must never appear.
 */
export const redactKnown = (text: string): string => {
  if (knownSecrets.size === 0) return text;
  let out = text;
  for (const s of knownForms()) if (out.includes(s)) out = out.split(s).join('[redacted]');
  return out;
};

/**
 * A copy of `value` with every string (object keys included) passed through `redactText` (by default redact()).
 * Plain objects and arrays are walked; other objects (Dates, Buffers, class instances) are kept as they are.
 * Returns the value itself when nothing needed masking, so large clean results are not copied.
 */
export const redactDeep = <T>(value: T, redactText: (text: string) => string = redact): T => {
  const seen = new WeakMap<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v);
    if (!v || typeof v !== 'object') return v;
    if (seen.has(v)) return seen.get(v);
    if (Array.isArray(v)) {
      seen.set(v, v);
      let changed = false;
      const out = v.map((x) => {
        const y = walk(x);
        if (y !== x) changed = true;
        return y;
      });
      const result = changed ? out : v;
      seen.set(v, result);
      return result;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return v;
    seen.set(v, v);
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const key = redactText(k);
      const y = walk(x);
      if (key !== k || y !== x) changed = true;
      out[key] = y;
    }
    const result = changed ? out : v;
    seen.set(v, result);
    return result;
  };
  return walk(value) as T;
};

export const redact = (text: string): string => {
  let out = redactKnown(text);
  out = out.replace(PATTERNS[0]!, '$1[redacted]');
  out = out.replace(PATTERNS[1]!, '$1 [redacted]');
  out = out.replace(PATTERNS[2]!, '[redacted private key]');
  out = out.replace(PATTERNS[3]!, '$1[redacted]');
  return out;
};

const redactFields = (fields: Record<string, unknown> | undefined): string =>
  fields && Object.keys(fields).length ? ' ' + redact(JSON.stringify(fields, errorReplacer)) : '';

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

/** Writes one line per entry to stderr (stdout stays clean for `--json` output). */
export const stderrSink =
  (minLevel: LogLevel = 'info'): LogSink =>
  (level, scope, message, fields) => {
    const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
    if (order.indexOf(level) < order.indexOf(minLevel)) return;
    // stderr is usually a terminal: messages quote names and vendor text, so control characters are shown escaped.
    process.stderr.write(
      escapeTerminal(
        `${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${redact(message)}${redactFields(fields)}`,
      ) + '\n',
    );
  };

export const memorySink = (): LogSink & { lines: string[] } => {
  const lines: string[] = [];
  const sink = ((level: LogLevel, scope: string, message: string, fields?: Record<string, unknown>) => {
    lines.push(`${level} [${scope}] ${redact(message)}${redactFields(fields)}`);
  }) as LogSink & { lines: string[] };
  sink.lines = lines;
  return sink;
};

export const createLogger = (sink: LogSink, scope = 'lanyard'): Logger => ({
  debug: (m, f) => sink('debug', scope, m, f),
  info: (m, f) => sink('info', scope, m, f),
  warn: (m, f) => sink('warn', scope, m, f),
  error: (m, f) => sink('error', scope, m, f),
  child: (s) => createLogger(sink, `${scope}:${s}`),
});
