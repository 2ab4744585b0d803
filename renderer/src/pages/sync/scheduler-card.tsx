// The scheduler (sync.status): paused or running, last and next runs, with Sync now and Pause / Resume (the
// schedule's `paused` setting), and quarantined apps with Resume (sync.resumeApp).
import type { AppStatusView } from '../../../../shared/api/methods-workspace';
import type { SchedulerStatus } from '../../../../shared/api/methods-sync';
import { useRpcMutation } from '../../api/queries';
import { StatusBadge } from '../../components/status-badge';
import { when } from './sync-format';

interface Props {
  status: SchedulerStatus | undefined;
  paused: boolean | undefined;
  quarantined: AppStatusView[];
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
          <dt>Last poll</dt>
          <dd>{when(status?.lastPollAt)}</dd>
        </div>
        <div className="fact">
          <dt>Last full sync</dt>
          <dd>{when(status?.lastFullAt)}</dd>
        </div>
      </dl>
      {status && !status.active ? (
        <p className="muted">
          Another Lanyard process (the desktop app or a server) runs the schedule for this data folder.
        </p>
      ) : null}
      <div className="form-footer">
        <button
          type="button"
          className="button button-secondary"
          disabled={busy || status?.running}
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
              <li key={a.id}>
                <strong>{appName(a.id)}</strong>{' '}
                <span className="muted">{a.healthDetail ?? 'too many failures in a row'}</span>
                <button
                  type="button"
                  className="button button-small button-secondary"
                  disabled={resume.isPending}
                  onClick={() => resume.mutate({ appId: a.id })}
                >
                  Resume {appName(a.id)}
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
