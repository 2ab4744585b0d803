// Pure figures for the Overview: changes and revocations per day from the audit ledger, and time to revoke over
// recent sync runs. Kept apart from the components so they stay easy to read and to test.
import type { AuditEvent } from '../../../../shared/api/methods-audit';
import type { RunView, TimeToRevoke } from '../../../../shared/api/methods-sync';

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
