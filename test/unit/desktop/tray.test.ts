import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import {
  TrayService,
  trayMenuModel,
  trayStatusLine,
  type TrayActions,
  type TrayLike,
  type TrayState,
} from '../../../electron/desktop/tray';

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

const labels = (s: TrayState) => trayMenuModel(s).items.map((i) => (i.kind === 'separator' ? '—' : i.label));
const item = (s: TrayState, id: string) =>
  trayMenuModel(s).items.find((i) => (i.kind === 'action' || i.kind === 'checkbox') && i.id === id);

describe('the tray menu model', () => {
  it('says all is in step when nothing needs the admin', () => {
    expect(labels(calm)).toEqual([
      'All in step',
      '—',
      'Open Lanyard',
      'Offboard someone…',
      'Sync now (not available yet)',
      'Pause syncing',
      '—',
      'Quit Lanyard',
    ]);
    expect(trayMenuModel(calm).tooltip).toBe('Lanyard — All in step');
  });

  it('shows a sync in progress', () => {
    expect(trayStatusLine({ ...calm, syncing: true })).toBe('Syncing…');
  });

  it('counts revocations waiting for approval apart from tasks to do by hand', () => {
    expect(trayStatusLine({ ...calm, approvals: 3 })).toBe('3 revocations wait for approval');
    expect(trayStatusLine({ ...calm, approvals: 1 })).toBe('1 revocation waits for approval');
    expect(trayStatusLine({ ...calm, manualTasks: 1 })).toBe('1 task to do by hand');
    expect(labels({ ...calm, approvals: 2, manualTasks: 3 }).slice(0, 2)).toEqual([
      '2 revocations wait for approval',
      '3 tasks to do by hand',
    ]);
    expect(item({ ...calm, approvals: 2 }, 'review')).toMatchObject({ label: 'Review held changes…' });
  });

  it('shows the problem in the summary’s words, with since when in the menu', () => {
    const failing = {
      ...calm,
      problem: 'Acme Okta cannot be read: the last 3 reads failed',
      problemSince: new Date().toISOString(),
    };
    expect(trayStatusLine(failing)).toBe('Acme Okta cannot be read: the last 3 reads failed');
    expect(labels(failing)[0]).toMatch(/^Acme Okta cannot be read: the last 3 reads failed \(since \d/);
  });

  it('puts quarantined apps before approvals, and a broken component before both', () => {
    expect(trayStatusLine({ ...calm, quarantinedApps: 1, approvals: 3 })).toBe('1 app quarantined');
    expect(trayStatusLine({ ...calm, quarantinedApps: 2 })).toBe('2 apps quarantined');
    expect(trayStatusLine({ ...calm, quarantinedApps: 2, problem: 'Keychain needs attention' })).toBe(
      'Keychain needs attention',
    );
  });

  it('offers Resume when paused, Pause otherwise', () => {
    expect(trayStatusLine({ ...calm, paused: true })).toBe('Syncing paused');
    expect(item({ ...calm, paused: true }, 'toggle-pause')).toMatchObject({
      label: 'Resume syncing',
      enabled: true,
    });
    expect(item(calm, 'toggle-pause')).toMatchObject({ label: 'Pause syncing', enabled: true });
  });

  it('keeps Sync now disabled until the core can sync on demand, and while paused or syncing', () => {
    expect(item(calm, 'sync-now')).toMatchObject({ enabled: false, label: 'Sync now (not available yet)' });
    const ready = { ...calm, syncNowAvailable: true };
    expect(item(ready, 'sync-now')).toMatchObject({ enabled: true, label: 'Sync now' });
    expect(item({ ...ready, syncing: true }, 'sync-now')).toMatchObject({ enabled: false });
    expect(item({ ...ready, paused: true }, 'sync-now')).toMatchObject({ enabled: false });
    expect(item({ ...ready, applying: 'awaiting-first-review' }, 'sync-now')).toMatchObject({
      enabled: false,
    });
  });

  it('says a new workspace applies nothing until its first plan is reviewed, and offers to review it', () => {
    const waiting = { ...calm, applying: 'awaiting-first-review' as const };
    expect(trayStatusLine(waiting)).toBe('Applying paused until the first plan is reviewed');
    expect(trayMenuModel(waiting).tooltip).toBe('Lanyard — Applying paused until the first plan is reviewed');
    expect(item(waiting, 'first-plan')).toMatchObject({ label: 'Review the first plan…', enabled: true });
    expect(item(calm, 'first-plan')).toBeUndefined();
  });

  it('counts held changes with the reason most of them share, and offers the review queue', () => {
    const held = { ...calm, heldChanges: 7, heldReason: '9 would exceed the limit of 5 per run' };
    expect(trayStatusLine(held)).toBe('7 changes held for review');
    expect(labels(held)[0]).toBe('7 changes held for review: 9 would exceed the limit of 5 per run');
    expect(item(held, 'review')).toMatchObject({ label: 'Review held changes…', enabled: true });
    expect(item(calm, 'review')).toBeUndefined();
  });

  it('lists everything that needs the admin, most urgent first, and names a quarantined app with why', () => {
    const busy: TrayState = {
      ...calm,
      applying: 'awaiting-first-review',
      heldChanges: 1,
      heldReason: 'Acme HR requires review',
      quarantinedApps: 1,
      quarantineDetail: 'Slack: 5 operations in a row failed',
      syncing: true,
    };
    expect(labels(busy).slice(0, labels(busy).indexOf('—'))).toEqual([
      '1 app quarantined: Slack: 5 operations in a row failed',
      '1 change held for review: Acme HR requires review',
      'Applying paused until the first plan is reviewed',
      'Syncing…',
    ]);
    expect(trayMenuModel(busy).tooltip).toBe('Lanyard — 1 app quarantined');
  });

  it('says "Syncing paused" once when the schedule is paused, not also that applying is paused', () => {
    const paused = { ...calm, paused: true, applying: 'paused' as const };
    expect(labels(paused)[0]).toBe('Syncing paused');
    expect(labels(paused)).not.toContain('Applying paused');
    expect(trayStatusLine({ ...calm, applying: 'paused' })).toBe('Applying paused');
  });

  it('shows Open at login as a checkbox only where the OS supports it', () => {
    expect(item(calm, 'toggle-launch-at-login')).toBeUndefined();
    expect(item({ ...calm, launchAtLogin: true }, 'toggle-launch-at-login')).toMatchObject({
      kind: 'checkbox',
      checked: true,
    });
  });
});

/** A Tray factory and Menu builder that record what Electron would have been asked to show. */
const fakes = () => {
  const trays: Array<
    TrayLike<MenuItemConstructorOptions[]> & {
      menu: MenuItemConstructorOptions[] | null;
      tip: string;
      click?: () => void;
      destroyed: boolean;
    }
  > = [];
  const createTray = vi.fn(() => {
    const tray = {
      menu: null as MenuItemConstructorOptions[] | null,
      tip: '',
      destroyed: false,
      click: undefined as (() => void) | undefined,
      setContextMenu(m: MenuItemConstructorOptions[] | null) {
        tray.menu = m;
      },
      setToolTip(t: string) {
        tray.tip = t;
      },
      on(_event: 'click', l: () => void) {
        tray.click = l;
      },
      destroy() {
        tray.destroyed = true;
      },
    };
    trays.push(tray);
    return tray;
  });
  const buildMenu = vi.fn((template: MenuItemConstructorOptions[]) => template);
  const actions: TrayActions = {
    open: vi.fn(),
    'sync-now': vi.fn(),
    'toggle-pause': vi.fn(),
    'toggle-launch-at-login': vi.fn(),
    quit: vi.fn(),
  };
  return { trays, createTray, buildMenu, actions };
};

describe('TrayService', () => {
  it('creates one tray and rebuilds its menu only when the state changes', () => {
    const f = fakes();
    const service = new TrayService({ createTray: f.createTray, buildMenu: f.buildMenu, actions: f.actions });
    service.update(calm);
    expect(f.createTray).toHaveBeenCalledTimes(1);
    expect(f.buildMenu).toHaveBeenCalledTimes(1);
    expect(f.trays[0]!.tip).toBe('Lanyard — All in step');

    service.update({ ...calm });
    expect(f.buildMenu).toHaveBeenCalledTimes(1);

    service.update({ ...calm, paused: true });
    expect(f.createTray).toHaveBeenCalledTimes(1);
    expect(f.buildMenu).toHaveBeenCalledTimes(2);
    expect(f.trays[0]!.menu!.map((m) => m.label)).toContain('Resume syncing');
    expect(f.trays[0]!.tip).toBe('Lanyard — Syncing paused');
  });

  it('runs the action of the menu item clicked, and opens the window on a tray click', () => {
    const f = fakes();
    const service = new TrayService({ createTray: f.createTray, buildMenu: f.buildMenu, actions: f.actions });
    service.update(calm);
    const menu = f.trays[0]!.menu!;
    const click = (label: string) => (menu.find((m) => m.label === label)!.click as () => void)();
    click('Pause syncing');
    expect(f.actions['toggle-pause']).toHaveBeenCalled();
    click('Quit Lanyard');
    expect(f.actions.quit).toHaveBeenCalled();
    expect(menu.find((m) => m.label === 'All in step')).toMatchObject({ enabled: false });
    f.trays[0]!.click!();
    expect(f.actions.open).toHaveBeenCalled();
  });

  it('opens the review queue or the first plan from the menu, or just the window without a page opener', () => {
    const f = fakes();
    const openReview = vi.fn();
    const held: TrayState = { ...calm, heldChanges: 2, applying: 'awaiting-first-review' };
    const service = new TrayService({
      createTray: f.createTray,
      buildMenu: f.buildMenu,
      actions: { ...f.actions, review: openReview },
    });
    service.update(held);
    const click = (label: string) =>
      (f.trays[0]!.menu!.find((m) => m.label === label)!.click as () => void)();
    click('Review held changes…');
    expect(openReview).toHaveBeenCalledTimes(1);
    click('Review the first plan…');
    expect(f.actions.open).toHaveBeenCalledTimes(1);
  });

  it('removes the tray icon when destroyed', () => {
    const f = fakes();
    const service = new TrayService({ createTray: f.createTray, buildMenu: f.buildMenu, actions: f.actions });
    service.update(calm);
    service.destroy();
    expect(f.trays[0]!.destroyed).toBe(true);
  });
});
