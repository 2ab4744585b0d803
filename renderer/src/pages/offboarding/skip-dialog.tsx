// Skipping is destructive (the access may stay): the same confirmation as every destructive action, naming the
// account, app and effect that will NOT be carried out, and asking for the reason, which is required and audited.
import { useId, useState } from 'react';
import { ConfirmDialog, type ConfirmEffect } from '../../components/confirm-dialog';

interface Props {
  title: string;
  what: string;
  /** The steps that would be skipped. */
  effects?: readonly ConfirmEffect[];
  busy: boolean;
  error: string | null;
  onSkip: (reason: string) => void;
  onCancel: () => void;
}

export const SkipDialog = ({ title, what, effects, busy, error, onSkip, onCancel }: Props) => {
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const missing = reason.trim() === '';

  return (
    <ConfirmDialog
      open
      title={title}
      effects={effects}
      effectsLabel="Not carried out"
      confirmLabel="Skip"
      busy={busy}
      error={error}
      onCancel={onCancel}
      onConfirm={() => {
        setTried(true);
        if (!missing) onSkip(reason.trim());
      }}
    >
      <p>{what} The reason is written to the audit ledger and the case evidence.</p>
      <div className={`field${tried && missing ? ' field-invalid' : ''}`}>
        <label htmlFor={reasonId}>Reason (required)</label>
        <textarea
          id={reasonId}
          className="ob-textarea"
          rows={3}
          maxLength={500}
          value={reason}
          aria-invalid={tried && missing ? true : undefined}
          aria-describedby={`${reasonId}-error`}
          onChange={(e) => setReason(e.target.value)}
        />
        <p id={`${reasonId}-error`} className="field-error">
          {tried && missing ? 'Say why this is skipped, e.g. "account already removed by the vendor".' : ''}
        </p>
      </div>
    </ConfirmDialog>
  );
};
