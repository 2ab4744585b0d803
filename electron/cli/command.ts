// The shape of a `lanyard` subcommand. electron/cli.ts parses global flags (--data-dir, --json, --version, --help),
// finds the command by its words ("config apply", "directory pull"), parses its options strictly and runs it.
//
// Core lifetime: `openCore()` creates the core on first use (so `--help` never touches the store) and main()
// closes it once run() resolves. A command that keeps working after run() resolves (e.g. `serve`, which returns
// while its server keeps the process alive) passes { keepOpen: true } and then owns closing it (on SIGINT/SIGTERM).
import type { ParseArgsConfig } from 'node:util';
import type { Lanyard } from '../app/create-lanyard';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import { redactDeep, redactKnown } from '../log/logger';
import { escapeTerminal } from './terminal';

export interface CliIO {
  /** Human output (without --json) or exactly one JSON document (with --json). */
  stdout: NodeJS.WritableStream;
  /** Prompts, warnings, logs and (without --json) errors. */
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  json: boolean;
  env: NodeJS.ProcessEnv;
}

export interface OpenCoreOptions {
  /** Try to become this data dir's scheduler owner (serve does; one-shot commands do not). */
  scheduler?: boolean;
  /** main() will not close the core when run() resolves; the command closes it itself. */
  keepOpen?: boolean;
}

export interface CliRunArgs {
  /** Positional arguments after the command words. */
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  /** Opens the core on the chosen data dir, once (later calls return the same core; their options are ignored). */
  openCore(opts?: OpenCoreOptions): Lanyard;
  /**
   * Calls a contract method the way the transports do (input validated by its zod schema, actor "cli").
   * Resolves to the value; a failure is thrown as a LanyardError, which main() prints with the right exit code.
   */
  call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<MethodOutput<K>>;
  dataDir: string;
  io: CliIO;
}

export interface CliCommand {
  /** The command words, e.g. ["config", "apply"]. */
  words: string[];
  /** e.g. "lanyard config apply FILE [--check]" (the leading "lanyard" is optional). */
  usage: string;
  /** One line for the command list. */
  summary: string;
  /** More lines for `lanyard help COMMAND`: options, examples. */
  help?: string;
  options?: ParseArgsConfig['options'];
  /** How many positional arguments the command takes; main() reports a usage error otherwise. */
  args?: { min?: number; max?: number };
  /** Resolves to the exit code: 0 success, 1 failed or held, 2 bad usage or bad input. */
  run(args: CliRunArgs): Promise<number>;
}

/** Bad usage: main() prints the message and the command's usage, and exits 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** What the CLI writes as human text: known secret values masked, then control characters shown escaped. */
export const terminalText = (text: string): string => escapeTerminal(redactKnown(text));

/**
 * Prints a command's result: with --json, `{ "ok": true, "value": … }` (the transports' envelope) on stdout;
 * otherwise the human text (a trailing newline is added when missing).
 */
export const printResult = <T>(io: CliIO, value: T, human: string | ((value: T) => string)): void => {
  if (io.json) {
    io.stdout.write(JSON.stringify({ ok: true, value: redactDeep(value, redactKnown) }, null, 2) + '\n');
    return;
  }
  const raw = typeof human === 'function' ? human(value) : human;
  // Names and messages in the text came from outside: secrets masked, control characters shown escaped.
  const text = terminalText(raw);
  if (text) io.stdout.write(text.endsWith('\n') ? text : text + '\n');
};
