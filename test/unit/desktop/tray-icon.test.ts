import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrayService, type TrayLike, type TrayState } from '../../../electron/desktop/tray';
import {
  BRAND_BLUE,
  trayIconBitmap,
  trayIconFile,
  trayIconKind,
  trayIconsDir,
} from '../../../electron/desktop/tray-icon';

const calm: TrayState = {
  paused: false,
  syncing: false,
  approvals: 0,
  manualTasks: 0,
  quarantinedApps: 0,
  quarantineDetail: null,
  applying: 'on',
  heldChanges: 0,
  heldReason: null,
  problem: null,
  syncNowAvailable: false,
  launchAtLogin: null,
};

describe('the tray icon', () => {
  it('is a premultiplied BGRA bitmap with a transparent hole in the ring and an opaque tag', () => {
    const size = 32;
    const px = trayIconBitmap(size, BRAND_BLUE);
    expect(px.length).toBe(size * size * 4);
    const at = (x: number, y: number) => px.subarray((y * size + x) * 4, (y * size + x) * 4 + 4);
    expect(at(16, 12)[3]).toBe(0); // centre of the loop
    expect(at(0, 0)[3]).toBe(0); // corner
    const tag = at(16, 26);
    expect([...tag]).toEqual([BRAND_BLUE.b, BRAND_BLUE.g, BRAND_BLUE.r, 255]);
  });

  it('shows the most urgent state, in the same order as the status line', () => {
    expect(trayIconKind(calm)).toBe('ok');
    expect(trayIconKind({ ...calm, paused: true })).toBe('paused');
    expect(trayIconKind({ ...calm, paused: true, syncing: true })).toBe('syncing');
    expect(trayIconKind({ ...calm, syncing: true, approvals: 2 })).toBe('pending');
    expect(trayIconKind({ ...calm, approvals: 2, quarantinedApps: 1 })).toBe('error');
    expect(trayIconKind({ ...calm, problem: 'Keychain needs attention' })).toBe('error');
  });

  it('shows held changes as pending, and runs that apply nothing as paused even while they read', () => {
    expect(trayIconKind({ ...calm, heldChanges: 4, syncing: true })).toBe('pending');
    expect(trayIconKind({ ...calm, applying: 'awaiting-first-review', syncing: true })).toBe('paused');
    expect(trayIconKind({ ...calm, applying: 'paused' })).toBe('paused');
    expect(trayIconKind({ ...calm, applying: 'awaiting-first-review', quarantinedApps: 1 })).toBe('error');
  });

  it('uses template images on macOS and follows the theme on Windows', () => {
    expect(trayIconFile('pending', { platform: 'darwin', darkTheme: true })).toBe('tray-pendingTemplate.png');
    expect(trayIconFile('pending', { platform: 'win32', darkTheme: false })).toBe('tray-pending-light.png');
    expect(trayIconFile('pending', { platform: 'win32', darkTheme: true })).toBe('tray-pending-dark.png');
  });

  it('uses the light-on-dark icon on Linux, whose panels are dark even in light themes', () => {
    expect(trayIconFile('ok', { platform: 'linux', darkTheme: false })).toBe('tray-ok-dark.png');
  });

  it('finds the icons in the checkout, and in the resources folder once packaged', () => {
    const where = { resourcesPath: '/opt/Lanyard/resources', appPath: '/src/lanyard' };
    expect(trayIconsDir({ ...where, packaged: false })).toBe(path.join('/src/lanyard', 'build/tray'));
    expect(trayIconsDir({ ...where, packaged: true })).toBe(path.join('/opt/Lanyard/resources', 'tray'));
  });

  it('swaps the tray image only when the state calls for another icon', () => {
    const images: string[] = [];
    let createdWith: string | undefined;
    const tray: TrayLike<string> = {
      setContextMenu: () => undefined,
      setToolTip: () => undefined,
      on: () => undefined,
      destroy: () => undefined,
      setImage: (image) => images.push(image),
    };
    const service = new TrayService<string>({
      createTray: (icon) => {
        createdWith = icon;
        return tray;
      },
      buildMenu: () => 'menu',
      actions: { open() {}, 'sync-now'() {}, 'toggle-pause'() {}, 'toggle-launch-at-login'() {}, quit() {} },
      iconFor: (state) => `/icons/${trayIconKind(state)}.png`,
    });
    service.update(calm);
    expect(createdWith).toBe('/icons/ok.png');
    service.update({ ...calm, launchAtLogin: true }); // the menu changes, the icon does not
    service.update({ ...calm, approvals: 1 });
    service.update({ ...calm, approvals: 2 });
    service.update({ ...calm, problem: 'Database needs attention' });
    expect(images).toEqual(['/icons/pending.png', '/icons/error.png']);
  });
});
