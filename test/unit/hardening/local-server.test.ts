// Hardening of `lanyard serve`'s front door (issue 15, items 4 and 5): the printed URL signs in once, the session
// cookie is its own random value, the exchange only ever redirects to `/`, and a client that dribbles its headers
// is cut off after the configured headers timeout, not Node's 30-second check interval.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { send, startFixture, type Fixture } from '../server/server-fixture';

const fixtures: Fixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.stop();
});

const start = async (opts: Parameters<typeof startFixture>[0] = {}): Promise<Fixture> => {
  const fx = await startFixture(opts);
  fixtures.push(fx);
  return fx;
};

describe('the local server sign-in link', () => {
  it('works once: the second exchange is refused with a page that says the link was used', async () => {
    const fx = await start();
    const first = await send(fx.server.port, { path: `/?token=${fx.server.token}` });
    expect(first.status).toBe(303);
    expect(first.headers['set-cookie']).toHaveLength(1);

    const second = await send(fx.server.port, { path: `/?token=${fx.server.token}` });
    expect(second.status).toBe(401);
    expect(second.headers['set-cookie']).toBeUndefined();
    expect(second.text).toContain('This link was already used');

    // The browser that used it is still signed in, and re-opening the link there just goes to the app.
    const cookie = first.headers['set-cookie']![0]!.split(';')[0]!;
    const again = await send(fx.server.port, {
      path: `/?token=${fx.server.token}`,
      headers: { Cookie: cookie },
    });
    expect(again.status).toBe(303);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((await send(fx.server.port, { path: '/', headers: { Cookie: cookie } })).status).toBe(200);
  });

  it('sets a session cookie that is a separate random value, not the token', async () => {
    const fx = await start();
    const reply = await send(fx.server.port, { path: `/?token=${fx.server.token}` });
    const cookie = reply.headers['set-cookie']![0]!;
    const value = /^lanyard_session=([^;]+);/.exec(cookie)![1]!;
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(value).not.toBe(fx.server.token);
    expect(cookie).not.toContain(fx.server.token);
    // The token as a cookie value is no session.
    const forged = await send(fx.server.port, {
      method: 'POST',
      path: '/api/rpc/settings.get',
      headers: { 'Content-Type': 'application/json', Cookie: `lanyard_session=${fx.server.token}` },
      body: '{}',
    });
    expect(forged.status).toBe(401);
  });

  it('redirects only to the fixed local path, never to /\\evil.example or any path from the request', async () => {
    for (const path of ['/\\evil.example', '/%5Cevil.example', '/\\/evil.example/x', '/settings']) {
      const fx = await start({ withRenderer: false });
      const reply = await send(fx.server.port, { path: `${path}?token=${fx.server.token}&next=1` });
      expect(reply.status, path).toBe(303);
      expect(reply.headers.location, path).toBe('/');
    }
  });
});

describe('slow clients', () => {
  it('answers 408 and closes a connection whose headers are not complete within the configured timeout', async () => {
    const fx = await start({ withRenderer: false, headersTimeoutMs: 400 });
    const socket = net.connect(fx.server.port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8').on('data', (d: string) => (received += d));
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${fx.server.port}\r\n`);
    // A header every 100 ms keeps the socket busy but never finishes the request.
    const dribble = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 100);
    const startedAt = Date.now();
    try {
      await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    } finally {
      clearInterval(dribble);
    }
    // Node's default check interval (30 s) would keep it open far longer; the test's own timeout is 10 s.
    expect(Date.now() - startedAt).toBeLessThan(8_000);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  }, 10_000);
});
