// The scheduler (sync.status): paused or running, whether runs apply their plans, last and next runs, with Sync now
// and Pause / Resume (the schedule's `paused` setting), and quarantined apps with why and Resume (sync.resumeApp).
import type { ApplyingState, SchedulerStatus } from '../../../../shared/api/methods-sync';
import { useRpcMutation } from '../../api/queries';
import { StatusBadge } from '../../components/status-badge';
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
  const state = !status
    ? null
    : status.running
      ? { tone: 'neutral' as const, label: 'Running' }
      : paused
        ? { tone: 'degraded' as const, label: 'Paused' }
        : status.active
          ? { tone: 'ok' as const, label: 'Scheduled' }
          : { tone: 'neutral' as const, label: 'Not scheduling here' };
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
              : status?.next
                ? `${status.next.kind === 'full' ? 'Full sync' : 'Poll'} ${when(status.next.at)}`
                : '—'}
          </dd>
        </div>
        <div className="fact">
          <dt>Applying</dt>
          <dd>{status?.applying ? APPLYING[status.applying] : '—'}</dd>
        </div>
        <div className="fact">
          <dt>Last poll</dt>
          <dd>{when(status?.lastPollAt)}</dd>
        </div>
        <div className="fact">
          <dt>Last full sync</dt>
          <dd>{when(status?.lastFullAt)}</dd>
        </div>
      </dl>
      {status?.applying === 'awaiting-first-review' ? (
        <p className="muted">
          Sync now waits for the first reviewed plan: preview the plan and apply it first.
        </p>
      ) : null}
      {status && !status.active ? (
        <p className="muted">
          Another Lanyard process (the desktop app or a server) runs the schedule for this data folder.
        </p>
      ) : null}
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
