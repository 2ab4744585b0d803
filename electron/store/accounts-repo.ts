// What each app really has: the accounts table (docs/architecture.md). A read replaces an app's snapshot in one
// transaction (all or nothing); manual apps upsert one account at a time from the admin's confirmations.
// Accounts are linked to directory people by externalId (= person id), then by email / login.
import type { AppAccount } from '../../shared/api/methods-apps';
import type { Db } from './database';

interface AccountRow {
  app_id: string;
  remote_id: string;
  person_id: string | null;
  user_name: string;
  email: string | null;
  external_id: string | null;
  active: number;
  role: string | null;
  groups: string;
  attributes: string;
  seen_at: string;
}

export interface StoredAccount extends AppAccount {
  appId: string;
  personId: string | null;
  seenAt: string;
}

const toStored = (r: AccountRow): StoredAccount => {
  const attrs = JSON.parse(r.attributes) as { emails?: string[]; displayName?: string | null };
  return {
    appId: r.app_id,
    remoteId: r.remote_id,
    personId: r.person_id,
    userName: r.user_name,
    emails: attrs.emails ?? (r.email ? [r.email] : []),
    externalId: r.external_id,
    active: r.active === 1,
    role: r.role,
    groups: JSON.parse(r.groups) as string[],
    displayName: attrs.displayName ?? null,
    seenAt: r.seen_at,
  };
};

export const createAccountsRepo = (db: Db) => {
  const list = db.prepare<[string], AccountRow>(
    'SELECT * FROM accounts WHERE app_id = ? ORDER BY lower(user_name), remote_id',
  );
  const get = db.prepare<[string, string], AccountRow>(
    'SELECT * FROM accounts WHERE app_id = ? AND remote_id = ?',
  );
  const deleteApp = db.prepare<[string]>('DELETE FROM accounts WHERE app_id = ?');
  const deleteOne = db.prepare<[string, string]>('DELETE FROM accounts WHERE app_id = ? AND remote_id = ?');
  const personById = db.prepare<[string], { id: string }>('SELECT id FROM people WHERE id = ?');
  const personByMail = db.prepare<[string, string], { id: string }>(
    'SELECT id FROM people WHERE lower(email) = lower(?) OR lower(login) = lower(?) ORDER BY id LIMIT 1',
  );
  const personRow = db.prepare<
    [string],
    { id: string; login: string; email: string | null; display_name: string | null }
  >('SELECT id, login, email, display_name FROM people WHERE id = ?');
  const upsert = db.prepare(
    `INSERT INTO accounts (app_id, remote_id, person_id, user_name, email, external_id, active, role, groups, attributes, seen_at)
     VALUES (@app_id, @remote_id, @person_id, @user_name, @email, @external_id, @active, @role, @groups, @attributes, @seen_at)
     ON CONFLICT(app_id, remote_id) DO UPDATE SET person_id = excluded.person_id, user_name = excluded.user_name,
       email = excluded.email, external_id = excluded.external_id, active = excluded.active, role = excluded.role,
       groups = excluded.groups, attributes = excluded.attributes, seen_at = excluded.seen_at`,
  );

  const linkPerson = (a: AppAccount): string | null => {
    if (a.externalId && personById.get(a.externalId)) return a.externalId;
    for (const key of [...a.emails, a.userName]) {
      const hit = personByMail.get(key, key);
      if (hit) return hit.id;
    }
    return null;
  };

  const write = (appId: string, a: AppAccount, seenAt: string, personId?: string | null): void => {
    upsert.run({
      app_id: appId,
      remote_id: a.remoteId,
      person_id: personId === undefined ? linkPerson(a) : personId,
      user_name: a.userName,
      email: a.emails[0] ?? null,
      external_id: a.externalId,
      active: a.active ? 1 : 0,
      role: a.role,
      groups: JSON.stringify(a.groups),
      attributes: JSON.stringify({ emails: a.emails, displayName: a.displayName }),
      seen_at: seenAt,
    });
  };

  const repo = {
    list(appId: string): StoredAccount[] {
      return list.all(appId).map(toStored);
    },
    get(appId: string, remoteId: string): StoredAccount | null {
      const r = get.get(appId, remoteId);
      return r ? toStored(r) : null;
    },
    /** Replaces the app's snapshot with `accounts`, atomically. Returns how many were linked to a person. */
    replaceSnapshot(appId: string, accounts: AppAccount[], seenAt: string): { linked: number } {
      let linked = 0;
      db.transaction(() => {
        deleteApp.run(appId);
        for (const a of accounts) {
          const personId = linkPerson(a);
          if (personId) linked++;
          write(appId, a, seenAt, personId);
        }
      }).immediate();
      return { linked };
    },
    /** One account, as written or confirmed; personId undefined = link automatically. */
    upsert(appId: string, account: AppAccount, seenAt: string, personId?: string | null): StoredAccount {
      write(appId, account, seenAt, personId);
      return toStored(get.get(appId, account.remoteId)!);
    },
    remove(appId: string, remoteId: string): boolean {
      return deleteOne.run(appId, remoteId).changes > 0;
    },
    /** The directory person's login/email, for manual apps that track accounts by person. */
    person(
      personId: string,
    ): { id: string; login: string; email: string | null; displayName: string | null } | null {
      const r = personRow.get(personId);
      return r ? { id: r.id, login: r.login, email: r.email, displayName: r.display_name } : null;
    },
  };
  return repo;
};

export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
