// The shutdown sequence on its own, with a stand-in for the core and the HTTP server whose work in progress the
// test controls: it waits for that work within the bound and closes the core after it; past the bound it exits 1
// without closing the core under a running sync; a second signal exits at once.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { firstSignal, shutDown, type Drainable } from '../../../electron/server/graceful-shutdown';

interface Stand {
  target: Drainable;
  steps: string[];
  finishRun(): void;
  finishRequest(): void;
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

/** A server with one request in progress and a core with one (non-scheduled) run in progress. */
const stand = (): Stand => {
  const steps: string[] = [];
  const request = deferred();
  let running = true;
  return {
    steps,
    target: {
      closeHttp: () => {
        steps.push('http closing');
        return request.promise.then(() => void steps.push('http closed'));
      },
      stopScheduler: () => {
        steps.push('scheduler stopping');
        return Promise.resolve();
      },
      runInProgress: () => running,
      closeCore: () => void steps.push('core closed'),
    },
    finishRun: () => {
      running = false;
      steps.push('run ended');
    },
    finishRequest: () => request.resolve(),
  };
};

const logger = () => {
  const sink = memorySink();
  return { log: createLogger(sink), lines: sink.lines };
};

describe('shutDown', () => {
  it('stops accepting at once, waits for the request and the run, then closes the core and resolves 0', async () => {
    const s = stand();
    const { log, lines } = logger();
    const exits: number[] = [];
    const done = shutDown('SIGTERM', s.target, {
      log,
      timeoutMs: 5_000,
      pollMs: 5,
      exit: (c) => exits.push(c),
    });
    expect(s.steps).toEqual(['http closing', 'scheduler stopping']);
    setTimeout(() => s.finishRequest(), 20);
    setTimeout(() => s.finishRun(), 60);
    expect(await done).toBe(0);
    expect(s.steps).toEqual([
      'http closing',
      'scheduler stopping',
      'http closed',
      'run ended',
      'core closed',
    ]);
    expect(exits).toEqual([]);
    expect(lines.some((l) => l.startsWith('info [lanyard] stopped'))).toBe(true);
  });

  it('exits 1 when the bound passes with the run still going, and leaves the core open under it', async () => {
    const s = stand();
    s.finishRequest();
    const { log, lines } = logger();
    const exits: number[] = [];
    const started = Date.now();
    const code = await shutDown('SIGINT', s.target, {
      log,
      timeoutMs: 150,
      pollMs: 5,
      exit: (c) => exits.push(c),
    });
    expect(code).toBe(1);
    expect(exits).toEqual([1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(s.steps).not.toContain('core closed');
    expect(
      lines.some((l) => l.startsWith('warn [lanyard] shutdown timed out') && l.includes('journaled')),
    ).toBe(true);
  });
});

describe('firstSignal', () => {
  it('resolves with the first signal and exits at once with 128 + N on the second', async () => {
    const source = new EventEmitter();
    const { log, lines } = logger();
    const exits: number[] = [];
    const first = firstSignal({
      log,
      exit: (c) => exits.push(c),
      signals: source as unknown as Pick<NodeJS.Process, 'on' | 'off'>,
    });
    source.emit('SIGTERM', 'SIGTERM');
    expect(await first).toBe('SIGTERM');
    expect(exits).toEqual([]);
    source.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([130]);
    expect(lines.some((l) => l.includes('second signal'))).toBe(true);
    // Only the second-signal handlers remain: one per signal.
    expect(source.listenerCount('SIGTERM')).toBe(1);
    expect(source.listenerCount('SIGINT')).toBe(1);
  });
});
