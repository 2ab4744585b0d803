// GET /api/events: the core's events reach the browser as server-sent events, and closed streams unsubscribe.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '../../../shared/api/events';
import type { EventBus } from '../../../electron/app/event-bus';
import { formatEvent } from '../../../electron/server/event-stream';
import { send, startFixture, type Fixture } from './server-fixture';

interface OpenStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Resolves with the text received so far once it contains `needle`. */
  waitFor(needle: string): Promise<string>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

const openStream = (port: number, headers: Record<string, string>): Promise<OpenStream> =>
  new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/events', headers, agent: false },
      (res) => {
        let text = '';
        const waiters: { needle: string; done: (t: string) => void }[] = [];
        const ended = new Promise<void>((done) => res.on('end', () => done()));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          for (const w of [...waiters]) {
            if (text.includes(w.needle)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.done(text);
            }
          }
        });
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          waitFor: (needle) =>
            text.includes(needle)
              ? Promise.resolve(text)
              : new Promise((done) => waiters.push({ needle, done })),
          ended,
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });

/** The real event bus, counting live subscriptions so the test can see the server unsubscribe. */
const countingBus = (bus: EventBus): EventBus & { live: () => number } => {
  let live = 0;
  return {
    emit: bus.emit,
    subscribe(listener) {
      live++;
      const off = bus.subscribe(listener);
      return () => {
        live--;
        return off();
      };
    },
    live: () => live,
  };
};

let fx: Fixture;
let bus: ReturnType<typeof countingBus>;
beforeAll(async () => {
  fx = await startFixture({
    wrapEvents: (real) => {
      bus = countingBus(real);
      return bus;
    },
  });
});
afterAll(async () => {
  await fx?.stop();
});

describe('server-sent events', () => {
  it('delivers settings.changed after a settings.set call', async () => {
    const stream = await openStream(fx.server.port, fx.auth);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(stream.headers['cache-control']).toBe('no-store');
      await stream.waitFor(': connected');

      const set = await fx.rpc('settings.set', { guardrails: { maxDeprovisionsPerRun: 7 } });
      expect(set.status).toBe(200);

      const text = await stream.waitFor('event: settings.changed\n');
      const block = text.slice(text.indexOf('event: settings.changed\n'));
      const dataLine = block.split('\n')[1]!;
      expect(dataLine.startsWith('data: ')).toBe(true);
      const envelope = JSON.parse(dataLine.slice('data: '.length)) as EventEnvelope<'settings.changed'>;
      expect(envelope.event).toBe('settings.changed');
      expect(envelope.data.guardrails.maxDeprovisionsPerRun).toBe(7);
      expect(typeof envelope.at).toBe('string');
    } finally {
      stream.close();
    }
  });

  it('unsubscribes from the core when the browser closes the stream', async () => {
    // Streams of earlier tests may still be closing; start from none.
    await vi.waitFor(() => expect(bus.live()).toBe(0));
    const stream = await openStream(fx.server.port, fx.auth);
    await stream.waitFor(': connected');
    expect(bus.live()).toBe(1);
    stream.close();
    await vi.waitFor(() => expect(bus.live()).toBe(0));
  });

  it('refuses the stream without the token', async () => {
    const reply = await send(fx.server.port, { path: '/api/events' });
    expect(reply.status).toBe(401);
  });

  it('ends open streams when the server shuts down, instead of hanging', async () => {
    const f2 = await startFixture();
    const stream = await openStream(f2.server.port, f2.auth);
    await stream.waitFor(': connected');
    await f2.stop();
    await stream.ended;
  });

  it('writes each event as one event: line and one data: line', () => {
    const text = formatEvent({
      event: 'workspace.changed',
      data: { summary: 'a\nb' },
      at: '2026-01-01T00:00:00.000Z',
    });
    expect(text).toBe(
      'event: workspace.changed\ndata: {"event":"workspace.changed","data":{"summary":"a\\nb"},"at":"2026-01-01T00:00:00.000Z"}\n\n',
    );
  });
});
