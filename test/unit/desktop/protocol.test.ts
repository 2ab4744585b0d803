import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

vi.mock('electron', () => import('./electron-mock'));

const { protocol } = await import('./electron-mock');
const { resolveAppUrl, serveAppRequest, registerAppScheme, handleAppProtocol } =
  await import('../../../electron/desktop/protocol');
const { CONTENT_SECURITY_POLICY } = await import('../../../electron/desktop/security');

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'lanyard-protocol-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Lanyard</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(base, 'secret.txt'), 'outside the root');
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('resolveAppUrl', () => {
  it('maps app://lanyard paths to files inside the renderer folder', () => {
    expect(resolveAppUrl('app://lanyard/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrl('app://lanyard/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppUrl('app://lanyard/assets/app.js?v=1#x', root)).toBe(
      path.join(root, 'assets', 'app.js'),
    );
    expect(resolveAppUrl('app://lanyard/assets/my%20file.css', root)).toBe(
      path.join(root, 'assets', 'my file.css'),
    );
  });

  it('refuses every way out of the root', () => {
    for (const url of [
      'app://lanyard/../secret.txt',
      'app://lanyard/assets/../../secret.txt',
      'app://lanyard/%2e%2e/secret.txt',
      'app://lanyard/%2E%2E/secret.txt',
      'app://lanyard/assets/%2e%2e/%2e%2e/secret.txt',
      'app://lanyard/..%2fsecret.txt',
      'app://lanyard/..%2Fsecret.txt',
      'app://lanyard/%2e%2e%2fsecret.txt',
      'app://lanyard/..%5csecret.txt',
      'app://lanyard/index.html%00.js',
      'app://lanyard/%E0%A4%A', // malformed percent-encoding
      'app://lanyard/.%2e/secret.txt',
      'app://lanyard/assets/..\\..\\secret.txt',
    ]) {
      expect(resolveAppUrl(url, root), url).toBeNull();
    }
  });

  it('answers only its own scheme and host', () => {
    for (const url of [
      'app://evil/index.html',
      'app://lanyard.evil/index.html',
      'app://user@lanyard/index.html',
      'file:///etc/passwd',
      'http://lanyard/index.html',
      'https://localhost/index.html',
      'not a url',
    ]) {
      expect(resolveAppUrl(url, root), url).toBeNull();
    }
  });
});

describe('serving app://', () => {
  it('serves the renderer with its content type and the strict CSP', async () => {
    const res = await serveAppRequest(new Request('app://lanyard/index.html'), root);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Lanyard</title>');

    const js = await serveAppRequest(new Request('app://lanyard/assets/app.js'), root);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing files and traversal, never the file outside', async () => {
    const missing = await serveAppRequest(new Request('app://lanyard/nope.js'), root);
    expect(missing.status).toBe(404);
    const traversal = await serveAppRequest(new Request('app://lanyard/%2e%2e/secret.txt'), root);
    expect(traversal.status).toBe(404);
    expect(await traversal.text()).not.toContain('outside the root');
    const dir = await serveAppRequest(new Request('app://lanyard/assets'), root);
    expect(dir.status).toBe(404);
  });

  it('serves reads only', async () => {
    const res = await serveAppRequest(
      new Request('app://lanyard/index.html', { method: 'POST', body: 'x' }),
      root,
    );
    expect(res.status).toBe(405);
  });

  it('registers app: as a standard, secure scheme and serves it through protocol.handle', async () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    handleAppProtocol(root);
    const [scheme, handler] = protocol.handle.mock.calls[0] as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const res = await handler(new Request('app://lanyard/'));
    expect(res.status).toBe(200);
  });
});
