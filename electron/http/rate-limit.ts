// Client-side pacing: a token bucket (requests per minute with a burst) and a concurrency cap, per connector.
// Server-sent limits (Retry-After, reset headers) are honoured separately in the client; this keeps Lanyard
// under the documented limits in the first place.

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly perMs: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly perMinute: number,
    readonly burst: number = Math.max(1, Math.ceil(perMinute / 6)),
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: Sleep = realSleep,
  ) {
    if (!(perMinute > 0)) throw new RangeError('perMinute must be positive');
    this.tokens = burst;
    this.last = now();
    this.perMs = perMinute / 60_000;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (t - this.last) * this.perMs);
    this.last = t;
  }

  /** Resolves when a request may be sent. Callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      this.refill();
      if (this.tokens < 1) {
        await this.sleep((1 - this.tokens) / this.perMs);
        this.refill();
      }
      this.tokens -= 1;
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Drains the bucket until `untilMs` (performance.now() clock): used when the server says "wait". */
  pauseUntil(untilMs: number): void {
    const wait = untilMs - this.now();
    if (wait <= 0) return;
    this.tokens = Math.min(this.tokens, 0) - wait * this.perMs;
  }
}

export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('limit must be ≥ 1');
  }
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiters.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiters.shift()?.();
    }
  }
}
