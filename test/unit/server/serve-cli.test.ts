// `lanyard serve` as a real child process: prints its address, serves the API, and exits 0 on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { requireSecretService, uniqueService } from '../../helpers/keychain';
import { tempDirForTest } from '../../helpers/temp-dir';
import { bodyOf, send } from './server-fixture';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

interface Cli {
  child: ChildProcess;
  /** Resolves with the first stdout line. */
  firstLine: Promise<string>;
  exit: Promise<{ code: number | null; stderr: string; stdout: string }>;
}

const startCli = (args: string[], env: NodeJS.ProcessEnv = {}): Cli => {
  requireSecretService();
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, LANYARD_KEYCHAIN_SERVICE: uniqueService(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      if (stdout.includes('\n')) resolve(stdout.split('\n', 1)[0]!);
    });
    child.on('exit', () => reject(new Error(`lanyard exited before printing a line.\nstderr: ${stderr}`)));
  });
  firstLine.catch(() => undefined);
  const exit = new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr, stdout })),
  );
  return { child, firstLine, exit };
};

describe('lanyard serve', () => {
  it('prints its address with a token, serves the API, and exits 0 on SIGTERM', async () => {
    const dataDir = tempDirForTest('serve-data');
    const rendererDir = tempDirForTest('serve-renderer');
    const cli = startCli(['serve', '--data-dir', dataDir, '--port', '0'], {
      LANYARD_RENDERER_DIR: rendererDir,
    });

    const line = await cli.firstLine;
    const m = /^Lanyard is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43}))$/.exec(line);
    expect(m, line).not.toBeNull();
    const port = Number(m![2]);
    const token = m![3]!;

    const exchange = await send(port, { path: `/?token=${token}` });
    expect(exchange.status).toBe(303);
    const page = await send(port, {
      path: '/',
      headers: { Cookie: exchange.headers['set-cookie']![0]!.split(';')[0]! },
    });
    expect(page.text).toContain('npm run build');

    const info = await send(port, {
      method: 'POST',
      path: '/api/rpc/app.info',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(info.status).toBe(200);
    const value = bodyOf<{ ok: true; value: { dataDir: string; schedulerOwner: boolean } }>(info).value;
    expect(value.dataDir).toBe(path.resolve(dataDir));
    expect(value.schedulerOwner).toBe(true);

    cli.child.kill('SIGTERM');
    const { code } = await cli.exit;
    expect(code).toBe(0);
  });

  it('prints {"url","port"} with --json', async () => {
    const dataDir = tempDirForTest('serve-data');
    const cli = startCli(['--json', 'serve', '--data-dir', dataDir, '--port', '0'], {
      LANYARD_RENDERER_DIR: dataDir,
    });
    const doc = JSON.parse(await cli.firstLine) as { url: string; port: number };
    expect(Object.keys(doc).sort()).toEqual(['port', 'url']);
    expect(doc.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${doc.port}/\\?token=[A-Za-z0-9_-]{43}$`));
    cli.child.kill('SIGINT');
    expect((await cli.exit).code).toBe(0);
  });

  it('exits 2 with a clear message for a bad --port', async () => {
    const dataDir = tempDirForTest('serve-data');
    const cli = startCli(['serve', '--data-dir', dataDir, '--port', 'eighty']);
    const { code, stderr, stdout } = await cli.exit;
    expect(code).toBe(2);
    expect(stderr).toContain('--port');
    expect(stdout).toBe('');
  });

  it('exits 2 rather than listen on a non-loopback host without --allow-remote', async () => {
    const dataDir = tempDirForTest('serve-data');
    const cli = startCli(['serve', '--data-dir', dataDir, '--host', '0.0.0.0', '--port', '0']);
    const { code, stderr } = await cli.exit;
    expect(code).toBe(2);
    expect(stderr).toContain('--allow-remote');
  });
});
