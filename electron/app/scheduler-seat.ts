// Who runs the scheduler: the seat a process holds, and how it is taken over when its holder stops.
// - Desktop / SQLite: an OS lock on a side file in the data folder (store/scheduler-lock.ts); a process that did
//   not get it retries every retryMs and takes over when the holder exits or is killed.
// - Team server / PostgreSQL: a session advisory lock on a dedicated connection (store/pg/scheduler-lock.ts) with
//   heartbeats; a replica that loses it (network cut, frozen) stops scheduling and goes back to waiting. Should two
//   replicas ever both believe they schedule, the cross-replica run lock (sync/engine/run-lock.ts) still lets only
//   one run at a time, and each run re-plans from what the other did.
// Both report the same facts for app.info and /readyz.
import pg from 'pg';
import type { Logger } from '../log/logger';
import { tryAcquireSchedulerLock, type SchedulerLock } from '../store/scheduler-lock';
import { tryAcquirePgSchedulerLock, type PgSchedulerLock } from '../store/pg/scheduler-lock';

export interface SchedulerSeat {
  /** This process holds the seat now. */
  owner(): boolean;
  /** A sentence for app.info beside "runs the scheduler" / "standby". */
  detail(): string | null;
  /** Starts trying (when the seat was not taken at once) and calls back on every change of hands. */
  watch(onGained: () => void, onLost: () => void): void;
  /** Gives the seat up: at once for the file lock (void), over the network for PostgreSQL (a promise). */
  release(): Promise<void> | void;
}

interface TakenOver {
  at: Date;
  from: string | null;
}

const takenOverText = (t: TakenOver | null, waiting: boolean): string | null => {
  if (t)
    return `took it over at ${t.at.toISOString()} when the previous owner${t.from ? ` (${t.from})` : ''} stopped`;
  return waiting ? 'this process takes it over if that one stops' : null;
};

/** The desktop's seat (SQLite data folder). `want` false: a one-shot command that never schedules. */
export const fileSchedulerSeat = (
  dataDir: string,
  want: boolean,
  retryMs: number,
  log: Logger,
  now: () => Date,
): SchedulerSeat => {
  let lock: SchedulerLock | null = want ? tryAcquireSchedulerLock(dataDir) : null;
  let takenOver: TakenOver | null = null;
  let waiting: NodeJS.Timeout | null = null;
  if (want && !lock)
    log.warn(
      `another Lanyard process runs the scheduler for this data folder; this one takes over within ${Math.ceil(retryMs / 1000)} s after it stops`,
    );
  return {
    owner: () => lock !== null,
    detail: () => takenOverText(takenOver, waiting !== null),
    watch(onGained) {
      if (!want || lock) return;
      waiting = setInterval(() => {
        let got: SchedulerLock | null;
        try {
          got = tryAcquireSchedulerLock(dataDir);
        } catch (err) {
          log.warn('could not check the scheduler lock; trying again', { error: err });
          return;
        }
        if (!got) return;
        if (waiting) clearInterval(waiting);
        waiting = null;
        lock = got;
        takenOver = { at: now(), from: got.previousPid === null ? null : `process ${got.previousPid}` };
        log.warn('took over the scheduler for this data folder: the process that ran it has stopped', {
          previousPid: got.previousPid,
        });
        onGained();
      }, retryMs);
      waiting.unref();
    },
    release() {
      if (waiting) clearInterval(waiting);
      waiting = null;
      lock?.release();
      lock = null;
    },
  };
};

/** The team server's seat (PostgreSQL), acquired before the core starts. */
export const pgSchedulerSeat = async (
  connection: pg.ClientConfig,
  want: boolean,
  retryMs: number,
  log: Logger,
  now: () => Date,
  heartbeatMs?: number,
): Promise<SchedulerSeat> => {
  const attempt = () => tryAcquirePgSchedulerLock({ connection, log, heartbeatMs });
  let lock: PgSchedulerLock | null = want ? await attempt() : null;
  let takenOver: TakenOver | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let callbacks: { gained: () => void; lost: () => void } | null = null;
  if (want && !lock)
    log.warn(
      `another Lanyard server runs the scheduler on this database; this one takes over within seconds after it stops`,
    );

  const hold = (l: PgSchedulerLock): void => {
    void l.lost.then((why) => {
      if (lock !== l || stopped) return;
      lock = null;
      log.warn('stopped scheduling: the scheduler lock was lost; trying to take it again', { reason: why });
      callbacks?.lost();
      wait();
    });
  };
  const wait = (): void => {
    if (stopped || timer) return;
    let trying = false;
    timer = setInterval(() => {
      if (trying) return;
      trying = true;
      attempt()
        .then((got) => {
          if (!got) return;
          if (stopped) return void got.release();
          if (timer) clearInterval(timer);
          timer = null;
          lock = got;
          takenOver = { at: now(), from: null };
          log.warn('took over the scheduler: the server that ran it has stopped or lost its connection');
          hold(got);
          callbacks?.gained();
        })
        .catch((err: unknown) => log.warn('could not check the scheduler lock; trying again', { error: err }))
        .finally(() => (trying = false));
    }, retryMs);
    timer.unref();
  };
  if (lock) hold(lock);

  return {
    owner: () => lock !== null,
    detail: () => takenOverText(takenOver, timer !== null),
    watch(onGained, onLost) {
      callbacks = { gained: onGained, lost: onLost };
      if (want && !lock) wait();
    },
    async release() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      const l = lock;
      lock = null;
      await l?.release();
    },
  };
};

/**
 * A seat that is still being taken (PostgreSQL: after the schema check): not the owner until it is, then the same
 * as the seat it resolves to; the watchers hear of the seat once it is there.
 */
export const deferredSeat = (taking: Promise<SchedulerSeat>): SchedulerSeat => {
  let seat: SchedulerSeat | null = null;
  let released = false;
  taking.catch(() => undefined);
  return {
    owner: () => seat?.owner() ?? false,
    detail: () => seat?.detail() ?? null,
    watch(onGained, onLost) {
      void taking
        .then((s) => {
          if (released) return void s.release();
          seat = s;
          s.watch(onGained, onLost);
          if (s.owner()) onGained();
        })
        .catch(() => undefined); // the core's `ready` reports it
    },
    async release() {
      released = true;
      const s = seat ?? (await taking.catch(() => null));
      await s?.release();
    },
  };
};

/** Connection settings for the lock's dedicated connection, from the store's URL. */
export const lockConnection = (url: string): pg.ClientConfig => ({ connectionString: url });
