// The People grid's app columns with many apps (issue #16 item 8): by default the most used apps that fit; the
// admin's choice instead when there is one; an app the rows are filtered by is always a column.
import { describe, expect, it } from 'vitest';
import { accountCounts, appsByUse, shownApps } from '../../../renderer/src/pages/people/people-columns';
import { appColumnsThatFit } from '../../../renderer/src/pages/people/people-grid-layout';
import type { PeopleListApp, PeopleListPerson } from '../../../shared/api/methods-people';

const app = (id: string): PeopleListApp => ({ id, name: id.toUpperCase(), kind: 'scim' });
const apps = ['zoom', 'slack', 'figma', 'jira', 'badge'].map(app);
const person = (id: string, appIds: string[]): PeopleListPerson => ({
  id,
  login: id,
  email: null,
  displayName: null,
  status: 'active',
  statusChangedAt: null,
  department: null,
  title: null,
  groups: [],
  accounts: appIds.map((appId) => ({ appId, active: true, role: null, pending: false })),
});
const counts = accountCounts([
  person('a', ['slack', 'figma', 'jira']),
  person('b', ['slack', 'jira']),
  person('c', ['slack', 'zoom']),
]);
const ids = (list: PeopleListApp[]) => list.map((a) => a.id);

describe('People grid app columns', () => {
  it('counts entries per app and orders apps by use, ties in workspace order', () => {
    expect(counts.get('slack')).toBe(3);
    expect(counts.get('badge')).toBeUndefined();
    expect(ids(appsByUse(apps, counts))).toEqual(['slack', 'jira', 'zoom', 'figma', 'badge']);
  });

  it('shows by default the most used apps that fit, in the workspace order', () => {
    expect(ids(shownApps(apps, counts, null, 2, null))).toEqual(['slack', 'jira']);
    expect(ids(shownApps(apps, counts, null, 3, null))).toEqual(['zoom', 'slack', 'jira']);
    expect(ids(shownApps(apps, counts, null, 99, null))).toEqual(ids(apps));
  });

  it('shows the admin’s choice instead, ignoring apps that no longer exist', () => {
    expect(ids(shownApps(apps, counts, ['badge', 'gone', 'zoom'], 1, null))).toEqual(['zoom', 'badge']);
    expect(shownApps(apps, counts, [], 3, null)).toEqual([]);
  });

  it('always shows the app the rows are filtered by, first; by default in place of the least used', () => {
    expect(ids(shownApps(apps, counts, null, 2, 'badge'))).toEqual(['badge', 'slack']);
    expect(ids(shownApps(apps, counts, null, 2, 'jira'))).toEqual(['slack', 'jira']);
    expect(ids(shownApps(apps, counts, ['zoom'], 1, 'badge'))).toEqual(['badge', 'zoom']);
  });

  it('fits more app columns in a wider grid, and always at least one', () => {
    expect(appColumnsThatFit(0)).toBe(1);
    expect(appColumnsThatFit(900)).toBe(2);
    expect(appColumnsThatFit(1400)).toBeGreaterThan(appColumnsThatFit(900) + 3);
  });
});
