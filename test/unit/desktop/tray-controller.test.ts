// The tray fed by a real core: pausing from the tray changes the workspace settings and the menu follows.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { startTray } from '../../../electron/desktop/tray-controller';
import { startCore, type CoreFixture } from './core-fixture';

let fx: CoreFixture;
beforeAll(async () => {
  fx = await startCore();
});
afterAll(async () => {
  await fx?.dispose();
});

const harness = (supported: boolean) => {
  let menu: MenuItemConstructorOptions[] = [];
  let loginItem = false;
  const openWindow = vi.fn();
  const quit = vi.fn();
  const controller = startTray<MenuItemConstructorOptions[]>({
    core: fx.core,
    createTray: () => ({
      setContextMenu: (m) => {
        menu = m ?? [];
      },
      setToolTip: () => undefined,
      on: () => undefined,
      destroy: () => undefined,
    }),
    buildMenu: (template) => template,
    openWindow,
    quit,
    loginItem: { supported, get: () => loginItem, set: (on) => (loginItem = on) },
  });
  return { controller, labels: () => menu.map((m) => m.label), openWindow, quit, loginItem: () => loginItem };
};

describe('the tray controller', () => {
  it('shows the core’s state and pauses and resumes syncing through the workspace settings', async () => {
    const h = harness(false);
    try {
      await h.controller.refresh();
      expect(h.labels()).toContain('All in step');
      expect(h.labels()).toContain('Pause syncing');

      await h.controller.togglePause();
      expect((await fx.core.handlers['settings.get']({}, { actor: 'test' })).schedule.paused).toBe(true);
      expect(h.labels()).toContain('Resume syncing');
      expect(h.labels()).toContain('Syncing paused');

      await h.controller.togglePause();
      expect((await fx.core.handlers['settings.get']({}, { actor: 'test' })).schedule.paused).toBe(false);
      expect(h.labels()).toContain('Pause syncing');
    } finally {
      h.controller.dispose();
    }
  });

  it('follows settings changed elsewhere (the window, the CLI)', async () => {
    const h = harness(false);
    try {
      await h.controller.refresh();
      await fx.core.handlers['settings.set']({ schedule: { paused: true } }, { actor: 'ui' });
      await vi.waitFor(() => expect(h.labels()).toContain('Resume syncing'));
    } finally {
      h.controller.dispose();
      await fx.core.handlers['settings.set']({ schedule: { paused: false } }, { actor: 'ui' });
    }
  });

  it('toggles open-at-login where the OS supports it', async () => {
    const h = harness(true);
    try {
      await h.controller.refresh();
      expect(h.labels()).toContain('Open at login');
      await h.controller.toggleLaunchAtLogin();
      expect(h.loginItem()).toBe(true);
    } finally {
      h.controller.dispose();
    }
  });
});
