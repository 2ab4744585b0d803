// Finds the person to offboard: a search over people.list (name, email, login, department) whose best few matches
// form a listbox under the search box (the ARIA combobox pattern): ArrowDown / ArrowUp move through the results
// without leaving the box, Enter picks the active one, a click picks too, and the choice is announced.
import { useDeferredValue, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { PeopleListPerson } from '../../../shared/api/methods-people';
import { useRpcQuery } from '../api/queries';
import { errorText } from './offboarding-format';

const MAX_MATCHES = 8;

export interface PickedPerson {
  id: string;
  label: string;
}

export const personLabel = (p: PeopleListPerson): string => {
  const contact = p.email ?? p.login;
  return p.displayName ? `${p.displayName} (${contact})` : contact;
};

export const PersonPicker = ({
  value,
  onChange,
}: {
  value: PickedPerson | null;
  onChange: (p: PickedPerson) => void;
}) => {
  const people = useRpcQuery('people.list', {});
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const inputId = useId();
  const listId = useId();
  // The active result, for the search it was chosen in; new results start at the first (Enter picks the best).
  const [moved, setMoved] = useState<{ query: string; index: number } | null>(null);

  const matches = useMemo(() => {
    const q = deferred.trim().toLowerCase();
    if (!q || !people.data) return [];
    const out: PeopleListPerson[] = [];
    for (const p of people.data.people) {
      if (p.status === 'deleted') continue;
      const hay = `${p.displayName ?? ''} ${p.email ?? ''} ${p.login} ${p.department ?? ''}`.toLowerCase();
      if (hay.includes(q)) out.push(p);
      if (out.length >= MAX_MATCHES) break;
    }
    return out;
  }, [deferred, people.data]);
  const active =
    moved && moved.query === deferred && moved.index < matches.length ? moved.index : matches.length ? 0 : -1;
  const setActive = (index: number) => setMoved({ query: deferred, index });

  const pick = (p: PeopleListPerson) => onChange({ id: p.id, label: personLabel(p) });
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!matches.length) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + matches.length) % matches.length);
    } else if (e.key === 'Enter' && active >= 0) {
      // Enter picks; it must not submit anything or close the dialog.
      e.preventDefault();
      const p = matches[active];
      if (p) pick(p);
    }
  };
  const optionId = (i: number) => `${listId}-option-${i}`;

  return (
    <div className="offboard-picker">
      <label htmlFor={inputId}>Who is leaving?</label>
      <input
        id={inputId}
        type="search"
        className="input"
        placeholder="Name, email or login"
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={matches.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 && matches.length ? optionId(active) : undefined}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {people.error ? (
        <p className="callout callout-error" role="alert">
          {errorText(people.error, 'Could not read the directory')}
        </p>
      ) : null}
      <ul className="offboard-matches" id={listId} role="listbox" aria-label="Matching people">
        {matches.map((p, i) => (
          // The search box keeps focus (aria-activedescendant); a click picks like Enter does.
          <li
            key={p.id}
            id={optionId(i)}
            role="option"
            aria-selected={value?.id === p.id}
            className={`offboard-match${i === active ? ' offboard-match-active' : ''}`}
            onClick={() => pick(p)}
            onMouseMove={() => setActive(i)}
          >
            <span className="offboard-match-mark" aria-hidden="true">
              {value?.id === p.id ? '✓' : ''}
            </span>
            <span>
              <span className="offboard-match-name">{p.displayName ?? p.login}</span>
              <span className="muted">
                {' '}
                {p.email ?? p.login}
                {p.department ? ` · ${p.department}` : ''}
                {p.status !== 'active' ? ` · ${p.status}` : ''}
              </span>
            </span>
          </li>
        ))}
      </ul>
      <p className="muted" role="status">
        {!people.data
          ? people.isPending
            ? 'Loading the directory…'
            : ''
          : !deferred.trim()
            ? `Type to search ${people.data.people.length.toLocaleString()} people.`
            : matches.length === 0
              ? 'Nobody matches. Check the spelling, or pull the directory if they joined recently.'
              : matches.length === MAX_MATCHES
                ? `Showing the first ${MAX_MATCHES} matches; type more to narrow down.`
                : `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}.`}
      </p>
    </div>
  );
};
