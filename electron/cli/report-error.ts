// Turning a failure into what the admin sees and the exit code scripts check:
// `lanyard: <message>` + `hint: …` on stderr, or `{ "ok": false, "error": … }` on stdout with --json.
import type { ApiError } from '../../shared/api/result';
import { LanyardError } from '../app/errors';
import { redactDeep } from '../log/logger';
import { escapeTerminal } from './terminal';
import { CliUsageError, type CliIO } from './command';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** bad input and "no such thing" are the caller's to fix (2); everything else failed or was held (1). */
export const exitCodeFor = (err: ApiError): number =>
  err.code === 'bad_input' || err.code === 'not_found' ? EXIT_USAGE : EXIT_FAILED;

export const toApiError = (err: unknown): ApiError => {
  if (err instanceof LanyardError) return err.toApiError();
  if (err instanceof CliUsageError) return { code: 'bad_input', message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Unexpected error: ${message}` };
};

/** Prints the error (never a secret: messages pass through the logger's redaction) and returns the exit code. */
export const reportError = (
  io: Pick<CliIO, 'stdout' | 'stderr' | 'json'>,
  err: unknown,
  usage?: string,
): number => {
  // message, hint, path and issues may all quote a vendor or the input.
  const e = redactDeep(toApiError(err));
  if (io.json) {
    io.stdout.write(JSON.stringify({ ok: false, error: e }, null, 2) + '\n');
  } else {
    const lines = [`lanyard: ${e.message}`];
    if (e.hint) lines.push(`hint: ${e.hint}`);
    if (usage) lines.push(`usage: ${usage}`);
    io.stderr.write(escapeTerminal(lines.join('\n')) + '\n');
  }
  return exitCodeFor(e);
};
