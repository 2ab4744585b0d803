// Correlation: which directory person each app account belongs to. externalId (= the directory person id Lanyard
// writes) first, then the account's userName / emails against the person's login, email and app userName,
// case-insensitively. A key two people share decides nothing. Accounts no person claims are orphans: reported,
// never touched without a rule or an admin's action.
import { userNameFor } from './desired';
import type { AppConfig, Orphan, SyncAccount, SyncPerson } from './types';

/** lowercased login/email → the person's position in `people`; -1 when two people share the key. */
type KeyIndex = Map<string, number>;

export interface PeopleIndex {
  people: readonly SyncPerson[];
  /** person id → position in `people`. */
  byId: Map<string, number>;
  byKey: KeyIndex;
}

const addKey = (index: KeyIndex, key: string | null | undefined, i: number): void => {
  if (!key) return;
  const k = key.toLowerCase();
  const had = index.get(k);
  if (had === undefined) index.set(k, i);
  else if (had !== i) index.set(k, -1);
};

export const indexPeople = (people: readonly SyncPerson[]): PeopleIndex => {
  const byId = new Map<string, number>();
  const byKey: KeyIndex = new Map();
  people.forEach((p, i) => {
    byId.set(p.id, i);
    addKey(byKey, p.login, i);
    addKey(byKey, p.email, i);
  });
  return { people, byId, byKey };
};

/** GitHub logins come from a directory attribute: those keys exist only for that app. */
const appKeys = (index: PeopleIndex, app: AppConfig): KeyIndex | null => {
  if (app.kind !== 'github') return null;
  const keys: KeyIndex = new Map();
  index.people.forEach((p, i) => addKey(keys, userNameFor(p, app), i));
  return keys;
};

export interface Correlation {
  /** The person's account in this app, by the person's position in `people`. */
  linked: (SyncAccount | undefined)[];
  orphans: Orphan[];
}

export const correlate = (
  app: AppConfig,
  accounts: readonly SyncAccount[],
  index: PeopleIndex,
): Correlation => {
  const linked = new Array<SyncAccount | undefined>(index.people.length).fill(undefined);
  const orphans: Orphan[] = [];
  const orphan = (a: SyncAccount, reason: string): void => {
    orphans.push({ appId: app.id, remoteId: a.remoteId, userName: a.userName, reason });
  };
  const taken = (a: SyncAccount, i: number): void => {
    const p = index.people[i]!;
    orphan(a, `another account (${linked[i]!.userName}) is already linked to ${p.email ?? p.login}`);
  };
  const rest: SyncAccount[] = [];
  for (const a of accounts) {
    const i = a.externalId ? index.byId.get(a.externalId) : undefined;
    if (i === undefined) rest.push(a);
    else if (linked[i]) taken(a, i);
    else linked[i] = a;
  }
  const extra = rest.length ? appKeys(index, app) : null;
  for (const a of rest) {
    let ambiguous = false;
    let found = -1;
    for (const key of [a.userName, ...a.emails]) {
      const k = key.toLowerCase();
      const hit = extra?.has(k) ? extra.get(k) : index.byKey.get(k);
      if (hit === -1) ambiguous = true;
      else if (hit !== undefined) {
        found = hit;
        break;
      }
    }
    if (found === -1) {
      orphan(
        a,
        ambiguous
          ? 'its userName or email belongs to more than one directory person'
          : 'no directory person has this externalId, userName or email',
      );
    } else if (linked[found]) {
      taken(a, found);
    } else {
      linked[found] = a;
    }
  }
  return { linked, orphans };
};

/** The person's account in the app (for callers that look up one person). */
export const linkedAccount = (c: Correlation, index: PeopleIndex, personId: string): SyncAccount | null => {
  const i = index.byId.get(personId);
  return i === undefined ? null : (c.linked[i] ?? null);
};

/**
 * Which person each account belongs to (remoteId → person id), by the planner's own rule — so what the store
 * records (People page, orphan report) is what the planner matches. Unlinked accounts are absent.
 */
export const accountLinks = (
  app: AppConfig,
  accounts: readonly SyncAccount[],
  people: readonly SyncPerson[],
): Map<string, string> => {
  const index = indexPeople(people);
  const { linked } = correlate(app, accounts, index);
  const out = new Map<string, string>();
  linked.forEach((a, i) => {
    if (a) out.set(a.remoteId, people[i]!.id);
  });
  return out;
};
