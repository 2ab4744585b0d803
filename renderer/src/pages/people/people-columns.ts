// Which apps the People grid shows as columns (issue #16 item 8). With 30+ apps not every app fits beside the
// person, so by default the grid shows the apps with the most accounts, as many as fit its width; the admin can
// pick others, and that choice is remembered in this browser (use-people-columns.ts). Pure helpers.
import type { PeopleListApp, PeopleListPerson } from '../../../../shared/api/methods-people';

/** How many people have an entry (account or pending change) in each app. */
export const accountCounts = (people: readonly PeopleListPerson[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const p of people) for (const a of p.accounts) counts.set(a.appId, (counts.get(a.appId) ?? 0) + 1);
  return counts;
};

/** The apps by account count, most first; ties keep the workspace's order. */
export const appsByUse = (
  apps: readonly PeopleListApp[],
  counts: ReadonlyMap<string, number>,
): PeopleListApp[] =>
  apps
    .map((app, i) => ({ app, i, n: counts.get(app.id) ?? 0 }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .map(({ app }) => app);

/**
 * The app columns to show: the admin's choice (in the workspace's order, apps since removed left out), else the most
 * used apps that fit. An app the rows are filtered by is always shown, first, so the filter's effect is visible; by
 * default it takes the place of the least used one, so the columns still fit.
 */
export const shownApps = (
  apps: readonly PeopleListApp[],
  counts: ReadonlyMap<string, number>,
  chosen: readonly string[] | null,
  fit: number,
  filteredApp: string | null,
): PeopleListApp[] => {
  const filtered = filteredApp ? apps.find((a) => a.id === filteredApp) : undefined;
  let base: PeopleListApp[];
  if (chosen) base = apps.filter((a) => chosen.includes(a.id));
  else {
    const byUse = appsByUse(apps, counts);
    const room = filtered && !byUse.slice(0, fit).includes(filtered) ? fit - 1 : fit;
    const top = new Set(byUse.slice(0, Math.max(0, room)).map((a) => a.id));
    base = apps.filter((a) => top.has(a.id));
  }
  return filtered && !base.includes(filtered) ? [filtered, ...base] : base;
};
