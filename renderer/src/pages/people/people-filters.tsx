// The search box and filters above the grid. Every control has a visible label; the result count next to them
// (in the page) is a polite live region, so screen-reader users hear how many people match as they type.
import { useId, type RefObject } from 'react';
import type { PeopleListApp, PeopleListGroup } from '../../../../shared/api/methods-people';
import type { DirectoryPersonStatus } from '../../../../shared/api/methods-directory';
import type { AppState, PeopleFilter } from './people-filter';
import { STATUSES, statusLabel } from './people-format';

interface Props {
  filter: PeopleFilter;
  onChange: (patch: Partial<PeopleFilter>) => void;
  groups: PeopleListGroup[];
  apps: PeopleListApp[];
  disabled: boolean;
  searchRef: RefObject<HTMLInputElement | null>;
}

export const PeopleFilters = ({ filter, onChange, groups, apps, disabled, searchRef }: Props) => {
  const id = useId();
  return (
    <div className="people-filters">
      <div className="people-filter people-filter-search">
        <label htmlFor={`${id}-q`}>Search</label>
        <div className="field-control">
          <svg className="people-search-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
            <path
              d="M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4-4"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
            />
          </svg>
          <input
            id={`${id}-q`}
            ref={searchRef}
            type="search"
            placeholder="Name, email, login, department or group"
            autoComplete="off"
            spellCheck={false}
            value={filter.query}
            disabled={disabled}
            onChange={(e) => onChange({ query: e.target.value })}
          />
        </div>
      </div>
      <div className="people-filter">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          className="select"
          value={filter.status}
          disabled={disabled}
          onChange={(e) => onChange({ status: e.target.value as DirectoryPersonStatus | 'all' })}
        >
          <option value="all">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="people-filter">
        <label htmlFor={`${id}-group`}>Group</label>
        <select
          id={`${id}-group`}
          className="select"
          value={filter.group}
          disabled={disabled}
          onChange={(e) => onChange({ group: e.target.value })}
        >
          <option value="all">All groups</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </div>
      <div className="people-filter">
        <label htmlFor={`${id}-app`}>App</label>
        <select
          id={`${id}-app`}
          className="select"
          value={filter.app}
          disabled={disabled}
          onChange={(e) => onChange({ app: e.target.value })}
        >
          <option value="all">Any app</option>
          {apps.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="people-filter">
        <label htmlFor={`${id}-app-state`}>In that app</label>
        <select
          id={`${id}-app-state`}
          className="select"
          value={filter.appState}
          disabled={disabled || filter.app === 'all'}
          onChange={(e) => onChange({ appState: e.target.value as AppState })}
        >
          {APP_STATES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
};

// "Drift" is what an admin looks for: a change Lanyard plans or holds for that person there (or an invitation).
const APP_STATES: [AppState, string][] = [
  ['some', 'Has an account or change'],
  ['account', 'Active account'],
  ['deactivated', 'Deactivated account'],
  ['pending', 'Pending change (drift)'],
  ['none', 'No account'],
];

/** "Pending changes only": sits on the summary line, next to the count it changes. */
export const PendingOnly = ({
  checked,
  disabled,
  onChange,
}: {
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
}) => {
  const id = useId();
  return (
    <div className="people-filter-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>Pending changes only</label>
    </div>
  );
};
