// Search and filters of the People page, as pure functions over the people.list payload so they are unit-tested
// and fast for 10,000+ people: each person's searchable text is lower-cased once, then every keystroke is a
// plain substring scan.
import type { PeopleList, PeopleListPerson, PersonAppCell } from '../../../../shared/api/methods-people';
import type { DirectoryPersonStatus } from '../../../../shared/api/methods-directory';

export interface PeopleFilter {
  query: string;
  status: DirectoryPersonStatus | 'all';
  /** A group id, or 'all'. */
  group: string;
  /** 'all', or an app id: only people whose cell in that app is in `appState`. */
  app: string;
  /** With `app`: 'some' = an account (active or not) or a pending change there, else one cell state. */
  appState: AppState;
  /** Only people with a pending change (invitation or planned/held op) in some app. */
  pendingOnly: boolean;
}

export const emptyFilter: PeopleFilter = {
  query: '',
  status: 'all',
  group: 'all',
  app: 'all',
  appState: 'some',
  pendingOnly: false,
};

export const isFiltered = (f: PeopleFilter): boolean =>
  f.query.trim() !== '' || f.status !== 'all' || f.group !== 'all' || f.app !== 'all' || f.pendingOnly;

export interface IndexedPerson {
  person: PeopleListPerson;
  /** login, email, name, department, title, id and group names, lower-cased, joined by a separator. */
  haystack: string;
}

export const indexPeople = (list: PeopleList): IndexedPerson[] => {
  const groupNames = new Map(list.groups.map((g) => [g.id, g.name]));
  return list.people.map((person) => ({
    person,
    haystack: [
      person.displayName,
      person.login,
      person.email,
      person.department,
      person.title,
      person.id,
      ...person.groups.map((id) => groupNames.get(id)),
    ]
      .filter(Boolean)
      .join('\u0001')
      .toLowerCase(),
  }));
};

/** Every whitespace-separated word of the query must appear somewhere in the person's text. */
export const filterPeople = (people: readonly IndexedPerson[], f: PeopleFilter): PeopleListPerson[] => {
  const words = f.query.toLowerCase().split(/\s+/).filter(Boolean);
  const out: PeopleListPerson[] = [];
  for (const { person, haystack } of people) {
    if (f.status !== 'all' && person.status !== f.status) continue;
    if (f.group !== 'all' && !person.groups.includes(f.group)) continue;
    if (f.app !== 'all' && !inAppState(person, f.app, f.appState)) continue;
    if (f.pendingOnly && !person.accounts.some((a) => a.pending)) continue;
    if (words.length && !words.every((w) => haystack.includes(w))) continue;
    out.push(person);
  }
  return out;
};

export type CellState = 'account' | 'deactivated' | 'pending' | 'none';
/** What the per-app filter asks of a person's cell in that app: the words are the matrix cells' own. */
export type AppState = 'some' | CellState;

const inAppState = (person: PeopleListPerson, appId: string, state: AppState): boolean => {
  const cell = cellState(person.accounts.find((a) => a.appId === appId));
  return state === 'some' ? cell !== 'none' : cell === state;
};

/** What the matrix shows for one person in one app. */
export const cellState = (cell: PersonAppCell | undefined): CellState =>
  !cell ? 'none' : cell.pending ? 'pending' : cell.active ? 'account' : 'deactivated';

/** The name people see: display name, else the login. */
export const nameOf = (p: Pick<PeopleListPerson, 'displayName' | 'login'>): string =>
  p.displayName ?? p.login;
