// Finds the person to offboard: a search over people.list (name, email, login, department), the best few matches
// as radio buttons, so the keyboard moves with arrows and the choice is announced.
import { useDeferredValue, useId, useMemo, useState } from 'react';
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
  const name = useId();

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

  return (
    <div className="offboard-picker">
      <label htmlFor={inputId}>Who is leaving?</label>
      <input
        id={inputId}
        type="search"
        className="input"
        placeholder="Name, email or login"
        autoComplete="off"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {people.error ? (
        <p className="callout callout-error" role="alert">
          {errorText(people.error, 'Could not read the directory')}
        </p>
      ) : null}
      <fieldset className="offboard-matches">
        <legend className="visually-hidden">Matching people</legend>
        {matches.map((p) => (
          <label key={p.id} className="offboard-match">
            <input
              type="radio"
              name={name}
              checked={value?.id === p.id}
              onChange={() => onChange({ id: p.id, label: personLabel(p) })}
            />
            <span>
              <span className="offboard-match-name">{p.displayName ?? p.login}</span>
              <span className="muted">
                {' '}
                {p.email ?? p.login}
                {p.department ? ` · ${p.department}` : ''}
                {p.status !== 'active' ? ` · ${p.status}` : ''}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
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
