// The preload bridge with Electron's contextBridge and ipcRenderer faked: what the page can and cannot reach.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LanyardBridge } from '../../../shared/api/client';

vi.mock('electron', () => import('./electron-mock'));

const { contextBridge, ipcRenderer } = await import('./electron-mock');
await import('../../../electron/preload');

const [[worldKey, exposed]] = contextBridge.exposeInMainWorld.mock.calls as [[string, LanyardBridge]];
const bridge = exposed;

beforeEach(() => ipcRenderer.invoke.mockClear());

describe('window.lanyard', () => {
  it('is the only thing exposed, and exposes nothing but call and on', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(worldKey).toBe('lanyard');
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on']);
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
  });

  it('calls a contract method over its own channel', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { name: 'Lanyard' } });
    const result = await bridge.call('app.info', {});
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('lanyard:call:app.info', {});
    expect(result).toEqual({ ok: true, value: { name: 'Lanyard' } });
  });

  it('refuses method names outside the contract without reaching IPC', async () => {
    for (const name of ['electron-store-get-data', 'lanyard:event', '__proto__', 'app.info ']) {
      const result = await bridge.call(name as 'app.info', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('delivers core events to listeners of that event until they unsubscribe', () => {
    const onSettings = vi.fn();
    const onSecrets = vi.fn();
    const off = bridge.on('settings.changed', onSettings);
    bridge.on('secrets.changed', onSecrets);
    const data = { schedule: { paused: true } };
    ipcRenderer.emit('lanyard:event', { event: 'settings.changed', data, at: '2026-01-01T00:00:00.000Z' });
    expect(onSettings).toHaveBeenCalledWith(data);
    expect(onSecrets).not.toHaveBeenCalled();

    off();
    ipcRenderer.emit('lanyard:event', { event: 'settings.changed', data, at: '2026-01-01T00:00:01.000Z' });
    expect(onSettings).toHaveBeenCalledTimes(1);
  });

  it('ignores unknown event names and malformed pushes', () => {
    const listener = vi.fn();
    const off = bridge.on('not.an.event' as 'settings.changed', listener);
    expect(typeof off).toBe('function');
    ipcRenderer.emit('lanyard:event', { event: 'not.an.event', data: {} });
    ipcRenderer.emit('lanyard:event', 'garbage');
    ipcRenderer.emit('lanyard:event', null);
    expect(listener).not.toHaveBeenCalled();
  });
});
