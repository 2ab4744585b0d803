// A labelled form field with help text and an error line wired up through aria-describedby / aria-invalid.
// The error line always takes its space, so a message appearing does not shift the form.
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  help?: ReactNode;
  error?: string | undefined;
  suffix?: string;
}

export const Field = ({ label, help, error, suffix, className, ...input }: Props) => {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="field-control">
        <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
        {suffix ? (
          <span className="field-suffix" aria-hidden="true">
            {suffix}
          </span>
        ) : null}
      </div>
      {help ? (
        <p id={helpId} className="field-help">
          {help}
        </p>
      ) : null}
      <p id={errorId} className="field-error">
        {error ?? ''}
      </p>
    </div>
  );
};

/** A checkbox with its label to the right and optional help below. */
export const CheckboxField = ({ label, help, className, ...input }: Omit<Props, 'suffix' | 'error'>) => {
  const id = useId();
  return (
    <div className={`field field-checkbox${className ? ` ${className}` : ''}`}>
      <input id={id} type="checkbox" aria-describedby={help ? `${id}-help` : undefined} {...input} />
      <label htmlFor={id}>{label}</label>
      {help ? (
        <p id={`${id}-help`} className="field-help">
          {help}
        </p>
      ) : null}
    </div>
  );
};
