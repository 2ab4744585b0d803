// The tray names access reviews that need the admin ("1 review overdue"), from a real core's reviews.status, and
// says nothing about reviews once none is due.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { startTray } from '../../../electron/desktop/tray-controller';
import { trayIconKind } from '../../../electron/desktop/tray-icon';
import { trayStatusLine, type TrayState } from '../../../electron/desktop/tray';
import { startCore, type CoreFixture } from './core-fixture';

let fx: CoreFixture;
beforeAll(async () => {
  fx = await startCore();
});
afterAll(async () => {
  await fx?.dispose();
});

const CALL = { actor: 'test' } as const;

const tray = () => {
  let menu: MenuItemConstructorOptions[] = [];
  const controller = startTray<MenuItemConstructorOptions[]>({
    core: fx.core,
    createTray: () => ({
      setContextMenu: (m) => (menu = m ?? []),
      setToolTip: () => undefined,
      on: () => undefined,
      destroy: () => undefined,
    }),
    buildMenu: (template) => template,
    openWindow: () => undefined,
    quit: () => undefined,
    loginItem: { supported: false, get: () => false, set: () => undefined },
  });
  return { controller, labels: () => menu.map((m) => m.label) };
};

describe('access reviews in the tray', () => {
  it('shows "1 review overdue" while a campaign is open past its due date, and drops it once it is closed', async () => {
    await fx.core.handlers['apps.save'](
      {
        app: { id: 'badge', name: 'Office badge', kind: 'manual', deprovision: 'deactivate', review: 'auto' },
      },
      CALL,
    );
    const t = tray();
    try {
      await t.controller.refresh();
      expect(t.labels().some((l) => /review/.test(String(l)) && /overdue/.test(String(l)))).toBe(false);

      const c = await fx.core.handlers['reviews.start'](
        { name: 'Q1 review', dueAt: '2020-01-31', fallback: 'it@acme.test', assign: ['owner'] },
        CALL,
      );
      await t.controller.refresh();
      expect(t.labels()).toContain('1 review overdue');

      await fx.core.handlers['reviews.close']({ campaignId: c.id, confirm: true }, CALL);
      await t.controller.refresh();
      expect(t.labels()).not.toContain('1 review overdue');
    } finally {
      t.controller.dispose();
    }
  });

  it('puts an overdue review after sync problems but before a mere running sync, with the waiting icon', () => {
    const base: TrayState = {
      paused: false,
      syncing: true,
      approvals: 0,
      manualTasks: 0,
      quarantinedApps: 0,
      quarantineDetail: null,
      applying: 'on',
      heldChanges: 0,
      heldReason: null,
      problem: null,
      syncNowAvailable: true,
      launchAtLogin: null,
      reviews: '2 reviews overdue',
    };
    expect(trayStatusLine(base)).toBe('2 reviews overdue');
    expect(trayIconKind(base)).toBe('pending');
    expect(trayStatusLine({ ...base, heldChanges: 3 })).toBe('3 changes held for review');
    expect(trayStatusLine({ ...base, reviews: null })).toBe('Syncing…');
  });
});
