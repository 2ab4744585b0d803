// Where the server may listen: loopback by default; anything else only when explicitly allowed, with a warning.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { LanyardError } from '../../../electron/app/errors';
import { isAllowedAuthority, isLoopbackHost } from '../../../electron/server/request-guard';
import { send, startFixture } from './server-fixture';

describe('bind address', () => {
  it('refuses to listen on a non-loopback address without allowRemote', async () => {
    const err = await startFixture({ host: '0.0.0.0' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LanyardError);
    expect((err as LanyardError).code).toBe('forbidden');
    expect((err as LanyardError).hint).toContain('--allow-remote');
  });

  it('listens on a non-loopback address with allowRemote, warns, and still refuses DNS names as Host', async () => {
    const fx = await startFixture({ host: '0.0.0.0', allowRemote: true });
    try {
      expect(fx.logLines.some((l) => l.startsWith('warn') && l.includes('non-loopback'))).toBe(true);
      expect(fx.server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${fx.server.port}/\\?token=`));
      const byIp = await fx.rpc('settings.get', {}, { Host: `192.168.1.20:${fx.server.port}` });
      expect(byIp.status).toBe(200);
      const byName = await fx.rpc('settings.get', {}, { Host: `evil.example:${fx.server.port}` });
      expect(byName.status).toBe(403);
    } finally {
      await fx.stop();
    }
  });

  it('reports a port in use as a conflict', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    try {
      const port = (blocker.address() as net.AddressInfo).port;
      const err = await startFixture({ port }).catch((e: unknown) => e);
      expect((err as LanyardError).code).toBe('conflict');
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('knows which hosts are loopback', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'LOCALHOST'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.2', 'example.com', '128.0.0.1'])
      expect(isLoopbackHost(h), h).toBe(false);
  });

  it('accepts only loopback authorities with the right port by default', () => {
    const policy = { port: 4321, boundHost: '127.0.0.1', allowRemote: false };
    expect(isAllowedAuthority('127.0.0.1:4321', policy)).toBe(true);
    expect(isAllowedAuthority('[::1]:4321', policy)).toBe(true);
    expect(isAllowedAuthority('127.0.0.1', policy)).toBe(false);
    expect(isAllowedAuthority('127.0.0.1:4321@evil.example', policy)).toBe(false);
    expect(isAllowedAuthority('127.0.0.2:4321', policy)).toBe(false);
  });

  it('keeps serving plain requests on its own', async () => {
    const fx = await startFixture();
    try {
      expect((await send(fx.server.port, { path: '/', headers: fx.auth })).status).toBe(200);
    } finally {
      await fx.stop();
    }
  });
});
