// The IPC transport against a real core (temp SQLite, real keychain under a unique service name);
// only ipcMain and the IPC event — Electron's objects — are faked.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { fakeIpcMain, fakeWebContents } from './fakes';
import { startCore, type CoreFixture } from './core-fixture';

vi.mock('electron', () => import('./electron-mock'));

const { registerIpcTransport, forwardCoreEvents, isTrustedSender } =
  await import('../../../electron/desktop/ipc');

const APP = 'app://lanyard/index.html';
let fx: CoreFixture;

beforeAll(async () => {
  fx = await startCore();
});
afterAll(async () => {
  await fx?.dispose();
});

describe('isTrustedSender', () => {
  it('trusts only pages of the app itself', () => {
    expect(isTrustedSender('app://lanyard/index.html')).toBe(true);
    expect(isTrustedSender('app://lanyard/index.html#/settings')).toBe(true);
    for (const url of [
      'file:///app/out/renderer/index.html',
      'http://localhost:5173/',
      'http://127.0.0.1/',
      'https://lanyard/',
      'app://evil/index.html',
      'app://lanyard.evil/index.html',
      'app://lanyard@evil/index.html',
      'app://lanyard',
      'about:blank',
      '',
      null,
      undefined,
    ]) {
      expect(isTrustedSender(url), String(url)).toBe(false);
    }
  });
});

describe('the IPC transport', () => {
  it('serves every method of the contract, each on its own channel', () => {
    const ipc = fakeIpcMain();
    registerIpcTransport(ipc, fx.core);
    const expected = methodNames.map((m) => `lanyard:call:${m}`).sort();
    expect([...ipc.handlers.keys()].sort()).toEqual(expected);
    for (const method of methodNames) expect(ipc.handlers.has(`lanyard:call:${method}`), method).toBe(true);
  });

  it('answers app.info to the app’s own window', async () => {
    const ipc = fakeIpcMain();
    registerIpcTransport(ipc, fx.core);
    const result = (await ipc.invoke('lanyard:call:app.info', APP, {})) as ApiResult<{
      name: string;
      dataDir: string;
    }>;
    expect(result).toMatchObject({ ok: true, value: { name: 'Lanyard', dataDir: fx.dataDir } });
  });

  it('refuses callers that are not the app’s own pages, before touching the core', async () => {
    const ipc = fakeIpcMain();
    const handlers = { ...fx.core.handlers, 'settings.set': vi.fn(fx.core.handlers['settings.set']) };
    registerIpcTransport(ipc, { handlers });
    for (const url of [
      'https://evil.example/',
      'file:///tmp/x.html',
      'http://localhost:3000/',
      'app://evil/',
      null,
    ]) {
      const result = await ipc.invoke('lanyard:call:settings.set', url, { schedule: { paused: true } });
      expect(result, String(url)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(handlers['settings.set']).not.toHaveBeenCalled();
  });

  it('rejects invalid input with bad_input naming the field', async () => {
    const ipc = fakeIpcMain();
    registerIpcTransport(ipc, fx.core);
    const result = await ipc.invoke('lanyard:call:settings.set', APP, { schedule: { pollSeconds: 1 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_input', path: 'schedule.pollSeconds' } });
    const extra = await ipc.invoke('lanyard:call:app.info', APP, { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('removes its handlers when disposed', () => {
    const ipc = fakeIpcMain();
    const dispose = registerIpcTransport(ipc, fx.core);
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('pushes core events to the window as lanyard:event envelopes', async () => {
    const ipc = fakeIpcMain();
    registerIpcTransport(ipc, fx.core);
    const open = fakeWebContents();
    const closed = fakeWebContents();
    closed.destroy();
    const stop = forwardCoreEvents(fx.core.events, () => [open.contents, closed.contents]);
    try {
      await ipc.invoke('lanyard:call:settings.set', APP, { schedule: { paused: true } });
    } finally {
      stop();
    }
    expect(closed.sent).toEqual([]);
    expect(open.sent).toHaveLength(1);
    expect(open.sent[0]!.channel).toBe('lanyard:event');
    expect(open.sent[0]!.args[0]).toMatchObject({
      event: 'settings.changed',
      data: { schedule: { paused: true } },
      at: expect.any(String),
    });
    await ipc.invoke('lanyard:call:settings.set', APP, { schedule: { paused: false } });
    expect(open.sent).toHaveLength(1);
  });
});
