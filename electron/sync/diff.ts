// Attribute diff for `update` ops: only what differs between the account Lanyard wants and the account the app
// has. Case-sensitive except userNames and emails. Attributes the app did not report are unknown, not different,
// so an app that never returns `department` is not updated on every run. GitHub and manual apps have no profile
// to keep in step (GitHub logins belong to the user; manual accounts are what an admin confirmed).
import {
  PROFILE_FIELDS,
  type AccountChanges,
  type AppConfig,
  type SyncAccount,
  type SyncPerson,
} from './types';

export interface AccountDiff {
  changes: AccountChanges;
  /** `displayName "Ana S" → "Ana Silva"`, for the op's reason. */
  words: string[];
}

const q = (v: string | null | undefined): string => (v === null || v === undefined ? '(empty)' : `"${v}"`);

const sameCi = (a: string, b: string): boolean => a === b || a.toLowerCase() === b.toLowerCase();

const emailDiffers = (email: string | null, account: SyncAccount): email is string =>
  !!email && !account.emails.includes(email) && !account.emails.some((e) => sameCi(e, email));

/** The hot path (every in-scope SCIM account): a check that allocates nothing. */
const differs = (p: SyncPerson, userName: string, account: SyncAccount): boolean => {
  if (!sameCi(userName, account.userName) || account.externalId !== p.id || emailDiffers(p.email, account))
    return true;
  if (p.displayName && p.displayName !== account.displayName) return true;
  const reported = account.attributes;
  if (reported) {
    for (const field of PROFILE_FIELDS)
      if (field in reported && (reported[field] ?? null) !== (p[field] ?? null)) return true;
  }
  return false;
};

/** What to change in a SCIM account so it matches the person; null when nothing differs. */
export const diffAccount = (
  p: SyncPerson,
  userName: string,
  account: SyncAccount,
  app: AppConfig,
): AccountDiff | null => {
  if (app.kind !== 'scim' || !differs(p, userName, account)) return null;
  let changes: AccountChanges | null = null;
  let words: string[] | null = null;
  const change = <K extends keyof AccountChanges>(key: K, value: AccountChanges[K], word: string): void => {
    (changes ??= {})[key] = value;
    (words ??= []).push(word);
  };
  if (!sameCi(userName, account.userName))
    change('userName', userName, `userName ${account.userName} → ${userName}`);
  if (account.externalId !== p.id) change('externalId', p.id, 'link to the directory person (externalId)');
  if (emailDiffers(p.email, account))
    change('email', p.email, `email ${account.emails[0] ?? '(empty)'} → ${p.email}`);
  // A directory without a display name does not clear the app's: many apps require one.
  if (p.displayName && p.displayName !== account.displayName) {
    change('displayName', p.displayName, `displayName ${q(account.displayName)} → ${q(p.displayName)}`);
  }
  const reported = account.attributes;
  if (reported) {
    for (const field of PROFILE_FIELDS) {
      if (!(field in reported)) continue;
      const have = reported[field] ?? null;
      const want = p[field] ?? null;
      if (have !== want) change(field, want, `${field} ${q(have)} → ${q(want)}`);
    }
  }
  return changes && words ? { changes, words } : null;
};
