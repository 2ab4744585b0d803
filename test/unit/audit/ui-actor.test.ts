// UI actions carry the admin's name: the name set in Settings ("Your name in the audit log"), else the OS user's
// full name, through both UI transports (HTTP for `lanyard serve`, IPC for the desktop window); the CLI keeps
// its own name, and applying a workspace file does not forget the admin's name.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gecosName, osUserFullName } from '../../../electron/app/operator-name';
import type { ApiResult } from '../../../shared/api/result';
import type { AuditListPage } from '../../../shared/api/methods-audit';
import { bodyOf, startFixture, type Fixture } from '../server/server-fixture';
import { fakeIpcMain } from '../desktop/fakes';

vi.mock('electron', () => import('../desktop/electron-mock'));
const { registerIpcTransport } = await import('../../../electron/desktop/ipc');

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => {
  await fx?.stop();
});

const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
  const reply = bodyOf<ApiResult<T>>(await fx.rpc(method, input));
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.value;
};

const newest = async () => (await call<AuditListPage>('audit.list', { limit: 1 })).events[0]!;

describe("the admin's name in the audit log", () => {
  it('records UI actions under the OS user’s full name until a name is set in Settings, then under that name', async () => {
    const osName = osUserFullName();
    expect(osName).not.toBe('');
    expect(await call('audit.actor')).toEqual({ actor: osName });
    await call('settings.set', { guardrails: { maxDeprovisionsPerRun: 7 } });
    expect((await newest()).actor).toBe(osName);

    await call('settings.set', { operator: { name: '  Dana Admin ' } });
    expect((await call<{ operator: { name: string } }>('settings.get')).operator.name).toBe('Dana Admin');
    await call('secrets.set', { name: 'actor-test', value: 'not-a-real-token' });
    const event = await newest();
    expect(event).toMatchObject({ action: 'secret.set', actor: 'Dana Admin' });
    expect(await call('audit.actor')).toEqual({ actor: 'Dana Admin' });

    // The desktop window's IPC calls are recorded under the same name.
    const ipc = fakeIpcMain();
    registerIpcTransport(ipc, fx.core);
    const viaIpc = (await ipc.invoke(
      'lanyard:call:audit.actor',
      'app://lanyard/index.html',
      {},
    )) as ApiResult<{
      actor: string;
    }>;
    expect(viaIpc).toEqual({ ok: true, value: { actor: 'Dana Admin' } });

    // Applying a workspace file replaces the settings sections it has, not the admin's own name.
    await call('config.apply', { yaml: 'guardrails:\n  maxDeprovisionsPerRun: 4\n' });
    expect(await call('audit.actor')).toEqual({ actor: 'Dana Admin' });

    // Clearing the name goes back to the OS user's.
    await call('settings.set', { operator: { name: '' } });
    expect(await call('audit.actor')).toEqual({ actor: osName });
  });

  it('reads the full name from the passwd entry of the current uid (up to the first comma)', () => {
    const passwd = [
      'root:x:0:0:root:/root:/bin/bash',
      'dana:x:1000:1000:Dana Admin,Room 4,,:/home/dana:/bin/bash',
      'svc:x:1001:1001::/home/svc:/bin/sh',
    ].join('\n');
    expect(gecosName(passwd, 1000)).toBe('Dana Admin');
    expect(gecosName(passwd, 1001)).toBeNull();
    expect(gecosName(passwd, 4242)).toBeNull();
  });
});
