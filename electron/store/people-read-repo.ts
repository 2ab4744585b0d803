// Read-only queries behind the People page: the whole directory × apps matrix in one statement per table (people,
// memberships, groups, apps, accounts, pending ops) joined in memory — never a query per person — and one
// person's full record. Writes to these tables belong to the directory snapshot and accounts repos.
// On SQLite the matrix is kept until the database changes (this connection's total_changes() or another
// connection's commit, PRAGMA data_version), so opening the page again, or a second window, costs two tiny queries
// instead of ~10,000 rows per table; on PostgreSQL it is read afresh each time. Text is ordered by bytes on both
// engines (lower() then BINARY / COLLATE "C"), so the people list pages the same way everywhere.
import type {
  OrphanAccount,
  PeopleList,
  PeopleListDirectory,
  PeopleListPerson,
  PersonAccountDetail,
  PersonAppCell,
  PersonDetail,
} from '../../shared/api/methods-people';
import type { DirectoryKindName, DirectoryPersonStatus } from '../../shared/api/methods-directory';
import { sql } from 'kysely';
import type { Store } from './store';
import { jsonString } from './sql-json';
import { DIRECTORY_ID } from './workspace-repo';
import { personFromRow, type PersonRow } from './directory-snapshot-repo';

/** Where directory-snapshot-repo keeps the DirectoryPerson fields that have no column of their own. */
const EXTRA_KEY = '_lanyard';

/** Ops that have not reached the app yet: the person's access there is about to change. */
const PENDING_OP_STATUSES = ['planned', 'held', 'approved', 'running'] as const;

/** GitHub invitations are stored with this remote-id prefix (electron/apps/github): not yet a real account. */
const INVITATION_PREFIX = 'invitation:';

interface AccountRow {
  app_id: string;
  remote_id: string;
  person_id: string | null;
  user_name: string;
  email: string | null;
  active: number;
  role: string | null;
}

const pairKey = (personId: string, appId: string): string => `${personId}\u0000${appId}`;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const createPeopleReadRepo = (store: Store, directoryId: string = DIRECTORY_ID) => {
  /** Text ordered the same on both engines: byte order (SQLite's BINARY, PostgreSQL's "C"), not a locale's. */
  const collate = store.engine === 'postgres' ? sql` COLLATE "C"` : sql``;
  // The name people see: display name, else "given family", else nothing (the page falls back to the login).
  const displayName = sql<
    string | null
  >`COALESCE(display_name, NULLIF(TRIM(COALESCE(given_name, '') || ' ' || COALESCE(family_name, '')), ''))`;

  /**
   * SQLite only: changes by this connection and commits by others since the matrix was built (total_changes(),
   * PRAGMA data_version); equal key = same data. PostgreSQL has no such cheap marker: the matrix is built per call.
   */
  const versionKey = async (): Promise<string | null> => {
    if (store.engine !== 'sqlite') return null;
    const q = store.q();
    const changes = await sql<{ n: number }>`SELECT total_changes() AS n`.execute(q);
    const version = await sql<{ data_version: number }>`PRAGMA data_version`.execute(q);
    return `${changes.rows[0]!.n}:${version.rows[0]!.data_version}`;
  };
  let cached: { key: string; list: PeopleList } | null = null;

  const pendingStatuses = [...PENDING_OP_STATUSES];

  const cellOf = (a: AccountRow, pending: boolean): PersonAppCell => ({
    appId: a.app_id,
    active: a.active === 1,
    role: a.role,
    pending: pending || a.remote_id.startsWith(INVITATION_PREFIX),
  });

  // One snapshot of every table, so the matrix never mixes two states of the store.
  const build = (): Promise<PeopleList> =>
    store.read(async (): Promise<PeopleList> => {
      const q = () => store.q();
      const dir = await q()
        .selectFrom('directories')
        .select(['name', 'kind', 'last_read_at', 'health', 'health_detail'])
        .where('id', '=', directoryId)
        .executeTakeFirst();
      const pendingRows = await q()
        .selectFrom('plan_ops')
        .select(['app_id', 'person_id'])
        .distinct()
        .where('person_id', 'is not', null)
        .where('status', 'in', pendingStatuses)
        .orderBy('app_id')
        .orderBy('person_id')
        .execute();
      const pending = new Set(pendingRows.map((r) => pairKey(r.person_id!, r.app_id)));
      const rows: PeopleListPerson[] = [];
      const byId = new Map<string, PeopleListPerson>();
      const people = await sql<{
        id: string;
        login: string;
        email: string | null;
        display_name: string | null;
        status: DirectoryPersonStatus;
        status_changed_at: string | null;
        department: string | null;
        title: string | null;
      }>`SELECT id, login, email, ${displayName} AS display_name, status, status_changed_at,
           ${jsonString(store, 'attributes', [EXTRA_KEY, 'department'])} AS department,
           ${jsonString(store, 'attributes', [EXTRA_KEY, 'title'])} AS title
         FROM people WHERE directory_id = ${directoryId}
         ORDER BY lower(COALESCE(${displayName}, login))${collate}, lower(login)${collate}, id${collate}`.execute(
        q(),
      );
      for (const r of people.rows) {
        const p: PeopleListPerson = {
          id: r.id,
          login: r.login,
          email: r.email,
          displayName: r.display_name,
          status: r.status,
          statusChangedAt: r.status_changed_at,
          department: r.department,
          title: r.title,
          groups: [],
          accounts: [],
        };
        rows.push(p);
        byId.set(p.id, p);
      }
      // The largest result (people × groups), unsorted: each person's few groups are put in the groups' name order
      // in memory.
      const memberships = await q()
        .selectFrom('memberships as m')
        .innerJoin('groups as g', 'g.id', 'm.group_id')
        .select(['m.person_id', 'm.group_id'])
        .where('g.directory_id', '=', directoryId)
        .execute();
      for (const m of memberships) byId.get(m.person_id)?.groups.push(m.group_id);
      const groupList = (
        await sql<{
          id: string;
          name: string;
        }>`SELECT id, name FROM groups WHERE directory_id = ${directoryId} ORDER BY lower(name)${collate}, id${collate}`.execute(
          q(),
        )
      ).rows;
      const rank = new Map(groupList.map((g, i) => [g.id, i]));
      for (const p of rows) if (p.groups.length > 1) p.groups.sort((a, b) => rank.get(a)! - rank.get(b)!);

      const orphans: OrphanAccount[] = [];
      const covered = new Set<string>();
      // Unsorted: only the orphans (few) are shown in order, and they are sorted in memory.
      const accounts = await q()
        .selectFrom('accounts')
        .select(['app_id', 'remote_id', 'person_id', 'user_name', 'email', 'active', 'role'])
        .execute();
      for (const a of accounts) {
        const { app_id: appId, remote_id: remoteId, user_name: userName, email, role } = a;
        const active = a.active === 1;
        const owner = a.person_id === null ? undefined : byId.get(a.person_id);
        if (!owner) {
          orphans.push({ appId, remoteId, userName, email, active, role });
          continue;
        }
        const key = pairKey(owner.id, appId);
        const cell: PersonAppCell = {
          appId,
          active,
          role,
          pending: pending.has(key) || remoteId.startsWith(INVITATION_PREFIX),
        };
        // Two accounts of one person in one app: the active one speaks for the cell.
        const existing = covered.has(key) ? owner.accounts.find((c) => c.appId === appId) : undefined;
        if (!existing) owner.accounts.push(cell);
        else if (!existing.active && cell.active) Object.assign(existing, cell);
        covered.add(key);
      }
      orphans.sort(
        (a, b) =>
          cmp(a.appId, b.appId) ||
          cmp(a.userName.toLowerCase(), b.userName.toLowerCase()) ||
          cmp(a.remoteId, b.remoteId),
      );
      // Cells by app id whatever order the accounts table returned them in.
      for (const p of rows) if (p.accounts.length > 1) p.accounts.sort((a, b) => cmp(a.appId, b.appId));
      // A planned create has no account yet, but the cell should still say "pending".
      for (const r of pendingRows) {
        const owner = byId.get(r.person_id!);
        if (owner && !covered.has(pairKey(r.person_id!, r.app_id)))
          owner.accounts.push({ appId: r.app_id, active: false, role: null, pending: true });
      }
      const apps = await q()
        .selectFrom('apps')
        .select(['id', 'name', 'kind'])
        .orderBy('position')
        .orderBy('id')
        .execute();

      return {
        directory: dir
          ? {
              name: dir.name,
              kind: dir.kind as DirectoryKindName,
              lastReadAt: dir.last_read_at,
              health: dir.health as PeopleListDirectory['health'],
              healthDetail: dir.health_detail,
            }
          : null,
        people: rows,
        groups: groupList,
        apps: apps.map((a) => ({ ...a, kind: a.kind as 'scim' | 'github' | 'manual' })),
        orphans,
      };
    });

  return {
    async list(): Promise<PeopleList> {
      const key = await versionKey();
      if (key !== null && cached?.key === key) return cached.list;
      const list = await build();
      cached = key === null ? null : { key, list };
      return list;
    },

    /** One person by directory id; null when the snapshot has no such person. */
    async get(id: string): Promise<PersonDetail | null> {
      return store.read(async () => {
        const r = await store
          .q()
          .selectFrom('people')
          .select([
            'id',
            'login',
            'email',
            'given_name',
            'family_name',
            'display_name',
            'status',
            'status_changed_at',
            'attributes',
          ])
          .where('id', '=', id)
          .where('directory_id', '=', directoryId)
          .executeTakeFirst();
        if (!r) return null;
        const pending = new Set(
          (
            await store
              .q()
              .selectFrom('plan_ops')
              .select('app_id')
              .distinct()
              .where('person_id', '=', id)
              .where('status', 'in', pendingStatuses)
              .execute()
          ).map((p) => p.app_id),
        );
        const accounts = await store
          .q()
          .selectFrom('accounts as a')
          .innerJoin('apps as p', 'p.id', 'a.app_id')
          .select([
            'a.app_id',
            'a.remote_id',
            'a.person_id',
            'a.user_name',
            'a.email',
            'a.active',
            'a.role',
            'a.groups',
            'a.seen_at',
            'p.name as app_name',
          ])
          .where('a.person_id', '=', id)
          .orderBy('p.position')
          .orderBy('p.id')
          .orderBy('a.remote_id')
          .execute();
        const accountsOut: PersonAccountDetail[] = accounts.map((a) => ({
          ...cellOf(a, pending.has(a.app_id)),
          appName: a.app_name,
          remoteId: a.remote_id,
          userName: a.user_name,
          groups: JSON.parse(a.groups) as string[],
          seenAt: a.seen_at,
        }));
        const groups = (
          await sql<{
            id: string;
            name: string;
            description: string | null;
          }>`SELECT g.id, g.name, g.description
            FROM memberships m JOIN groups g ON g.id = m.group_id
            WHERE m.person_id = ${id} ORDER BY lower(g.name)${collate}, g.id${collate}`.execute(store.q())
        ).rows;
        return {
          ...personFromRow(r as PersonRow),
          groups,
          accounts: accountsOut,
        };
      });
    },
  };
};

export type PeopleReadRepo = ReturnType<typeof createPeopleReadRepo>;
