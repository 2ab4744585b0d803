// A role, team or app-group field of the rule dialog: free text, with the values the app reports offered as toggle
// buttons beside it, and a warning (never a block) when the text names one the app does not report — "Slack does not
// report a role 'admni'; known roles: …". When Lanyard does not know what the app has, the caption says so and
// nothing is flagged (unknown is not "none").
import { useState } from 'react';
import { splitList } from './rules-format';

interface Props {
  id: string;
  label: string;
  /** As typed: one role, or comma-separated names when `multi`. */
  value: string;
  onChange: (value: string) => void;
  multi: boolean;
  placeholder: string;
  /** What the app reports; null: unknown. */
  known: string[] | null;
  /** Where `known` comes from, or why it is unknown. */
  caption: string;
  /** Sentences for names the app does not report. */
  warnings: string[];
  /** Accessible name of the group of choices: "Roles GitHub reports". */
  choicesLabel: string;
}

const SHOWN = 30;

export const TermPicker = (p: Props) => {
  const [filter, setFilter] = useState('');
  const chosen = p.multi ? splitList(p.value) : p.value.trim() ? [p.value.trim()] : [];
  const isChosen = (k: string) => chosen.some((c) => c.toLowerCase() === k.toLowerCase());
  const toggle = (k: string) => {
    if (!p.multi) return p.onChange(isChosen(k) ? '' : k);
    const next = isChosen(k) ? chosen.filter((c) => c.toLowerCase() !== k.toLowerCase()) : [...chosen, k];
    p.onChange(next.join(', '));
  };
  const known = p.known ?? [];
  const q = filter.trim().toLowerCase();
  const matching = q ? known.filter((k) => k.toLowerCase().includes(q)) : known;
  return (
    <div className={`field field-wide${p.warnings.length ? ' rules-term-flagged' : ''}`}>
      <label htmlFor={p.id}>{p.label}</label>
      <div className="field-control">
        <input
          id={p.id}
          value={p.value}
          placeholder={p.placeholder}
          autoComplete="off"
          onChange={(e) => p.onChange(e.target.value)}
          aria-describedby={`${p.id}-help ${p.id}-warning`}
        />
      </div>
      <p id={`${p.id}-help`} className="field-help">
        {p.caption}
      </p>
      {known.length ? (
        <div className="rules-choices">
          {known.length > 12 ? (
            <input
              type="search"
              className="rules-group-filter"
              placeholder="Filter"
              aria-label={`Filter ${p.choicesLabel.toLowerCase()}`}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          ) : null}
          <div role="group" aria-label={p.choicesLabel} className="rules-choice-list">
            {matching.slice(0, SHOWN).map((k) => (
              <button
                key={k}
                type="button"
                className="rules-choice"
                aria-pressed={isChosen(k)}
                onClick={() => toggle(k)}
              >
                {k}
              </button>
            ))}
            {matching.length > SHOWN ? (
              <span className="muted">… {matching.length - SHOWN} more: filter to find them</span>
            ) : null}
          </div>
        </div>
      ) : null}
      <p id={`${p.id}-warning`} className="rules-term-warning" aria-live="polite">
        {p.warnings.join(' ')}
      </p>
    </div>
  );
};
