// The scheduler: a cheap incremental poll often (settings.schedule.pollSeconds) and a full reconciliation less
// often (fullSyncMinutes). `decideNext` is pure — given the time, the last runs and the settings, what to run and
// when — and the loop around it is thin: one timer, re-armed after every run. Catch-up after sleep or downtime is a
// property of the decision: an overdue full sync runs ONCE on wake (a full run also counts as a poll), never once
// per missed interval. Runs never overlap (the sync service's run lock); only the scheduler-lock owner schedules.
import type { Schedule } from '../../../shared/domain/settings';
import type { SchedulerStatus } from '../../../shared/api/methods-sync';
import type { Logger } from '../../log/logger';
import type { RunKind } from '../../../shared/api/methods-sync';

export interface ScheduleState {
  now: number;
  lastPollAt: number | null;
  lastFullAt: number | null;
  running: boolean;
}

export type Decision =
  | { action: 'run'; kind: 'poll' | 'full' }
  | { action: 'wait'; kind: 'poll' | 'full'; at: number }
  | { action: 'paused' };

/** What to do now: run a poll or a full sync, or wait until `at`. */
export const decideNext = (s: ScheduleState, schedule: Schedule): Decision => {
  if (schedule.paused) return { action: 'paused' };
  const fullDue = s.lastFullAt === null ? s.now : s.lastFullAt + schedule.fullSyncMinutes * 60_000;
  const lastAny = Math.max(s.lastPollAt ?? -Infinity, s.lastFullAt ?? -Infinity);
  const pollDue = Number.isFinite(lastAny) ? lastAny + schedule.pollSeconds * 1000 : s.now;
  // An overdue full sync wins over a poll (it brings the directory up to date too).
  const next =
    fullDue <= s.now || fullDue <= pollDue
      ? { kind: 'full' as const, at: fullDue }
      : { kind: 'poll' as const, at: pollDue };
  // While a run is in progress, only wait: the loop asks again when it ends.
  if (!s.running && next.at <= s.now) return { action: 'run', kind: next.kind };
  return { action: 'wait', kind: next.kind, at: Math.max(next.at, s.now) };
};

export interface SchedulerDeps {
  /** Read from the store before each decision. */
  schedule: () => Schedule | Promise<Schedule>;
  now: () => number;
  /** Starts a run (resolves when it ends; rejections are logged, never thrown out of the loop). */
  run: (kind: RunKind, trigger: string) => Promise<unknown>;
  running: () => boolean;
  /** When each kind last ran, from the runs table, so a restart does not run everything at once. */
  lastRun: (kind: 'poll' | 'full') => Promise<number | null>;
  /** A run can happen at all (a directory is configured). */
  ready: () => boolean | Promise<boolean>;
  log: Logger;
  /**
   * Work the scheduler owner does after each scheduled run, over what it just read (starting due access reviews).
   * Its failures are logged; it never stops the loop.
   */
  afterRun?: () => void | Promise<void>;
  /** Upper bound for one timer, so a changed schedule or a wake from sleep is noticed soon. */
  maxSleepMs?: number;
}

export const createScheduler = (deps: SchedulerDeps) => {
  // Read from the runs table when the scheduler starts, before its first decision.
  let lastPollAt: number | null = null;
  let lastFullAt: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let active = false;
  let inFlight: Promise<unknown> | null = null;
  let next: SchedulerStatus['next'] = null;
  /** The schedule the last decision was made on (status() answers with it). */
  let schedule: Schedule | null = null;

  const arm = (ms: number): void => {
    if (!active) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, Math.max(0, Math.min(ms, deps.maxSleepMs ?? 30_000)));
    timer.unref();
  };

  const runKind = (kind: RunKind, trigger: string): Promise<unknown> => {
    const at = deps.now();
    if (kind === 'full') lastFullAt = at;
    lastPollAt = at; // a full run also brings the directory up to date
    const p = deps
      .run(kind, trigger)
      .catch((err: unknown) => deps.log.warn('scheduled run failed', { kind, error: (err as Error).message }))
      .then(() => deps.afterRun?.())
      .catch((err: unknown) => deps.log.warn('after-run duty failed', { error: (err as Error).message }))
      .finally(() => {
        if (inFlight === p) inFlight = null;
        arm(0);
      });
    inFlight = p;
    return p;
  };

  /** Reads the schedule and whether a run can happen (the store), then decides; no other tick decides meanwhile. */
  function tick(): void {
    timer = null;
    if (!active || inFlight) return;
    const read: Promise<unknown> = Promise.all([deps.ready(), deps.schedule()])
      .then(([ready, s]) => {
        if (inFlight === read) inFlight = null;
        schedule = s;
        if (active) decide(ready, s);
      })
      .catch((err: unknown) => {
        if (inFlight === read) inFlight = null;
        deps.log.warn('could not read the schedule', { error: (err as Error).message });
        arm((schedule?.pollSeconds ?? 60) * 1000);
      });
    inFlight = read;
  }

  function decide(ready: boolean, s: Schedule): void {
    const now = deps.now();
    if (!ready) {
      next = null;
      return arm(s.pollSeconds * 1000);
    }
    const d = decideNext({ now, lastPollAt, lastFullAt, running: deps.running() }, s);
    if (d.action === 'paused') {
      next = null;
      return arm(s.pollSeconds * 1000);
    }
    if (d.action === 'run') {
      next = { kind: d.kind, at: new Date(now).toISOString() };
      void runKind(d.kind, 'schedule');
      return;
    }
    next = { kind: d.kind, at: new Date(d.at).toISOString() };
    arm(d.at - now);
  }

  return {
    start(): void {
      if (active) return;
      active = true;
      const load = Promise.all([deps.lastRun('poll'), deps.lastRun('full')])
        .then(([poll, full]) => {
          // A run noted while loading is the later one.
          lastPollAt ??= poll;
          lastFullAt ??= full;
        })
        .catch((err: unknown) =>
          deps.log.warn('could not read the last runs', { error: (err as Error).message }),
        )
        .finally(() => {
          if (inFlight === load) inFlight = null;
          arm(0);
        });
      inFlight = load; // no tick decides before the last runs are known
    },
    async stop(): Promise<void> {
      active = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight;
    },
    /** A run happened outside the schedule ("sync now", `lanyard sync`): the next poll counts from it. */
    noteRun(kind: RunKind): void {
      const at = deps.now();
      if (kind === 'full') lastFullAt = at;
      lastPollAt = at;
      arm(0);
    },
    status(): Pick<SchedulerStatus, 'active' | 'paused' | 'lastPollAt' | 'lastFullAt' | 'next'> {
      const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());
      return {
        active,
        paused: schedule?.paused ?? false,
        lastPollAt: iso(lastPollAt),
        lastFullAt: iso(lastFullAt),
        next: active ? next : null,
      };
    },
  };
};

export type Scheduler = ReturnType<typeof createScheduler>;
