// Desktop-only preferences (window bounds, open at login, notifications) — not workspace settings, which live in
// SQLite and travel with `lanyard config export`. Backed by electron-store in the app; the backing is injected so
// this module never loads electron-store (which needs Electron at import time) in tests.

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DesktopPreferences {
  bounds: Bounds | null;
  launchAtLogin: boolean;
  notifications: boolean;
}

export const defaultPreferences = (): DesktopPreferences => ({
  bounds: null,
  launchAtLogin: false,
  notifications: true,
});

/** What electron-store (and any key-value store) offers; `ElectronStore` satisfies it as is. */
export interface PreferenceBacking {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

const isInt = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && Math.abs(n) < 1_000_000;

/** Reads bounds defensively: the file is user-editable, so anything malformed is treated as "no saved bounds". */
export const parseBounds = (value: unknown): Bounds | null => {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height } = value as Record<string, unknown>;
  if (!isInt(x) || !isInt(y) || !isInt(width) || !isInt(height) || width < 200 || height < 150) return null;
  return { x, y, width, height };
};

const overlap = (a: Bounds, b: Bounds): number => {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
};

/**
 * Saved bounds to restore, or null to let the OS place the window: bounds must still fall mostly on a connected
 * display (a monitor may have been unplugged since), so a window is never restored off-screen.
 */
export const restorableBounds = (saved: Bounds | null, workAreas: readonly Bounds[]): Bounds | null => {
  if (!saved) return null;
  const visible = workAreas.reduce((sum, area) => sum + overlap(saved, area), 0);
  return visible >= saved.width * saved.height * 0.5 ? saved : null;
};

export interface PreferencesStore {
  read(): DesktopPreferences;
  setBounds(bounds: Bounds): void;
  setLaunchAtLogin(on: boolean): void;
  setNotifications(on: boolean): void;
}

export const createPreferencesStore = (backing: PreferenceBacking): PreferencesStore => ({
  read() {
    const d = defaultPreferences();
    const launch = backing.get('launchAtLogin');
    const notify = backing.get('notifications');
    return {
      bounds: parseBounds(backing.get('bounds')),
      launchAtLogin: typeof launch === 'boolean' ? launch : d.launchAtLogin,
      notifications: typeof notify === 'boolean' ? notify : d.notifications,
    };
  },
  setBounds(bounds) {
    const ok = parseBounds(bounds);
    if (ok) backing.set('bounds', ok);
  },
  setLaunchAtLogin(on) {
    backing.set('launchAtLogin', on);
  },
  setNotifications(on) {
    backing.set('notifications', on);
  },
});
