// Plain inputs for the status computation's tests: runs as the runs table gives them (titled by runTitle) and a
// calm workspace (one directory, one app, a scheduler that runs here) that each test changes one thing of.
import type { RunStats, RunView, SchedulerStatus } from '../../../shared/api/methods-sync';
import type { StatusInput } from '../../../electron/app/status/status-summary';
import { emptyAppStats, runTitle } from '../../../electron/sync/engine/stats';

export const BEFORE_PLANNING = 'The run stopped before planning, so nothing was changed in any app: ';
export const OKTA_DOWN = 'Okta answered 503 Service Unavailable (GET /api/v1/logs)';

const stats = (over: Partial<RunStats> = {}): RunStats => ({
  durationMs: 800,
  opsByKind: {},
  planned: 0,
  applied: 0,
  failed: 0,
  held: 0,
  skipped: 0,
  directory: { mode: 'delta', people: 24, requests: 1, suspicious: false },
  apps: { acme: emptyAppStats() },
  ...over,
});

/** A finished run `minutesAgo` before 12:00 UTC. */
export const run = (id: number, minutesAgo: number, over: Partial<Omit<RunView, 'title'>> = {}): RunView => {
  const startedAt = new Date(Date.parse('2026-12-02T12:00:00Z') - minutesAgo * 60_000).toISOString();
  const view = {
    id,
    kind: 'poll' as const,
    trigger: 'schedule',
    status: 'ok' as const,
    startedAt,
    finishedAt: startedAt,
    stats: stats(),
    error: null,
    ...over,
  };
  return { ...view, title: runTitle(view) };
};

/** A run that could not read the directory. */
export const directoryFailure = (id: number, minutesAgo: number): RunView =>
  run(id, minutesAgo, { status: 'failed', stats: null, error: `${BEFORE_PLANNING}${OKTA_DOWN}` });

export const skippedApp = (id: number, minutesAgo: number): RunView =>
  run(id, minutesAgo, {
    status: 'partial',
    stats: stats({
      apps: { acme: emptyAppStats('skipped', 'could not read its accounts: 401 Unauthorized') },
    }),
  });

export const scheduler = (over: Partial<SchedulerStatus> = {}): SchedulerStatus => ({
  active: true,
  paused: false,
  running: false,
  lastPollAt: null,
  lastFullAt: null,
  next: { kind: 'poll', at: '2026-12-02T12:01:00Z' },
  applying: 'on',
  applyingDetail: null,
  held: { total: 0, reasons: [] },
  quarantined: [],
  ...over,
});

export const calm = (over: Partial<StatusInput> = {}): StatusInput => ({
  now: new Date('2026-12-02T12:00:00Z'),
  runs: [run(3, 1), run(2, 2), run(1, 3, { kind: 'full' })],
  lastOkFull: null,
  lastFull: null,
  scheduler: scheduler(),
  schedulerOwner: true,
  components: [
    { component: 'store', status: 'ok', detail: 'SQLite' },
    { component: 'keychain', status: 'ok', detail: 'Secret Service' },
    { component: 'scheduler', status: 'ok', detail: 'This process runs the scheduler' },
  ],
  directory: { name: 'Acme Okta', health: 'ok', detail: null, lastReadAt: '2026-12-02T11:59:00Z' },
  apps: [{ id: 'acme', name: 'Acme', health: 'ok', detail: null }],
  held: [],
  manualTasks: 0,
  openCases: 0,
  ...over,
});
