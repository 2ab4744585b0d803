// Small pieces the setup steps share: a write-only secret input (uncontrolled: React never holds the value),
// check lines with missing permissions, and the "not saved" note for errors that name no field.
import { forwardRef, useId } from 'react';
import type { ApiCallError } from '../api/api-error';

export const errorsOf = (error: ApiCallError | null): Map<string, string> =>
  error?.fieldErrors() ?? new Map();

interface SecretProps {
  label: string;
  multiline: boolean;
  error: string | undefined;
  help?: string | undefined;
}

/** "Client secret" → "client secret"; "API token" stays as it is. */
export const lowerFirst = (label: string): string =>
  /^[A-Z][A-Z]/.test(label) ? label : `${label[0]!.toLowerCase()}${label.slice(1)}`;

export const SecretInput = forwardRef<HTMLInputElement & HTMLTextAreaElement, SecretProps>(
  ({ label, multiline, error, help }, ref) => {
    const id = useId();
    const described = `${id}-help${error ? ` ${id}-error` : ''}`;
    const common = {
      id,
      name: 'secret',
      'aria-invalid': error ? true : undefined,
      'aria-describedby': described,
      autoComplete: 'off',
      spellCheck: false,
    } as const;
    return (
      <div className={`field field-wide${error ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>{label}</label>
        <div className="field-control">
          {multiline ? (
            <textarea
              ref={ref}
              rows={5}
              className="setup-textarea"
              placeholder={`Paste the ${lowerFirst(label)}`}
              {...common}
            />
          ) : (
            <input
              ref={ref}
              type="password"
              placeholder={`Paste the ${lowerFirst(label)}`}
              {...common}
              autoComplete="new-password"
            />
          )}
        </div>
        <p id={`${id}-help`} className="field-help">
          {help ??
            'Write-only: stored in the OS keychain and never displayed. Leave empty to keep the stored one.'}
        </p>
        <p id={`${id}-error`} className="field-error">
          {error ?? ''}
        </p>
      </div>
    );
  },
);
SecretInput.displayName = 'SecretInput';

export const CheckLines = ({ details, missing }: { details: string[]; missing: string[] }) => (
  <>
    <ul className="setup-checks">
      {details.map((d, i) => (
        <li key={i}>{d}</li>
      ))}
    </ul>
    {missing.length ? (
      <p className="setup-missing">
        <strong>Missing permissions:</strong> {missing.join(', ')}
      </p>
    ) : null}
  </>
);

export const ErrorNote = ({
  error,
  fieldErrors,
  what,
  pending = null,
}: {
  error: ApiCallError | null;
  fieldErrors: boolean;
  what: string;
  /** What is in progress ("Testing the connection…"), said while there is no error. */
  pending?: string | null;
}) => (
  <p className={`form-status form-status-${error ? 'error' : 'neutral'}`} role="status" aria-live="polite">
    {!error
      ? (pending ?? '')
      : fieldErrors
        ? `${what}: fix the highlighted fields.`
        : `${what}: ${error.message}${error.hint ? ` ${error.hint}` : ''}`}
  </p>
);
