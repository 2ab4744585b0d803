// What approving a case's held tasks came to, next to the case: done and failed counts, tasks Lanyard did not run
// because their reason no longer held (superseded, with why), and tasks waiting for a fresh approval (held again, or
// new ones replacing approved ones whose target changed).
import { taskApprovalSentence, type TaskApprovalOutcome } from '../../offboarding/offboarding-format';

export const ApprovalNote = ({
  outcome,
  onDismiss,
}: {
  outcome: TaskApprovalOutcome;
  onDismiss: () => void;
}) => (
  <div
    className={`callout ${outcome.failed ? 'callout-error' : outcome.superseded.length || outcome.waiting.length ? 'callout-warning' : 'callout-info'} case-approval`}
    data-testid="case-approval"
  >
    <p>
      <strong>{taskApprovalSentence(outcome)}</strong>
    </p>
    {outcome.superseded.length ? (
      <>
        <p>Not run — Lanyard checked again just before running, and these are no longer called for:</p>
        <ul>
          {outcome.superseded.map((t) => (
            <li key={t.id}>
              {t.title} — {t.reason}
            </li>
          ))}
        </ul>
      </>
    ) : null}
    {outcome.waiting.length ? (
      <>
        <p>Waiting for a fresh approval (the situation changed after you approved):</p>
        <ul>
          {outcome.waiting.map((t) => (
            <li key={t.id}>
              {t.title}
              {t.reason ? ` — ${t.reason}` : ''}
            </li>
          ))}
        </ul>
      </>
    ) : null}
    <button type="button" className="button button-small button-secondary" onClick={onDismiss}>
      Dismiss
    </button>
  </div>
);
