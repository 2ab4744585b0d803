// The shape of a `lanyard` subcommand. electron/cli.ts parses global flags (--data-dir, --json, --version),
// finds the command by its words ("config apply", "directory pull") and runs it.
import type { ParseArgsConfig } from 'node:util';
import type { Lanyard } from '../app/create-lanyard';

export interface CliIO {
  /** Human output (suppressed with --json) or the JSON document (with --json). */
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  json: boolean;
  env: NodeJS.ProcessEnv;
}

export interface CliRunArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  /** Opens the core on the chosen data dir (lazily, so `--help` never touches the store). */
  openCore(opts?: { scheduler?: boolean }): Lanyard;
  dataDir: string;
  io: CliIO;
}

export interface CliCommand {
  /** The command words, e.g. ["config", "apply"]. */
  words: string[];
  usage: string;
  summary: string;
  options?: ParseArgsConfig['options'];
  /** Resolves to the exit code: 0 success, 1 failed or held, 2 bad usage or bad input. */
  run(args: CliRunArgs): Promise<number>;
}
