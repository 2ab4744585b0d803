// A person's changes that wait for an admin (held ops from review.list), each in the shared op words and linked to
// the review queue where it is approved: a "Pending" account in GitHub says why it is pending and where to act.
import { Link } from 'react-router';
import { useId } from 'react';
import { useRpcQuery } from '../../api/queries';
import '../../styles/person-held.css';

export const WaitingForApproval = ({ personId }: { personId: string }) => {
  const headingId = useId();
  const held = useRpcQuery('review.list', { personId });
  const ops = held.data?.apps.flatMap((a) => a.ops.map((op) => ({ op, appName: a.appName }))) ?? [];
  if (!ops.length) return null;
  return (
    <section className="person-section" aria-labelledby={headingId} data-testid="person-held">
      <h3 id={headingId}>Waiting for approval</h3>
      <ul className="person-held">
        {ops.map(({ op, appName }) => (
          <li key={op.id} className="person-held-op">
            <span>
              <strong>{appName}</strong>: {op.label ?? op.reason} — pending, waits for approval
            </span>
            <Link
              to={`/sync?op=${op.id}`}
              aria-label={`Open the approval of “${op.label ?? op.reason}” in ${appName}`}
            >
              Open
            </Link>
            {op.heldReason ? <span className="muted person-held-why">{op.heldReason}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
};
