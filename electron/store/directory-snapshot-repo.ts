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
import type { Db } from './database';
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

export const createDirectorySnapshotRepo = (db: Db, directoryId: string = DIRECTORY_ID) => {
  const readState = db.prepare<
    [string],
    {
      cursor: string | null;
      health: string;
      health_detail: string | null;
      last_read_at: string | null;
      last_good_count: number | null;
    }
  >('SELECT cursor, health, health_detail, last_read_at, last_good_count FROM directories WHERE id = ?');
  const writeState = db.prepare(
    'UPDATE directories SET cursor = @cursor, last_read_at = @at, last_good_count = @count, health = @health, health_detail = @detail WHERE id = @id',
  );
  const writeHealth = db.prepare(
    'UPDATE directories SET health = @health, health_detail = @detail WHERE id = @id',
  );
  const getPerson = db.prepare<[string], { status: PersonStatus; status_changed_at: string | null }>(
    'SELECT status, status_changed_at FROM people WHERE id = ?',
  );
  const upsertPerson = db.prepare(
    `INSERT INTO people (id, directory_id, login, email, given_name, family_name, display_name, status, status_changed_at, attributes, updated_at)
     VALUES (@id, @dir, @login, @email, @given, @family, @display, @status, @changed, @attributes, @now)
     ON CONFLICT(id) DO UPDATE SET directory_id = excluded.directory_id, login = excluded.login, email = excluded.email,
       given_name = excluded.given_name, family_name = excluded.family_name, display_name = excluded.display_name,
       status = excluded.status, status_changed_at = excluded.status_changed_at, attributes = excluded.attributes,
       updated_at = excluded.updated_at`,
  );
  const markDeleted = db.prepare(
    `UPDATE people SET status = 'deleted', status_changed_at = @now, updated_at = @now WHERE id = @id AND directory_id = @dir AND status != 'deleted'`,
  );
  const deleteMembershipsOf = db.prepare<[string]>('DELETE FROM memberships WHERE person_id = ?');
  const peopleIds = db.prepare<[string], { id: string }>(
    `SELECT id FROM people WHERE directory_id = ? AND status != 'deleted'`,
  );
  const upsertGroup = db.prepare(
    `INSERT INTO groups (id, directory_id, name, description) VALUES (@id, @dir, @name, @description)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description`,
  );
  const groupIds = db.prepare<[string], { id: string }>('SELECT id FROM groups WHERE directory_id = ?');
  const deleteGroup = db.prepare<[string]>('DELETE FROM groups WHERE id = ?');
  const clearMemberships = db.prepare<[string]>(
    'DELETE FROM memberships WHERE group_id IN (SELECT id FROM groups WHERE directory_id = ?)',
  );
  // Only between a known group and a known person (a delta may name someone the snapshot never saw).
  const addMembership = db.prepare(
    `INSERT OR IGNORE INTO memberships (group_id, person_id)
     SELECT @group, @person WHERE EXISTS (SELECT 1 FROM groups WHERE id = @group) AND EXISTS (SELECT 1 FROM people WHERE id = @person)`,
  );
  const removeMembership = db.prepare(
    'DELETE FROM memberships WHERE group_id = @group AND person_id = @person',
  );
  const statusCounts = db.prepare<[string], { status: PersonStatus; n: number }>(
    'SELECT status, COUNT(*) AS n FROM people WHERE directory_id = ? GROUP BY status',
  );
  const groupCount = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM groups WHERE directory_id = ?',
  );
  const membershipCount = db.prepare<[string], { n: number }>(
    'SELECT COUNT(*) AS n FROM memberships m JOIN groups g ON g.id = m.group_id WHERE g.directory_id = ?',
  );
  const listPeople = db.prepare<[string], PersonRow>(
    'SELECT id, login, email, given_name, family_name, display_name, status, status_changed_at, attributes FROM people WHERE directory_id = ? ORDER BY id',
  );
  const listGroups = db.prepare<[string], DirectoryGroup>(
    'SELECT id, name, description FROM groups WHERE directory_id = ? ORDER BY id',
  );
  const listMemberships = db.prepare<[string], { group_id: string; person_id: string }>(
    'SELECT m.group_id, m.person_id FROM memberships m JOIN groups g ON g.id = m.group_id WHERE g.directory_id = ? ORDER BY 1, 2',
  );

  const putPerson = (p: DirectoryPerson, now: string): void => {
    const prev = getPerson.get(p.id);
    // Keep the time of the last real status change when the IdP does not say when it was.
    const changed =
      p.statusChangedAt ?? (prev && prev.status === p.status ? prev.status_changed_at : prev ? now : null);
    const extra = Object.fromEntries(EXTRA.map((k) => [k, p[k]]));
    upsertPerson.run({
      id: p.id,
      dir: directoryId,
      login: p.login,
      email: p.email,
      given: p.givenName,
      family: p.familyName,
      display: p.displayName,
      status: p.status,
      changed,
      attributes: JSON.stringify({ ...p.attributes, [EXTRA_KEY]: extra }),
      now,
    });
  };

  const removePerson = (id: string, now: string): void => {
    markDeleted.run({ id, dir: directoryId, now });
    deleteMembershipsOf.run(id);
  };

  return {
    state(): DirectoryReadState | null {
      const r = readState.get(directoryId);
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
    replaceAll(snapshot: DirectorySnapshot, now: string): void {
      const seen = new Set(snapshot.people.map((p) => p.id));
      for (const p of snapshot.people) putPerson(p, now);
      for (const { id } of peopleIds.all(directoryId)) if (!seen.has(id)) removePerson(id, now);
      const groups = new Set(snapshot.groups.map((g) => g.id));
      for (const { id } of groupIds.all(directoryId)) if (!groups.has(id)) deleteGroup.run(id);
      for (const g of snapshot.groups)
        upsertGroup.run({ id: g.id, dir: directoryId, name: g.name, description: g.description });
      clearMemberships.run(directoryId);
      for (const [group, person] of snapshot.memberships) addMembership.run({ group, person });
    },
    /** Applies a delta in order. */
    applyChanges(changes: DirectoryChange[], now: string): void {
      for (const c of changes) {
        if (c.kind === 'person-upserted') putPerson(c.person, now);
        else if (c.kind === 'person-removed') removePerson(c.personId, now);
        else if (c.kind === 'group-upserted')
          upsertGroup.run({
            id: c.group.id,
            dir: directoryId,
            name: c.group.name,
            description: c.group.description,
          });
        else if (c.kind === 'group-removed') deleteGroup.run(c.groupId);
        else if (c.kind === 'membership-added') addMembership.run({ group: c.groupId, person: c.personId });
        else removeMembership.run({ group: c.groupId, person: c.personId });
      }
    },
    recordRead(r: {
      cursor: string | null;
      at: string;
      goodCount: number;
      health: DirectoryHealth;
      detail: string | null;
    }): void {
      writeState.run({
        id: directoryId,
        cursor: r.cursor,
        at: r.at,
        count: r.goodCount,
        health: r.health,
        detail: r.detail,
      });
    },
    setHealth(health: DirectoryHealth, detail: string | null): void {
      writeHealth.run({ id: directoryId, health, detail });
    },
    counts(): SnapshotCounts {
      const byStatus = emptyStatusCounts();
      for (const r of statusCounts.all(directoryId)) byStatus[r.status] = r.n;
      return {
        people: Object.values(byStatus).reduce((a, b) => a + b, 0),
        byStatus,
        groups: groupCount.get(directoryId)!.n,
        memberships: membershipCount.get(directoryId)!.n,
      };
    },
    listPeople(): DirectoryPerson[] {
      return listPeople.all(directoryId).map(personFromRow);
    },
    /** One person's status in the snapshot (null: not in it). */
    personStatus(personId: string): PersonStatus | null {
      return getPerson.get(personId)?.status ?? null;
    },
    listGroups(): DirectoryGroup[] {
      return listGroups.all(directoryId);
    },
    listMemberships(): [string, string][] {
      return listMemberships.all(directoryId).map((r) => [r.group_id, r.person_id]);
    },
  };
};

export type DirectorySnapshotRepo = ReturnType<typeof createDirectorySnapshotRepo>;
