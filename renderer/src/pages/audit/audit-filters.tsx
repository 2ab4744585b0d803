// The filter form above the ledger: person (name, email, login or id, with suggestions from the directory), app,
// action (a picker of plain names), since, until — every control labelled, applied on submit (Enter or the Apply
// button) so the URL and the query change once per search, not per keystroke. A bad time comes back from the
// core with its field path and is shown under that field.
import { useState, type FormEvent } from 'react';
import type { AuditFilter } from '../../../../shared/api/methods-audit';
import { Field } from '../../components/field';
import { ActionPicker } from './action-picker';
import { FILTER_KEYS, parseChoice, type FilterKey } from './audit-filter';
import { usePersonSuggestions } from './person-suggestions';

interface Props {
  filter: AuditFilter;
  onApply: (filter: AuditFilter) => void;
  /** Errors from the core keyed by field ("since"), e.g. a time it cannot read. */
  errors: ReadonlyMap<string, string>;
}

type Draft = Record<FilterKey, string>;

const draftOf = (filter: AuditFilter): Draft =>
  Object.fromEntries(FILTER_KEYS.map((k) => [k, filter[k] ?? ''])) as Draft;

const TIME_HELP = 'e.g. 2026-11-28, 24h, 7d';

export const AuditFilters = ({ filter, onApply, errors }: Props) => {
  // Re-seeded from the URL whenever it changes (back/forward, a bookmark): the key below remounts the form.
  const [draft, setDraft] = useState<Draft>(() => draftOf(filter));
  const set = (key: FilterKey) => (event: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: event.target.value }));
  const suggestions = usePersonSuggestions(draft.person);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: AuditFilter = {};
    for (const key of FILTER_KEYS) {
      const value = draft[key].trim();
      if (value) next[key] = value;
    }
    onApply(next);
  };

  const clear = () => {
    setDraft(draftOf({}));
    onApply({});
  };

  return (
    <form className="card audit-filters" role="search" aria-label="Filter the audit ledger" onSubmit={submit}>
      <div className="audit-filter-grid">
        <Field
          label="Person"
          help="Name, email, login or directory id"
          list="audit-people"
          value={draft.person}
          onChange={set('person')}
          autoComplete="off"
          spellCheck={false}
          error={errors.get('person')}
        />
        <datalist id="audit-people">
          {suggestions.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </datalist>
        <Field
          label="App"
          help="App id, e.g. slack"
          value={draft.app}
          onChange={set('app')}
          autoComplete="off"
          spellCheck={false}
          error={errors.get('app')}
        />
        <ActionPicker
          action={draft.action}
          kind={draft.kind}
          error={errors.get('action') ?? errors.get('kind')}
          onChange={(value) => {
            const c = parseChoice(value);
            setDraft((d) => ({ ...d, action: c.action ?? '', kind: c.kind ?? '' }));
          }}
        />
        <Field
          label="Since"
          help={TIME_HELP}
          value={draft.since}
          onChange={set('since')}
          autoComplete="off"
          spellCheck={false}
          error={errors.get('since')}
        />
        <Field
          label="Until"
          help={TIME_HELP}
          value={draft.until}
          onChange={set('until')}
          autoComplete="off"
          spellCheck={false}
          error={errors.get('until')}
        />
      </div>
      <div className="audit-filter-actions">
        <button type="submit" className="button">
          Apply filters
        </button>
        <button type="button" className="button button-secondary" onClick={clear}>
          Clear
        </button>
      </div>
    </form>
  );
};
