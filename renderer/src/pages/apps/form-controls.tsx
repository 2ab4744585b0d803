// A labelled <select> and <textarea> in the same frame as components/field.tsx (help, reserved error line,
// aria-describedby / aria-invalid), for the app form.
import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface Common {
  label: string;
  help?: ReactNode;
  error?: string | undefined;
  className?: string;
}

const describedBy = (id: string, help: unknown, error: unknown): string | undefined =>
  [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

const Frame = ({
  id,
  label,
  help,
  error,
  className,
  children,
}: Common & { id: string; children: ReactNode }) => (
  <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
    <label htmlFor={id}>{label}</label>
    <div className="field-control">{children}</div>
    {help ? (
      <p id={`${id}-help`} className="field-help">
        {help}
      </p>
    ) : null}
    <p id={`${id}-error`} className="field-error">
      {error ?? ''}
    </p>
  </div>
);

export const SelectField = ({
  label,
  help,
  error,
  className,
  children,
  ...select
}: Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'>) => {
  const id = useId();
  return (
    <Frame id={id} label={label} help={help} error={error} className={className}>
      <select
        id={id}
        className="apps-select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, help, error)}
        {...select}
      >
        {children}
      </select>
    </Frame>
  );
};

export const TextAreaField = ({
  label,
  help,
  error,
  className,
  ...area
}: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'>) => {
  const id = useId();
  return (
    <Frame id={id} label={label} help={help} error={error} className={className}>
      <textarea
        id={id}
        className="apps-textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, help, error)}
        {...area}
      />
    </Frame>
  );
};
