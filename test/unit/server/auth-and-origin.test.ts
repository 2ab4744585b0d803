// The server's front gate: only this machine's loopback names, only its own origin, only with the launch token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, send, startFixture, type Fixture } from './server-fixture';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => {
  await fx?.stop();
});

describe('authentication', () => {
  it('answers 401 with an ApiResult to an API call without a token', async () => {
    const reply = await send(fx.server.port, {
      method: 'POST',
      path: '/api/rpc/settings.get',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(reply.status).toBe(401);
    expect(bodyOf(reply)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('answers 401 to a wrong bearer token and to a wrong cookie', async () => {
    const wrong = 'x'.repeat(fx.server.token.length);
    const bearer = await fx.rpc('settings.get', {}, { Authorization: `Bearer ${wrong}` });
    expect(bearer.status).toBe(401);
    const cookie = await send(fx.server.port, {
      method: 'POST',
      path: '/api/rpc/settings.get',
      headers: { 'Content-Type': 'application/json', Cookie: `lanyard_session=${wrong}` },
      body: '{}',
    });
    expect(cookie.status).toBe(401);
  });

  it('shows a page telling the user to open the printed address when a page is requested without a token', async () => {
    const reply = await send(fx.server.port, { path: '/' });
    expect(reply.status).toBe(401);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.text).toContain('lanyard serve');
  });

  it('accepts the bearer token', async () => {
    const reply = await fx.rpc('settings.get');
    expect(reply.status).toBe(200);
    expect(bodyOf(reply)).toMatchObject({ ok: true });
  });

  it('swaps ?token= for an HttpOnly SameSite=Strict session cookie, and the cookie then authenticates', async () => {
    const reply = await send(fx.server.port, { path: `/?token=${fx.server.token}&tab=1` });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    const setCookie = reply.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/^lanyard_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(setCookie).not.toContain(fx.server.token);

    const cookie = setCookie.split(';')[0]!;
    const page = await send(fx.server.port, { path: '/', headers: { Cookie: `other=1; ${cookie}` } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Lanyard</title>');
    const api = await send(fx.server.port, {
      method: 'POST',
      path: '/api/rpc/settings.get',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: '{}',
    });
    expect(api.status).toBe(200);
  });

  it('sets no cookie for a wrong ?token=', async () => {
    const reply = await send(fx.server.port, { path: '/?token=nope' });
    expect(reply.status).toBe(401);
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('never lets the token exchange redirect to another site', async () => {
    // The token is spent by the exchange above; a fresh server gets a fresh one.
    const own = await startFixture({ withRenderer: false });
    try {
      const reply = await send(own.server.port, { path: `//evil.example/?token=${own.server.token}` });
      expect(reply.status).toBe(303);
      expect(reply.headers.location).toBe('/');
    } finally {
      await own.stop();
    }
  });
});

describe('DNS-rebinding and cross-origin defence', () => {
  it('answers 403 to a Host that is not a loopback name, even with the token', async () => {
    const reply = await fx.rpc('settings.get', {}, { Host: `evil.example:${fx.server.port}` });
    expect(reply.status).toBe(403);
    expect(bodyOf(reply)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers 403 to a loopback Host with another port', async () => {
    const reply = await fx.rpc('settings.get', {}, { Host: `127.0.0.1:${fx.server.port + 1}` });
    expect(reply.status).toBe(403);
  });

  it('accepts localhost and [::1] as Host', async () => {
    for (const name of ['localhost', '[::1]', '127.0.0.1']) {
      const reply = await fx.rpc('settings.get', {}, { Host: `${name}:${fx.server.port}` });
      expect(reply.status, name).toBe(200);
    }
  });

  it('answers 403 to a foreign Origin, even with the token', async () => {
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${fx.server.port}`,
      'null',
      `https://127.0.0.1:${fx.server.port}`,
    ]) {
      const reply = await fx.rpc('settings.get', {}, { Origin: origin });
      expect(reply.status, origin).toBe(403);
    }
  });

  it('accepts its own origin', async () => {
    const reply = await fx.rpc('settings.get', {}, { Origin: fx.server.origin });
    expect(reply.status).toBe(200);
  });

  it('refuses a page request with a foreign Host before any token exchange', async () => {
    const reply = await send(fx.server.port, {
      path: `/?token=${fx.server.token}`,
      headers: { Host: 'evil.example' },
    });
    expect(reply.status).toBe(403);
    expect(reply.headers['set-cookie']).toBeUndefined();
  });
});

describe('security headers', () => {
  it('sends the strict CSP, nosniff and no-referrer on pages, and no-store on the API', async () => {
    const page = await send(fx.server.port, { path: '/', headers: fx.auth });
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');

    const api = await fx.rpc('settings.get');
    expect(api.headers['cache-control']).toBe('no-store');
    expect(api.headers['x-content-type-options']).toBe('nosniff');

    const denied = await send(fx.server.port, { path: '/api/rpc/settings.get', method: 'POST' });
    expect(denied.headers['x-content-type-options']).toBe('nosniff');
    expect(denied.headers['cache-control']).toBe('no-store');
  });
});
