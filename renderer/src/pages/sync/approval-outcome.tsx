// What an approval came to, after "Approve" in the review queue: how many were applied or failed, which approved
// changes the gate found no longer needed (never executed) and why, and the new changes that replace approved ones
// whose target changed — those wait in the queue for a fresh approval. Stays until dismissed or the next action.
import { useEffect, useRef } from 'react';
import { KIND_LABEL, approvalSentence, plural, type ApprovalOutcome } from './sync-format';

interface Props {
  outcome: ApprovalOutcome;
  appName: (id: string) => string;
  onDismiss: () => void;
}

export const ApprovalOutcomeNote = ({ outcome, appName, onDismiss }: Props) => {
  const heading = useRef<HTMLHeadingElement>(null);
  const needsEye = outcome.superseded.length + outcome.replaced.length + outcome.heldAgain.length > 0;
  // Keyboard and screen-reader users continue from what happened. The confirmation dialog hands focus back to its
  // opener as it closes, in the same commit, so the move waits for the next frame.
  useEffect(() => {
    const frame = requestAnimationFrame(() => heading.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [outcome]);
  return (
    <section
      className={`callout ${outcome.failed ? 'callout-error' : needsEye ? 'callout-warning' : 'callout-info'} sync-outcome`}
      aria-labelledby="sync-outcome-title"
      data-testid="approval-outcome"
    >
      <h3 id="sync-outcome-title" ref={heading} tabIndex={-1}>
        {approvalSentence(outcome)}
      </h3>
      {outcome.superseded.length ? (
        <div>
          <p>
            <strong>Not applied.</strong> Lanyard checked{' '}
            {outcome.superseded.length === 1 ? 'this change' : 'these changes'} again just before sending, and{' '}
            {outcome.superseded.length === 1 ? 'it is' : 'they are'} no longer called for:
          </p>
          <ul className="sync-outcome-list">
            {outcome.superseded.map((s) => (
              <li key={s.id}>
                {s.reason.includes(s.target) ? (
                  s.reason
                ) : (
                  <>
                    <span className="sync-op-target">{s.target}</span> — {s.reason}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {outcome.replaced.length ? (
        <div>
          <p>
            <strong>Waiting for a fresh approval.</strong> The situation changed after you approved (a new
            role, another account), so Lanyard planned{' '}
            {outcome.replaced.length === 1 ? 'a new change' : plural(outcome.replaced.length, 'new change')}{' '}
            instead of applying the old one. {outcome.replaced.length === 1 ? 'It is' : 'They are'} in the
            queue below:
          </p>
          <ul className="sync-outcome-list">
            {outcome.replaced.map((o) => (
              <li key={o.id}>
                <span className="sync-op-target">
                  {o.target} — {o.label ?? KIND_LABEL[o.kind]}
                </span>{' '}
                <span className="muted">in {appName(o.appId)}</span> — {o.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {outcome.heldAgain.length ? (
        <div>
          <p>
            <strong>Held again.</strong> A guardrail stopped{' '}
            {outcome.heldAgain.length === 1 ? 'this change' : 'these changes'} when it was about to run:
          </p>
          <ul className="sync-outcome-list">
            {outcome.heldAgain.map((o) => (
              <li key={o.id}>
                <span className="sync-op-target">
                  {o.target} — {o.label ?? KIND_LABEL[o.kind]}
                </span>{' '}
                — {o.heldReason ?? 'held for review'}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <button type="button" className="button button-small button-secondary" onClick={onDismiss}>
        Dismiss
      </button>
    </section>
  );
};
