// The decision grid's filter, kept in the URL (a reviewer's open items can be bookmarked or sent to a colleague):
// reviewer, app, decision, "undecided only" and a search; turned into the reviews.items query.
import type { MethodInput } from '../../../../shared/api/contract';

export type DecisionFilter = '' | 'decided' | 'keep' | 'revoke' | 'change-role';

export interface ItemsFilter {
  reviewer: string;
  app: string;
  decision: DecisionFilter;
  undecided: boolean;
  search: string;
}

const DECISIONS: DecisionFilter[] = ['', 'decided', 'keep', 'revoke', 'change-role'];

/** The most items one grid loads; past it the page asks to narrow the filters (a campaign of 5,000 is rare). */
export const GRID_LIMIT = 5000;

export const filterFromParams = (p: URLSearchParams): ItemsFilter => {
  const decision = p.get('decision') ?? '';
  return {
    reviewer: p.get('reviewer') ?? '',
    app: p.get('app') ?? '',
    decision: (DECISIONS as string[]).includes(decision) ? (decision as DecisionFilter) : '',
    undecided: p.get('undecided') === '1',
    search: p.get('q') ?? '',
  };
};

export const paramsFromFilter = (f: ItemsFilter): Record<string, string> => {
  const out: Record<string, string> = {};
  if (f.reviewer) out.reviewer = f.reviewer;
  if (f.app) out.app = f.app;
  if (f.decision && !f.undecided) out.decision = f.decision;
  if (f.undecided) out.undecided = '1';
  if (f.search.trim()) out.q = f.search.trim();
  return out;
};

export const isFiltered = (f: ItemsFilter): boolean => Object.keys(paramsFromFilter(f)).length > 0;

export const itemsQuery = (campaignId: number, f: ItemsFilter): MethodInput<'reviews.items'> => ({
  campaignId,
  limit: GRID_LIMIT,
  ...(f.reviewer ? { reviewer: f.reviewer } : {}),
  ...(f.app ? { appId: f.app } : {}),
  ...(f.undecided ? { state: 'open' as const } : f.decision ? { state: f.decision } : {}),
  ...(f.search.trim() ? { search: f.search.trim() } : {}),
});
