// Run history (runs.list): kind, trigger, status, start, duration, ops applied by kind, failures and time to revoke.
import type { RunView } from '../../../../shared/api/methods-sync';
import { StatusBadge, type BadgeTone } from '../../components/status-badge';
import { duration, kindCounts, when } from './sync-format';

const TONE: Record<RunView['status'], BadgeTone> = {
  running: 'neutral',
  ok: 'ok',
  partial: 'degraded',
  failed: 'error',
  interrupted: 'degraded',
};
const LABEL: Record<RunView['status'], string> = {
  running: 'Running',
  ok: 'OK',
  partial: 'Partial',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

/** The slowest directory-change-to-revoke time over the run's apps. */
const revoke = (run: RunView): string => {
  const times = Object.values(run.stats?.apps ?? {})
    .map((a) => a.timeToRevoke)
    .filter((t) => t !== null);
  if (!times.length) return '—';
  const worst = times.reduce((a, b) => (b.maxMs > a.maxMs ? b : a));
  return `median ${duration(worst.medianMs)}, max ${duration(worst.maxMs)}`;
};

export const RunHistory = ({ runs }: { runs: RunView[] }) => {
  if (!runs.length) return <p className="muted">No runs yet. Preview a sync above, or press Sync now.</p>;
  return (
    <div className="table-wrap">
      <table className="table sync-runs" data-testid="run-history">
        <caption className="visually-hidden">Past sync runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Applied</th>
            <th scope="col">Failed / held</th>
            <th scope="col">Time to revoke</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const s = run.stats;
            const failures = Object.entries(s?.apps ?? {}).filter(([, a]) => a.failed || a.detail);
            return (
              <tr key={run.id}>
                <th scope="row">
                  <span className="mono">#{run.id}</span> {run.kind}
                  <span className="sync-sub muted">{run.trigger}</span>
                </th>
                <td>
                  <StatusBadge tone={TONE[run.status]} label={LABEL[run.status]} />
                  {run.error ? (
                    // A run that went fine can still carry a note (a guardrail held part of it).
                    <span className={`sync-sub ${run.status === 'ok' ? 'sync-note' : 'sync-error'}`}>
                      {run.error}
                    </span>
                  ) : null}
                </td>
                <td className="nowrap">{when(run.startedAt)}</td>
                <td className="nowrap">{duration(s?.durationMs)}</td>
                <td>{s ? kindCounts(s.opsByKind) || <span className="muted">nothing</span> : '—'}</td>
                <td>
                  {s ? `${s.failed} / ${s.held}` : '—'}
                  {failures.map(([app, a]) => (
                    <span key={app} className="sync-sub sync-error">
                      {app}: {a.detail ?? `${a.failed} failed`}
                    </span>
                  ))}
                </td>
                <td>{revoke(run)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
