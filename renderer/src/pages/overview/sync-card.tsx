// Directory and sync, from status.summary (the same state the tray and the Sync page show): the directory's last good
// read or since when it fails, the last SUCCESSFUL full sync (and why the last attempt failed), the last run's title,
// the scheduler, and "Sync now" (which is also how a leaver in the directory is picked up at once). A new workspace
// applies nothing until its first plan is reviewed, so there the button leads to that plan instead.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { StatusSummary } from '../../../../shared/api/methods-status';
import { unwrap } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { useRpcQuery } from '../../api/queries';
import { StatusBadge } from '../../components/status-badge';
import { errorText, formatTime } from '../../offboarding/offboarding-format';
import type { StatusQuery } from '../../sync-state/use-status';
import { cardRunTitle, syncBadge } from './overview-data';

const Skeleton = () => <span className="skeleton" aria-hidden="true" />;

const directoryLine = (d: NonNullable<StatusSummary['directory']>, s: StatusSummary): string => {
  const problem = s.problems.find((p) => p.subject === 'directory');
  if (problem)
    return `${problem.title}${problem.since ? ` (since ${formatTime(problem.since)})` : ''}. Last good read: ${formatTime(d.lastGoodReadAt)}.`;
  return d.lastGoodReadAt ? `${d.name}, read ${formatTime(d.lastGoodReadAt)}` : `${d.name}, not read yet`;
};

const schedulerLine = (s: StatusSummary, awaiting: boolean): string => {
  const sch = s.scheduler;
  const next =
    sch.state === 'scheduled' && sch.next
      ? `Next ${sch.next.kind === 'full' ? 'full sync' : 'poll'} ${formatTime(sch.next.at)}.`
      : sch.detail;
  return `${sch.label}: ${next}${awaiting ? ' Syncs only read and plan until you review the first plan.' : ''}`;
};

export const SyncCard = ({ status }: { status: StatusQuery }) => {
  const scheduler = useRpcQuery('sync.status', {});
  const client = useClient();
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const s = status.summary;
  const awaiting = scheduler.data?.applying === 'awaiting-first-review';
  const badge = syncBadge(s);

  const syncNow = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = unwrap(await client.call('sync.now', {}));
      const title = cardRunTitle(r.run.title, s);
      setMessage({ ok: r.run.status === 'ok', text: /[.!?]$/.test(title) ? title : `${title}.` });
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
        {s || status.error ? <StatusBadge tone={badge.tone} label={badge.label} /> : null}
      </div>
      <dl className="facts">
        <div className="fact">
          <dt>Directory</dt>
          <dd data-testid="overview-directory">
            {s ? s.directory ? directoryLine(s.directory, s) : 'None connected' : <Skeleton />}
          </dd>
        </div>
        <div className="fact">
          <dt>Last full sync</dt>
          <dd>
            {s ? (
              <>
                {s.lastFullSync ? formatTime(s.lastFullSync.finishedAt) : 'None has succeeded yet'}
                {s.lastFullFailure ? (
                  <span className="overview-sub">Last attempt: {s.lastFullFailure.title}</span>
                ) : null}
              </>
            ) : (
              <Skeleton />
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>Last run</dt>
          <dd data-testid="overview-last-run">
            {!s ? (
              <Skeleton />
            ) : s.lastRun ? (
              `${cardRunTitle(s.lastRun.title, s)} (${formatTime(s.lastRun.startedAt)})`
            ) : awaiting ? (
              'Never — review and apply the first plan on the Sync page.'
            ) : (
              'Never — run the first sync with Sync now.'
            )}
          </dd>
        </div>
      </dl>
      <p className="muted overview-line" data-testid="overview-scheduler">
        {s
          ? schedulerLine(s, awaiting)
          : status.error
            ? errorText(status.error, 'Scheduler status unavailable')
            : '\u00a0'}
      </p>
      <div className="overview-actions">
        {awaiting ? (
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
