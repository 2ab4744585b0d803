// Scheduler hand-over (issue 15, items 6 and 8): two real `lanyard serve` processes on one data folder; the second
// waits for the scheduler lock, and when the first is killed (SIGKILL: no clean shutdown) it takes the scheduler
// over within a bounded time and says so in its log and in app.info's health.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/api/contract';
import { requireSecretService, uniqueService } from '../../helpers/keychain';
import { spawnCli, stopChildren, waitForLine, type Spawned } from '../../helpers/processes';
import { tempDirForTest } from '../../helpers/temp-dir';
import { bodyOf, send } from '../server/server-fixture';

afterEach(async () => {
  await stopChildren();
});

const URL_LINE = /^Lanyard is running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43})$/;

interface Served {
  proc: Spawned;
  info(): Promise<AppInfo>;
}

const serve = async (dataDir: string, rendererDir: string, service: string): Promise<Served> => {
  const proc = spawnCli(['serve', '--port', '0'], {
    dataDir,
    env: { LANYARD_RENDERER_DIR: rendererDir, LANYARD_KEYCHAIN_SERVICE: service, LANYARD_LOG_LEVEL: 'warn' },
  });
  const [, port, token] = URL_LINE.exec(await waitForLine(proc, URL_LINE))!;
  return {
    proc,
    async info() {
      const reply = await send(Number(port), {
        method: 'POST',
        path: '/api/rpc/app.info',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      return bodyOf<{ ok: true; value: AppInfo }>(reply).value;
    },
  };
};

const schedulerHealth = (info: AppInfo) => info.health.find((h) => h.component === 'scheduler')!;

describe('scheduler hand-over between two lanyard serve processes', () => {
  it('takes the scheduler over within seconds after the owner is SIGKILLed, and says so in its log and health', async () => {
    requireSecretService();
    const dataDir = tempDirForTest('handover-data');
    const rendererDir = tempDirForTest('handover-renderer');
    const service = uniqueService();
    const first = await serve(dataDir, rendererDir, service);
    const second = await serve(dataDir, rendererDir, service);

    expect((await first.info()).schedulerOwner).toBe(true);
    const waiting = await second.info();
    expect(waiting.schedulerOwner).toBe(false);
    expect(schedulerHealth(waiting)).toMatchObject({ status: 'degraded' });
    expect(schedulerHealth(waiting).detail).toContain('takes it over if that one stops');

    first.proc.child.kill('SIGKILL');
    await first.proc.exited;

    // The lock is retried every 2 s; 20 s leaves room for a loaded machine without hanging on a regression.
    let info = await second.info();
    for (let tries = 0; !info.schedulerOwner && tries < 80; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      info = await second.info();
    }
    expect(info.schedulerOwner).toBe(true);
    expect(schedulerHealth(info)).toMatchObject({ status: 'ok' });
    expect(schedulerHealth(info).detail).toMatch(
      new RegExp(
        `took it over at \\S+ when the previous owner \\(process ${first.proc.child.pid}\\) stopped`,
      ),
    );
    expect(second.proc.stderr()).toContain('took over the scheduler for this data folder');
    expect(second.proc.stderr()).toContain(`"previousPid":${first.proc.child.pid}`);
  }, 60_000);
});
