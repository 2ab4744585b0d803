// Runs the CLI for tests: in-process through main() with captured streams, or as a real child process
// (`node --import tsx electron/cli.ts …`), the way an admin's shell runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../../electron/cli';
import type { CliCommand } from '../../../electron/cli/command';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXAMPLE = path.join(ROOT, 'test/fixtures/workspace-example.yaml');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const collect = (): { stream: PassThrough; text: () => string } => {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
};

/** main(argv) in this process, with stdin from `input` and an env of its own. */
export const runInProcess = async (
  argv: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv; commands?: CliCommand[] } = {},
): Promise<CliResult> => {
  const out = collect();
  const err = collect();
  const env = opts.env ?? { LANYARD_LOG_LEVEL: 'error' };
  const stdin = Readable.from(opts.input === undefined ? [] : [Buffer.from(opts.input)]);
  const code = await main(argv, { stdout: out.stream, stderr: err.stream, stdin, env }, opts.commands);
  return { code, stdout: out.text(), stderr: err.text() };
};

const running = new Set<ChildProcess>();

/** Registers a child started by a test itself, so killChildren() stops it too. */
export const track = (child: ChildProcess): void => {
  running.add(child);
  child.on('close', () => running.delete(child));
};

/** Kills any child still running (a test that failed or timed out); call in afterEach. */
export const killChildren = (): void => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
};

/** The CLI as a child process; resolves when it exits. */
export const runProcess = (
  argv: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli.ts'), ...argv], {
      cwd: ROOT,
      env: { ...process.env, LANYARD_LOG_LEVEL: 'error', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      running.delete(child);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
