// Access reviews on the Overview: open campaigns, those due within a week and those overdue, each linking to the
// Reviews page; recurring reviews whose period has no campaign yet are named.
import { useRpcQuery } from '../../api/queries';
import { StatusBadge } from '../../components/status-badge';
import { errorText } from '../../offboarding/offboarding-format';

export const ReviewsCard = () => {
  const status = useRpcQuery('reviews.status', {});
  const s = status.data;
  return (
    <section className="card overview-card" aria-labelledby="reviews-card-title">
      <div className="card-header">
        <h2 id="reviews-card-title">
          <a href="#/reviews">Access reviews</a>
        </h2>
        {s ? (
          <StatusBadge
            tone={s.overdue ? 'error' : s.dueSoon ? 'degraded' : 'ok'}
            label={s.overdue ? 'Overdue' : s.dueSoon ? 'Due soon' : 'On time'}
          />
        ) : null}
      </div>
      {status.error ? (
        <p className="callout callout-error">{errorText(status.error, 'Could not read the reviews')}</p>
      ) : null}
      <div className="overview-figures">
        <p className="overview-figure">
          <strong data-testid="overview-reviews-open">{s?.open ?? '–'}</strong>
          <span>
            <a href="#/reviews">open</a>
          </span>
        </p>
        <p className="overview-figure">
          <strong>{s?.dueSoon ?? '–'}</strong>
          <span>due within a week</span>
        </p>
        <p className="overview-figure">
          <strong data-testid="overview-reviews-overdue">{s?.overdue ?? '–'}</strong>
          <span>overdue</span>
        </p>
      </div>
      <p className="muted overview-line">
        {s?.definitionsDue.length ? `Recurring reviews starting soon: ${s.definitionsDue.join(', ')}. ` : ''}
        {s?.message ? <a href="#/reviews">{s.message}</a> : <a href="#/reviews?new=1">Start a campaign…</a>}
      </p>
    </section>
  );
};
