// The card every settings form sits in: heading, description, fields, and a footer with the live save status.
import type { FormEvent, ReactNode } from 'react';

interface Props {
  id: string;
  title: string;
  description: string;
  loading: boolean;
  /** Unsaved edits: shown as a hint next to the button. */
  dirty: boolean;
  saving: boolean;
  status: { text: string; tone: 'ok' | 'error' | 'neutral' };
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}

export const SectionForm = ({
  id,
  title,
  description,
  loading,
  dirty,
  saving,
  status,
  onSubmit,
  children,
}: Props) => (
  <section className="card" aria-labelledby={`${id}-title`}>
    <div className="card-header">
      <div>
        <h2 id={`${id}-title`}>{title}</h2>
        <p className="card-description">{description}</p>
      </div>
    </div>
    <form
      onSubmit={(event) => {
        if (saving) event.preventDefault();
        else onSubmit(event);
      }}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <fieldset className="field-grid" disabled={loading}>
        {children}
      </fieldset>
      <div className="form-footer">
        <p className={`form-status form-status-${status.tone}`} role="status" aria-live="polite">
          {status.text || (dirty ? 'Unsaved changes' : '')}
        </p>
        {/* Never disabled while focused: a button that disables itself drops keyboard focus to <body>. */}
        <button type="submit" className="button" disabled={loading} aria-disabled={saving || undefined}>
          {saving ? 'Saving…' : `Save ${title.toLowerCase()}`}
        </button>
      </div>
    </form>
  </section>
);
