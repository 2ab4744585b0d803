import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as FakeWindow } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const { windowOptions, createMainWindow, focusWindow, closeToTray, askBeforeDroppingUnsaved } =
  await import('../../../electron/desktop/window');

describe('the main window', () => {
  it('runs the renderer isolated and sandboxed, with no Node and no way to weaken web security', () => {
    const opts = windowOptions('/app/out/preload/preload.cjs');
    expect(opts.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      preload: '/app/out/preload/preload.cjs',
    });
  });

  it('opens where it was left, or at a default size', () => {
    expect(windowOptions('/p', { x: 10, y: 20, width: 1000, height: 700 })).toMatchObject({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
    });
    const fresh = windowOptions('/p');
    expect(fresh).toMatchObject({ width: 1200, height: 800, show: false });
    expect(fresh).not.toHaveProperty('x');
  });

  it('loads the app from app://lanyard and shows itself when ready, unless it starts in the tray', () => {
    const win = createMainWindow({
      preloadPath: '/p',
      bounds: null,
      startHidden: false,
    }) as unknown as FakeWindow;
    expect(win.loadURL).toHaveBeenCalledWith('app://lanyard/index.html');
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();

    const hidden = createMainWindow({
      preloadPath: '/p',
      bounds: null,
      startHidden: true,
    }) as unknown as FakeWindow;
    hidden.emit('ready-to-show');
    expect(hidden.show).not.toHaveBeenCalled();
  });
});

const fakeWindow = () => {
  const listeners: Record<string, (e: { preventDefault(): void }) => void> = {};
  return {
    on: vi.fn((event: string, l: (e: { preventDefault(): void }) => void) => {
      listeners[event] = l;
    }),
    hide: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
    restore: vi.fn(),
    isMinimized: vi.fn(() => true),
    isDestroyed: vi.fn(() => false),
    getNormalBounds: () => ({ x: 1, y: 2, width: 900, height: 600 }),
    /** Returns whether the close was prevented. */
    close() {
      let prevented = false;
      listeners.close!({ preventDefault: () => (prevented = true) });
      return prevented;
    },
  };
};

describe('close to tray', () => {
  it('hides the window instead of closing it, and saves where it was', () => {
    const win = fakeWindow();
    const saved = vi.fn();
    closeToTray(win as never, () => false, saved);
    expect(win.close()).toBe(true);
    expect(win.hide).toHaveBeenCalled();
    expect(saved).toHaveBeenCalledWith({ x: 1, y: 2, width: 900, height: 600 });
  });

  it('lets the window close when Lanyard is quitting', () => {
    const win = fakeWindow();
    closeToTray(
      win as never,
      () => true,
      () => undefined,
    );
    expect(win.close()).toBe(false);
    expect(win.hide).not.toHaveBeenCalled();
  });

  it('brings a minimised or hidden window back to the front (second launch, tray click)', () => {
    const win = fakeWindow();
    focusWindow(win as never);
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(() => focusWindow(null)).not.toThrow();
  });
});

describe('quitting with unsaved work', () => {
  const guarded = (answer: boolean) => {
    let listener: ((e: { preventDefault(): void }) => void) | null = null;
    const asked = vi.fn(() => answer);
    askBeforeDroppingUnsaved(
      {
        webContents: {
          on: ((event: string, l: (e: { preventDefault(): void }) => void) => {
            if (event === 'will-prevent-unload') listener = l;
          }) as never,
        },
      },
      asked,
    );
    const preventDefault = vi.fn();
    listener!({ preventDefault });
    return { asked, ignoredTheQuestion: preventDefault.mock.calls.length > 0 };
  };

  it('asks instead of silently cancelling the quit, and lets it close when the admin discards', () => {
    expect(guarded(true)).toMatchObject({ ignoredTheQuestion: true });
    expect(guarded(true).asked).toHaveBeenCalledTimes(1);
  });

  it('keeps the window and the changes when the admin keeps editing', () => {
    expect(guarded(false)).toMatchObject({ ignoredTheQuestion: false });
  });
});
