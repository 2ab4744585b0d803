// The tray fed by a real core: it shows what sync.status says (a new workspace applies nothing until its first plan
// is reviewed), pausing from the tray changes the workspace settings, and the menu follows the core's events.
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
  return {
    controller,
    labels: () => menu.map((m) => m.label),
    item: (label: string) => menu.find((m) => m.label === label),
    openWindow,
    quit,
    loginItem: () => loginItem,
    setLoginItem: (on: boolean) => (loginItem = on),
  };
};

describe('the tray controller', () => {
  it('says a new workspace applies nothing until its first plan is reviewed, and offers that plan', async () => {
    const h = harness(false);
    try {
      await h.controller.refresh();
      const status = await fx.core.handlers['sync.status']({}, { actor: 'test' });
      expect(status.applying).toBe('awaiting-first-review');
      expect(h.labels()[0]).toBe('Applying paused until the first plan is reviewed');
      expect(h.labels()).toContain('Review the first plan…');
      expect(h.labels()).not.toContain('All in step');
    } finally {
      h.controller.dispose();
    }
  });

  it('shows the core’s state and pauses and resumes syncing through the workspace settings', async () => {
    const h = harness(false);
    try {
      await h.controller.refresh();
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

  it('reads the core again when a run moves on or the review queue changes', async () => {
    const h = harness(true);
    try {
      await h.controller.refresh();
      expect(h.item('Open at login')?.checked).toBe(false);
      // The login item is something the tray learns only by reading again: each event below must make it read.
      h.setLoginItem(true);
      fx.core.events.emit('review.changed', { held: 0 });
      await vi.waitFor(() => expect(h.item('Open at login')?.checked).toBe(true));
      h.setLoginItem(false);
      fx.core.events.emit('sync.progress', {
        runId: null,
        phase: 'plan',
        done: 0,
        total: 0,
        message: 'Planning',
      });
      await vi.waitFor(() => expect(h.item('Open at login')?.checked).toBe(false));
    } finally {
      h.controller.dispose();
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
