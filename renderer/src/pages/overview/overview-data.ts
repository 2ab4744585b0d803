// Pure figures for the Overview: changes and revocations per day from the audit ledger, time to revoke over recent
// sync runs, and the cards' badges from status.summary. Kept apart from the components so they stay easy to read
// and to test.
import type { AuditEvent } from '../../../../shared/api/methods-audit';
import type { RunView, TimeToRevoke } from '../../../../shared/api/methods-sync';
import type { RunLine, StatusSummary } from '../../../../shared/api/methods-status';
import type { BadgeTone } from '../../components/status-badge';

export interface DayCount {
  /** YYYY-MM-DD, local time. */
  day: string;
  changes: number;
  revocations: number;
}

const REVOKING = new Set(['deactivate', 'delete', 'idp-suspend', 'idp-revoke-sessions']);

const localDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

const kindOf = (e: AuditEvent): string | null => {
  const before = e.before;
  if (before && typeof before === 'object' && !Array.isArray(before)) {
    const kind = before.kind;
    return typeof kind === 'string' ? kind : null;
  }
  return null;
};

/** The last `days` days (today included), oldest first, each with applied ops split into revocations and the rest. */
export const dailyActivity = (events: AuditEvent[], now: Date, days = 30): DayCount[] => {
  const out: DayCount[] = [];
  const index = new Map<string, DayCount>();
  for (let i = days - 1; i >= 0; i--) {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - i);
    const row = { day: localDay(d), changes: 0, revocations: 0 };
    out.push(row);
    index.set(row.day, row);
  }
  for (const e of events) {
    if (e.action !== 'op.applied') continue;
    const row = index.get(localDay(new Date(e.at)));
    if (!row) continue;
    if (REVOKING.has(kindOf(e) ?? '')) row.revocations++;
    else row.changes++;
  }
  return out;
};

export interface RevokeFigures {
  /** Revocations measured. */
  count: number;
  /** The median of the runs' medians, weighted by how many each measured. */
  typicalMs: number;
  p95Ms: number;
  maxMs: number;
  runs: number;
}

/** Time to revoke over the given runs: the worst p95 and max, and a count-weighted typical (median) figure. */
export const revokeFigures = (runs: RunView[]): RevokeFigures | null => {
  const all: TimeToRevoke[] = [];
  let measuredRuns = 0;
  for (const r of runs) {
    const per = Object.values(r.stats?.apps ?? {})
      .map((a) => a.timeToRevoke)
      .filter((t): t is TimeToRevoke => Boolean(t && t.count > 0));
    if (per.length) measuredRuns++;
    all.push(...per);
  }
  if (!all.length) return null;
  const count = all.reduce((n, t) => n + t.count, 0);
  return {
    count,
    typicalMs: all.reduce((s, t) => s + t.medianMs * t.count, 0) / count,
    p95Ms: Math.max(...all.map((t) => t.p95Ms)),
    maxMs: Math.max(...all.map((t) => t.maxMs)),
    runs: measuredRuns,
  };
};

const RUN_BADGE: Record<RunLine['status'], { tone: BadgeTone; label: string }> = {
  running: { tone: 'neutral', label: 'Running' },
  ok: { tone: 'ok', label: 'Succeeded' },
  partial: { tone: 'degraded', label: 'Partly failed' },
  failed: { tone: 'error', label: 'Failed' },
  interrupted: { tone: 'degraded', label: 'Interrupted' },
};

/**
 * The Directory and sync card's badge: a directory, run or scheduler problem wins over the last run's outcome (a
 * failing directory is never shown as a succeeded sync); unknown while the status cannot be read.
 */
export const syncBadge = (s: StatusSummary | undefined): { tone: BadgeTone; label: string } => {
  if (!s) return { tone: 'neutral', label: 'Unknown' };
  const problem = s.problems.find((p) => ['directory', 'runs', 'scheduler'].includes(p.subject));
  if (problem) return { tone: problem.tone, label: problem.tone === 'error' ? 'Failing' : 'Degraded' };
  return s.lastRun ? RUN_BADGE[s.lastRun.status] : { tone: 'neutral', label: 'No runs yet' };
};

/** The Health card's badge: "All good" only when the summary has no problem at all. */
export const healthBadge = (s: StatusSummary | undefined): { tone: BadgeTone; label: string } => {
  if (!s) return { tone: 'neutral', label: 'Unknown' };
  if (s.tone === 'error') return { tone: 'error', label: 'Needs attention' };
  if (s.tone === 'degraded') return { tone: 'degraded', label: 'Degraded' };
  return { tone: 'ok', label: 'All good' };
};

/**
 * A run's title on the sync card: a run that stopped because the directory could not be read is named without the
 * cause when the directory's banner above already gives it in full (why, since when, what to do).
 */
export const cardRunTitle = (title: string, s: StatusSummary | undefined): string => {
  const cut = title.indexOf(', nothing was changed: ');
  if (cut < 0 || !s?.problems.some((p) => p.subject === 'directory')) return title;
  return `${title.slice(0, cut)}, nothing was changed: the directory could not be read (see above)`;
};
