// The renderer's security perimeter (Electron security checklist): no navigation away from the app, no new
// windows, no <webview>, no permission grants, a strict CSP on everything app:// serves, and one guard through
// which a link may leave the app — to the user's browser, https: only.
import { shell, type Session, type WebContents } from 'electron';
import { APP_ORIGIN } from './channels';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

export { CONTENT_SECURITY_POLICY };

/** True for URLs inside the app's own origin (app://lanyard/…). */
export const isAppUrl = (url: string): boolean => {
  if (!url.startsWith(`${APP_ORIGIN}/`)) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === 'lanyard' && !u.username && !u.password;
  } catch {
    return false;
  }
};

/** The URL to hand to the OS browser, or null: only plain https: URLs without embedded credentials leave the app. */
export const safeExternalUrl = (url: string): string | null => {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.username || u.password || !u.hostname) return null;
  return u.href;
};

export type OpenExternal = (url: string) => Promise<void>;

/** The single way Lanyard opens anything outside itself. Returns whether the URL was allowed. */
export const openExternalSafely = (
  url: string,
  open: OpenExternal = (u) => shell.openExternal(u),
): boolean => {
  const safe = safeExternalUrl(url);
  if (!safe) return false;
  void open(safe).catch(() => undefined);
  return true;
};

/** Locks down one webContents (the main window's and any other Electron creates). */
export const hardenWebContents = (contents: WebContents, open?: OpenExternal): void => {
  // The renderer uses hash routing, so legitimate in-app moves never fire will-navigate; anything that does is
  // either a plain link (sent to the browser if https) or an attempt to leave the app (refused).
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (!isAppUrl(url)) openExternalSafely(url, open);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, open);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
};

/** Lanyard needs no camera, microphone, notifications-by-web-API, geolocation, USB, …: refuse them all. */
export const denyAllPermissions = (ses: Session): void => {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
};
