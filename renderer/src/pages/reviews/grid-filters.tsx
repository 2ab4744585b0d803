// The filters above the decision grid: reviewer, app, decision, "undecided only" and a search box. Every control has
// a visible label; the selects apply at once, the search as you type (the page defers the query).
import { useId } from 'react';
import type { ReviewerProgress } from '../../../../shared/api/methods-reviews';
import type { DecisionFilter, ItemsFilter } from './items-filter';

interface Props {
  filter: ItemsFilter;
  onChange: (patch: Partial<ItemsFilter>) => void;
  reviewers: ReviewerProgress[];
  apps: { id: string; name: string }[];
}

export const GridFilters = ({ filter, onChange, reviewers, apps }: Props) => {
  const id = useId();
  return (
    <div className="reviews-filters" role="search" aria-label="Filter the items">
      <div className="reviews-filter reviews-filter-search">
        <label htmlFor={`${id}-q`}>Search</label>
        <div className="field-control">
          <input
            id={`${id}-q`}
            type="search"
            placeholder="Person, account, role, rule"
            autoComplete="off"
            spellCheck={false}
            value={filter.search}
            onChange={(e) => onChange({ search: e.target.value })}
          />
        </div>
      </div>
      <div className="reviews-filter">
        <label htmlFor={`${id}-reviewer`}>Reviewer</label>
        <select
          id={`${id}-reviewer`}
          className="reviews-select"
          value={filter.reviewer}
          onChange={(e) => onChange({ reviewer: e.target.value })}
        >
          <option value="">All reviewers</option>
          {reviewers.map((r) => (
            <option key={r.reviewer} value={r.reviewer}>
              {r.reviewer} ({r.open} open)
            </option>
          ))}
        </select>
      </div>
      <div className="reviews-filter">
        <label htmlFor={`${id}-app`}>App</label>
        <select
          id={`${id}-app`}
          className="reviews-select"
          value={filter.app}
          onChange={(e) => onChange({ app: e.target.value })}
        >
          <option value="">All apps</option>
          {apps.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="reviews-filter">
        <label htmlFor={`${id}-decision`}>Decision</label>
        <select
          id={`${id}-decision`}
          className="reviews-select"
          value={filter.undecided ? '' : filter.decision}
          disabled={filter.undecided}
          onChange={(e) => onChange({ decision: e.target.value as DecisionFilter })}
        >
          <option value="">Any</option>
          <option value="decided">Any decision</option>
          <option value="keep">Keep</option>
          <option value="revoke">Revoke</option>
          <option value="change-role">Change role</option>
        </select>
      </div>
      <label className="reviews-filter-check">
        <input
          type="checkbox"
          checked={filter.undecided}
          onChange={(e) => onChange({ undecided: e.target.checked })}
        />
        Undecided only
      </label>
    </div>
  );
};
