// The shared HTTP client retries what is safe to retry, a bounded number of times, waiting as the server says
// (Retry-After in seconds or as a date, X-Rate-Limit-Reset / x-ratelimit-reset) or with jittered backoff.
import { describe, expect, it } from 'vitest';
import { HttpClient, type HttpClientOptions } from '../../../electron/http/http-client';
import { backoffMs, serverWaitMs } from '../../../electron/http/retry-policy';
import { json, recordingSleep, serve, stopServersAfterEach } from './test-server';

stopServersAfterEach();

const client = (url: string, o: Partial<HttpClientOptions> = {}) =>
  new HttpClient({ connector: 'Acme', baseUrl: url, backoffBaseMs: 100, maxBackoffMs: 1_000, ...o });

describe('retries', () => {
  it('retries a GET after 5xx answers a bounded number of times, then fails with the attempts counted', async () => {
    const s = await serve((_q, res) => json(res, 502, { error: 'bad gateway' }));
    const { sleep, waits } = recordingSleep();
    const err = await client(s.url, { maxRetries: 3, sleep })
      .request({ path: 'users' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'status', status: 502, attempts: 4 });
    expect(s.hits).toHaveLength(4);
    expect(waits).toHaveLength(3);
  });

  it('succeeds when the server recovers within the retries', async () => {
    const s = await serve((_q, res, n) => (n < 3 ? json(res, 503, {}) : json(res, 200, { ok: true })));
    const r = await client(s.url, { sleep: recordingSleep().sleep }).request({ path: 'users' });
    expect(r).toMatchObject({ status: 200, attempts: 3, body: { ok: true } });
  });

  it('does not retry a POST after a 5xx (it may have happened) unless told it is safe', async () => {
    const s = await serve((_q, res) => json(res, 500, {}));
    const c = client(s.url, { maxRetries: 2, sleep: recordingSleep().sleep });
    await expect(c.request({ method: 'POST', path: 'users', json: {} })).rejects.toMatchObject({
      status: 500,
      attempts: 1,
    });
    expect(s.hits).toHaveLength(1);
    await expect(
      c.request({ method: 'POST', path: 'users', json: {}, retryUnsafe: true }),
    ).rejects.toMatchObject({ attempts: 3 });
    expect(s.hits).toHaveLength(4);
  });

  it('retries a GET that timed out, and reports a timeout when every attempt does', async () => {
    const s = await serve((_q, res, n) => {
      if (n === 1) return; // never answers
      json(res, 200, { n });
    });
    const r = await client(s.url, { timeoutMs: 150, sleep: recordingSleep().sleep }).request({
      path: 'slow',
    });
    expect(r).toMatchObject({ attempts: 2, body: { n: 2 } });

    const never = await serve(() => undefined);
    const err = await client(never.url, { timeoutMs: 100, maxRetries: 1, sleep: recordingSleep().sleep })
      .request({ path: 'x', label: 'list users' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect((err as Error).message).toBe(
      `Acme: list users: no complete answer within 100 ms (GET ${never.url}/x)`,
    );
  });

  it('waits with full-jitter exponential backoff, capped', () => {
    expect(backoffMs(0, 100, 1_000, () => 1)).toBe(100);
    expect(backoffMs(3, 100, 1_000, () => 1)).toBe(800);
    expect(backoffMs(5, 100, 1_000, () => 1)).toBe(1_000);
    expect(backoffMs(5, 100, 1_000, () => 0.25)).toBe(250);
    expect(backoffMs(2, 100, 1_000, () => 0)).toBe(0);
  });

  it('keeps its backoff waits within the exponential bounds', async () => {
    const s = await serve((_q, res) => json(res, 500, {}));
    const { sleep, waits } = recordingSleep();
    await client(s.url, { maxRetries: 4, sleep })
      .request({ path: 'x' })
      .catch(() => undefined);
    waits.forEach((w, i) => expect(w).toBeLessThanOrEqual(Math.min(1_000, 100 * 2 ** i)));
  });
});

describe('server-directed waits', () => {
  it('honours Retry-After in seconds on 429, even for a POST', async () => {
    const s = await serve((_q, res, n) =>
      n === 1 ? json(res, 429, {}, { 'retry-after': '7' }) : json(res, 201, { id: 1 }),
    );
    const { sleep, waits } = recordingSleep();
    const r = await client(s.url, { sleep }).request({ method: 'POST', path: 'users', json: {} });
    expect(r.status).toBe(201);
    expect(waits).toEqual([7_000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const s = await serve((_q, res, n) =>
      n === 1 ? json(res, 503, {}, { 'retry-after': at }) : json(res, 200, {}),
    );
    const { sleep, waits } = recordingSleep();
    await client(s.url, { sleep }).request({ path: 'x' });
    expect(waits[0]).toBeGreaterThan(25_000);
    expect(waits[0]).toBeLessThanOrEqual(30_000);
  });

  it.each([
    ['X-Rate-Limit-Reset (Okta)', 'x-rate-limit-remaining', 'x-rate-limit-reset'],
    ['x-ratelimit-reset (GitHub, Auth0)', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
  ])('waits until %s on a rate-limited answer', async (_label, remaining, reset) => {
    const resetAt = String(Math.floor(Date.now() / 1000) + 20);
    const s = await serve((_q, res, n) =>
      n === 1 ? json(res, 429, {}, { [remaining]: '0', [reset]: resetAt }) : json(res, 200, {}),
    );
    const { sleep, waits } = recordingSleep();
    await client(s.url, { sleep }).request({ path: 'x' });
    expect(waits[0]).toBeGreaterThan(15_000);
    expect(waits[0]).toBeLessThanOrEqual(20_000);
  });

  it('holds the next request when a successful answer says the window is used up', async () => {
    const resetAt = String(Math.floor(Date.now() / 1000) + 10);
    const s = await serve((_q, res) =>
      json(res, 200, {}, { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': resetAt }),
    );
    const { sleep, waits } = recordingSleep();
    const c = client(s.url, { sleep });
    await c.request({ path: 'a' });
    expect(waits).toEqual([]);
    await c.request({ path: 'b' });
    expect(waits[0]).toBeGreaterThan(5_000);
  });

  it('gives up rather than wait longer than allowed', async () => {
    const s = await serve((_q, res) => json(res, 429, {}, { 'retry-after': '3600' }));
    const err = await client(s.url, { sleep: recordingSleep().sleep, maxServerWaitMs: 60_000 })
      .request({ path: 'x' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rate-limited' });
    expect((err as Error).message).toContain('asked Lanyard to wait 3600 s, longer than the 60 s allowed');
  });

  it('reads wait headers as a pure function too', () => {
    const h = (o: Record<string, string>) => new Headers(o);
    expect(serverWaitMs(h({ 'retry-after': '2' }))).toBe(2_000);
    expect(serverWaitMs(h({ 'retry-after': new Date(61_000).toUTCString() }), 1_000)).toBe(60_000);
    expect(
      serverWaitMs(h({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000030' }), 1_700_000_000_000),
    ).toBe(30_000);
    expect(
      serverWaitMs(h({ 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '1700000030' }), 1_700_000_000_000),
    ).toBeUndefined();
  });
});

describe('credential refresh', () => {
  it('on a 401, lets the token provider drop its token and retries once with a new one', async () => {
    const s = await serve((q, res) =>
      q.headers.authorization === 'Bearer new' ? json(res, 200, { ok: true }) : json(res, 401, {}),
    );
    let token = 'old';
    let invalidated = 0;
    const c = client(s.url, {
      authorization: async () => `Bearer ${token}`,
      onUnauthorized: () => {
        invalidated++;
        token = 'new';
      },
    });
    expect((await c.request({ path: 'x' })).body).toEqual({ ok: true });
    expect(invalidated).toBe(1);
    expect(s.hits.map((h) => h.headers.authorization)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('fails after one refresh when the new credentials are rejected too', async () => {
    const s = await serve((_q, res) => json(res, 401, {}));
    let invalidated = 0;
    const c = client(s.url, {
      authorization: async () => 'Bearer x',
      onUnauthorized: () => void invalidated++,
    });
    await expect(c.request({ path: 'x' })).rejects.toMatchObject({ status: 401 });
    expect(invalidated).toBe(1);
    expect(s.hits).toHaveLength(2);
  });
});
