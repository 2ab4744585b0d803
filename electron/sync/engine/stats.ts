// Run statistics: ops by kind, failures, held, duration, and time to revoke per app — from the person's
// deactivation in the directory (people.status_changed_at; else when Lanyard first planned the revocation) to the
// app confirming it (the op's done time).
// Also the run's title (runTitle): what a run came to in one line, for every place that shows one.
import type { Store } from '../../store/store';
import type {
  AppRunStats,
  RunStats,
  RunView,
  SyncOpKind,
  TimeToRevoke,
} from '../../../shared/api/methods-sync';
import type { JournalOp } from './journal';

const REVOKES = new Set<SyncOpKind>(['deactivate', 'delete']);

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

export const summarize = (values: number[]): TimeToRevoke | null => {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return { count: s.length, medianMs: percentile(s, 50), p95Ms: percentile(s, 95), maxMs: s[s.length - 1]! };
};

export const emptyAppStats = (
  status: AppRunStats['status'] = 'ok',
  detail: string | null = null,
): AppRunStats => ({
  status,
  detail,
  applied: 0,
  failed: 0,
  held: 0,
  skipped: 0,
  requests: 0,
  timeToRevoke: null,
});

/** Time to revoke (ms) for each done revocation among `ops`, by app. */
export const revokeTimes = async (store: Store, ops: JournalOp[]): Promise<Map<string, number[]>> => {
  const out = new Map<string, number[]>();
  for (const op of ops) {
    if (op.status !== 'done' || !REVOKES.has(op.kind) || !op.personId || !op.doneAt) continue;
    const p = await store
      .q()
      .selectFrom('people')
      .select(['status', 'status_changed_at'])
      .where('id', '=', op.personId)
      .executeTakeFirst();
    const from = p && p.status !== 'active' && p.status_changed_at ? p.status_changed_at : op.createdAt;
    const ms = Date.parse(op.doneAt) - Date.parse(from);
    if (!Number.isFinite(ms)) continue;
    let list = out.get(op.appId);
    if (!list) out.set(op.appId, (list = []));
    list.push(Math.max(0, ms));
  }
  return out;
};

export const runStats = async (
  store: Store,
  ops: JournalOp[],
  apps: Record<string, AppRunStats>,
  base: Pick<RunStats, 'durationMs' | 'directory'>,
): Promise<RunStats> => {
  const stats: RunStats = {
    ...base,
    opsByKind: {},
    planned: 0,
    applied: 0,
    failed: 0,
    held: 0,
    skipped: 0,
    apps,
  };
  for (const op of ops) {
    const app = (apps[op.appId] ??= emptyAppStats());
    stats.planned++;
    if (op.status === 'done') {
      stats.applied++;
      app.applied++;
      stats.opsByKind[op.kind] = (stats.opsByKind[op.kind] ?? 0) + 1;
    } else if (op.status === 'failed') {
      stats.failed++;
      app.failed++;
    } else if (op.status === 'held') {
      stats.held++;
      app.held++;
    } else if (op.status === 'skipped') {
      stats.skipped++;
      app.skipped++;
    }
  }
  for (const [appId, times] of await revokeTimes(store, ops)) {
    (apps[appId] ??= emptyAppStats()).timeToRevoke = summarize(times);
  }
  return stats;
};

/** The cause in a run's error, without the lead-in every failed-before-planning run shares. */
const BEFORE_PLANNING = 'The run stopped before planning, so nothing was changed in any app: ';

/**
 * An error as a line to read: without the request it failed on ("(GET https://…/api/v1/logs?…)"), which the run's
 * full error and the log keep for whoever debugs it.
 */
export const readableCause = (error: string): string =>
  error.replace(/\s*\((?:GET|POST|PUT|PATCH|DELETE) https?:\/\/[^)\s]*\)/g, '').trim();

/** Why a run stopped before planning (the directory read, mostly), as a readable line; null for other runs. */
export const beforePlanningCause = (error: string | null): string | null =>
  error?.startsWith(BEFORE_PLANNING) ? readableCause(error.slice(BEFORE_PLANNING.length)) : null;

const KIND_WORD: Record<RunView['kind'], string> = {
  poll: 'Poll',
  full: 'Full sync',
  manual: 'Sync',
  review: 'Approval run',
};

const counts = (s: RunStats): string =>
  [
    `${s.applied} applied`,
    s.held ? `${s.held} held for review` : null,
    s.failed ? `${s.failed} failed` : null,
  ]
    .filter(Boolean)
    .join(', ');

/**
 * A run in one line, as the run history, the Overview and the tray say it. A run that failed says why (never
 * "0 applied, 0 held, 0 failed"); a partial one names what it could not do.
 */
export const runTitle = (run: Pick<RunView, 'id' | 'kind' | 'status' | 'stats' | 'error'>): string => {
  const name = `${KIND_WORD[run.kind]} #${run.id}`;
  const s = run.stats;
  switch (run.status) {
    case 'running':
      return `${name} is running`;
    case 'interrupted':
      return `${name} was interrupted: ${readableCause(run.error ?? 'the process running it stopped before it finished')}`;
    case 'failed': {
      if (!run.error) return s ? `${name} failed: ${counts(s)}` : `${name} failed before it could plan`;
      const cause = beforePlanningCause(run.error);
      if (cause) return `${name} failed, nothing was changed: ${cause}`;
      return `${name} failed: ${readableCause(run.error)}`;
    }
    case 'partial': {
      const troubled = Object.entries(s?.apps ?? {}).filter(
        ([, a]) => a.status === 'skipped' || a.status === 'quarantined',
      );
      const why = troubled.length
        ? troubled.map(([id, a]) => `${id}: ${a.detail ?? a.status}`).join('; ')
        : null;
      return `${name} partly failed: ${s ? counts(s) : 'no figures'}${why ? `; ${why}` : ''}`;
    }
    case 'ok':
      return `${name} succeeded: ${s ? counts(s) : 'nothing to do'}`;
  }
};
