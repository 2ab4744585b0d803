// `lanyard server` as a real child process for the integration tests: started from source through tsx (as every
// CLI test), its stdout read as JSON lines, probed over loopback HTTP. The audit seal key is a file (as on a server
// without a keychain), so no Secret Service is needed.
import path from 'node:path';
import { expect } from 'vitest';
import { spawnCli, waitForLine, type Spawned } from '../helpers/processes';

export interface LogLine {
  time: string;
  level: string;
  component: string;
  msg: string;
  [field: string]: unknown;
}

export interface RunningServer {
  proc: Spawned;
  url: string;
  origin: string;
  port: number;
  token: string;
  /** Every stdout line so far, each parsed as JSON (fails the test on a line that is not). */
  lines(): LogLine[];
}

/** Environment for a server whose ledger's seal key lives in `dir`. */
export const sealKeyEnv = (dir: string): NodeJS.ProcessEnv => ({
  LANYARD_AUDIT_SEAL_KEY: `file:${path.join(dir, 'seal.key')}`,
});

export const parseLines = (stdout: string): LogLine[] =>
  stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      try {
        return JSON.parse(l) as LogLine;
      } catch {
        throw new Error(`stdout line is not JSON: ${l}`);
      }
    });

/** Spawns `lanyard server ARGS`; nothing is awaited. */
export const spawnServer = (args: string[], env: NodeJS.ProcessEnv = {}): Spawned =>
  spawnCli(['server', ...args], { env: { LANYARD_LOG_LEVEL: 'info', ...env } });

/** Spawns `lanyard server ARGS` and waits for its "listening" line. */
export const startServer = async (args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningServer> => {
  const proc = spawnServer(args, env);
  const line = JSON.parse(await waitForLine(proc, /"msg":"listening"/)) as LogLine;
  const url = String(line.url);
  const m = /^(http:\/\/127\.0\.0\.1:(\d+))\/\?token=([A-Za-z0-9_-]{43})$/.exec(url);
  expect(m, url).not.toBeNull();
  return {
    proc,
    url,
    origin: m![1]!,
    port: Number(m![2]),
    token: m![3]!,
    lines: () => parseLines(proc.stdout()),
  };
};

/** Waits for the process to end, failing after `ms`; resolves with its exit code and how long it took. */
export const exitWithin = async (
  proc: Spawned,
  ms: number,
): Promise<{ code: number | NodeJS.Signals; ms: number }> => {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running ${ms} ms later`)), ms);
  });
  try {
    const code = await Promise.race([proc.exited, late]);
    return { code, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
};

/** Polls `check` every 50 ms until it is true, failing after `ms`. */
export const eventually = async (what: string, ms: number, check: () => boolean): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
