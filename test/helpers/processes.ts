// Child processes for tests: TypeScript scripts run through tsx (the CLI, small fixtures), tracked so that
// stopChildren() in afterEach/afterAll kills whatever a test started, also when it failed.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(REPO_ROOT, 'test/helpers/fixtures');
/** The CLI's source entry; run through tsx so tests need no build. */
export const CLI_ENTRY = path.join(REPO_ROOT, 'electron/cli.ts');

export interface Spawned {
  child: ChildProcess;
  /** Everything written to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | NodeJS.Signals>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to stdin, which is then closed. */
  input?: string;
}

const running = new Set<ChildProcess>();

/** Runs `node --import tsx <script> ...args`. The child inherits process.env, overlaid with `opts.env`. */
export const spawnTs = (script: string, args: string[] = [], opts: SpawnOptions = {}): Spawned => {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  if (opts.input !== undefined) child.stdin!.end(opts.input);
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? 'SIGKILL');
    });
  });
  return { child, stdout: () => out, stderr: () => err, exited };
};

/** Resolves with the first stdout line matching `pattern`; rejects if the process exits first. */
export const waitForLine = (p: Spawned, pattern: RegExp): Promise<string> =>
  new Promise((resolve, reject) => {
    const check = (): boolean => {
      const line = p
        .stdout()
        .split('\n')
        .find((l) => pattern.test(l));
      if (line === undefined) return false;
      p.child.stdout!.off('data', check);
      resolve(line);
      return true;
    };
    if (check()) return;
    // Listeners run in registration order, so stdout() already includes the chunk when check() runs.
    p.child.stdout!.on('data', check);
    void p.exited.then((code) => {
      if (!check())
        reject(new Error(`process exited (${code}) before printing ${pattern}\nstderr: ${p.stderr()}`));
    });
  });

export interface RunResult {
  code: number | NodeJS.Signals;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript script to completion. */
export const runTs = async (
  script: string,
  args: string[] = [],
  opts: SpawnOptions = {},
): Promise<RunResult> => {
  const p = spawnTs(script, args, opts);
  const code = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
};

export interface CliOptions extends SpawnOptions {
  /** Passed as LANYARD_DATA_DIR, which the CLI's default data folder honours. */
  dataDir?: string;
}

const cliEnv = (opts: CliOptions): NodeJS.ProcessEnv => ({
  ...opts.env,
  ...(opts.dataDir ? { LANYARD_DATA_DIR: opts.dataDir } : {}),
});

/** The built CLI, used instead of the sources when `npm test` has just built it (LANYARD_TEST_CLI=built). */
export const BUILT_CLI = path.join(REPO_ROOT, 'out/main/cli.js');
const cliEntry = (): string =>
  process.env.LANYARD_TEST_CLI === 'built' && fs.existsSync(BUILT_CLI) ? BUILT_CLI : CLI_ENTRY;

/** Runs `lanyard <args>` to completion (from source, or the fresh build under `npm test`). */
export const runCli = (args: string[], opts: CliOptions = {}): Promise<RunResult> =>
  runTs(cliEntry(), args, { ...opts, env: cliEnv(opts) });

/** Starts a long-running `lanyard <args>` (e.g. serve); stop it with stopChildren() or child.kill(). */
export const spawnCli = (args: string[], opts: CliOptions = {}): Spawned =>
  spawnTs(cliEntry(), args, { ...opts, env: cliEnv(opts) });

/** Kills every child a test started that is still running (SIGKILL) and waits for them to end. */
export const stopChildren = async (): Promise<void> => {
  const ending = [...running].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(ending);
};
