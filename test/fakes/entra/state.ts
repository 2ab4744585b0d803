// The Entra fake's in-memory tenant: users, groups, memberships and a change sequence that delta queries read.
// Every mutation bumps the sequence, so a deltaLink (which remembers the sequence it was issued at) returns
// exactly what changed since, including `@removed` users/groups and `members@delta` additions and removals.
import { randomUUID } from 'node:crypto';

export interface GraphUser {
  id: string;
  userPrincipalName: string;
  mail: string | null;
  givenName: string | null;
  surname: string | null;
  displayName: string | null;
  department: string | null;
  jobTitle: string | null;
  employeeId: string | null;
  accountEnabled: boolean;
  businessPhones: string[];
  mobilePhone: string | null;
  officeLocation: string | null;
  preferredLanguage: string | null;
}

export interface GraphGroup {
  id: string;
  displayName: string;
  description: string | null;
}

export interface MemberChange {
  seq: number;
  groupId: string;
  userId: string;
  removed: boolean;
}

export const createEntraState = () => {
  const users = new Map<string, GraphUser>();
  const groups = new Map<string, GraphGroup>();
  const members = new Map<string, Set<string>>();
  const userChanged = new Map<string, number>();
  const groupChanged = new Map<string, number>();
  const userTombstones = new Map<string, { seq: number; reason: 'changed' | 'deleted' }>();
  const groupTombstones = new Map<string, number>();
  const memberLog: MemberChange[] = [];
  let seq = 0;
  const bump = (): number => ++seq;

  const mustUser = (id: string): GraphUser => {
    const u = users.get(id);
    if (!u) throw new Error(`no user ${id}`);
    return u;
  };

  const state = {
    users,
    groups,
    members,
    userChanged,
    groupChanged,
    userTombstones,
    groupTombstones,
    memberLog,
    seq: () => seq,
    addUser(props: Partial<GraphUser> = {}): GraphUser {
      const id = props.id ?? randomUUID();
      const u: GraphUser = {
        id,
        userPrincipalName: `${id.slice(0, 8)}@contoso.example`,
        mail: `${id.slice(0, 8)}@contoso.example`,
        givenName: 'Test',
        surname: id.slice(0, 8),
        displayName: `Test ${id.slice(0, 8)}`,
        department: null,
        jobTitle: null,
        employeeId: null,
        accountEnabled: true,
        businessPhones: [],
        mobilePhone: null,
        officeLocation: null,
        preferredLanguage: null,
        ...props,
      };
      users.set(id, u);
      userTombstones.delete(id);
      userChanged.set(id, bump());
      return u;
    },
    updateUser(id: string, patch: Partial<GraphUser>): GraphUser {
      const u = mustUser(id);
      Object.assign(u, patch, { id });
      userChanged.set(id, bump());
      return u;
    },
    /** Soft delete (reason "changed": restorable) or hard delete ("deleted"); memberships go with a hard delete. */
    deleteUser(id: string, reason: 'changed' | 'deleted' = 'changed'): void {
      mustUser(id);
      users.delete(id);
      userChanged.delete(id);
      userTombstones.set(id, { seq: bump(), reason });
      if (reason === 'deleted') {
        for (const [gid, set] of members)
          if (set.delete(id)) memberLog.push({ seq: bump(), groupId: gid, userId: id, removed: true });
      }
    },
    addGroup(displayName: string, description: string | null = null): GraphGroup {
      const g: GraphGroup = { id: randomUUID(), displayName, description };
      groups.set(g.id, g);
      members.set(g.id, new Set());
      groupChanged.set(g.id, bump());
      return g;
    },
    deleteGroup(id: string): void {
      groups.delete(id);
      members.delete(id);
      groupChanged.delete(id);
      groupTombstones.set(id, bump());
    },
    addMember(groupId: string, userId: string): void {
      const set = members.get(groupId);
      if (!set) throw new Error(`no group ${groupId}`);
      set.add(userId);
      memberLog.push({ seq: bump(), groupId, userId, removed: false });
    },
    removeMember(groupId: string, userId: string): void {
      members.get(groupId)?.delete(userId);
      memberLog.push({ seq: bump(), groupId, userId, removed: true });
    },
  };
  return state;
};

export type EntraState = ReturnType<typeof createEntraState>;
