// The banners above the Overview and the Sync page (sync.status): runs that apply nothing yet (a new workspace
// waiting for its first reviewed plan, or applying paused), the changes held for review with their main reasons,
// and quarantined apps with why. On the Overview they link to the page that acts; on the Sync page they act in place.
import { useId } from 'react';
import { Link } from 'react-router';
import type { SchedulerStatus } from '../../../shared/api/methods-sync';
import { applyingNotice, heldTitle, topHeldReasons } from './attention';
import '../styles/sync-state.css';

/** On the Sync page the banners act in place (its scheduler card lists quarantined apps with Resume). */
interface InPlace {
  previewPlan: () => void;
  /** A preview or a run is under way. */
  busy: boolean;
  showReview: () => void;
}

interface Props {
  status: SchedulerStatus | undefined;
  /** Given on the Sync page; elsewhere the banners link to it. */
  inPlace?: InPlace;
}

export const SyncAttention = ({ status, inPlace }: Props) => {
  const id = useId();
  if (!status) return null;
  const applying = applyingNotice(status);
  const held = status.held ?? { total: 0, reasons: [] };
  const quarantined = inPlace ? [] : (status.quarantined ?? []);
  if (!applying && held.total === 0 && quarantined.length === 0) return null;

  return (
    <div className="sync-attention" data-testid="sync-attention">
      {applying ? (
        <aside
          className={`attention attention-${applying.state === 'paused' ? 'warning' : 'info'}`}
          aria-labelledby={`${id}-applying`}
          data-applying={applying.state}
        >
          <div>
            <h2 id={`${id}-applying`}>{applying.title}</h2>
            <p>{applying.detail}</p>
          </div>
          {applying.state === 'awaiting-first-review' ? (
            <div className="attention-actions">
              {inPlace ? (
                <button
                  type="button"
                  className="button"
                  aria-disabled={inPlace.busy || undefined}
                  onClick={() => !inPlace.busy && inPlace.previewPlan()}
                >
                  Review the first plan
                </button>
              ) : (
                <Link className="button" to="/sync?preview=1">
                  Review the first plan
                </Link>
              )}
            </div>
          ) : !inPlace ? (
            <div className="attention-actions">
              <Link className="button button-secondary" to="/sync">
                Open Sync to resume
              </Link>
            </div>
          ) : null}
        </aside>
      ) : null}
      {held.total > 0 ? (
        <aside className="attention attention-warning" aria-labelledby={`${id}-held`}>
          <div>
            <h2 id={`${id}-held`}>{heldTitle(held)}</h2>
            <ul className="attention-reasons" aria-label="Main reasons">
              {topHeldReasons(held).map((r) => (
                <li key={r.reason}>
                  <strong>{r.count}</strong> {r.reason}
                </li>
              ))}
            </ul>
          </div>
          <div className="attention-actions">
            {inPlace ? (
              <button type="button" className="button button-secondary" onClick={inPlace.showReview}>
                Go to the review queue
              </button>
            ) : (
              <Link className="button button-secondary" to="/sync?focus=review">
                Open the review queue
              </Link>
            )}
          </div>
        </aside>
      ) : null}
      {quarantined.length ? (
        <aside className="attention attention-error" aria-labelledby={`${id}-quarantine`}>
          <div>
            <h2 id={`${id}-quarantine`}>
              {quarantined.length === 1
                ? `${quarantined[0]!.appName} is quarantined`
                : `${quarantined.length} apps are quarantined`}
            </h2>
            <p>Lanyard stopped writing to {quarantined.length === 1 ? 'it' : 'them'} until you resume:</p>
            <ul className="attention-reasons">
              {quarantined.map((q) => (
                <li key={q.appId}>
                  <strong>{q.appName}</strong> — {q.reason}
                </li>
              ))}
            </ul>
          </div>
          <div className="attention-actions">
            <Link className="button button-secondary" to="/apps">
              Open Apps
            </Link>
          </div>
        </aside>
      ) : null}
    </div>
  );
};
