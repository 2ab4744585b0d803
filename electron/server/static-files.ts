// The built renderer, served from one folder with strict containment: every URL segment is decoded once and
// must be a plain name (no "..", ".", dotfiles, separators or NUL), and the real path (symlinks resolved) must
// still lie inside the folder. Anything else is a 404, so nothing outside the folder can ever be read.
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendPage } from './responses';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export const contentTypeFor = (file: string): string =>
  CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

const isPlainName = (segment: string): boolean =>
  segment.length > 0 && !segment.startsWith('.') && !/[/\\:\0]/.test(segment);

/** The URL path as plain file-name segments, or null when any segment could reach outside the folder. */
export const safeSegments = (urlPath: string): string[] | null => {
  if (!urlPath.startsWith('/')) return null;
  if (urlPath === '/') return ['index.html'];
  const segments: string[] = [];
  for (const raw of urlPath.slice(1).split('/')) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (!isPlainName(seg)) return null;
    segments.push(seg);
  }
  return segments;
};

const realpathOrNull = async (p: string): Promise<string | null> => {
  try {
    return await fs.promises.realpath(p);
  } catch {
    return null;
  }
};

/** The real path of the file to serve, or null. The folder is resolved per request: it may be built after start. */
export const resolveStaticFile = async (rendererDir: string, urlPath: string): Promise<string | null> => {
  const segments = safeSegments(urlPath);
  if (!segments) return null;
  const root = await realpathOrNull(rendererDir);
  if (!root) return null;
  const real = await realpathOrNull(path.join(root, ...segments));
  if (!real || !real.startsWith(root + path.sep)) return null;
  const stat = await fs.promises.stat(real).catch(() => null);
  return stat?.isFile() ? real : null;
};

export const serveStatic = async (
  req: IncomingMessage,
  res: ServerResponse,
  urlPath: string,
  rendererDir: string,
): Promise<void> => {
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) {
    res.setHeader('Allow', 'GET, HEAD');
    sendPage(res, 405, 'Method not allowed', 'Only GET and HEAD are served here.', head);
    return;
  }
  const file = await resolveStaticFile(rendererDir, urlPath);
  if (!file) {
    if (urlPath === '/') {
      sendPage(
        res,
        200,
        'Lanyard is not built yet',
        `No renderer was found in ${rendererDir}. Run \`npm run build\`, then reload this page.`,
        head,
      );
      return;
    }
    sendPage(res, 404, 'Not found', 'There is nothing at this address.', head);
    return;
  }
  const stat = await fs.promises.stat(file);
  // The renderer changes only when it is rebuilt; revalidating each load keeps a rebuilt UI from mixing with a stale one.
  res.writeHead(200, {
    'Content-Type': contentTypeFor(file),
    'Content-Length': stat.size,
    'Cache-Control': 'no-cache',
  });
  if (head) {
    res.end();
    return;
  }
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
};
