// A modal confirmation on the native <dialog>: the browser traps focus, Escape cancels, focus returns on close.
// Every destructive action confirms here, wherever it is triggered (one held op or all of them, a skip, an
// offboard, removing an app or an exception), and names what will happen: for each change the account, the app
// and the exact effect in the shared op labels (shared/ops/op-labels.ts), with what it means for the person.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import '../styles/confirm.css';

/** One change the confirmation is about: "ana-gh in GitHub: Remove from the GitHub org". */
export interface ConfirmEffect {
  /** The account (email, login or userName); null when the change is not about one account. */
  account: string | null;
  /** The app's name, or "Directory" for the kill switch. */
  app: string;
  /** The op label: "Remove from the GitHub org". */
  effect: string;
  /** What it means for the person ("They lose every repository …"), when the label does not say it all. */
  consequence?: string | null;
}

/** Lists past this many are shortened, so a bulk approval still fits the dialog. */
const SHOWN = 12;

interface Props {
  open: boolean;
  title: string;
  children?: ReactNode;
  /** The changes a confirm carries out, listed by account, app and effect. */
  effects?: readonly ConfirmEffect[];
  /** How the list of changes is announced: "What will happen" (default), "Not carried out" for a skip. */
  effectsLabel?: string;
  confirmLabel: string;
  busy: boolean;
  error?: string | null;
  /** Disables the confirm button (a required reason is still empty, a preview is still loading). */
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export const ConfirmDialog = ({
  open,
  title,
  children,
  effects,
  effectsLabel = 'What will happen',
  confirmLabel,
  busy,
  error,
  confirmDisabled = false,
  onConfirm,
  onCancel,
}: Props) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      el.showModal();
      // The safe choice has focus, not the first focusable thing (a scrollable list of effects, a reason field).
      cancel.current?.focus();
    }
    if (!open && el.open) el.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={() => open && onCancel()}>
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">
        {effects?.length ? <EffectList effects={effects} label={effectsLabel} /> : null}
        {children}
      </div>
      {error ? (
        <p className="callout callout-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button
          ref={cancel}
          type="button"
          className="button button-secondary"
          onClick={onCancel}
          autoFocus
          disabled={busy}
        >
          Cancel
        </button>
        <button
          type="button"
          className="button button-danger"
          onClick={onConfirm}
          disabled={busy || confirmDisabled}
        >
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
};

const EffectList = ({ effects, label }: { effects: readonly ConfirmEffect[]; label: string }) => (
  // Focusable: a long list scrolls inside the dialog, and the keyboard must be able to scroll it too.
  <ul className="confirm-effects" aria-label={label} data-testid="confirm-effects" tabIndex={0}>
    {effects.slice(0, SHOWN).map((e, i) => (
      <li key={`${e.app}-${e.account ?? ''}-${i}`}>
        <strong className="confirm-effect">{e.effect}</strong>
        <span className="confirm-target">
          {e.account ? `${e.account} · ` : ''}
          {e.app}
        </span>
        {e.consequence ? <span className="confirm-consequence">{e.consequence}</span> : null}
      </li>
    ))}
    {effects.length > SHOWN ? <li className="muted">… and {effects.length - SHOWN} more</li> : null}
  </ul>
);
