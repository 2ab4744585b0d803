import { describe, expect, it, vi, beforeEach } from 'vitest';
import { fakeSession, fakeWebContents } from './fakes';

vi.mock('electron', () => import('./electron-mock'));

const { shell } = await import('./electron-mock');
const {
  CONTENT_SECURITY_POLICY,
  hardenWebContents,
  denyAllPermissions,
  safeExternalUrl,
  openExternalSafely,
} = await import('../../../electron/desktop/security');

beforeEach(() => shell.openExternal.mockClear());

describe('content security policy', () => {
  it('is the strict policy the renderer is built for', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    );
  });

  it('never allows inline or eval’d script or style', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*/);
  });
});

describe('the openExternal guard', () => {
  it('lets only https links leave the app', () => {
    expect(safeExternalUrl('https://developer.okta.com/docs')).toBe('https://developer.okta.com/docs');
    for (const url of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'app://lanyard/index.html',
      'https://user:pw@example.com/',
      'not a url',
    ]) {
      expect(safeExternalUrl(url), url).toBeNull();
    }
  });

  it('hands allowed links to the OS browser and refuses the rest', () => {
    const open = vi.fn(async () => undefined);
    expect(openExternalSafely('https://example.com/a', open)).toBe(true);
    expect(openExternalSafely('file:///bin/sh', open)).toBe(false);
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith('https://example.com/a');
  });
});

describe('a hardened window', () => {
  it('refuses to navigate away from the app, sending https links to the browser instead', () => {
    const wc = fakeWebContents();
    hardenWebContents(wc.contents);
    expect(wc.fire('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(wc.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(wc.fire('will-navigate', 'http://localhost:8080/')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://evil.example/phish');
  });

  it('refuses redirects out of the app', () => {
    const wc = fakeWebContents();
    hardenWebContents(wc.contents);
    expect(wc.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(wc.fire('will-redirect', 'app://lanyard/index.html')).toBe(false);
  });

  it('opens no new windows: window.open is denied, https targets go to the browser', () => {
    const wc = fakeWebContents();
    hardenWebContents(wc.contents);
    expect(wc.openWindow('https://github.com/lanyard')).toEqual({ action: 'deny' });
    expect(wc.openWindow('app://lanyard/index.html')).toEqual({ action: 'deny' });
    expect(wc.openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://github.com/lanyard');
  });

  it('never attaches a <webview>', () => {
    const wc = fakeWebContents();
    hardenWebContents(wc.contents);
    expect(wc.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('denies every permission request and check', () => {
    const { session, handlers } = fakeSession();
    denyAllPermissions(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      handlers.request!(null, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(handlers.check!(null, 'media')).toBe(false);
    expect(handlers.device!({})).toBe(false);
  });
});
