// The People page's search and filters (pure, renderer side): what an admin types and picks narrows the rows.
import { describe, expect, it } from 'vitest';
import {
  cellState,
  emptyFilter,
  filterPeople,
  indexPeople,
  isFiltered,
} from '../../../renderer/src/pages/people/people-filter';
import type { PeopleList, PeopleListPerson } from '../../../shared/api/methods-people';

const person = (id: string, p: Partial<PeopleListPerson> = {}): PeopleListPerson => ({
  id,
  login: `${id}@acme.test`,
  email: `${id}@acme.test`,
  displayName: null,
  status: 'active',
  statusChangedAt: null,
  department: null,
  title: null,
  groups: [],
  accounts: [],
  ...p,
});

const list: PeopleList = {
  directory: { name: 'Acme', kind: 'okta', lastReadAt: null, health: 'ok', healthDetail: null },
  groups: [
    { id: 'g1', name: 'Engineering' },
    { id: 'g2', name: 'Sales' },
  ],
  apps: [{ id: 'slack', name: 'Slack', kind: 'manual' }],
  orphans: [],
  people: [
    person('ana.silva', { displayName: 'Ana Silva', department: 'Engineering', groups: ['g1'] }),
    person('bruno.costa', {
      displayName: 'Bruno Costa',
      status: 'suspended',
      groups: ['g2'],
      accounts: [{ appId: 'slack', active: true, role: 'admin', pending: false }],
    }),
    person('chloe.moreau', {
      displayName: 'Chloé Moreau',
      accounts: [{ appId: 'slack', active: false, role: null, pending: true }],
    }),
  ],
};
const index = indexPeople(list);
const ids = (f: Partial<typeof emptyFilter>) =>
  filterPeople(index, { ...emptyFilter, ...f }).map((p) => p.id);

describe('People search and filters', () => {
  it('finds a person by an email fragment, case-insensitively', () => {
    expect(ids({ query: 'COSTA@' })).toEqual(['bruno.costa']);
  });

  it('needs every word to match, across name, department and group names', () => {
    expect(ids({ query: 'ana engineering' })).toEqual(['ana.silva']);
    expect(ids({ query: 'sales' })).toEqual(['bruno.costa']);
    expect(ids({ query: 'ana sales' })).toEqual([]);
  });

  it('narrows by status, group, app and pending changes', () => {
    expect(ids({ status: 'suspended' })).toEqual(['bruno.costa']);
    expect(ids({ group: 'g1' })).toEqual(['ana.silva']);
    expect(ids({ app: 'slack' })).toEqual(['bruno.costa', 'chloe.moreau']);
    expect(ids({ pendingOnly: true })).toEqual(['chloe.moreau']);
  });

  it('narrows by what one app has for each person: an account, a deactivated one, a pending change, or none', () => {
    expect(ids({ app: 'slack', appState: 'account' })).toEqual(['bruno.costa']);
    expect(ids({ app: 'slack', appState: 'pending' })).toEqual(['chloe.moreau']);
    expect(ids({ app: 'slack', appState: 'none' })).toEqual(['ana.silva']);
    expect(ids({ app: 'slack', appState: 'deactivated' })).toEqual([]);
    // The app state means nothing without an app.
    expect(ids({ appState: 'none' })).toEqual(['ana.silva', 'bruno.costa', 'chloe.moreau']);
  });

  it('knows when anything is filtered, so the page can offer to clear it', () => {
    expect(isFiltered(emptyFilter)).toBe(false);
    expect(isFiltered({ ...emptyFilter, query: '  ' })).toBe(false);
    expect(isFiltered({ ...emptyFilter, group: 'g2' })).toBe(true);
  });

  it('shows a cell as account, deactivated, pending or none', () => {
    expect(cellState({ appId: 'a', active: true, role: 'admin', pending: false })).toBe('account');
    expect(cellState({ appId: 'a', active: false, role: null, pending: false })).toBe('deactivated');
    expect(cellState({ appId: 'a', active: false, role: null, pending: true })).toBe('pending');
    expect(cellState(undefined)).toBe('none');
  });
});
