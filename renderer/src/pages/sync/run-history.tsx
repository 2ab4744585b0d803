// Run history (runs.history): kind, trigger, status, start, duration, ops applied by kind, failures and time to
// revoke. Polls that found nothing to do are hidden unless "Show polls with no changes" is on (the count says how
// many); each run opens its detail below the table (`#/sync?run=N`, so a run can be linked to).
import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { RunView } from '../../../../shared/api/methods-sync';
import { useClient } from '../../api/client-context';
import { useRpcQuery } from '../../api/queries';
import { rpcKey } from '../../api/rpc-key';
import { plural } from '../../components/plural';
import { StatusBadge, type BadgeTone } from '../../components/status-badge';
import { RunDetailPanel } from './run-detail';
import { duration, kindCounts, when } from './sync-format';

export const RUN_TONE: Record<RunView['status'], BadgeTone> = {
  running: 'neutral',
  ok: 'ok',
  partial: 'degraded',
  failed: 'error',
  interrupted: 'degraded',
};
export const RUN_LABEL: Record<RunView['status'], string> = {
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

export const RunHistory = () => {
  const [showEmpty, setShowEmpty] = useState(false);
  const history = useRpcQuery('runs.history', { limit: 50, showEmptyPolls: showEmpty });
  const [params, setParams] = useSearchParams();
  const openId = Number(params.get('run')) || null;
  const detailRef = useRef<HTMLDivElement>(null);
  useRefreshAfterRuns();

  const open = (id: number | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id) next.set('run', String(id));
        else next.delete('run');
        return next;
      },
      { replace: true },
    );
  useEffect(() => {
    if (openId) detailRef.current?.scrollIntoView({ block: 'nearest' });
  }, [openId]);

  const runs = history.data?.runs ?? [];
  const hidden = history.data?.hiddenPolls ?? 0;
  return (
    <div className="stack">
      <div className="sync-runs-bar">
        <label className="checkbox">
          <input type="checkbox" checked={showEmpty} onChange={(e) => setShowEmpty(e.target.checked)} />
          Show polls with no changes
        </label>
        <span className="muted" role="status" data-testid="hidden-polls">
          {showEmpty ? '' : hidden ? `${plural(hidden, 'poll')} with no changes hidden` : ''}
        </span>
      </div>
      {history.error ? (
        <p className="callout callout-error">
          Could not read the run history: {history.error.message} {history.error.hint ?? ''}
        </p>
      ) : !history.data ? (
        <span className="skeleton" />
      ) : !runs.length ? (
        <p className="muted">
          {hidden
            ? 'Only polls with no changes so far.'
            : 'No runs yet. Preview a sync above, or press Sync now.'}
        </p>
      ) : (
        <RunTable runs={runs} openId={openId} onOpen={open} />
      )}
      <div ref={detailRef}>{openId ? <RunDetailPanel id={openId} onClose={() => open(null)} /> : null}</div>
    </div>
  );
};

const RunTable = ({
  runs,
  openId,
  onOpen,
}: {
  runs: RunView[];
  openId: number | null;
  onOpen: (id: number) => void;
}) => (
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
            <tr key={run.id} aria-current={run.id === openId ? 'true' : undefined}>
              <th scope="row">
                <button
                  type="button"
                  className="link-button"
                  aria-expanded={run.id === openId}
                  onClick={() => onOpen(run.id)}
                >
                  <span className="mono">#{run.id}</span> {run.kind}
                </button>
                <span className="sync-sub muted">{run.trigger}</span>
              </th>
              <td>
                <StatusBadge tone={RUN_TONE[run.status]} label={RUN_LABEL[run.status]} />
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

/** A finished run (here or in another window) refreshes the history and the open detail. */
const useRefreshAfterRuns = () => {
  const client = useClient();
  const queries = useQueryClient();
  useEffect(
    () =>
      client.on('sync.finished', () => {
        void queries.invalidateQueries({ queryKey: rpcKey('runs.history') });
        void queries.invalidateQueries({ queryKey: rpcKey('runs.get') });
      }),
    [client, queries],
  );
};
