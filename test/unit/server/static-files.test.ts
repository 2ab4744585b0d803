// Static files: the built renderer and nothing else, whatever the path looks like.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeSegments } from '../../../electron/server/static-files';
import { send, startFixture, type Fixture } from './server-fixture';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
  // Symlinks that point out of the renderer folder must not become a way out.
  fs.symlinkSync(path.join(fx.root, 'secret.txt'), path.join(fx.rendererDir, 'escape.txt'));
  fs.symlinkSync(fx.root, path.join(fx.rendererDir, 'escape-dir'));
});
afterAll(async () => {
  await fx?.stop();
});

describe('static files', () => {
  it('serves index.html for / and assets with their content types', async () => {
    const index = await send(fx.server.port, { path: '/', headers: fx.auth });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    const js = await send(fx.server.port, { path: '/assets/app.js', headers: fx.auth });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.text).toBe('export const app = 1;');
    const css = await send(fx.server.port, { path: '/assets/app.css?v=1', headers: fx.auth });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await send(fx.server.port, { method: 'HEAD', path: '/assets/app.js', headers: fx.auth });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });

  it('answers 404 for a missing file', async () => {
    const reply = await send(fx.server.port, { path: '/nothing.js', headers: fx.auth });
    expect(reply.status).toBe(404);
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/assets/../../package.json',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/.%2e/secret.txt',
    '/%252e%252e/package.json',
    '//package.json',
    '/escape.txt',
    '/escape-dir/secret.txt',
    '/escape-dir/package.json',
    '/assets%00/../../secret.txt',
    '/%c0%ae%c0%ae/package.json',
  ])('never serves a file outside the renderer folder for %s', async (p) => {
    const reply = await send(fx.server.port, { path: p, headers: fx.auth });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.text).not.toContain('OUTSIDE-MARKER');
  });

  it('rejects dot segments and separators in any encoding', () => {
    expect(safeSegments('/a/b.js')).toEqual(['a', 'b.js']);
    expect(safeSegments('/')).toEqual(['index.html']);
    for (const p of [
      '/..',
      '/.',
      '/%2e',
      '/a/%2F',
      '/a%5cb',
      '/%00',
      '/a//b',
      '/.env',
      '/%E0%A4%A',
      'relative',
    ]) {
      expect(safeSegments(p), p).toBeNull();
    }
  });

  it('answers 405 to a POST of a page', async () => {
    const reply = await send(fx.server.port, { method: 'POST', path: '/', headers: fx.auth });
    expect(reply.status).toBe(405);
  });
});

describe('before the renderer is built', () => {
  it('answers / with a page saying to run npm run build', async () => {
    const bare = await startFixture({ withRenderer: false });
    try {
      const reply = await send(bare.server.port, { path: '/', headers: bare.auth });
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toMatch(/^text\/html/);
      expect(reply.text).toContain('npm run build');
      expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
    } finally {
      await bare.stop();
    }
  });
});
