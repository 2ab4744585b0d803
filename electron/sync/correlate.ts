// Correlation: which directory person each app account belongs to. externalId (= the directory person id Lanyard
// writes) first, then the account's userName / emails against the person's login, email and app userName,
// case-insensitively. A key two people share decides nothing. Accounts no person claims are orphans: reported,
// never touched without a rule or an admin's action.
// Identity guard: an account whose externalId names someone else — another person in the directory, or someone no
// longer in it (a former employee whose login was reused) — is never linked to a person by userName or email.
// Such a person gets a `conflicts` entry instead, so the planner holds a takeover for review rather than creating
// (and, on a 409, adopting) the other person's account. An externalId that is just the person's own login or
// email (written by another provisioning tool) is theirs.
// GitHub: a member's remoteId is its numeric user id and its userName the current login; the directory attribute
// (usernameAttribute) may hold either, so both are keys. GitHub reports no externalId: the one an account carries
// is the person Lanyard remembered for it (github-owners.ts), and it yields to the directory attribute when that
// names another account of the org.
import { invitationIdOf } from '../apps/github/wire';
import { githubAttribute, userNameFor } from './desired';
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

/**
 * GitHub logins (or numeric user ids) come from a directory attribute: those keys exist only for that app. A
 * person without one is keyed by the email or login the invitation goes to.
 */
const appKeys = (index: PeopleIndex, app: AppConfig): KeyIndex | null => {
  if (app.kind !== 'github') return null;
  const keys: KeyIndex = new Map();
  index.people.forEach((p, i) => addKey(keys, userNameFor(p, app), i));
  return keys;
};

/** A GitHub member's numeric user id, which the directory attribute may hold instead of the login. */
const githubIdOf = (app: AppConfig, a: SyncAccount): string | null =>
  app.kind === 'github' && invitationIdOf(a.remoteId) === null ? a.remoteId.toLowerCase() : null;

/**
 * GitHub: the person whose attribute names an account of the org other than `a` (by login or id). Their own word
 * beats what Lanyard remembered, so an admin correcting a mistyped login is heard.
 */
const namesAnother = (
  app: AppConfig,
  accounts: readonly SyncAccount[],
): ((p: SyncPerson, a: SyncAccount) => boolean) => {
  if (app.kind !== 'github') return () => false;
  let byKey: Map<string, SyncAccount> | null = null;
  return (p, a) => {
    const attr = githubAttribute(p, app)?.toLowerCase();
    if (!attr) return false;
    if (!byKey) {
      byKey = new Map();
      for (const x of accounts) {
        byKey.set(x.userName.toLowerCase(), x);
        const id = githubIdOf(app, x);
        if (id) byKey.set(id, x);
      }
    }
    const named = byKey.get(attr);
    return named !== undefined && named !== a;
  };
};

/** A person whose login / email / app userName is held by an account that belongs to someone else. */
export interface IdentityConflict {
  account: SyncAccount;
  /** The position of the person the account belongs to, or -1 when they are no longer in the directory. */
  owner: number;
}

export interface Correlation {
  /** The person's account in this app, by the person's position in `people`. */
  linked: (SyncAccount | undefined)[];
  orphans: Orphan[];
  /** By person position: the account their keys name, which belongs to someone else. */
  conflicts: Map<number, IdentityConflict>;
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
  const otherNamed = namesAnother(app, accounts);
  for (const a of accounts) {
    const i = a.externalId ? index.byId.get(a.externalId) : undefined;
    if (i === undefined) rest.push(a);
    // Remembered, not written: matched afresh by its login and id like any account.
    else if (otherNamed(index.people[i]!, a)) rest.push({ ...a, externalId: null });
    else if (linked[i]) taken(a, i);
    else linked[i] = a;
  }
  // GitHub logins and ids from the directory attribute: needed to match unlinked accounts, and to find whom an
  // id-linked account would otherwise be claimed by (the identity guard below).
  const extra = accounts.length ? appKeys(index, app) : null;
  /** The person an account key names: GitHub attribute keys first, then logins and emails; -1 = shared. */
  const lookUp = (k: string): number | undefined => (extra?.has(k) ? extra.get(k) : index.byKey.get(k));
  const conflicts = new Map<number, IdentityConflict>();
  // Keys two people share (a login reused while the former holder is still in the snapshot): built on first need.
  let shared: Map<string, number[]> | null = null;
  const sharing = (k: string): number[] => {
    if (!shared) {
      shared = new Map();
      index.people.forEach((p, i) => {
        for (const key of new Set([p.login, p.email, userNameFor(p, app)].map((x) => x?.toLowerCase()))) {
          if (!key) continue;
          let l = shared!.get(key);
          if (!l) shared!.set(key, (l = []));
          l.push(i);
        }
      });
    }
    return shared.get(k) ?? [];
  };
  const claim = (a: SyncAccount, owner: number): void => {
    const id = githubIdOf(app, a);
    const hits = (k: string): number[] => {
      const hit = lookUp(k);
      return hit === -1 ? sharing(k) : hit === undefined ? [] : [hit];
    };
    const named = [a.userName, ...a.emails].flatMap((key) => hits(key.toLowerCase()));
    if (id) {
      const hit = extra?.get(id);
      if (hit !== undefined) named.push(...(hit === -1 ? sharing(id) : [hit]));
    }
    for (const i of named) if (i !== owner && !conflicts.has(i)) conflicts.set(i, { account: a, owner });
  };
  for (const a of rest) {
    let ambiguous = false;
    let found = -1;
    // A GitHub member's id is looked up among the attribute values only (never against logins or emails).
    const id = githubIdOf(app, a);
    const idHit = id ? extra?.get(id) : undefined;
    if (idHit === -1) ambiguous = true;
    else if (idHit !== undefined) found = idHit;
    for (const key of found === -1 ? [a.userName, ...a.emails] : []) {
      const k = key.toLowerCase();
      const hit = lookUp(k);
      if (hit === -1) ambiguous = true;
      else if (hit !== undefined) {
        found = hit;
        break;
      }
    }
    // An externalId that names no one in the directory (and is not the match's own login or email) is someone
    // else's: never given to the person who now has that login.
    if (a.externalId && found !== -1 && !ownKey(index.people[found]!, a.externalId, app)) {
      orphan(
        a,
        `its externalId (${a.externalId}) names someone who is no longer in the directory; Lanyard never gives it to another person`,
      );
      claim(a, -1);
      continue;
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
  // Accounts linked by externalId: another person whose keys name them must not get them either.
  if (rest.length !== accounts.length) {
    linked.forEach((a, i) => {
      if (a?.externalId && index.byId.get(a.externalId) === i) claim(a, i);
    });
  }
  for (const i of [...conflicts.keys()]) if (linked[i]) conflicts.delete(i);
  return { linked, orphans, conflicts };
};

/** The externalId is one of the person's own keys (another tool wrote their login or email there). */
const ownKey = (p: SyncPerson, externalId: string, app: AppConfig): boolean => {
  const x = externalId.toLowerCase();
  return [p.id, p.login, p.email, userNameFor(p, app)].some((k) => k?.toLowerCase() === x);
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
