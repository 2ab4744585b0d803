// A page's "could not load" callout: what failed in words (errorText: the core's message and its hint), and a
// Try again that refetches. One component so every page says it the same way.
import { errorText } from '../offboarding/offboarding-format';

export const LoadError = ({
  error,
  what,
  onRetry,
}: {
  error: unknown;
  what: string;
  onRetry: () => void;
}) => (
  <div className="callout callout-error" role="alert">
    <p>{errorText(error, what)}</p>
    <button type="button" className="button button-secondary button-small" onClick={onRetry}>
      Try again
    </button>
  </div>
);
