// The main window: its options (a pure function, so the security-relevant webPreferences are tested), creation,
// close-to-tray and focusing it again (second launch, tray click, macOS dock activate), and the question before a
// quit drops unsaved work.
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import type { Bounds } from './preferences';
import { APP_INDEX_URL } from './channels';

export const DEFAULT_SIZE = { width: 1200, height: 800 } as const;

export const windowOptions = (
  preloadPath: string,
  bounds: Bounds | null = null,
): BrowserWindowConstructorOptions => ({
  ...(bounds ?? DEFAULT_SIZE),
  minWidth: 900,
  minHeight: 600,
  title: 'Lanyard',
  // Shown on ready-to-show, so the user never sees an empty white frame.
  show: false,
  autoHideMenuBar: true,
  backgroundColor: '#ffffff',
  webPreferences: {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false,
    preload: preloadPath,
  },
});

export interface CreateWindowOptions {
  preloadPath: string;
  bounds: Bounds | null;
  /** Start hidden in the tray (opened at login). */
  startHidden: boolean;
}

export const createMainWindow = (opts: CreateWindowOptions): BrowserWindow => {
  const win = new BrowserWindow(windowOptions(opts.preloadPath, opts.bounds));
  if (!opts.startHidden) win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_INDEX_URL);
  return win;
};

type WindowLike = Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus' | 'isDestroyed'>;

/** Brings the window back from the tray, the taskbar or minimised. */
export const focusWindow = (win: WindowLike | null): void => {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
};

type ClosableWindow = Pick<BrowserWindow, 'on' | 'hide' | 'getNormalBounds'>;

/**
 * Closing the window hides it to the tray; only a real quit (tray "Quit", Cmd+Q, OS shutdown) lets it close.
 * `onHide` receives the bounds so they can be saved.
 */
export const closeToTray = (
  win: ClosableWindow,
  isQuitting: () => boolean,
  onHide: (bounds: Bounds) => void,
): void => {
  win.on('close', (event) => {
    onHide(win.getNormalBounds());
    if (isQuitting()) return;
    event.preventDefault();
    win.hide();
  });
};

type UnloadGuarded = { webContents: Pick<WebContents, 'on'> };

/**
 * A page with unsaved work (the Access rules page) asks before it is dropped through `beforeunload`; Electron shows
 * no question for it and would silently cancel the quit. `ask` shows one: true drops the changes and lets it close.
 */
export const askBeforeDroppingUnsaved = (win: UnloadGuarded, ask: () => boolean): void => {
  win.webContents.on('will-prevent-unload', (event) => {
    if (ask()) event.preventDefault();
  });
};
