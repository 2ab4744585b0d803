// Who reviews an item (pure): the campaign's reviewer sources in order — a named reviewer of the app, the app's
// `owner`, the person's manager (the directory `manager` attribute, resolved to a person where it names one) —
// else the fallback. A reviewer never reviews their own access: such an item goes to the fallback ("self").
import type { ReviewerSource } from '../../shared/config/reviews-schema';
import type { ReviewerBasis } from '../../shared/api/methods-reviews';

export interface AssignPerson {
  id: string;
  login: string;
  email: string | null;
  manager: string | null;
}

export interface AssignPlan {
  assign: readonly ReviewerSource[];
  reviewers: Readonly<Record<string, string>>;
  fallback: string;
  owners: ReadonlyMap<string, string | undefined>;
}

export interface AssignItem {
  appId: string;
  person: AssignPerson | null;
  /** The account's userName and emails: an orphan account can be the reviewer's own too. */
  accountNames: readonly string[];
}

/** Resolves a directory reference (id, email or login) to a person, case-insensitively. */
export const personIndex = (people: readonly AssignPerson[]) => {
  const by = new Map<string, AssignPerson>();
  for (const p of people) {
    for (const k of [p.id, p.login, p.email]) if (k) by.set(k.toLowerCase(), p);
  }
  return (ref: string | null | undefined): AssignPerson | null =>
    ref ? (by.get(ref.trim().toLowerCase()) ?? null) : null;
};

/** The address a reviewer is known by: the email of the directory person it names, else as written. */
export const reviewerAddress = (ref: string, find: (r: string) => AssignPerson | null): string => {
  const p = find(ref);
  return p ? (p.email ?? p.login) : ref.trim();
};

const isSelf = (reviewer: string, item: AssignItem, find: (r: string) => AssignPerson | null): boolean => {
  const r = reviewer.toLowerCase();
  const me = find(reviewer);
  if (item.person) {
    if (me && me.id === item.person.id) return true;
    if ([item.person.login, item.person.email].some((k) => k?.toLowerCase() === r)) return true;
  }
  const names = item.accountNames.map((n) => n.toLowerCase());
  return (
    names.includes(r) || (!!me && [me.login, me.email].some((k) => !!k && names.includes(k.toLowerCase())))
  );
};

export const assignReviewer = (
  plan: AssignPlan,
  item: AssignItem,
  find: (r: string) => AssignPerson | null,
): { reviewer: string; basis: ReviewerBasis } => {
  const fallback = reviewerAddress(plan.fallback, find);
  for (const source of plan.assign) {
    let ref: string | null | undefined = null;
    if (source === 'named') ref = plan.reviewers[item.appId];
    else if (source === 'owner') ref = plan.owners.get(item.appId);
    else if (source === 'manager' && item.person?.manager) {
      const m = find(item.person.manager);
      ref = m ? (m.email ?? m.login) : item.person.manager.includes('@') ? item.person.manager : null;
    }
    if (!ref) continue;
    const reviewer = reviewerAddress(ref, find);
    if (isSelf(reviewer, item, find)) return { reviewer: fallback, basis: 'self' };
    return { reviewer, basis: source };
  }
  return { reviewer: fallback, basis: 'fallback' };
};
