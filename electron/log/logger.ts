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

const LEVEL_ORDER: LogLevel[] = ['debug', 'info', 'warn', 'error'];
/** The keys every JSON log line starts with; a field of the same name is written as "field.NAME" instead. */
const JSON_RESERVED = new Set(['time', 'level', 'component', 'msg']);

/** An error as data: its name, message, stable code and hint when it has them (never its stack or cause). */
const errorData = (err: Error): Record<string, unknown> => {
  const { code, hint } = err as { code?: unknown; hint?: unknown };
  return {
    name: err.name,
    message: err.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof hint === 'string' ? { hint } : {}),
  };
};

/** Field names whose value is a credential: the same names the text patterns mask after "name=" or "name:". */
const SECRET_KEY =
  /^(?:authorization|client_secret|client_assertion|access_token|refresh_token|password|assertion)$/i;

/** Plain JSON data with every string redacted, and the string value of a credential-named key masked whole. */
const redactJsonValue = (v: unknown, key = ''): unknown => {
  if (typeof v === 'string') return SECRET_KEY.test(key) && !/^expected\s/.test(v) ? '[redacted]' : redact(v);
  if (Array.isArray(v)) return v.map((x) => redactJsonValue(x));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[redact(k)] = redactJsonValue(x, k);
    return out;
  }
  return v;
};

/**
 * One log entry as one line of JSON: {"time","level","component","msg", …fields}. Errors become
 * {name, message, code, hint}; every string (keys included) is redacted as the text sinks redact it, value by
 * value, so the line stays valid JSON whatever was masked; a credential-named field's value is masked whole.
 */
export const jsonLogLine = (
  level: LogLevel,
  scope: string,
  message: string,
  fields?: Record<string, unknown>,
  now: Date = new Date(),
): string => {
  const entry: Record<string, unknown> = {
    time: now.toISOString(),
    level,
    component: scope,
    msg: message,
  };
  // Through JSON once, so errors (errorReplacer's shape plus code and hint), Dates and class instances become
  // plain data that redactJsonValue walks.
  let plain: Record<string, unknown> = {};
  try {
    if (fields)
      plain = JSON.parse(
        JSON.stringify(fields, (_k, v: unknown) => (v instanceof Error ? errorData(v) : v)) ?? '{}',
      ) as Record<string, unknown>;
  } catch (err) {
    // A cycle or a BigInt must not turn a log call into a crash: say so in the line instead.
    plain = { fields: `[not serializable: ${(err as Error).message}]` };
  }
  for (const [k, v] of Object.entries(plain)) entry[JSON_RESERVED.has(k) ? `field.${k}` : k] = v;
  return JSON.stringify(redactJsonValue(entry));
};

/** Writes one JSON object per line to `stream` (a service's stdout, read by journald or `docker logs`). */
export const jsonLinesSink =
  (stream: NodeJS.WritableStream = process.stdout, minLevel: LogLevel = 'info'): LogSink =>
  (level, scope, message, fields) => {
    if (LEVEL_ORDER.indexOf(level) < LEVEL_ORDER.indexOf(minLevel)) return;
    stream.write(jsonLogLine(level, scope, message, fields) + '\n');
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
