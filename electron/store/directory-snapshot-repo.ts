// The stored directory snapshot (people, groups, memberships) and the directory row's read state (cursor,
// last_read_at, last_good_count, health). Writes happen inside the caller's transaction: the directory service
// wraps a whole pull in one, so a failed pull leaves the previous snapshot exactly as it was.
//
// People are never removed: someone missing from a full read (or removed in a delta) is kept with status
// 'deleted' and status_changed_at set, so sync can still revoke their app accounts.
import type {
  DirectoryChange,
  DirectoryGroup,
  DirectoryPerson,
  DirectorySnapshot,
  PersonStatus,
} from '../directory/types';
import type { Store } from './store';
import { DIRECTORY_ID } from './workspace-repo';

export type DirectoryHealth = 'unknown' | 'ok' | 'degraded' | 'error';

export interface DirectoryReadState {
  cursor: string | null;
  health: DirectoryHealth;
  healthDetail: string | null;
  lastReadAt: string | null;
  lastGoodCount: number | null;
}

export interface SnapshotCounts {
  people: number;
  byStatus: Record<PersonStatus, number>;
  groups: number;
  memberships: number;
}

export interface PersonRow {
  id: string;
  login: string;
  email: string | null;
  given_name: string | null;
  family_name: string | null;
  display_name: string | null;
  status: PersonStatus;
  status_changed_at: string | null;
  attributes: string;
}

/** Fields of DirectoryPerson without a column of their own live in `attributes` under these keys. */
const EXTRA = ['department', 'title', 'manager', 'employeeNumber', 'vendorStatus'] as const;
const EXTRA_KEY = '_lanyard';

/** A stored people row as a DirectoryPerson (the extra fields unpacked from `attributes`). */
export const personFromRow = (r: PersonRow): DirectoryPerson => {
  const attrs = JSON.parse(r.attributes) as Record<string, unknown>;
  const extra = (attrs[EXTRA_KEY] ?? {}) as Record<string, string | null | undefined>;
  delete attrs[EXTRA_KEY];
  return {
    id: r.id,
    login: r.login,
    email: r.email,
    givenName: r.given_name,
    familyName: r.family_name,
    displayName: r.display_name,
    department: extra.department ?? null,
    title: extra.title ?? null,
    manager: extra.manager ?? null,
    employeeNumber: extra.employeeNumber ?? null,
    status: r.status,
    vendorStatus: extra.vendorStatus ?? r.status,
    statusChangedAt: r.status_changed_at,
    attributes: attrs as DirectoryPerson['attributes'],
  };
};

export const emptyStatusCounts = (): Record<PersonStatus, number> => ({
  active: 0,
  staged: 0,
  suspended: 0,
  deprovisioned: 0,
  deleted: 0,
});

/** Rows per multi-row INSERT: well under both engines' bound-parameter limits (11 columns × 400). */
const CHUNK = 400;
const chunks = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
};

const PERSON_COLUMNS = [
  'id',
  'login',
  'email',
  'given_name',
  'family_name',
  'display_name',
  'status',
  'status_changed_at',
  'attributes',
] as const;

export const createDirectorySnapshotRepo = (store: Store, directoryId: string = DIRECTORY_ID) => {
  type Prev = { status: PersonStatus; status_changed_at: string | null };

  const getPerson = async (id: string): Promise<Prev | undefined> =>
    (await store
      .q()
      .selectFrom('people')
      .select(['status', 'status_changed_at'])
      .where('id', '=', id)
      .executeTakeFirst()) as Prev | undefined;

  /** The row a person is stored as; `prev` is what the store had for this id before. */
  const personRow = (p: DirectoryPerson, prev: Prev | undefined, now: string) => {
    // Keep the time of the last real status change when the IdP does not say when it was.
    const changed =
      p.statusChangedAt ?? (prev && prev.status === p.status ? prev.status_changed_at : prev ? now : null);
    const extra = Object.fromEntries(EXTRA.map((k) => [k, p[k]]));
    return {
      id: p.id,
      directory_id: directoryId,
      login: p.login,
      email: p.email,
      given_name: p.givenName,
      family_name: p.familyName,
      display_name: p.displayName,
      status: p.status,
      status_changed_at: changed,
      attributes: JSON.stringify({ ...p.attributes, [EXTRA_KEY]: extra }),
      updated_at: now,
    };
  };

  const upsertPeople = async (rows: ReturnType<typeof personRow>[]): Promise<void> => {
    for (const chunk of chunks(rows))
      await store
        .q()
        .insertInto('people')
        .values(chunk)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            directory_id: eb.ref('excluded.directory_id'),
            login: eb.ref('excluded.login'),
            email: eb.ref('excluded.email'),
            given_name: eb.ref('excluded.given_name'),
            family_name: eb.ref('excluded.family_name'),
            display_name: eb.ref('excluded.display_name'),
            status: eb.ref('excluded.status'),
            status_changed_at: eb.ref('excluded.status_changed_at'),
            attributes: eb.ref('excluded.attributes'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
  };

  const putPerson = async (p: DirectoryPerson, now: string): Promise<void> =>
    upsertPeople([personRow(p, await getPerson(p.id), now)]);

  const removePeople = async (ids: readonly string[], now: string): Promise<void> => {
    for (const chunk of chunks(ids)) {
      await store
        .q()
        .updateTable('people')
        .set({ status: 'deleted', status_changed_at: now, updated_at: now })
        .where('id', 'in', chunk)
        .where('directory_id', '=', directoryId)
        .where('status', '!=', 'deleted')
        .execute();
      await store.q().deleteFrom('memberships').where('person_id', 'in', chunk).execute();
    }
  };

  const upsertGroup = (g: DirectoryGroup) =>
    store
      .q()
      .insertInto('groups')
      .values({ id: g.id, directory_id: directoryId, name: g.name, description: g.description })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: g.name, description: g.description }))
      .execute();
  const deleteGroup = (id: string) => store.q().deleteFrom('groups').where('id', '=', id).execute();

  /** Memberships between a known group and a known person only (a delta may name someone the snapshot never saw); a pair already there is left as it is. */
  const addMemberships = async (pairs: readonly (readonly [string, string])[]): Promise<void> => {
    if (!pairs.length) return;
    const groups = new Set((await store.q().selectFrom('groups').select('id').execute()).map((r) => r.id));
    const people =
      pairs.length === 1
        ? new Set(
            (await store.q().selectFrom('people').select('id').where('id', '=', pairs[0]![1]).execute()).map(
              (r) => r.id,
            ),
          )
        : new Set((await store.q().selectFrom('people').select('id').execute()).map((r) => r.id));
    const rows = new Map<string, { group_id: string; person_id: string }>();
    for (const [group, person] of pairs)
      if (groups.has(group) && people.has(person))
        rows.set(`${group}\0${person}`, { group_id: group, person_id: person });
    for (const chunk of chunks([...rows.values()]))
      await store
        .q()
        .insertInto('memberships')
        .values(chunk)
        .onConflict((oc) => oc.columns(['group_id', 'person_id']).doNothing())
        .execute();
  };

  return {
    async state(): Promise<DirectoryReadState | null> {
      const r = await store
        .q()
        .selectFrom('directories')
        .select(['cursor', 'health', 'health_detail', 'last_read_at', 'last_good_count'])
        .where('id', '=', directoryId)
        .executeTakeFirst();
      if (!r) return null;
      return {
        cursor: r.cursor,
        health: r.health as DirectoryHealth,
        healthDetail: r.health_detail,
        lastReadAt: r.last_read_at,
        lastGoodCount: r.last_good_count,
      };
    },
    /** Replaces the snapshot with a full read. People not in it are kept as 'deleted'. */
    async replaceAll(snapshot: DirectorySnapshot, now: string): Promise<void> {
      // What the store had for each person (any directory), updated as each person is put, as one by one.
      const prev = new Map<string, Prev>();
      for (const r of await store
        .q()
        .selectFrom('people')
        .select(['id', 'status', 'status_changed_at'])
        .execute())
        prev.set(r.id, { status: r.status as PersonStatus, status_changed_at: r.status_changed_at });
      const rows = new Map<string, ReturnType<typeof personRow>>();
      for (const p of snapshot.people) {
        const row = personRow(p, prev.get(p.id), now);
        prev.set(p.id, { status: p.status, status_changed_at: row.status_changed_at });
        rows.delete(p.id); // a person listed twice is stored as last listed
        rows.set(p.id, row);
      }
      await upsertPeople([...rows.values()]);
      const seen = new Set(snapshot.people.map((p) => p.id));
      const gone = (
        await store
          .q()
          .selectFrom('people')
          .select('id')
          .where('directory_id', '=', directoryId)
          .where('status', '!=', 'deleted')
          .execute()
      )
        .map((r) => r.id)
        .filter((id) => !seen.has(id));
      await removePeople(gone, now);
      const groups = new Set(snapshot.groups.map((g) => g.id));
      for (const { id } of await store
        .q()
        .selectFrom('groups')
        .select('id')
        .where('directory_id', '=', directoryId)
        .execute())
        if (!groups.has(id)) await deleteGroup(id);
      for (const g of snapshot.groups) await upsertGroup(g);
      await store
        .q()
        .deleteFrom('memberships')
        .where('group_id', 'in', (eb) =>
          eb.selectFrom('groups').select('id').where('directory_id', '=', directoryId),
        )
        .execute();
      await addMemberships(snapshot.memberships);
    },
    /** Applies a delta in order. */
    async applyChanges(changes: DirectoryChange[], now: string): Promise<void> {
      for (const c of changes) {
        if (c.kind === 'person-upserted') await putPerson(c.person, now);
        else if (c.kind === 'person-removed') await removePeople([c.personId], now);
        else if (c.kind === 'group-upserted') await upsertGroup(c.group);
        else if (c.kind === 'group-removed') await deleteGroup(c.groupId);
        else if (c.kind === 'membership-added') await addMemberships([[c.groupId, c.personId]]);
        else
          await store
            .q()
            .deleteFrom('memberships')
            .where('group_id', '=', c.groupId)
            .where('person_id', '=', c.personId)
            .execute();
      }
    },
    async recordRead(r: {
      cursor: string | null;
      at: string;
      goodCount: number;
      health: DirectoryHealth;
      detail: string | null;
    }): Promise<void> {
      await store
        .q()
        .updateTable('directories')
        .set({
          cursor: r.cursor,
          last_read_at: r.at,
          last_good_count: r.goodCount,
          health: r.health,
          health_detail: r.detail,
        })
        .where('id', '=', directoryId)
        .execute();
    },
    async setHealth(health: DirectoryHealth, detail: string | null): Promise<void> {
      await store
        .q()
        .updateTable('directories')
        .set({ health, health_detail: detail })
        .where('id', '=', directoryId)
        .execute();
    },
    async counts(): Promise<SnapshotCounts> {
      const byStatus = emptyStatusCounts();
      const rows = await store
        .q()
        .selectFrom('people')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('directory_id', '=', directoryId)
        .groupBy('status')
        .execute();
      for (const r of rows) byStatus[r.status as PersonStatus] = Number(r.n);
      const groups = await store
        .q()
        .selectFrom('groups')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('directory_id', '=', directoryId)
        .executeTakeFirstOrThrow();
      const memberships = await store
        .q()
        .selectFrom('memberships as m')
        .innerJoin('groups as g', 'g.id', 'm.group_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('g.directory_id', '=', directoryId)
        .executeTakeFirstOrThrow();
      return {
        people: Object.values(byStatus).reduce((a, b) => a + b, 0),
        byStatus,
        groups: Number(groups.n),
        memberships: Number(memberships.n),
      };
    },
    async listPeople(): Promise<DirectoryPerson[]> {
      const rows = await store
        .q()
        .selectFrom('people')
        .select(PERSON_COLUMNS)
        .where('directory_id', '=', directoryId)
        .orderBy('id')
        .execute();
      return rows.map((r) => personFromRow(r as PersonRow));
    },
    /** One person's status in the snapshot (null: not in it). */
    async personStatus(personId: string): Promise<PersonStatus | null> {
      return (await getPerson(personId))?.status ?? null;
    },
    async listGroups(): Promise<DirectoryGroup[]> {
      return store
        .q()
        .selectFrom('groups')
        .select(['id', 'name', 'description'])
        .where('directory_id', '=', directoryId)
        .orderBy('id')
        .execute();
    },
    async listMemberships(): Promise<[string, string][]> {
      const rows = await store
        .q()
        .selectFrom('memberships as m')
        .innerJoin('groups as g', 'g.id', 'm.group_id')
        .select(['m.group_id', 'm.person_id'])
        .where('g.directory_id', '=', directoryId)
        .orderBy('m.group_id')
        .orderBy('m.person_id')
        .execute();
      return rows.map((r) => [r.group_id, r.person_id]);
    },
  };
};

export type DirectorySnapshotRepo = ReturnType<typeof createDirectorySnapshotRepo>;
