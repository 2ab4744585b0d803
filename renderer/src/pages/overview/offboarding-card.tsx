// Offboarding on the Overview: deprovisions waiting for an admin (held for review and manual steps), open cases,
// and time to revoke from the recent sync runs.
import type { RunView } from '../../../../shared/api/methods-sync';
import { useRpcQuery } from '../../api/queries';
import { StatusBadge } from '../../components/status-badge';
import { errorText, formatDuration } from '../../offboarding/offboarding-format';
import { revokeFigures } from './overview-data';

export const OffboardingCard = ({ runs }: { runs: RunView[] | undefined }) => {
  const list = useRpcQuery('offboarding.list', { status: 'open' });
  const review = useRpcQuery('review.list', {});
  const pending = list.data?.pending;
  const open = list.data?.cases.length;
  const revoke = runs ? revokeFigures(runs) : null;

  return (
    <section className="card overview-card" aria-labelledby="offboarding-card-title">
      <div className="card-header">
        <h2 id="offboarding-card-title">
          <a href="#/offboarding">Offboarding</a>
        </h2>
        {pending !== undefined ? (
          <StatusBadge
            tone={pending ? 'degraded' : 'ok'}
            label={pending ? 'Waiting for you' : 'Nothing waiting'}
          />
        ) : null}
      </div>
      {list.error ? (
        <p className="callout callout-error">{errorText(list.error, 'Could not read cases')}</p>
      ) : null}
      <div className="overview-figures">
        <p className="overview-figure">
          <strong data-testid="overview-pending">{pending ?? '–'}</strong>
          <span>pending {pending === 1 ? 'deprovision' : 'deprovisions'}</span>
        </p>
        <p className="overview-figure">
          <strong>{open ?? '–'}</strong>
          <span>open {open === 1 ? 'case' : 'cases'}</span>
        </p>
        <p className="overview-figure">
          <strong>{review.data?.total ?? '–'}</strong>
          <span>
            <a href="#/sync">held in sync review</a>
          </span>
        </p>
      </div>
      <div>
        <h3>Time to revoke</h3>
        <p className="muted overview-line">
          {revoke
            ? `Typically ${formatDuration(revoke.typicalMs)} from the directory change to the app; p95 ${formatDuration(revoke.p95Ms)}, worst ${formatDuration(revoke.maxMs)} (${revoke.count} revocation${revoke.count === 1 ? '' : 's'} in ${revoke.runs} run${revoke.runs === 1 ? '' : 's'}).`
            : 'No revocations measured yet. They are timed from the directory change to the app confirming it.'}
        </p>
      </div>
      <p className="muted overview-line">
        {pending ? (
          <a href="#/offboarding">Approve or complete the waiting tasks</a>
        ) : (
          <a href="#/offboarding?new=1">Offboard someone…</a>
        )}
      </p>
    </section>
  );
};
