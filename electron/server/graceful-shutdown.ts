// Graceful shutdown of a long-running Lanyard (`lanyard server`, `lanyard serve`) on SIGTERM or SIGINT:
// 1. stop accepting: the HTTP listener closes (requests already being answered finish) and the scheduler starts
//    no new run;
// 2. drain: wait, at most `timeoutMs`, for the answers in progress, the scheduled run in flight and any other sync
//    run of this process (a manual run, an offboarding) to end;
// 3. then close the core and resolve 0; or, when the bound passes first, exit at once with 1 — the run's remaining
//    ops stay in the journal, written before their requests, and the next start's run reconciles them (an op left
//    `running` is checked against the re-read app before anything is sent again), as after a crash.
// A second signal during the drain exits at once (128 + the signal's number). Every step is logged.
import { constants } from 'node:os';
import type { Lanyard } from '../app/create-lanyard';
import type { Logger } from '../log/logger';
import type { LanyardHttpServer } from './http-server';

export const DEFAULT_SHUTDOWN_TIMEOUT_S = 30;
export const SHUTDOWN_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
/** Exit code when the bound passed with work still in flight (journaled, resumed by the next start). */
export const EXIT_SHUTDOWN_TIMED_OUT = 1;

export interface Drainable {
  /** Stops listening; resolves once the requests in progress have been answered. */
  closeHttp(): Promise<void>;
  /** Stops scheduling; resolves once the scheduled run in flight (if any) has ended. */
  stopScheduler(): Promise<void>;
  /** Whether a sync run of this process is in progress (a manual run or an offboarding, too). */
  runInProgress(): boolean;
  /** Closes the core (the store, the scheduler lock); called only once everything above has ended. */
  closeCore(): Promise<void> | void;
}

export interface ShutdownOptions {
  log: Logger;
  timeoutMs: number;
  /** Ends the process at once (default process.exit); tests pass their own. */
  exit?: (code: number) => void;
  /** Where signals come from (default: the process). */
  signals?: Pick<NodeJS.Process, 'on' | 'off'>;
  /** How often runInProgress() is asked during the drain (default 100 ms). */
  pollMs?: number;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const signalExitCode = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 15);

/**
 * Resolves with the first SIGTERM or SIGINT. From then on, another one ends the process at once (logged), so a
 * stuck drain can always be cut short by a second Ctrl-C.
 */
export const firstSignal = (
  opts: Pick<ShutdownOptions, 'log' | 'exit' | 'signals'>,
): Promise<NodeJS.Signals> => {
  const source = opts.signals ?? process;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  return new Promise((resolve) => {
    const onFirst = (signal: NodeJS.Signals): void => {
      for (const s of SHUTDOWN_SIGNALS) source.off(s, onFirst);
      const onSecond = (again: NodeJS.Signals): void => {
        opts.log.warn('second signal: exiting now without waiting', { signal: again });
        exit(signalExitCode(again));
      };
      for (const s of SHUTDOWN_SIGNALS) source.on(s, onSecond);
      resolve(signal);
    };
    for (const s of SHUTDOWN_SIGNALS) source.on(s, onFirst);
  });
};

/** Waits until `done()` holds, asking every `pollMs`. */
const until = async (done: () => boolean, pollMs: number): Promise<void> => {
  while (!done()) await delay(pollMs);
};

/** Steps 1–3 above, after `signal`. Resolves with 0 when everything ended in time; otherwise exits with 1. */
export const shutDown = async (
  signal: NodeJS.Signals,
  target: Drainable,
  opts: ShutdownOptions,
): Promise<number> => {
  const { log, timeoutMs } = opts;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const started = Date.now();
  log.info('shutting down', { signal, timeoutSeconds: timeoutMs / 1000 });
  const http = target.closeHttp().then(() => log.info('http server closed: no request in progress'));
  const scheduler = target
    .stopScheduler()
    .then(() => log.info('scheduler stopped: no scheduled run in flight'));
  log.info('stopped accepting requests and scheduled runs; waiting for work in progress', {
    runInProgress: target.runInProgress(),
  });
  const drained = Promise.all([http, scheduler])
    .then(() => until(() => !target.runInProgress(), opts.pollMs ?? 100))
    .then(() => true as const);
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const inTime = await Promise.race([drained, bound]);
  clearTimeout(timer);
  if (!inTime) {
    log.warn(
      'shutdown timed out with work in progress: exiting; the interrupted run’s remaining ops stay journaled and the next start reconciles them',
      { timeoutSeconds: timeoutMs / 1000, runInProgress: target.runInProgress() },
    );
    exit(EXIT_SHUTDOWN_TIMED_OUT);
    return EXIT_SHUTDOWN_TIMED_OUT;
  }
  await target.closeCore();
  log.info('stopped', { signal, seconds: Math.round((Date.now() - started) / 100) / 10 });
  return 0;
};

/** What a running core and its HTTP server give the shutdown. */
export const drainableFor = (
  core: Pick<Lanyard, 'sync' | 'stopScheduling' | 'shutdown'>,
  server: Pick<LanyardHttpServer, 'close'>,
): Drainable => ({
  closeHttp: () => server.close(),
  stopScheduler: () => core.stopScheduling(),
  runInProgress: () => core.sync.service.busy,
  closeCore: () => core.shutdown(),
});
