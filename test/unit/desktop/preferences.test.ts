import { describe, expect, it } from 'vitest';
import {
  createPreferencesStore,
  parseBounds,
  restorableBounds,
  type PreferenceBacking,
} from '../../../electron/desktop/preferences';

/** The key-value surface electron-store offers, in memory. */
const memoryBacking = (
  initial: Record<string, unknown> = {},
): PreferenceBacking & { data: Map<string, unknown> } => {
  const data = new Map(Object.entries(initial));
  return { data, get: (k) => data.get(k), set: (k, v) => void data.set(k, v) };
};

const screen = { x: 0, y: 0, width: 1920, height: 1080 };

describe('desktop preferences', () => {
  it('starts with no saved bounds, not at login, notifications on', () => {
    expect(createPreferencesStore(memoryBacking()).read()).toEqual({
      bounds: null,
      launchAtLogin: false,
      notifications: true,
    });
  });

  it('remembers bounds, open-at-login and notifications', () => {
    const backing = memoryBacking();
    const prefs = createPreferencesStore(backing);
    prefs.setBounds({ x: 100, y: 50, width: 1000, height: 700 });
    prefs.setLaunchAtLogin(true);
    prefs.setNotifications(false);
    expect(createPreferencesStore(backing).read()).toEqual({
      bounds: { x: 100, y: 50, width: 1000, height: 700 },
      launchAtLogin: true,
      notifications: false,
    });
  });

  it('treats a hand-edited or corrupt preferences file as defaults', () => {
    const prefs = createPreferencesStore(
      memoryBacking({
        bounds: { x: 'a', y: 0, width: 10, height: 10 },
        launchAtLogin: 'yes',
        notifications: 0,
      }),
    );
    expect(prefs.read()).toEqual({ bounds: null, launchAtLogin: false, notifications: true });
    expect(parseBounds({ x: 0, y: 0, width: 50, height: 50 })).toBeNull();
    expect(parseBounds(null)).toBeNull();
  });

  it('never restores a window onto a display that is no longer there', () => {
    const onScreen = { x: 100, y: 100, width: 1000, height: 700 };
    expect(restorableBounds(onScreen, [screen])).toEqual(onScreen);
    // Saved on a second monitor that has since been unplugged.
    expect(restorableBounds({ x: 2500, y: 100, width: 1000, height: 700 }, [screen])).toBeNull();
    // Mostly off the edge.
    expect(restorableBounds({ x: 1700, y: 100, width: 1000, height: 700 }, [screen])).toBeNull();
    // Spanning two monitors side by side is fine.
    expect(
      restorableBounds({ x: 1500, y: 100, width: 1000, height: 700 }, [screen, { ...screen, x: 1920 }]),
    ).not.toBeNull();
    expect(restorableBounds(null, [screen])).toBeNull();
  });
});
