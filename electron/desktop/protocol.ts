// The app:// protocol: serves the built renderer (out/renderer) as app://lanyard/… so the window has a real,
// privileged origin of its own (not file://), every response carries the CSP, and no path can leave the root.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './channels';
import { CONTENT_SECURITY_POLICY } from './security';

/** Must run before `app` is ready: a standard, secure scheme gets an origin, fetch and secure-context APIs. */
export const registerAppScheme = (): void => {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
};

const hasDotSegment = (url: string): boolean => {
  const afterScheme = url.slice(url.indexOf('://') + 3);
  const rawPath = afterScheme.slice(afterScheme.search(/[/]|$/)).split(/[?#]/)[0] ?? '';
  return rawPath.split(/[/\\]/).some((seg) => /^(\.|%2e){1,2}$/i.test(seg));
};

/**
 * Maps app://lanyard/<path> to a file inside rootDir, or null when the URL names another scheme or host, or a
 * path that would escape the root (plain, dot-segment or percent-encoded traversal, encoded separators, NUL).
 */
export const resolveAppUrl = (url: string, rootDir: string): string | null => {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host.toLowerCase() !== APP_HOST || u.username || u.password)
    return null;
  // The URL parser quietly resolves "..", "%2e%2e" and friends against the root; a request that spells them out
  // is an attempt, not a page the renderer links to, so it is refused rather than clamped.
  if (hasDotSegment(url)) return null;
  const segments: string[] = [];
  for (const raw of u.pathname.split('/')) {
    if (raw === '') continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (seg === '.' || seg === '..' || /[/\\\0]/.test(seg)) return null;
    segments.push(seg);
  }
  if (segments.length === 0) segments.push('index.html');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  const rel = path.relative(root, file);
  if (!rel || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
  return file;
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export const contentTypeFor = (file: string): string =>
  MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

const plain = (status: number, text: string): Response =>
  new Response(text, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    },
  });

/** Answers one app:// request from rootDir. Plain function of (Request, dir) so it is tested without Electron. */
export const serveAppRequest = async (request: Request, rootDir: string): Promise<Response> => {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveAppUrl(request.url, rootDir);
  if (!file) return plain(404, 'Not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'Not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': contentTypeFor(file),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
};

/** Installs the handler (after `app` is ready). */
export const handleAppProtocol = (rootDir: string): void => {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rootDir));
};
