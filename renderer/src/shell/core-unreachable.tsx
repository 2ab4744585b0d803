// Shown instead of the pages when the first app.info fails: says what happened and how to get going again.
import type { ApiCallError } from '../api/api-error';

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
