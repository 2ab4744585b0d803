// The shared HTTP client's guards: pacing and the concurrency cap, response size caps, content-type and JSON
// checks, where credentials may be sent, and secrets kept out of errors and logs.
import { describe, expect, it } from 'vitest';
import { HttpClient, type HttpClientOptions } from '../../../electron/http/http-client';
import { HttpError } from '../../../electron/http/errors';
import { TokenBucket } from '../../../electron/http/rate-limit';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { json, recordingSleep, serve, stopServersAfterEach } from './test-server';

stopServersAfterEach();

const client = (url: string, o: Partial<HttpClientOptions> = {}) =>
  new HttpClient({ connector: 'Acme', baseUrl: url, backoffBaseMs: 1, maxBackoffMs: 2, ...o });

describe('pacing', () => {
  it('lets a burst through, then spaces requests at the per-minute rate', async () => {
    let now = 0;
    const waits: number[] = [];
    const bucket = new TokenBucket(
      60,
      2,
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    for (let i = 0; i < 5; i++) await bucket.take();
    expect(waits).toEqual([1_000, 1_000, 1_000]);
  });

  it('serves waiting callers in order', async () => {
    let now = 0;
    const bucket = new TokenBucket(
      600,
      1,
      () => now,
      async (ms) => void (now += ms),
    );
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((i) => bucket.take().then(() => order.push(i))));
    expect(order).toEqual([1, 2, 3, 4]);
    expect(now).toBe(300);
  });

  it('never has more requests in flight than the concurrency cap', async () => {
    const s = await serve((_q, res) => void setTimeout(() => json(res, 200, {}), 30));
    const c = client(s.url, { concurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => c.request({ path: `r${i}` })));
    expect(s.hits).toHaveLength(8);
    expect(s.peakInFlight).toBe(2);
  });
});

describe('response guards', () => {
  it('refuses a response whose declared size is over the cap, without retrying', async () => {
    const s = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.end(JSON.stringify({ pad: 'x'.repeat(4988) }));
    });
    const err = await client(s.url, { maxResponseBytes: 1_000 })
      .request({ path: 'big' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'too-large', attempts: 1 });
    expect((err as Error).message).toContain('response larger than 1000 bytes');
    expect(s.hits).toHaveLength(1);
  });

  it('stops reading a streamed response that grows past the cap', async () => {
    const s = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const chunk = JSON.stringify('y'.repeat(1_000));
      let sent = 0;
      const more = (): void => {
        if (res.destroyed || sent++ > 200) return void res.end(']');
        res.write(`${chunk},`, () => setImmediate(more));
      };
      more();
    });
    await expect(
      client(s.url, { maxResponseBytes: 10_000 }).request({ path: 'stream' }),
    ).rejects.toMatchObject({ kind: 'too-large' });
  });

  it('says when a base URL points at an HTML page instead of the API', async () => {
    const s = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><title>Sign in</title></html>');
    });
    const err = await client(s.url)
      .request({ path: 'users' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'bad-content-type',
      hint: expect.stringContaining('Check the base URL'),
    });
    expect((err as Error).message).toContain(
      'returned an HTML page instead of JSON (status 200, text/html; charset=utf-8)',
    );
  });

  it('refuses a non-JSON content type', async () => {
    const s = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
    const err = await client(s.url)
      .request({ path: 'users' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'bad-content-type' });
    expect((err as Error).message).toContain('returned text/plain instead of JSON');
  });

  it('reports malformed JSON as such, without retrying', async () => {
    const s = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"users": [');
    });
    const err = await client(s.url)
      .request({ path: 'users' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'bad-json', attempts: 1 });
    expect((err as Error).message).toMatch(/returned malformed JSON: /);
    expect(s.hits).toHaveLength(1);
  });

  it('mentions an HTML error page in a status error', async () => {
    const s = await serve((_q, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>Not found</html>');
    });
    await expect(client(s.url).request({ path: 'nope' })).rejects.toThrow(/answered 404 with an HTML page/);
  });
});

describe('where credentials may go', () => {
  it('refuses plain http:// except to this machine', () => {
    expect(() => client('http://example.com/api')).toThrow(
      /plain http:\/\/ is refused except to this machine/,
    );
    expect(() => client('http://10.0.0.5/api')).toThrowError(HttpError);
    expect(() => client('ftp://example.com')).toThrow(/unsupported URL scheme/);
    for (const ok of ['http://127.0.0.1:9/x', 'http://localhost:9', 'http://[::1]:9', 'https://example.com'])
      expect(() => client(ok)).not.toThrow();
  });

  it('refuses to follow a link to another origin, before sending anything', async () => {
    const s = await serve((_q, res) => json(res, 200, {}));
    const other = await serve((_q, res) => json(res, 200, {}));
    const c = client(s.url, { authorization: async () => 'Bearer secret-token-123456' });
    const err = await c.request({ path: `${other.url}/users?page=2` }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'insecure-url' });
    expect((err as Error).message).toContain('refused to follow a link to another origin');
    expect(other.hits).toHaveLength(0);
    await c.request({ path: `${s.url}/users?page=2` });
    expect(s.hits).toHaveLength(1);
  });
});

describe('secrets stay out of errors and logs', () => {
  it('never puts the Authorization token or a token in the URL query into error messages or log lines', async () => {
    const token = 'sk-live-4f9c2a7e81b3d6f0c5a9';
    const s = await serve((q, res) => json(res, 500, { echo: q.headers.authorization, url: q.url }));
    const sink = memorySink();
    const c = client(s.url, {
      authorization: async () => `Bearer ${token}`,
      log: createLogger(sink),
      maxRetries: 1,
      sleep: recordingSleep().sleep,
    });
    const err = (await c
      .request({ path: 'users', query: { access_token: token, api_key: token } })
      .catch((e: unknown) => e)) as HttpError;
    expect(err).toBeInstanceOf(HttpError);
    expect(sink.lines.length).toBeGreaterThan(0);
    for (const text of [
      err.message,
      err.url,
      err.excerpt ?? '',
      err.hint ?? '',
      JSON.stringify(err.toApiError()),
      ...sink.lines,
    ]) {
      expect(text).not.toContain(token);
    }
    expect(err.url).toContain('access_token=[redacted]');
  });
});
