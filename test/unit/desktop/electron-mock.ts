// A stand-in for the `electron` module (whose binary does not exist here): only Electron's own objects are faked,
// each a vi.fn so tests can see how the shell used them. Loaded with vi.mock('electron', () => import('./electron-mock')).
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn(),
};

export const contextBridge = { exposeInMainWorld: vi.fn() };

const rendererListeners = new Map<string, Set<Listener>>();
export const ipcRenderer = {
  invoke: vi.fn(async (_channel: string, _input: unknown): Promise<unknown> => ({ ok: true, value: null })),
  on: vi.fn((channel: string, listener: Listener) => {
    const set = rendererListeners.get(channel) ?? new Set<Listener>();
    set.add(listener);
    rendererListeners.set(channel, set);
    return ipcRenderer;
  }),
  /** Test helper: what main's webContents.send would deliver. */
  emit(channel: string, ...args: unknown[]) {
    for (const l of rendererListeners.get(channel) ?? []) l({ sender: null }, ...args);
  },
};

export class BrowserWindow {
  static created: BrowserWindow[] = [];
  readonly listeners = new Map<string, Listener[]>();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  constructor(readonly options: unknown) {
    BrowserWindow.created.push(this);
  }
  once(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
}

export default { shell, protocol, contextBridge, ipcRenderer, BrowserWindow };
