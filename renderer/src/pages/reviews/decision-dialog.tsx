// One item's decision in a modal <dialog>: keep, revoke, change role (to a named role) or not mine (passed to
// another reviewer, the fallback when left empty), with an optional comment; and the item's history — every decision
// with who made it, for which reviewer, how it came in and when. Recording is the page's job (reviews.decide).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type {
  ReviewDecisionInput,
  ReviewDecisionKind,
  ReviewItemView,
} from '../../../../shared/api/methods-reviews';
import { REVIEW_DECISIONS } from '../../../../shared/api/methods-reviews';
import { decisionLabel, decisionText, formatTime, sourceLabel } from './reviews-format';
import { who } from './decision-grid';

interface Props {
  item: ReviewItemView;
  /** Roles seen in this app among the campaign's items, offered as suggestions. */
  roles: string[];
  busy: boolean;
  error: string | null;
  onSave: (decision: ReviewDecisionInput) => void;
  onCancel: () => void;
}

const help: Record<ReviewDecisionKind, string> = {
  keep: 'The access stays as it is.',
  revoke: 'The account is deprovisioned through the gate when decisions are applied or the campaign closes.',
  'change-role': 'The role is changed through the gate when decisions are applied or the campaign closes.',
  'not-mine': 'The item goes to another reviewer (the fallback when left empty) and stays open.',
};

export const DecisionDialog = ({ item, roles, busy, error, onSave, onCancel }: Props) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const current = item.decision;
  const [decision, setDecision] = useState<ReviewDecisionKind>(current?.decision ?? 'keep');
  const [role, setRole] = useState(current?.role ?? '');
  const [reassignTo, setReassignTo] = useState('');
  const [comment, setComment] = useState(current?.comment ?? '');
  const [roleError, setRoleError] = useState('');

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (decision === 'change-role' && !role.trim()) {
      setRoleError('Name the new role.');
      return;
    }
    onSave({
      itemId: item.id,
      decision,
      ...(decision === 'change-role' ? { role: role.trim() } : {}),
      ...(decision === 'not-mine' && reassignTo.trim() ? { reassignTo: reassignTo.trim() } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
  };

  return (
    <dialog ref={dialog} className="dialog reviews-dialog" aria-labelledby={`${id}-title`} onClose={onCancel}>
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>
          {who(item)} in {item.appName}
        </h2>
        <div className="dialog-body reviews-form">
          <p>
            Account <strong>{item.userName}</strong>, role {item.role ?? 'none'}; {item.grantedBy}. Reviewer:{' '}
            {item.reviewer}.
          </p>
          <fieldset className="reviews-fieldset">
            <legend>Decision</legend>
            <div className="reviews-choices">
              {REVIEW_DECISIONS.map((k) => (
                <label key={k}>
                  <input
                    type="radio"
                    name={`${id}-decision`}
                    checked={decision === k}
                    onChange={() => setDecision(k)}
                  />{' '}
                  {decisionLabel[k]}
                </label>
              ))}
            </div>
            <p className="field-help">{help[decision]}</p>
          </fieldset>
          {decision === 'change-role' ? (
            <div className={`field${roleError ? ' field-invalid' : ''}`}>
              <label htmlFor={`${id}-role`}>New role</label>
              <div className="field-control">
                <input
                  id={`${id}-role`}
                  list={`${id}-roles`}
                  value={role}
                  aria-invalid={roleError ? true : undefined}
                  aria-describedby={`${id}-role-error`}
                  onChange={(e) => {
                    setRole(e.target.value);
                    setRoleError('');
                  }}
                />
                <datalist id={`${id}-roles`}>
                  {roles.map((r) => (
                    <option key={r} value={r} />
                  ))}
                </datalist>
              </div>
              <p id={`${id}-role-error`} className="field-error">
                {roleError}
              </p>
            </div>
          ) : null}
          {decision === 'not-mine' ? (
            <div className="field">
              <label htmlFor={`${id}-to`}>Pass to</label>
              <div className="field-control">
                <input
                  id={`${id}-to`}
                  type="email"
                  placeholder="Fallback reviewer"
                  autoComplete="off"
                  value={reassignTo}
                  onChange={(e) => setReassignTo(e.target.value)}
                />
              </div>
              <p className="field-error" />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-comment`}>Comment (optional)</label>
            <div className="field-control">
              <textarea
                id={`${id}-comment`}
                rows={2}
                maxLength={1000}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            </div>
          </div>
          {item.history.length ? (
            <div>
              <h3 className="reviews-h3">History</h3>
              <ul className="reviews-history">
                {item.history.map((h) => (
                  <li key={h.auditSeq}>
                    {decisionText(h)} — {h.decidedBy} for {h.forReviewer} {sourceLabel[h.source]},{' '}
                    {formatTime(h.decidedAt)} (audit #{h.auditSeq}){h.comment ? `: “${h.comment}”` : ''}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {error ? (
            <p className="callout callout-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Saving…' : 'Save decision'}
          </button>
        </div>
      </form>
    </dialog>
  );
};
