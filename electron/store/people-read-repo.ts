// Read-only queries behind the People page: the whole directory × apps matrix in one statement per table (people,
// memberships, groups, apps, accounts, pending ops) joined in memory — never a query per person — and one
// person's full record. Writes to these tables belong to the directory snapshot and accounts repos.
// The matrix is built from raw row arrays (better-sqlite3 builds those faster than objects) and kept until the
// database changes (this connection's total_changes() or another connection's commit, PRAGMA data_version), so
// opening the page again, or a second window, costs two tiny queries instead of ~10,000 rows per table.
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
import type { Db } from './database';
import { DIRECTORY_ID } from './workspace-repo';
import { personFromRow, type PersonRow } from './directory-snapshot-repo';

/** Where directory-snapshot-repo keeps the DirectoryPerson fields that have no column of their own. */
const EXTRA_KEY = '_lanyard';

/** Ops that have not reached the app yet: the person's access there is about to change. */
const PENDING_OP_STATUSES = "('planned','held','approved','running')";

/** GitHub invitations are stored with this remote-id prefix (electron/apps/github): not yet a real account. */
const INVITATION_PREFIX = 'invitation:';

// The name people see: display name, else "given family", else nothing (the page falls back to the login).
const DISPLAY_NAME_SQL = `COALESCE(display_name, NULLIF(TRIM(COALESCE(given_name, '') || ' ' || COALESCE(family_name, '')), ''))`;

type ListPersonRow = [
  id: string,
  login: string,
  email: string | null,
  displayName: string | null,
  status: DirectoryPersonStatus,
  statusChangedAt: string | null,
  department: string | null,
  title: string | null,
];

type ListAccountRow = [
  appId: string,
  remoteId: string,
  personId: string | null,
  userName: string,
  email: string | null,
  active: number,
  role: string | null,
];

interface AccountRow {
  app_id: string;
  remote_id: string;
  person_id: string | null;
  user_name: string;
  email: string | null;
  active: number;
  role: string | null;
}

interface DetailAccountRow extends AccountRow {
  app_name: string;
  groups: string;
  seen_at: string;
}

const pairKey = (personId: string, appId: string): string => `${personId}\u0000${appId}`;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const createPeopleReadRepo = (db: Db, directoryId: string = DIRECTORY_ID) => {
  const directory = db.prepare<
    [string],
    {
      name: string;
      kind: DirectoryKindName;
      last_read_at: string | null;
      health: string;
      health_detail: string | null;
    }
  >('SELECT name, kind, last_read_at, health, health_detail FROM directories WHERE id = ?');
  const people = db.prepare<[string], ListPersonRow>(
    `SELECT id, login, email, ${DISPLAY_NAME_SQL} AS display_name, status, status_changed_at,
       json_extract(attributes, '$.${EXTRA_KEY}.department') AS department,
       json_extract(attributes, '$.${EXTRA_KEY}.title') AS title
     FROM people WHERE directory_id = ?
     ORDER BY lower(COALESCE(${DISPLAY_NAME_SQL}, login)), lower(login), id`,
  );
  // The largest result (people × groups): rows as [person, group] arrays, which better-sqlite3 builds faster.
  // Unsorted: each person's few groups are put in the groups' name order in memory.
  const memberships = db.prepare<[string], [string, string]>(
    `SELECT m.person_id, m.group_id FROM memberships m JOIN groups g ON g.id = m.group_id
     WHERE g.directory_id = ?`,
  );
  const groups = db.prepare<[string], { id: string; name: string }>(
    'SELECT id, name FROM groups WHERE directory_id = ? ORDER BY lower(name), id',
  );
  const apps = db.prepare<[], { id: string; name: string; kind: 'scim' | 'github' | 'manual' }>(
    'SELECT id, name, kind FROM apps ORDER BY position, id',
  );
  // Unsorted: only the orphans (few) are shown in order, and they are sorted in memory.
  const accounts = db.prepare<[], ListAccountRow>(
    'SELECT app_id, remote_id, person_id, user_name, email, active, role FROM accounts',
  );
  const changes = db.prepare<[], [number]>('SELECT total_changes()');
  /** Changes by this connection and commits by others since the matrix was built; equal key = same data. */
  const versionKey = (): string =>
    `${changes.raw().get()![0]}:${db.pragma('data_version', { simple: true }) as number}`;
  let cached: { key: string; list: PeopleList } | null = null;
  const pendingOps = db.prepare<[], { app_id: string; person_id: string }>(
    `SELECT DISTINCT app_id, person_id FROM plan_ops WHERE person_id IS NOT NULL AND status IN ${PENDING_OP_STATUSES}`,
  );

  const person = db.prepare<[string, string], PersonRow>(
    `SELECT id, login, email, given_name, family_name, display_name, status, status_changed_at, attributes
     FROM people WHERE id = ? AND directory_id = ?`,
  );
  const personGroups = db.prepare<[string], { id: string; name: string; description: string | null }>(
    `SELECT g.id, g.name, g.description FROM memberships m JOIN groups g ON g.id = m.group_id
     WHERE m.person_id = ? ORDER BY lower(g.name), g.id`,
  );
  const personAccounts = db.prepare<[string], DetailAccountRow>(
    `SELECT a.app_id, a.remote_id, a.person_id, a.user_name, a.email, a.active, a.role, a.groups, a.seen_at,
       p.name AS app_name
     FROM accounts a JOIN apps p ON p.id = a.app_id WHERE a.person_id = ? ORDER BY p.position, p.id`,
  );
  const personPendingApps = db.prepare<[string], { app_id: string }>(
    `SELECT DISTINCT app_id FROM plan_ops WHERE person_id = ? AND status IN ${PENDING_OP_STATUSES}`,
  );

  const cellOf = (a: AccountRow, pending: boolean): PersonAppCell => ({
    appId: a.app_id,
    active: a.active === 1,
    role: a.role,
    pending: pending || a.remote_id.startsWith(INVITATION_PREFIX),
  });

  // One snapshot of every table, so the matrix never mixes two states of the store.
  const build = db.transaction((): PeopleList => {
    const dir = directory.get(directoryId);
    const pendingRows = pendingOps.all();
    const pending = new Set(pendingRows.map((r) => pairKey(r.person_id, r.app_id)));
    const rows: PeopleListPerson[] = [];
    const byId = new Map<string, PeopleListPerson>();
    for (const r of people.raw().all(directoryId)) {
      const p: PeopleListPerson = {
        id: r[0],
        login: r[1],
        email: r[2],
        displayName: r[3],
        status: r[4],
        statusChangedAt: r[5],
        department: r[6],
        title: r[7],
        groups: [],
        accounts: [],
      };
      rows.push(p);
      byId.set(p.id, p);
    }
    for (const [personId, groupId] of memberships.raw().all(directoryId))
      byId.get(personId)?.groups.push(groupId);
    const groupList = groups.all(directoryId);
    const rank = new Map(groupList.map((g, i) => [g.id, i]));
    for (const p of rows) if (p.groups.length > 1) p.groups.sort((a, b) => rank.get(a)! - rank.get(b)!);

    const orphans: OrphanAccount[] = [];
    const covered = new Set<string>();
    for (const [appId, remoteId, personId, userName, email, active, role] of accounts.raw().all()) {
      const owner = personId === null ? undefined : byId.get(personId);
      if (!owner) {
        orphans.push({ appId, remoteId, userName, email, active: active === 1, role });
        continue;
      }
      const key = pairKey(owner.id, appId);
      const cell: PersonAppCell = {
        appId,
        active: active === 1,
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
      const owner = byId.get(r.person_id);
      if (owner && !covered.has(pairKey(r.person_id, r.app_id)))
        owner.accounts.push({ appId: r.app_id, active: false, role: null, pending: true });
    }

    return {
      directory: dir
        ? {
            name: dir.name,
            kind: dir.kind,
            lastReadAt: dir.last_read_at,
            health: dir.health as PeopleListDirectory['health'],
            healthDetail: dir.health_detail,
          }
        : null,
      people: rows,
      groups: groupList,
      apps: apps.all(),
      orphans,
    };
  });

  return {
    list(): PeopleList {
      const key = versionKey();
      if (cached?.key === key) return cached.list;
      const list = build();
      cached = { key, list };
      return list;
    },

    /** One person by directory id; null when the snapshot has no such person. */
    get(id: string): PersonDetail | null {
      const r = person.get(id, directoryId);
      if (!r) return null;
      const pending = new Set(personPendingApps.all(id).map((p) => p.app_id));
      const accountsOut: PersonAccountDetail[] = personAccounts.all(id).map((a) => ({
        ...cellOf(a, pending.has(a.app_id)),
        appName: a.app_name,
        remoteId: a.remote_id,
        userName: a.user_name,
        groups: JSON.parse(a.groups) as string[],
        seenAt: a.seen_at,
      }));
      return {
        ...personFromRow(r),
        groups: personGroups.all(id),
        accounts: accountsOut,
      };
    },
  };
};

export type PeopleReadRepo = ReturnType<typeof createPeopleReadRepo>;
