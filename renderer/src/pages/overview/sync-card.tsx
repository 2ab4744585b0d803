// Directory and sync health: last and next sync, whether the scheduler runs here or is paused, the last run's
// outcome and failures, and "Sync now" (which is also how a leaver in the directory is picked up at once). A new
// workspace applies nothing until its first plan is reviewed, so there the button leads to that plan instead.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { RunView, SchedulerStatus } from '../../../../shared/api/methods-sync';
import { unwrap } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { useRpcQuery } from '../../api/queries';
import { StatusBadge, type BadgeTone } from '../../components/status-badge';
import { errorText, formatTime } from '../../offboarding/offboarding-format';

const runTone: Record<RunView['status'], BadgeTone> = {
  running: 'neutral',
  ok: 'ok',
  partial: 'degraded',
  failed: 'error',
  interrupted: 'degraded',
};

const runWord: Record<RunView['status'], string> = {
  running: 'Running',
  ok: 'Succeeded',
  partial: 'Partly failed',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

const schedulerLine = (s: SchedulerStatus): string =>
  `${nextLine(s)}${s.applying === 'awaiting-first-review' ? ' Syncs only read and plan until you review the first plan.' : ''}`;

const nextLine = (s: SchedulerStatus): string =>
  s.running
    ? 'A sync is running now.'
    : s.paused
      ? 'The schedule is paused (Settings → Schedule); syncs run only when asked.'
      : !s.active
        ? 'Another Lanyard process runs the schedule for this data folder.'
        : s.next
          ? `Next ${s.next.kind === 'full' ? 'full sync' : 'poll'} ${formatTime(s.next.at)}.`
          : 'No sync is scheduled.';

export const SyncCard = ({ runs }: { runs: RunView[] | undefined }) => {
  const status = useRpcQuery('sync.status', {});
  const client = useClient();
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const last = runs?.[0];

  const syncNow = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = unwrap(await client.call('sync.now', {}));
      const s = r.run.stats;
      setMessage({
        ok: r.run.status === 'ok',
        text: `Sync #${r.run.id} ${runWord[r.run.status].toLowerCase()}: ${s?.applied ?? 0} applied, ${s?.held ?? 0} held for review, ${s?.failed ?? 0} failed.`,
      });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err, 'The sync did not run') });
    } finally {
      setBusy(false);
      await queries.invalidateQueries({ queryKey: ['rpc'] });
    }
  };

  return (
    <section className="card overview-card" aria-labelledby="sync-card-title">
      <div className="card-header">
        <h2 id="sync-card-title">
          <a href="#/sync">Directory and sync</a>
        </h2>
        {last ? <StatusBadge tone={runTone[last.status]} label={runWord[last.status]} /> : null}
      </div>
      <dl className="facts">
        <div className="fact">
          <dt>Last poll</dt>
          <dd>
            {status.data ? (
              formatTime(status.data.lastPollAt)
            ) : (
              <span className="skeleton" aria-hidden="true" />
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>Last full sync</dt>
          <dd>
            {status.data ? (
              formatTime(status.data.lastFullAt)
            ) : (
              <span className="skeleton" aria-hidden="true" />
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>Last run</dt>
          <dd>
            {runs === undefined ? (
              <span className="skeleton" aria-hidden="true" />
            ) : last ? (
              `#${last.id}, ${formatTime(last.startedAt)}: ${last.stats?.applied ?? 0} applied, ${last.stats?.failed ?? 0} failed${last.error ? ` (${last.error})` : ''}`
            ) : status.data?.applying === 'awaiting-first-review' ? (
              'Never — review and apply the first plan on the Sync page.'
            ) : (
              'Never — run the first sync with Sync now.'
            )}
          </dd>
        </div>
      </dl>
      <p className="muted overview-line">
        {status.data
          ? schedulerLine(status.data)
          : status.error
            ? errorText(status.error, 'Scheduler status unavailable')
            : '\u00a0'}
      </p>
      <div className="overview-actions">
        {status.data?.applying === 'awaiting-first-review' ? (
          <Link className="button" to="/sync?preview=1">
            Review the first plan
          </Link>
        ) : (
          <button type="button" className="button" disabled={busy} onClick={() => void syncNow()}>
            {busy ? 'Syncing…' : 'Sync now'}
          </button>
        )}
        <p className={message?.ok === false ? 'form-status-error' : 'muted'} role="status">
          {message?.text ?? ''}
        </p>
      </div>
    </section>
  );
};
