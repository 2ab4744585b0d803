// Skipping is destructive (the access may stay): a dialog asks for the reason, which is required and audited.
import { useEffect, useId, useRef, useState } from 'react';

interface Props {
  title: string;
  what: string;
  busy: boolean;
  error: string | null;
  onSkip: (reason: string) => void;
  onCancel: () => void;
}

export const SkipDialog = ({ title, what, busy, error, onSkip, onCancel }: Props) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const missing = reason.trim() === '';

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={onCancel}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (!missing) onSkip(reason.trim());
        }}
      >
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">
          <p>{what} The reason is written to the audit ledger and the case evidence.</p>
          <div className={`field${tried && missing ? ' field-invalid' : ''}`}>
            <label htmlFor={reasonId}>Reason (required)</label>
            <textarea
              id={reasonId}
              className="ob-textarea"
              rows={3}
              maxLength={500}
              value={reason}
              autoFocus
              aria-invalid={tried && missing ? true : undefined}
              aria-describedby={`${reasonId}-error`}
              onChange={(e) => setReason(e.target.value)}
            />
            <p id={`${reasonId}-error`} className="field-error">
              {tried && missing
                ? 'Say why this is skipped, e.g. "account already removed by the vendor".'
                : ''}
            </p>
          </div>
        </div>
        {error ? (
          <p className="callout callout-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button-danger" disabled={busy}>
            {busy ? 'Skipping…' : 'Skip'}
          </button>
        </div>
      </form>
    </dialog>
  );
};
