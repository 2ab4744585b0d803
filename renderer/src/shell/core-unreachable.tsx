// When the core does not answer. Before the first app.info: shown instead of the pages, saying what happened and how
// to get going again. Later (the core stopped while the window stayed open): a banner above the page, from the
// polled status.summary, and every status view drops its last answer (use-status.ts) so nothing stale stays green.
import type { ApiCallError } from '../api/api-error';
import { useStatusSummary } from '../sync-state/use-status';
import '../styles/sync-state.css';

interface Props {
  error: ApiCallError;
  onRetry: () => void;
  retrying: boolean;
}

export const CoreUnreachable = ({ error, onRetry, retrying }: Props) => (
  <section className="page" aria-labelledby="core-unreachable-title">
    <div className="callout callout-error" role="alert">
      <h1 id="core-unreachable-title">Lanyard’s core is not responding</h1>
      <p>{error.message}</p>
      {error.hint ? <p className="muted">{error.hint}</p> : null}
      {error.code === 'unauthorized' ? (
        <p className="muted">
          Open the address that <code>lanyard serve</code> printed, including its token, to sign in again.
        </p>
      ) : null}
      <button type="button" className="button" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Trying again…' : 'Try again'}
      </button>
    </div>
  </section>
);

/** The core stopped answering after the app had loaded: what is on screen may be out of date. */
export const CoreLostBanner = () => {
  const status = useStatusSummary();
  if (!status.error) return null;
  return (
    <div className="callout callout-error core-lost" role="alert" data-testid="core-lost">
      <strong>
        {status.unreachable
          ? 'Lanyard’s core is not responding: what this window shows may be out of date'
          : 'Lanyard cannot read its status'}
      </strong>
      <p>
        {status.error.message}
        {status.error.hint ? ` ${status.error.hint}` : ''}
      </p>
      <button
        type="button"
        className="button button-secondary"
        onClick={status.retry}
        disabled={status.retrying}
      >
        {status.retrying ? 'Trying again…' : 'Try again'}
      </button>
    </div>
  );
};
