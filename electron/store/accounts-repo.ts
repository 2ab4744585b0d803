// What each app really has: the accounts table (docs/architecture.md). A read replaces an app's snapshot in one
// transaction (all or nothing); manual apps upsert one account at a time from the admin's confirmations.
// Accounts are linked to directory people by the sync planner's correlation (electron/sync/correlate.ts): externalId
// (= person id), then userName / emails against login and email — and for GitHub apps the login in the directory
// attribute the app names (usernameAttribute) — so the People page shows what the planner matches. A GitHub read
// keeps the person each account was linked to (GitHub has no externalId of ours to read back).
import type { AppAccount } from '../../shared/api/methods-apps';
import { appConfigSchema, type AppConfig } from '../../shared/config/workspace';
import { accountLinks } from '../sync/correlate';
import { rememberGithubOwners } from '../sync/github-owners';
import { withLinkOverrides } from '../orphans/decisions-repo';
import type { SyncPerson } from '../sync/types';
import type { Db } from './database';
import { createWorkspaceRepo } from './workspace-repo';

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
  const attrs = JSON.parse(r.attributes) as {
    emails?: string[];
    displayName?: string | null;
    pending?: boolean;
  };
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
    // A GitHub invitation not yet accepted: the planner leaves its teams and role alone until it is a member.
    ...(attrs.pending ? { pending: true } : {}),
    seenAt: r.seen_at,
  };
};

export const createAccountsRepo = (db: Db) => {
  const list = db.prepare<[string], AccountRow>(
    'SELECT * FROM accounts WHERE app_id = ? ORDER BY lower(user_name), remote_id',
  );
  const activeCount = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM accounts WHERE app_id = ? AND active = 1',
  );
  const get = db.prepare<[string, string], AccountRow>(
    'SELECT * FROM accounts WHERE app_id = ? AND remote_id = ?',
  );
  const deleteApp = db.prepare<[string]>('DELETE FROM accounts WHERE app_id = ?');
  const deleteOne = db.prepare<[string, string]>('DELETE FROM accounts WHERE app_id = ? AND remote_id = ?');
  // People as the correlation sees them; `attr` is the GitHub login attribute (null path for other kinds).
  type LinkRow = {
    id: string;
    login: string;
    email: string | null;
    status: SyncPerson['status'];
    attr: unknown;
  };
  const peopleRows = db.prepare<{ path: string | null }, LinkRow>(
    'SELECT id, login, email, status, json_extract(attributes, @path) AS attr FROM people ORDER BY id',
  );
  // Only the people one account's keys can reach (same result as correlating against everyone: a key's owners
  // are all here, so ambiguity is still seen).
  const candidateRows = db.prepare<{ path: string | null; ext: string | null; keys: string }, LinkRow>(
    `SELECT id, login, email, status, json_extract(attributes, @path) AS attr FROM people
     WHERE id = @ext OR lower(login) IN (SELECT value FROM json_each(@keys))
       OR lower(email) IN (SELECT value FROM json_each(@keys))
       OR (@path IS NOT NULL AND lower(trim(json_extract(attributes, @path))) IN (SELECT value FROM json_each(@keys)))
     ORDER BY id`,
  );
  const workspace = createWorkspaceRepo(db);
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

  const attrPath = (app: AppConfig): string | null =>
    app.kind === 'github' ? `$.${JSON.stringify(app.usernameAttribute)}` : null;
  const toPerson =
    (app: AppConfig) =>
    (r: LinkRow): SyncPerson => ({
      id: r.id,
      login: r.login,
      email: r.email,
      status: r.status,
      statusChangedAt: null,
      groups: [],
      ...(app.kind === 'github' && typeof r.attr === 'string'
        ? { attributes: { [app.usernameAttribute]: r.attr } }
        : {}),
    });

  /** An app the workspace no longer has is linked as a SCIM app would be (login / email). */
  const appConfig = (appId: string): AppConfig =>
    workspace.getApp(appId) ?? appConfigSchema.parse({ id: appId, name: appId, kind: 'manual' });

  const linksFor = (appId: string, read: readonly AppAccount[]): Map<string, string> => {
    // An admin's link of an orphan to a person (electron/orphans/) wins over the keys the app reports.
    const accounts = withLinkOverrides(db, appId, [...read]);
    const app = appConfig(appId);
    const path = attrPath(app);
    const one = accounts.length === 1 ? accounts[0]! : null;
    const rows = one
      ? candidateRows.all({
          path,
          ext: one.externalId,
          keys: JSON.stringify([one.userName, ...one.emails].map((k) => k.toLowerCase())),
        })
      : peopleRows.all({ path });
    return accountLinks(app, accounts, rows.map(toPerson(app)));
  };

  const write = (appId: string, a: AppAccount, seenAt: string, personId?: string | null): void => {
    upsert.run({
      app_id: appId,
      remote_id: a.remoteId,
      person_id: personId === undefined ? (linksFor(appId, [a]).get(a.remoteId) ?? null) : personId,
      user_name: a.userName,
      email: a.emails[0] ?? null,
      external_id: a.externalId,
      active: a.active ? 1 : 0,
      role: a.role,
      groups: JSON.stringify(a.groups),
      attributes: JSON.stringify({
        emails: a.emails,
        displayName: a.displayName,
        ...(a.pending ? { pending: true } : {}),
      }),
      seen_at: seenAt,
    });
  };

  const repo = {
    list(appId: string): StoredAccount[] {
      return list.all(appId).map(toStored);
    },
    /** The accounts as the planner sees them: an admin's link to a person carried as the externalId. */
    listForPlan(appId: string): StoredAccount[] {
      return withLinkOverrides(db, appId, list.all(appId).map(toStored));
    },
    /** How many of the app's accounts are active (the base of the percentage guardrails), without loading them. */
    activeCount(appId: string): number {
      return activeCount.get(appId)!.n;
    },
    get(appId: string, remoteId: string): StoredAccount | null {
      const r = get.get(appId, remoteId);
      return r ? toStored(r) : null;
    },
    /** Replaces the app's snapshot with `accounts`, atomically. Returns how many were linked to a person. */
    replaceSnapshot(appId: string, accounts: AppAccount[], seenAt: string): { linked: number } {
      let linked = 0;
      db.transaction(() => {
        // GitHub reports no externalId: the person each account was linked to is carried over (renamed logins,
        // accepted invitations); see electron/sync/github-owners.ts.
        const { accounts: read, links } =
          appConfig(appId).kind === 'github'
            ? rememberGithubOwners(repo.list(appId), accounts, (l) => linksFor(appId, l))
            : { accounts, links: linksFor(appId, accounts) };
        deleteApp.run(appId);
        for (const a of read) {
          const personId = links.get(a.remoteId) ?? null;
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
