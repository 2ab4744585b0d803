// The Entra fake's in-memory tenant: users, groups, devices, service principals, memberships and a change sequence
// that delta queries read. Every mutation bumps the sequence, so a deltaLink (which remembers the sequence it was
// issued at) returns exactly what changed since, including `@removed` users/groups and `members@delta` additions
// and removals. As in Graph, a group's direct members are any directory objects — users, nested groups, devices,
// service principals — each tagged with its `@odata.type` (learn.microsoft.com/graph/api/group-list-members).
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

export interface GraphDevice {
  id: string;
  displayName: string;
  deviceId: string;
  accountEnabled: boolean;
}

export interface GraphServicePrincipal {
  id: string;
  displayName: string;
  appId: string;
}

export type MemberType =
  | '#microsoft.graph.user'
  | '#microsoft.graph.group'
  | '#microsoft.graph.device'
  | '#microsoft.graph.servicePrincipal';

export interface MemberChange {
  seq: number;
  groupId: string;
  /** The member's id (a user, group, device or service principal, per `type`). */
  userId: string;
  type: MemberType;
  removed: boolean;
}

export const createEntraState = () => {
  const users = new Map<string, GraphUser>();
  const groups = new Map<string, GraphGroup>();
  const members = new Map<string, Set<string>>();
  const devices = new Map<string, GraphDevice>();
  const servicePrincipals = new Map<string, GraphServicePrincipal>();
  /** Every directory object id ever seen → its type (so removals of deleted objects keep their type). */
  const types = new Map<string, MemberType>();
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

  const typeOf = (id: string): MemberType => {
    const t = types.get(id);
    if (!t) throw new Error(`no directory object ${id}`);
    return t;
  };

  const state = {
    users,
    groups,
    members,
    devices,
    servicePrincipals,
    typeOf,
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
      types.set(id, '#microsoft.graph.user');
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
          if (set.delete(id))
            memberLog.push({
              seq: bump(),
              groupId: gid,
              userId: id,
              type: '#microsoft.graph.user',
              removed: true,
            });
      }
    },
    addGroup(displayName: string, description: string | null = null): GraphGroup {
      const g: GraphGroup = { id: randomUUID(), displayName, description };
      groups.set(g.id, g);
      types.set(g.id, '#microsoft.graph.group');
      members.set(g.id, new Set());
      groupChanged.set(g.id, bump());
      return g;
    },
    renameGroup(id: string, displayName: string): GraphGroup {
      const g = groups.get(id);
      if (!g) throw new Error(`no group ${id}`);
      g.displayName = displayName;
      groupChanged.set(id, bump());
      return g;
    },
    deleteGroup(id: string): void {
      groups.delete(id);
      members.delete(id);
      for (const [gid, set] of members)
        if (set.delete(id))
          memberLog.push({
            seq: bump(),
            groupId: gid,
            userId: id,
            type: '#microsoft.graph.group',
            removed: true,
          });
      groupChanged.delete(id);
      groupTombstones.set(id, bump());
    },
    /** A device (an Entra-joined laptop, say) that can be a group member. */
    addDevice(displayName: string): GraphDevice {
      const d: GraphDevice = { id: randomUUID(), displayName, deviceId: randomUUID(), accountEnabled: true };
      devices.set(d.id, d);
      types.set(d.id, '#microsoft.graph.device');
      return d;
    },
    /** An app's service principal that can be a group member. */
    addServicePrincipal(displayName: string): GraphServicePrincipal {
      const sp: GraphServicePrincipal = { id: randomUUID(), displayName, appId: randomUUID() };
      servicePrincipals.set(sp.id, sp);
      types.set(sp.id, '#microsoft.graph.servicePrincipal');
      return sp;
    },
    /** Adds any directory object (user, group, device, service principal) as a direct member. */
    addMember(groupId: string, memberId: string): void {
      const set = members.get(groupId);
      if (!set) throw new Error(`no group ${groupId}`);
      const type = typeOf(memberId);
      set.add(memberId);
      memberLog.push({ seq: bump(), groupId, userId: memberId, type, removed: false });
    },
    removeMember(groupId: string, memberId: string): void {
      members.get(groupId)?.delete(memberId);
      memberLog.push({ seq: bump(), groupId, userId: memberId, type: typeOf(memberId), removed: true });
    },
    /** A directory object as Graph returns it in /members, with its @odata.type; `select` limits properties. */
    memberJson(id: string, select: string | null): Record<string, unknown> {
      const type = typeOf(id);
      const full: Record<string, unknown> =
        type === '#microsoft.graph.user'
          ? { ...users.get(id)! }
          : type === '#microsoft.graph.group'
            ? { ...groups.get(id)! }
            : type === '#microsoft.graph.device'
              ? { ...devices.get(id)! }
              : { ...servicePrincipals.get(id)! };
      const wanted = select ? new Set(select.split(',').map((x) => x.trim())) : null;
      const props = Object.fromEntries(
        Object.entries(full).filter(([k]) => k === 'id' || !wanted || wanted.has(k)),
      );
      return { '@odata.type': type, ...props };
    },
  };
  return state;
};

export type EntraState = ReturnType<typeof createEntraState>;
