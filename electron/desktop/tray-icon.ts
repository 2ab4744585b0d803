// The tray icon: which icon file shows which tray state (pure, so it is tested without Electron), where those files
// are (build/tray/ in a checkout, resources/tray/ once packaged — build/electron-builder.yml copies them there), and
// a fallback drawn in code (a lanyard loop: a ring with a tag) for when the files are missing. The files are made by
// scripts/make-icons.ts. "light"/"dark" name the theme an icon is for: a dark glyph for light bars and vice versa.
import path from 'node:path';
import { trayConditions, type TrayCondition, type TrayState } from './tray';

export const TRAY_ICON_KINDS = ['ok', 'syncing', 'pending', 'error', 'paused'] as const;
export type TrayIconKind = (typeof TRAY_ICON_KINDS)[number];

const ICON_FOR: Record<TrayCondition, TrayIconKind> = {
  problem: 'error',
  quarantined: 'error',
  approvals: 'pending',
  tasks: 'pending',
  held: 'pending',
  // Runs that apply nothing look like a pause: nothing changes in the apps.
  'awaiting-first-review': 'paused',
  'applying-paused': 'paused',
  // An overdue access review waits for the admin, like a pending deprovision.
  reviews: 'pending',
  syncing: 'syncing',
  paused: 'paused',
};

/** The icon for a state, by the same priority as the menu's status line: what most needs the admin wins. */
export const trayIconKind = (s: TrayState): TrayIconKind => {
  const first = trayConditions(s)[0];
  return first ? ICON_FOR[first] : 'ok';
};

export interface TrayAppearance {
  platform: NodeJS.Platform;
  /** The OS theme (Electron's nativeTheme.shouldUseDarkColors). */
  darkTheme: boolean;
}

/**
 * The file name for an icon. macOS gets template images (Electron marks `*Template.png` as such and picks the @2x
 * file itself). Linux always gets the dark-theme icon: GNOME's top bar is dark in light mode too, and Electron
 * cannot see the panel's colour.
 */
export const trayIconFile = (kind: TrayIconKind, look: TrayAppearance): string => {
  if (look.platform === 'darwin') return `tray-${kind}Template.png`;
  const dark = look.platform === 'linux' || look.darkTheme;
  return `tray-${kind}-${dark ? 'dark' : 'light'}.png`;
};

export interface TrayIconsLocation {
  /** Electron's app.isPackaged. */
  packaged: boolean;
  /** process.resourcesPath: where electron-builder's extraResources land. */
  resourcesPath: string;
  /** app.getAppPath(): the checkout when run with `electron .`. */
  appPath: string;
}

export const TRAY_ICONS_SOURCE_DIR = 'build/tray';
export const TRAY_ICONS_RESOURCE_DIR = 'tray';

export const trayIconsDir = (where: TrayIconsLocation): string =>
  where.packaged
    ? path.join(where.resourcesPath, TRAY_ICONS_RESOURCE_DIR)
    : path.join(where.appPath, TRAY_ICONS_SOURCE_DIR);

// The fallback drawn in code: raw BGRA pixels for nativeImage.createFromBitmap; on macOS it is used as a template
// image (black + alpha).

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export const MAC_TEMPLATE: Rgb = { r: 0, g: 0, b: 0 };
export const BRAND_BLUE: Rgb = { r: 0x2f, g: 0x6f, b: 0xde };

/** size×size premultiplied BGRA pixels: an anti-aliased ring in the upper part and a filled tag below it. */
export const trayIconBitmap = (size: number, color: Rgb): Buffer => {
  const buf = Buffer.alloc(size * size * 4);
  const cx = size / 2;
  const cy = size * 0.38;
  const outer = size * 0.34;
  const inner = size * 0.22;
  const tag = { x0: size * 0.34, x1: size * 0.66, y0: size * 0.62, y1: size * 0.95 };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const d = Math.hypot(px - cx, py - cy);
      // Coverage falls off over one pixel at each edge of the ring for a smooth outline.
      const ring = Math.max(0, Math.min(1, outer - d + 0.5, d - inner + 0.5));
      const inTag = px >= tag.x0 && px <= tag.x1 && py >= tag.y0 && py <= tag.y1 ? 1 : 0;
      const alpha = Math.round(255 * Math.max(ring, inTag));
      const i = (y * size + x) * 4;
      // Skia bitmaps are premultiplied: each channel scaled by alpha.
      buf[i] = Math.round((color.b * alpha) / 255);
      buf[i + 1] = Math.round((color.g * alpha) / 255);
      buf[i + 2] = Math.round((color.r * alpha) / 255);
      buf[i + 3] = alpha;
    }
  }
  return buf;
};
