// The desktop entry: thin wiring of the core (createLanyard) to Electron — single instance, the app:// protocol,
// the IPC transport, the window and the tray. Close hides to the tray; Quit from the tray (or the OS) quits and
// closes the core. All decisions worth testing live in electron/desktop/*.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  screen,
  session,
  Tray,
  Notification,
} from 'electron';
import Store from 'electron-store';
import { createLanyard, type Lanyard } from './app/create-lanyard';
import { LanyardError } from './app/errors';
import { createLogger, stderrSink } from './log/logger';
import { createKeychainStore } from './secrets/keychain';
import { forwardCoreEvents, registerIpcTransport } from './desktop/ipc';
import { createPreferencesStore, restorableBounds, type PreferencesStore } from './desktop/preferences';
import { handleAppProtocol, registerAppScheme } from './desktop/protocol';
import { denyAllPermissions, hardenWebContents } from './desktop/security';
import { startTray, type TrayController } from './desktop/tray-controller';
import { startNotifier, statusReader } from './desktop/notifications';
import {
  BRAND_BLUE,
  MAC_TEMPLATE,
  trayIconBitmap,
  trayIconFile,
  trayIconKind,
  trayIconsDir,
} from './desktop/tray-icon';
import type { TrayState } from './desktop/tray';
import { askBeforeDroppingUnsaved, closeToTray, createMainWindow, focusWindow } from './desktop/window';

const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = path.join(here, '../preload/preload.cjs');
const RENDERER_DIR = path.join(here, '../renderer');

const log = createLogger(stderrSink()).child('desktop');

// The data folder is also Electron's userData (so the single-instance lock is per data folder: each e2e run with
// its own LANYARD_DATA_DIR is its own instance). The default matches defaultDataDir() used by the CLI.
const dataDir = process.env.LANYARD_DATA_DIR
  ? path.resolve(process.env.LANYARD_DATA_DIR)
  : path.join(app.getPath('appData'), 'Lanyard');
app.setPath('userData', dataDir);
registerAppScheme(); // privileged schemes must be declared before `ready`

let core: Lanyard | null = null;
let win: BrowserWindow | null = null;
let tray: TrayController | null = null;
let prefs: PreferencesStore | null = null;
let quitting = false;
const disposers: Array<() => void> = [];

const showWindow = (): void => {
  if (win && !win.isDestroyed()) focusWindow(win);
  else if (core && prefs) openWindow(prefs, false);
};

/** The window on one of the renderer's pages (a fixed, known route: never text from outside). */
const openAt = (hash: '#/offboarding' | '#/sync?focus=review' | '#/sync?preview=1') => (): void => {
  showWindow();
  if (win && !win.isDestroyed())
    void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(hash)}`);
};
/** Tray "Offboard someone…", notification clicks about cases. */
const openOffboarding = openAt('#/offboarding');
/** Tray "Review held changes…", notification clicks about held changes. */
const openReview = openAt('#/sync?focus=review');
/** Tray "Review the first plan…": the Sync page with a fresh plan. */
const openFirstPlan = openAt('#/sync?preview=1');

const quit = (): void => {
  quitting = true;
  app.quit();
};

const openWindow = (store: PreferencesStore, startHidden: boolean): void => {
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  win = createMainWindow({
    preloadPath: PRELOAD_PATH,
    bounds: restorableBounds(store.read().bounds, workAreas),
    startHidden,
  });
  closeToTray(
    win,
    () => quitting,
    (bounds) => store.setBounds(bounds),
  );
  const current = win;
  askBeforeDroppingUnsaved(current, () => {
    const discard =
      dialog.showMessageBoxSync(current, {
        type: 'question',
        buttons: ['Discard changes', 'Keep editing'],
        defaultId: 1,
        cancelId: 1,
        message: 'Discard unsaved changes to the access rules?',
        detail: 'They are not saved yet. Quitting drops them; Keep editing leaves Lanyard open.',
      }) === 0;
    // Keep editing: the quit is off, so closing the window hides it to the tray again.
    if (!discard) quitting = false;
    return discard;
  });
  win.on('closed', () => {
    win = null;
  });
};

const trayIcon = (): Electron.NativeImage => {
  const mac = process.platform === 'darwin';
  const image = nativeImage.createFromBitmap(trayIconBitmap(32, mac ? MAC_TEMPLATE : BRAND_BLUE), {
    width: 32,
    height: 32,
    scaleFactor: 2,
  });
  if (mac) image.setTemplateImage(true);
  return image;
};

// The state icons from build/tray (resources/tray when packaged); without them, the icon drawn in code.
const stateIcon = (): ((state: TrayState) => string) | undefined => {
  const dir = trayIconsDir({
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  });
  if (!fs.existsSync(dir)) {
    log.warn('tray icons not found; using the built-in icon', { dir });
    return undefined;
  }
  return (state) =>
    path.join(
      dir,
      trayIconFile(trayIconKind(state), {
        platform: process.platform,
        darkTheme: nativeTheme.shouldUseDarkColors,
      }),
    );
};

const startedAtLogin = (): boolean =>
  process.argv.includes('--hidden') ||
  (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true);

const fail = (err: unknown): void => {
  const hint = err instanceof LanyardError && err.hint ? `\n\n${err.hint}` : '';
  log.error('Lanyard could not start', { error: err });
  dialog.showErrorBox('Lanyard cannot start', `${(err as Error)?.message ?? String(err)}${hint}`);
  shutdown(); // app.exit() skips will-quit, so release the database and scheduler lock here
  app.exit(1);
};

const start = async (): Promise<void> => {
  core = createLanyard({
    dataDir: app.getPath('userData'),
    secrets: createKeychainStore(),
    scheduler: true,
    log,
  });
  denyAllPermissions(session.defaultSession);
  handleAppProtocol(RENDERER_DIR);
  disposers.push(registerIpcTransport(ipcMain, core, log.child('ipc')));
  disposers.push(forwardCoreEvents(core.events, () => (win && !win.isDestroyed() ? [win.webContents] : [])));

  const store = createPreferencesStore(
    new Store<Record<string, unknown>>({ name: 'desktop-preferences', cwd: dataDir }),
  );
  prefs = store;
  openWindow(store, startedAtLogin());

  tray = startTray({
    core,
    createTray: (icon) => new Tray(icon ?? trayIcon()),
    iconFor: stateIcon(),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    openWindow: showWindow,
    openOffboarding,
    openReview,
    openFirstPlan,
    quit,
    loginItem: {
      supported: process.platform === 'darwin' || process.platform === 'win32',
      get: () => store.read().launchAtLogin,
      set: (on) => {
        store.setLaunchAtLogin(on);
        app.setLoginItemSettings({ openAtLogin: on, args: ['--hidden'] });
      },
    },
    log: log.child('tray'),
  });
  const onThemeChange = (): void => {
    tray?.refresh().catch((err: unknown) => log.error('tray refresh failed', { error: err }));
  };
  nativeTheme.on('updated', onThemeChange); // light/dark icons follow the OS theme
  disposers.push(() => nativeTheme.off('updated', onThemeChange));
  await tray.refresh();
  const lanyard = core;
  const notifier = startNotifier({
    subscribe: (listener) => lanyard.events.subscribe(listener),
    show: (n, onClick) => {
      if (!Notification.isSupported()) return;
      const note = new Notification({ title: n.title, body: n.body });
      note.on('click', onClick);
      note.show();
    },
    openOffboarding,
    openReview,
    readStatus: statusReader(lanyard, log.child('notifications')),
  });
  disposers.push(() => notifier.dispose());
};

const shutdown = (): void => {
  tray?.dispose();
  tray = null;
  for (const dispose of disposers.splice(0)) dispose();
  core?.close();
  core = null;
};

if (!app.requestSingleInstanceLock()) {
  // Another Lanyard owns this data folder; it focuses its window on 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  // A tray app keeps running with no window; listening here stops Electron's default quit.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', shutdown);
  app.whenReady().then(start).catch(fail);
}
