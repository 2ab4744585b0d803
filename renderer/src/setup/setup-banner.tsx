// The Overview's "Finish setting up Lanyard" banner: shown while nothing is synced yet and the workspace lacks a
// directory, an app or a rule; dismissible (remembered in this browser), never a forced redirect.
import { useState } from 'react';
import { Link } from 'react-router';
import { useRpcQuery } from '../api/queries';
import '../styles/setup.css';

const DISMISSED = 'lanyard.setupBannerDismissed';

const readDismissed = (): boolean => {
  try {
    return window.localStorage.getItem(DISMISSED) === '1';
  } catch {
    return false;
  }
};

export const SetupBanner = () => {
  const status = useRpcQuery('setup.status', {});
  const [dismissed, setDismissed] = useState(readDismissed);
  const s = status.data;
  if (!s || dismissed || s.firstSyncDone) return null;
  const missing = [
    !s.directory.configured ? 'connect your directory' : !s.directory.lastPull ? 'read your directory' : null,
    s.apps === 0 ? 'add an app' : null,
    s.rules === 0 ? 'add an access rule' : null,
  ].filter((m): m is string => m !== null);
  if (!missing.length) return null;

  const dismiss = () => {
    try {
      window.localStorage.setItem(DISMISSED, '1');
    } catch {
      // Storage may be off; the banner then just hides for this visit.
    }
    setDismissed(true);
  };

  return (
    <aside className="setup-banner" aria-label="Setup">
      <div>
        <h2>Finish setting up Lanyard</h2>
        <p>
          Still to do: {missing.join(', ')}. The setup walks you through it and ends with a dry run; nothing
          is applied until you say so.
        </p>
      </div>
      <div className="setup-banner-actions">
        <Link className="button" to="/setup">
          Start setup
        </Link>
        <button type="button" className="button button-secondary" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    </aside>
  );
};
