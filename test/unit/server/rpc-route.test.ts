// POST /api/rpc/<method>: every contract method is served, inputs are validated, bodies are capped.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames } from '../../../shared/api/contract';
import type { Handlers } from '../../../electron/app/handlers';
import { bodyOf, send, startFixture, type Fixture, type Reply } from './server-fixture';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture({ maxBodyBytes: 4096 });
});
afterAll(async () => {
  await fx?.stop();
});

/** Declares a large body but sends only its first bytes: the answer must come from the header alone. */
const sendDeclaredBody = (port: number, declared: number, headers: Record<string, string>): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/rpc/settings.set',
        agent: false,
        headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(declared) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          req.destroy();
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    req.write('{"guardrails":');
  });

describe('contract coverage', () => {
  it('serves every method of the contract (none is an unknown method)', async () => {
    const missing: string[] = [];
    for (const name of methodNames) {
      const reply = await fx.rpc(name, {});
      // A served method may still answer 404 for a missing thing ("no directory is configured"); only the
      // transport's own "Unknown method" answer means the method has no handler.
      const body = bodyOf(reply) as { ok: boolean; error?: { message?: string } };
      if (reply.status === 404 && /^Unknown method/.test(body.error?.message ?? '')) missing.push(name);
      expect(reply.headers['content-type'], name).toMatch(/^application\/json/);
      expect(bodyOf(reply).ok === true || reply.status >= 400, name).toBe(true);
    }
    expect(missing).toEqual([]);
  });

  it('answers 404 for a contract method whose handler is missing, so the coverage test has teeth', async () => {
    const [first] = methodNames;
    const handlers = { ...fx.core.handlers } as Partial<Handlers>;
    delete handlers[first!];
    const partial = await startFixture({ core: { handlers: handlers as Handlers, events: fx.core.events } });
    try {
      const reply = await partial.rpc(first!, {});
      expect(reply.status).toBe(404);
      expect(bodyOf(reply)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      await partial.stop();
    }
  });

  it('answers 404 with not_found for an unknown method', async () => {
    const reply = await fx.rpc('nope.nothing', {});
    expect(reply.status).toBe(404);
    expect(bodyOf(reply)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers 404 for an unknown /api route', async () => {
    const reply = await send(fx.server.port, { path: '/api/other', headers: fx.auth });
    expect(reply.status).toBe(404);
    expect(bodyOf(reply)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('input', () => {
  it('answers 400 naming the offending field when the input fails the contract', async () => {
    const reply = await fx.rpc('settings.set', { guardrails: { maxDeprovisionsPerRun: 'x' } });
    expect(reply.status).toBe(400);
    const body = bodyOf(reply);
    expect(body.ok).toBe(false);
    expect(body.error?.code).toBe('bad_input');
    expect(body.error?.path).toBe('guardrails.maxDeprovisionsPerRun');
  });

  it('runs a valid call and returns its value', async () => {
    const reply = await fx.rpc('settings.set', { guardrails: { maxDeprovisionsPerRun: 3 } });
    expect(reply.status).toBe(200);
    expect(
      bodyOf<{ ok: true; value: { guardrails: { maxDeprovisionsPerRun: number } } }>(reply).value.guardrails
        .maxDeprovisionsPerRun,
    ).toBe(3);
  });

  it('treats an empty body as {}', async () => {
    const reply = await send(fx.server.port, {
      method: 'POST',
      path: '/api/rpc/settings.get',
      headers: fx.auth,
    });
    expect(reply.status).toBe(200);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const reply = await send(fx.server.port, {
      method: 'POST',
      path: '/api/rpc/settings.set',
      headers: { ...fx.auth, 'Content-Type': 'application/json' },
      body: '{"guardrails":',
    });
    expect(reply.status).toBe(400);
    expect(bodyOf(reply)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('answers 415 to a form or text body', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const reply = await send(fx.server.port, {
        method: 'POST',
        path: '/api/rpc/settings.set',
        headers: { ...fx.auth, 'Content-Type': type },
        body: '{}',
      });
      expect(reply.status, type).toBe(415);
    }
    const untyped = await send(fx.server.port, {
      method: 'POST',
      path: '/api/rpc/settings.set',
      headers: fx.auth,
      body: '{}',
    });
    expect(untyped.status).toBe(415);
  });

  it('accepts application/json with a charset', async () => {
    const reply = await fx.rpc('settings.get', {}, { 'Content-Type': 'application/json; charset=utf-8' });
    expect(reply.status).toBe(200);
  });

  it('answers 405 to anything but POST', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const reply = await send(fx.server.port, { method, path: '/api/rpc/settings.get', headers: fx.auth });
      expect(reply.status, method).toBe(405);
      expect(reply.headers.allow).toBe('POST');
    }
  });
});

describe('body size cap', () => {
  it('answers 413 from the declared length, without waiting for the body', async () => {
    const reply = await sendDeclaredBody(fx.server.port, 10 * 1024 * 1024, fx.auth);
    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe('close');
    expect(bodyOf(reply)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('answers 413 to a chunked body that grows past the cap', async () => {
    const big = JSON.stringify({ config: 'x'.repeat(8192) });
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: fx.server.port,
          method: 'POST',
          path: '/api/rpc/config.apply',
          agent: false,
          headers: { ...fx.auth, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            req.destroy();
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            });
          });
        },
      );
      req.on('error', reject);
      req.write(big);
    });
    expect(reply.status).toBe(413);
  });

  it('stays up and answers the next call after refusing a large body', async () => {
    await sendDeclaredBody(fx.server.port, 10 * 1024 * 1024, fx.auth);
    expect((await fx.rpc('settings.get')).status).toBe(200);
  });
});
