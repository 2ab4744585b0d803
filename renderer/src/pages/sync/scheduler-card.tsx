// The scheduler: its state, the directory and the last successful full sync from status.summary (the Overview and
// the tray show the same; a core that stopped answering shows "Unknown", never a stale green "Scheduled"), whether
// runs apply their plans and the next run (sync.status), with Sync now and Pause / Resume (the schedule's `paused`
// setting), and quarantined apps with why and Resume (sync.resumeApp).
import type { ApplyingState, SchedulerStatus } from '../../../../shared/api/methods-sync';
import { useRpcMutation } from '../../api/queries';
import { StatusBadge } from '../../components/status-badge';
import { useStatusSummary } from '../../sync-state/use-status';
import { when } from './sync-format';

const APPLYING: Record<ApplyingState, string> = {
  on: 'On',
  paused: 'Paused — runs only read and plan',
  'awaiting-first-review': 'Not yet — waiting for you to review the first plan',
};

interface Props {
  status: SchedulerStatus | undefined;
  paused: boolean | undefined;
  quarantined: SchedulerStatus['quarantined'];
  appName: (id: string) => string;
  busy: boolean;
  onSyncNow: () => void;
}

export const SchedulerCard = ({ status, paused, quarantined, appName, busy, onSyncNow }: Props) => {
  const setPaused = useRpcMutation('settings.set', ['settings.get', 'sync.status']);
  const resume = useRpcMutation('sync.resumeApp', ['apps.status', 'sync.status', 'review.list']);
  const { summary, error } = useStatusSummary();
  const state = summary
    ? { tone: summary.scheduler.tone, label: summary.scheduler.label }
    : error
      ? { tone: 'neutral' as const, label: 'Unknown' }
      : null;
  const directory = summary?.directory;
  const directoryProblem = summary?.problems.find((p) => p.subject === 'directory');
  return (
    <section className="card sync-scheduler" aria-labelledby="sync-scheduler-title">
      <div className="card-header">
        <h2 id="sync-scheduler-title">Scheduler</h2>
        {state ? (
          <StatusBadge tone={state.tone} label={state.label} />
        ) : (
          <span className="skeleton skeleton-badge" />
        )}
      </div>
      <dl className="facts">
        <div className="fact">
          <dt>Next</dt>
          <dd>
            {paused
              ? 'Paused'
              : summary?.scheduler.next
                ? `${summary.scheduler.next.kind === 'full' ? 'Full sync' : 'Poll'} ${when(summary.scheduler.next.at)}`
                : '—'}
          </dd>
        </div>
        <div className="fact">
          <dt>Applying</dt>
          <dd>{summary && status?.applying ? APPLYING[status.applying] : '—'}</dd>
        </div>
        <div className="fact">
          <dt>Directory</dt>
          <dd data-testid="scheduler-directory">
            {!directory ? (
              '—'
            ) : directoryProblem ? (
              <span className="sync-error">{directoryProblem.title}</span>
            ) : (
              `Read ${when(directory.lastGoodReadAt)}`
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>Last full sync</dt>
          <dd>
            {summary?.lastFullSync
              ? when(summary.lastFullSync.finishedAt)
              : summary
                ? 'None succeeded yet'
                : '—'}
            {summary?.lastFullFailure ? (
              <span className="sync-sub sync-error">Last attempt: {summary.lastFullFailure.title}</span>
            ) : null}
          </dd>
        </div>
      </dl>
      {summary && summary.scheduler.state !== 'scheduled' && summary.scheduler.state !== 'elsewhere' ? (
        <p className="muted">{summary.scheduler.detail}</p>
      ) : null}
      {status?.applying === 'awaiting-first-review' ? (
        <p className="muted">
          Sync now waits for the first reviewed plan: preview the plan and apply it first.
        </p>
      ) : null}
      {summary?.scheduler.state === 'elsewhere' ? <p className="muted">{summary.scheduler.detail}</p> : null}
      <div className="form-footer">
        <button
          type="button"
          className="button button-secondary"
          disabled={busy || status?.running || status?.applying === 'awaiting-first-review'}
          onClick={onSyncNow}
        >
          Sync now
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={paused === undefined || setPaused.isPending}
          onClick={() => setPaused.mutate({ schedule: { paused: !paused } })}
        >
          {paused ? 'Resume schedule' : 'Pause schedule'}
        </button>
      </div>
      {setPaused.error ? (
        <p className="callout callout-error" role="alert">
          Could not change the schedule: {setPaused.error.message}
        </p>
      ) : null}
      {quarantined.length ? (
        <div className="sync-quarantine">
          <h3>Quarantined apps</h3>
          <ul>
            {quarantined.map((a) => (
              <li key={a.appId}>
                <strong>{a.appName || appName(a.appId)}</strong> <span className="muted">{a.reason}</span>
                <button
                  type="button"
                  className="button button-small button-secondary"
                  disabled={resume.isPending}
                  onClick={() => resume.mutate({ appId: a.appId })}
                >
                  Resume {a.appName || appName(a.appId)}
                </button>
              </li>
            ))}
          </ul>
          <p className="muted">
            Fix what failed (see run history) before resuming; held ops go back to the plan.
          </p>
          {resume.error ? (
            <p className="callout callout-error" role="alert">
              Could not resume: {resume.error.message}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
};
