// Fakes of Electron objects the shell is handed (webContents, session, ipcMain, IPC events) for the desktop tests.
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';

type Listener = (...args: unknown[]) => unknown;

/** A webContents that records its listeners and window-open handler so tests can fire them. */
export const fakeWebContents = () => {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const sent: Array<{ channel: string; args: unknown[] }> = [];
  let destroyed = false;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler;
    },
    send(channel: string, ...args: unknown[]) {
      sent.push({ channel, args });
    },
    isDestroyed: () => destroyed,
  };
  return {
    contents: contents as unknown as WebContents,
    sent,
    destroy() {
      destroyed = true;
    },
    /** Fires an event the way Electron would; returns whether a listener called preventDefault(). */
    fire(event: string, ...args: unknown[]): boolean {
      let prevented = false;
      const e = { preventDefault: () => (prevented = true) };
      for (const l of listeners.get(event) ?? []) l(e, ...args);
      return prevented;
    },
    openWindow(url: string) {
      if (!openHandler) throw new Error('no window open handler was set');
      return openHandler({ url });
    },
    has: (event: string) => (listeners.get(event)?.length ?? 0) > 0,
  };
};

export const fakeSession = () => {
  const handlers: {
    request?: (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
    check?: (...args: unknown[]) => boolean;
    device?: (...args: unknown[]) => boolean;
  } = {};
  const ses = {
    setPermissionRequestHandler: (h: typeof handlers.request) => (handlers.request = h),
    setPermissionCheckHandler: (h: typeof handlers.check) => (handlers.check = h),
    setDevicePermissionHandler: (h: typeof handlers.device) => (handlers.device = h),
  };
  return { session: ses as unknown as Session, handlers };
};

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export const fakeIpcMain = () => {
  const handlers = new Map<string, InvokeHandler>();
  return {
    handlers,
    handle(channel: string, handler: InvokeHandler) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
    /** Calls a registered handler as a frame at `url` would. */
    async invoke(channel: string, url: string | null, input: unknown): Promise<unknown> {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const event = { senderFrame: url === null ? null : { url } } as unknown as IpcMainInvokeEvent;
      return handler(event, input);
    },
  };
};
