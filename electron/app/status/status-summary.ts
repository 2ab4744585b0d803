// The one computation of "how is Lanyard doing" (issue #16 item 5). The Overview, the Sync page and the tray all
// show what this returns, so they can never disagree: a directory that failed its last reads is red everywhere,
// with since when; "last full sync" is the last one that succeeded; approvals and manual tasks are counted apart;
// a scheduler that should run but does not is "Stopped", never a green "Scheduled". Pure: the caller reads the
// runs, the scheduler, the health rows and the queues (status-service.ts) and passes them in.
import type { HealthItem } from '../../../shared/api/contract';
import type {
  HeldCount,
  RunLine,
  StatusProblem,
  StatusSummary,
  StatusTone,
} from '../../../shared/api/methods-status';
import type { RunView, SchedulerStatus } from '../../../shared/api/methods-sync';
import type { AppHealth } from '../../../shared/api/methods-workspace';
import { beforePlanningCause, readableCause } from '../../sync/engine/stats';
import { schedulerSummary } from './scheduler-summary';

/** This many failed reads in a row make a directory (or an app that cannot be read) an error, not a hiccup. */
export const FAILURES_FOR_ERROR = 3;

export interface StatusInput {
  now: Date;
  /** Recent runs, newest first (enough to see a streak of failures). */
  runs: RunView[];
  /** The last full sync that succeeded, and the last full sync at all (either may be older than `runs`). */
  lastOkFull: RunView | null;
  lastFull: RunView | null;
  scheduler: SchedulerStatus;
  /** This process holds the data folder's scheduler lock. */
  schedulerOwner: boolean;
  /** Lanyard's own parts (app.info). */
  components: HealthItem[];
  directory: {
    name: string;
    health: 'unknown' | 'ok' | 'degraded' | 'error';
    detail: string | null;
    lastReadAt: string | null;
  } | null;
  apps: { id: string; name: string; health: AppHealth; detail: string | null }[];
  /** Every op held for an admin. */
  held: { destructive: boolean; heldReason: string | null }[];
  manualTasks: number;
  openCases: number;
}

const TONE_RANK: Record<StatusTone, number> = { ok: 0, neutral: 1, degraded: 2, error: 3 };
const COMPONENT: Record<HealthItem['component'], string> = {
  store: 'The database',
  keychain: 'The OS keychain',
  scheduler: 'The scheduler',
};

export const runLine = (r: RunView): RunLine => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  title: r.title,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
});

/**
 * The current streak of runs (newest first) for which `failed` holds; runs `counts` says nothing about (a run in
 * progress, an approval run that reads nothing) neither extend nor break it. Returns the streak, newest first.
 */
const streak = (runs: RunView[], counts: (r: RunView) => boolean, failed: (r: RunView) => boolean) => {
  const out: RunView[] = [];
  for (const r of runs) {
    if (r.status === 'running' || !counts(r)) continue;
    if (!failed(r)) break;
    out.push(r);
  }
  return out;
};

/** Runs that read the directory, and those that stopped before planning (the directory read is what failed). */
const readsDirectory = (r: RunView) => r.kind !== 'review';
const failedBeforePlanning = (r: RunView) => r.status === 'failed' && r.stats === null;

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

const directoryProblem = (input: StatusInput, failedRuns: RunView[]): StatusProblem | null => {
  const d = input.directory;
  if (!d) return null;
  if (d.health === 'error') {
    const n = failedRuns.length;
    const oldest = failedRuns.at(-1);
    return {
      subject: 'directory',
      tone: n >= FAILURES_FOR_ERROR ? 'error' : 'degraded',
      title:
        n >= FAILURES_FOR_ERROR
          ? `${d.name} cannot be read: the last ${n} reads failed`
          : `${d.name}: the last read failed`,
      detail:
        `${sentence(
          // The run's error carries the connector's hint ("Re-enter the token in Settings → Directory").
          beforePlanningCause(failedRuns[0]?.error ?? null) ??
            (d.detail ? readableCause(d.detail) : 'The directory read failed'),
        )} ` +
        (n >= FAILURES_FOR_ERROR
          ? 'Nothing is planned or changed until it can be read again.'
          : 'The next sync tries again; nothing was changed meanwhile.'),
      since: oldest?.startedAt ?? null,
      page: '/settings',
    };
  }
  if (d.health === 'degraded')
    return {
      subject: 'directory',
      tone: 'degraded',
      title: `${d.name}: the last read was not stored`,
      detail: d.detail,
      since: null,
      page: '/settings',
    };
  return null;
};

const appProblems = (input: StatusInput): StatusProblem[] =>
  input.apps.flatMap((app): StatusProblem[] => {
    if (app.health === 'quarantined') {
      const reason = input.scheduler.quarantined.find((q) => q.appId === app.id)?.reason ?? app.detail;
      return [
        {
          subject: `app:${app.id}`,
          tone: 'error',
          title: `${app.name} is quarantined`,
          detail: reason ? `${reason}. Lanyard writes nothing to it until you resume it.` : null,
          since: null,
          page: '/sync',
        },
      ];
    }
    if (app.health !== 'degraded') return [];
    const skipped = streak(
      input.runs,
      (r) => r.stats !== null && app.id in r.stats.apps,
      (r) => r.stats?.apps[app.id]?.status === 'skipped',
    );
    const red = skipped.length >= FAILURES_FOR_ERROR;
    return [
      {
        subject: `app:${app.id}`,
        tone: red ? 'error' : 'degraded',
        title: red
          ? `${app.name} cannot be read: the last ${skipped.length} syncs skipped it`
          : `${app.name} is degraded`,
        detail: app.detail,
        since: red ? skipped.at(-1)!.startedAt : null,
        page: '/apps',
      },
    ];
  });

const componentProblems = (input: StatusInput): StatusProblem[] =>
  input.components
    // The scheduler's own line is the scheduler summary (another process running it is no problem).
    .filter((c) => c.component !== 'scheduler' && c.status !== 'ok')
    .map((c) => ({
      subject: c.component,
      tone: c.status === 'error' ? ('error' as const) : ('degraded' as const),
      title: `${COMPONENT[c.component]} needs attention`,
      detail: c.detail,
      since: null,
      page: '/settings',
    }));

/** The newest finished run, when it failed for a reason the directory's own problem does not already say. */
const runProblem = (input: StatusInput, directory: StatusProblem | null): StatusProblem | null => {
  const last = input.runs.find((r) => r.status !== 'running');
  if (!last) return null;
  if (last.status === 'failed' && !(directory && failedBeforePlanning(last)))
    return {
      subject: 'runs',
      tone: 'error',
      title: last.title,
      detail: null,
      since: last.startedAt,
      page: '/sync',
    };
  if (last.status === 'interrupted')
    return { subject: 'runs', tone: 'degraded', title: last.title, detail: null, since: null, page: '/sync' };
  return null;
};

const countHeld = (ops: StatusInput['held']): HeldCount => {
  const reasons = new Map<string, number>();
  for (const op of ops) {
    const reason = op.heldReason ?? 'held';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  return {
    total: ops.length,
    reasons: [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 10),
  };
};

export const summarizeStatus = (input: StatusInput): StatusSummary => {
  const failedReads = streak(input.runs, readsDirectory, failedBeforePlanning);
  const directory = directoryProblem(input, failedReads);
  const scheduler = schedulerSummary(input);
  const problems = [
    directory,
    ...appProblems(input),
    ...componentProblems(input),
    runProblem(input, directory),
    scheduler.state === 'stopped'
      ? {
          subject: 'scheduler',
          tone: 'error' as const,
          title: 'The schedule is stopped',
          detail: scheduler.detail,
          since: null,
          page: '/sync',
        }
      : null,
  ]
    .filter((p): p is StatusProblem => p !== null)
    // Errors first, in the order above (directory, apps, core, runs); the sort is stable.
    .sort((a, b) => TONE_RANK[b.tone] - TONE_RANK[a.tone]);
  const tone = problems[0]?.tone ?? 'ok';
  const lastRun = input.runs[0];
  const lastFullFailed =
    input.lastFull && input.lastFull.status !== 'ok' && input.lastFull.status !== 'running';
  return {
    at: input.now.toISOString(),
    tone,
    headline: problems[0]?.title ?? 'All good',
    problems,
    scheduler,
    directory: input.directory
      ? {
          name: input.directory.name,
          tone: directory?.tone ?? (input.directory.health === 'ok' ? 'ok' : 'neutral'),
          lastGoodReadAt: input.directory.lastReadAt,
          failedReads: input.directory.health === 'error' ? failedReads.length : 0,
        }
      : null,
    lastRun: lastRun ? runLine(lastRun) : null,
    lastFullSync: input.lastOkFull ? runLine(input.lastOkFull) : null,
    lastFullFailure: lastFullFailed ? runLine(input.lastFull!) : null,
    pending: {
      approvals: countHeld(input.held.filter((op) => op.destructive)),
      otherHeld: countHeld(input.held.filter((op) => !op.destructive)),
      manualTasks: input.manualTasks,
      openCases: input.openCases,
    },
  };
};
