// /healthz and /readyz: answered without a session (a process manager has none), still behind the Host check,
// honest about what is wrong (503 with the failing check), and saying nothing secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../../electron/store/migrations/index';
import type { Readiness } from '../../../electron/server/probes';
import { bodyOf, send, startFixture, type Fixture } from './server-fixture';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(async () => {
  await fx?.stop();
});

describe('liveness and readiness probes', () => {
  it('/healthz answers 200 without a token, and HEAD without a body', async () => {
    const get = await send(fx.server.port, { path: '/healthz' });
    expect([get.status, bodyOf(get)]).toEqual([200, { status: 'ok' }]);
    expect(get.headers['cache-control']).toMatch(/no-store/);
    const head = await send(fx.server.port, { method: 'HEAD', path: '/healthz' });
    expect([head.status, head.text]).toEqual([200, '']);
  });

  it('/readyz reports the database, the schema and the scheduler as ready', async () => {
    const reply = await send(fx.server.port, { path: '/readyz' });
    expect(reply.status).toBe(200);
    const r = bodyOf<Readiness>(reply);
    expect(r.ready).toBe(true);
    expect(r.checks.map((c) => [c.name, c.ok])).toEqual([
      ['database', true],
      ['migrations', true],
      ['scheduler', true],
    ]);
    expect(r.checks[1]!.detail).toBe(`schema ${latestSchemaVersion} is current`);
    // Nothing about where the data lives.
    expect(reply.text).not.toContain(fx.root);
  });

  it('refuses other methods and other hosts like every route', async () => {
    const post = await send(fx.server.port, { method: 'POST', path: '/readyz', body: '{}' });
    expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
    const foreign = await send(fx.server.port, { path: '/healthz', headers: { Host: 'evil.example' } });
    expect(foreign.status).toBe(403);
  });

  it('answers 503 naming the schema when the database is newer than this build', async () => {
    const db = fx.core.context.db;
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    try {
      const reply = await send(fx.server.port, { path: '/readyz' });
      expect(reply.status).toBe(503);
      expect(bodyOf<Readiness>(reply).checks.find((c) => c.name === 'migrations')).toEqual({
        name: 'migrations',
        ok: false,
        detail: `schema ${latestSchemaVersion + 1}, but this build expects ${latestSchemaVersion}`,
      });
    } finally {
      db.pragma(`user_version = ${latestSchemaVersion}`);
    }
  });

  it('answers 503 when the database does not answer, while /healthz still says the process is up', async () => {
    const other = await startFixture();
    try {
      other.core.context.db.close();
      const reply = await send(other.server.port, { path: '/readyz' });
      expect(reply.status).toBe(503);
      const r = bodyOf<Readiness>(reply);
      expect(r.checks.map((c) => [c.name, c.ok])).toEqual([
        ['database', false],
        ['migrations', false],
      ]);
      expect(r.checks[0]!.detail).toMatch(/^does not answer: /);
      expect((await send(other.server.port, { path: '/healthz' })).status).toBe(200);
    } finally {
      await other.stop();
    }
  });
});
