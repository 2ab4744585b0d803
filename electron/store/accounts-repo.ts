// What each app really has: the accounts table (docs/architecture.md). A read replaces an app's snapshot in one
// transaction (all or nothing); manual apps upsert one account at a time from the admin's confirmations.
// Accounts are linked to directory people by the sync planner's correlation (electron/sync/correlate.ts): externalId
// (= person id), then userName / emails against login and email — and for GitHub apps the login in the directory
// attribute the app names (usernameAttribute) — so the People page shows what the planner matches. A GitHub read
// keeps the person each account was linked to (GitHub has no externalId of ours to read back).
import { sql } from 'kysely';
import type { AppAccount } from '../../shared/api/methods-apps';
import { appConfigSchema, type AppConfig } from '../../shared/config/workspace';
import { accountLinks } from '../sync/correlate';
import { rememberGithubOwners } from '../sync/github-owners';
import { applyLinkOverrides, linkOverrides, withLinkOverrides } from '../orphans/decisions-repo';
import type { SyncPerson } from '../sync/types';
import { jsonString } from './sql-json';
import type { Store } from './store';
import { storedAppConfig } from './workspace-repo';

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

/** People as the correlation sees them; `attr` is the GitHub login attribute (null for other kinds). */
type LinkRow = {
  id: string;
  login: string;
  email: string | null;
  status: string;
  attr: string | null;
};

export const createAccountsRepo = (store: Store) => {
  const list = (appId: string): Promise<AccountRow[]> =>
    store
      .q()
      .selectFrom('accounts')
      .selectAll()
      .where('app_id', '=', appId)
      .orderBy(sql`lower(user_name)`)
      .orderBy('remote_id')
      .execute();
  const getRow = (appId: string, remoteId: string): Promise<AccountRow | undefined> =>
    store
      .q()
      .selectFrom('accounts')
      .selectAll()
      .where('app_id', '=', appId)
      .where('remote_id', '=', remoteId)
      .executeTakeFirst();

  /** The GitHub login attribute of each person (NULL for other kinds, as a string only). */
  const peopleQuery = (app: AppConfig) =>
    store
      .q()
      .selectFrom('people')
      .select([
        'id',
        'login',
        'email',
        'status',
        (app.kind === 'github'
          ? jsonString(store, 'attributes', [app.usernameAttribute])
          : sql<string | null>`NULL`
        ).as('attr'),
      ])
      .orderBy('id');
  const peopleRows = (app: AppConfig): Promise<LinkRow[]> => peopleQuery(app).execute();
  // Only the people one account's keys can reach (same result as correlating against everyone: a key's owners
  // are all here, so ambiguity is still seen).
  const candidateRows = (app: AppConfig, ext: string | null, keys: string[]): Promise<LinkRow[]> =>
    peopleQuery(app)
      .where((eb) =>
        eb.or([
          ...(ext === null ? [] : [eb('id', '=', ext)]),
          ...(keys.length
            ? [
                eb(eb.fn('lower', ['login']), 'in', keys),
                eb(eb.fn('lower', ['email']), 'in', keys),
                ...(app.kind === 'github'
                  ? [
                      eb(
                        sql`lower(trim(${jsonString(store, 'attributes', [app.usernameAttribute])}))`,
                        'in',
                        keys,
                      ),
                    ]
                  : []),
              ]
            : []),
        ]),
      )
      .execute();

  const toPerson =
    (app: AppConfig) =>
    (r: LinkRow): SyncPerson => ({
      id: r.id,
      login: r.login,
      email: r.email,
      status: r.status as SyncPerson['status'],
      statusChangedAt: null,
      groups: [],
      ...(app.kind === 'github' && typeof r.attr === 'string'
        ? { attributes: { [app.usernameAttribute]: r.attr } }
        : {}),
    });

  /** An app the workspace no longer has is linked as a SCIM app would be (login / email). */
  const appConfig = async (appId: string): Promise<AppConfig> => {
    const r = await store
      .q()
      .selectFrom('apps')
      .select('settings')
      .where('id', '=', appId)
      .executeTakeFirst();
    return r
      ? storedAppConfig(r.settings)
      : appConfigSchema.parse({ id: appId, name: appId, kind: 'manual' });
  };

  /** One account's link (its candidates only). */
  const linkOf = async (appId: string, read: AppAccount): Promise<string | null> => {
    // An admin's link of an orphan to a person (electron/orphans/) wins over the keys the app reports.
    const [one] = await withLinkOverrides(store, appId, [read]);
    const app = await appConfig(appId);
    const keys = [...new Set([one!.userName, ...one!.emails].map((k) => k.toLowerCase()))];
    const rows = await candidateRows(app, one!.externalId, keys);
    return accountLinks(app, [one!], rows.map(toPerson(app))).get(one!.remoteId) ?? null;
  };

  /** Links any accounts of the app against everyone (loaded once), for a whole read. */
  const linker = async (
    appId: string,
  ): Promise<{ app: AppConfig; link: (read: readonly AppAccount[]) => Map<string, string> }> => {
    const overrides = await linkOverrides(store, appId);
    const app = await appConfig(appId);
    const people = (await peopleRows(app)).map(toPerson(app));
    return { app, link: (read) => accountLinks(app, applyLinkOverrides(overrides, [...read]), people) };
  };

  const write = async (
    appId: string,
    a: AppAccount,
    seenAt: string,
    personId: string | null,
  ): Promise<void> => {
    const row = {
      person_id: personId,
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
    };
    await store
      .q()
      .insertInto('accounts')
      .values({ app_id: appId, remote_id: a.remoteId, ...row })
      .onConflict((oc) => oc.columns(['app_id', 'remote_id']).doUpdateSet(row))
      .execute();
  };

  const repo = {
    async list(appId: string): Promise<StoredAccount[]> {
      return (await list(appId)).map(toStored);
    },
    /** The accounts as the planner sees them: an admin's link to a person carried as the externalId. */
    async listForPlan(appId: string): Promise<StoredAccount[]> {
      return withLinkOverrides(store, appId, (await list(appId)).map(toStored));
    },
    /** How many of the app's accounts are active (the base of the percentage guardrails), without loading them. */
    async activeCount(appId: string): Promise<number> {
      const r = await store
        .q()
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('app_id', '=', appId)
        .where('active', '=', 1)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async get(appId: string, remoteId: string): Promise<StoredAccount | null> {
      const r = await getRow(appId, remoteId);
      return r ? toStored(r) : null;
    },
    /** Replaces the app's snapshot with `accounts`, atomically. Returns how many were linked to a person. */
    async replaceSnapshot(
      appId: string,
      accounts: AppAccount[],
      seenAt: string,
    ): Promise<{ linked: number }> {
      let linked = 0;
      await store.tx(async () => {
        const { app, link } = await linker(appId);
        // GitHub reports no externalId: the person each account was linked to is carried over (renamed logins,
        // accepted invitations); see electron/sync/github-owners.ts.
        const { accounts: read, links } =
          app.kind === 'github'
            ? rememberGithubOwners(await repo.list(appId), accounts, link)
            : { accounts, links: link(accounts) };
        await store.q().deleteFrom('accounts').where('app_id', '=', appId).execute();
        for (const a of read) {
          const personId = links.get(a.remoteId) ?? null;
          if (personId) linked++;
          await write(appId, a, seenAt, personId);
        }
      });
      return { linked };
    },
    /** One account, as written or confirmed; personId undefined = link automatically. */
    async upsert(
      appId: string,
      account: AppAccount,
      seenAt: string,
      personId?: string | null,
    ): Promise<StoredAccount> {
      await write(appId, account, seenAt, personId === undefined ? await linkOf(appId, account) : personId);
      return toStored((await getRow(appId, account.remoteId))!);
    },
    async remove(appId: string, remoteId: string): Promise<boolean> {
      const r = await store
        .q()
        .deleteFrom('accounts')
        .where('app_id', '=', appId)
        .where('remote_id', '=', remoteId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** The directory person's login/email, for manual apps that track accounts by person. */
    async person(
      personId: string,
    ): Promise<{ id: string; login: string; email: string | null; displayName: string | null } | null> {
      const r = await store
        .q()
        .selectFrom('people')
        .select(['id', 'login', 'email', 'display_name'])
        .where('id', '=', personId)
        .executeTakeFirst();
      return r ? { id: r.id, login: r.login, email: r.email, displayName: r.display_name } : null;
    },
  };
  return repo;
};

export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
