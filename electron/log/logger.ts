// A scoped logger that redacts secrets before anything is written.
// Known secret values are registered at runtime (when resolved from the keychain) and replaced by "[redacted]";
// common credential shapes (Authorization headers, SSWS/Bearer tokens, private keys) are masked as well.

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

/** Registers a secret value so that any later log line or error text containing it is redacted. */
export const registerSecret = (value: string): void => {
  if (value.length >= 4) knownSecrets.add(value);
};

const PATTERNS: RegExp[] = [
  /(authorization["']?\s*[:=]\s*["']?)(?:SSWS|Bearer|Basic|token)\s+[^\s"',}]+/gi,
  /\b(SSWS|Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  // The one exception is a validation message about the field ("auth.password: expected a secret reference"):
  // "expected" followed by more words is our own wording, never a value (a value stops at the first space anyway).
  /((?:client_secret|client_assertion|access_token|refresh_token|password|assertion)["']?\s*[=:]\s*["']?)(?!expected\s)[^&\s"',}]+/gi,
];

export const redact = (text: string): string => {
  let out = text;
  for (const s of knownSecrets) if (out.includes(s)) out = out.split(s).join('[redacted]');
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
    process.stderr.write(
      `${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${redact(message)}${redactFields(fields)}\n`,
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
