// A person's changes that wait for an admin (held ops from review.list), in the shared op words and linked to the
// review queue where they are approved: a "Pending" account says why it is pending and where to act. Under each
// app of the panel (HeldLines), and in a section of their own for held changes outside the listed apps (the
// directory's kill switch).
import { Link } from 'react-router';
import { useId } from 'react';
import type { ReviewList, SyncOpView } from '../../../../shared/api/methods-sync';
import '../../styles/person-held.css';

/** The person's held ops by app id. */
export const heldByApp = (review: ReviewList | undefined): ReadonlyMap<string, SyncOpView[]> =>
  new Map(review?.apps.map((a) => [a.appId, a.ops]) ?? []);

const words = (op: SyncOpView) => op.label ?? op.reason;

/** "Pending: Remove from the GitHub org — waits for approval · Open" (to the held op in the Sync queue). */
export const HeldLines = ({ ops, appName }: { ops: readonly SyncOpView[] | undefined; appName: string }) =>
  ops?.length ? (
    <ul className="person-held">
      {ops.map((op) => (
        <li key={op.id} className="person-held-op">
          <span>
            Pending: {words(op)} — waits for approval
            {op.heldReason ? <span className="muted"> ({op.heldReason})</span> : null}
          </span>
          <Link to={`/sync?op=${op.id}`} aria-label={`Open the approval of “${words(op)}” in ${appName}`}>
            Open
          </Link>
        </li>
      ))}
    </ul>
  ) : null;

/** Held changes not shown under an app of the panel. */
export const WaitingForApproval = ({
  review,
  shownApps,
}: {
  review: ReviewList | undefined;
  shownApps: ReadonlySet<string>;
}) => {
  const headingId = useId();
  const rest = review?.apps.filter((a) => !shownApps.has(a.appId) && a.ops.length) ?? [];
  if (!rest.length) return null;
  return (
    <section className="person-section" aria-labelledby={headingId} data-testid="person-held">
      <h3 id={headingId}>Waiting for approval</h3>
      {rest.map((a) => (
        <div key={a.appId}>
          <strong>{a.appName}</strong>
          <HeldLines ops={a.ops} appName={a.appName} />
        </div>
      ))}
    </section>
  );
};
