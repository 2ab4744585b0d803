// The action filter as a picker of plain names ("Account deactivated", "Offboarding started"), grouped by what
// they are about. A filter from a bookmark that is not one of the choices (any action or "prefix*") stays
// selectable as itself, so opening such a link never silently widens the view.
import { useId } from 'react';
import { ACTION_GROUPS, choiceLabel, choiceValue } from './audit-filter';

interface Props {
  action: string;
  kind: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}

export const ActionPicker = ({ action, kind, onChange, error }: Props) => {
  const id = useId();
  const value = choiceValue(action || undefined, kind || undefined);
  const custom = value !== '' && choiceLabel(action || undefined, kind || undefined) === null;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>Action</label>
      <div className="field-control">
        <select
          id={id}
          className="audit-select"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          <option value="">Any action</option>
          {custom ? (
            <option value={value}>
              {action || 'any action'}
              {kind ? ` (${kind})` : ''}
            </option>
          ) : null}
          {ACTION_GROUPS.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.choices.map((c) => (
                <option key={c.label} value={choiceValue(c.action, c.kind)}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <p id={`${id}-error`} className="field-error">
        {error ?? ''}
      </p>
    </div>
  );
};
