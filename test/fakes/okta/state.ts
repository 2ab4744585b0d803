// The Okta fake's in-memory org: users, groups, memberships and the System Log, with the mutations tests use.
// Every mutation writes the System Log event Okta would (user.lifecycle.*, group.user_membership.*, …), so the
// connector's log polling sees exactly what a real org would tell it.

export type OktaStatus =
  | 'STAGED'
  | 'PROVISIONED'
  | 'ACTIVE'
  | 'RECOVERY'
  | 'LOCKED_OUT'
  | 'PASSWORD_EXPIRED'
  | 'SUSPENDED'
  | 'DEPROVISIONED';

export interface OktaUser {
  id: string;
  status: OktaStatus;
  created: string;
  activated: string | null;
  statusChanged: string | null;
  lastLogin: string | null;
  lastUpdated: string;
  passwordChanged: string | null;
  type: { id: string };
  profile: Record<string, string | null>;
  credentials: { password: Record<string, never>; provider: { type: string; name: string } };
  _links: { self: { href: string } };
}

export interface OktaGroup {
  id: string;
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  objectClass: string[];
  type: 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN';
  profile: { name: string; description: string | null };
  _links: { users: { href: string } };
}

export interface LogTarget {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
}

export interface LogEvent {
  uuid: string;
  published: string;
  eventType: string;
  version: string;
  severity: 'INFO';
  displayMessage: string;
  actor: { id: string; type: string; alternateId: string; displayName: string };
  outcome: { result: 'SUCCESS' };
  target: LogTarget[];
  /** Persistence order (the fake's `after` cursor); not sent. */
  seq: number;
}

const idChars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const makeId = (prefix: string, n: number): string => {
  let s = '';
  let x = n;
  for (let i = 0; i < 17; i++) {
    s = idChars[x % idChars.length] + s;
    x = Math.floor(x / idChars.length);
  }
  return prefix + s;
};

export const createOktaState = (baseUrl: () => string) => {
  const users = new Map<string, OktaUser>();
  const groups = new Map<string, OktaGroup>();
  const members = new Map<string, Set<string>>();
  const logs: LogEvent[] = [];
  let seq = 0;
  let lastMs = 0;
  /** Wall-clock timestamps that never go backwards (bulk seeding must not run the org's clock ahead of time). */
  const stamp = (): string => {
    lastMs = Math.max(Date.now(), lastMs);
    return new Date(lastMs).toISOString();
  };

  const userTarget = (u: OktaUser): LogTarget => ({
    id: u.id,
    type: 'User',
    alternateId: u.profile.login ?? u.id,
    displayName: `${u.profile.firstName ?? ''} ${u.profile.lastName ?? ''}`.trim(),
  });
  const groupTarget = (g: OktaGroup): LogTarget => ({
    id: g.id,
    type: 'UserGroup',
    alternateId: 'unknown',
    displayName: g.profile.name,
  });
  const log = (eventType: string, target: LogTarget[], published = stamp()): void => {
    seq++;
    logs.push({
      uuid: `evt-${seq}`,
      published,
      eventType,
      version: '0',
      severity: 'INFO',
      displayMessage: eventType,
      actor: { id: '00uadmin', type: 'User', alternateId: 'admin@example.com', displayName: 'Admin' },
      outcome: { result: 'SUCCESS' },
      target,
      seq,
    });
  };

  const mustUser = (id: string): OktaUser => {
    const u = users.get(id);
    if (!u) throw new Error(`no user ${id}`);
    return u;
  };

  // Okta never reuses an id: counters, not map sizes (a deleted user's id is never given to the next one).
  let nextUser = 1000;
  let nextGroup = 1000;
  const state = {
    users,
    groups,
    members,
    logs,
    stamp,
    addUser(profile: Record<string, string | null>, status: OktaStatus = 'ACTIVE'): OktaUser {
      const id = makeId('00u', nextUser++);
      const now = stamp();
      const u: OktaUser = {
        id,
        status,
        created: now,
        activated: status === 'STAGED' ? null : now,
        statusChanged: now,
        lastLogin: null,
        lastUpdated: now,
        passwordChanged: null,
        type: { id: 'oty1default' },
        profile: {
          login: `${id}@example.com`,
          email: `${id}@example.com`,
          firstName: 'Test',
          lastName: id,
          ...profile,
        },
        credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
        _links: { self: { href: `${baseUrl()}/api/v1/users/${id}` } },
      };
      users.set(id, u);
      log('user.lifecycle.create', [userTarget(u)], now);
      return u;
    },
    setStatus(id: string, status: OktaStatus): OktaUser {
      const u = mustUser(id);
      const before = u.status;
      u.status = status;
      u.statusChanged = u.lastUpdated = stamp();
      const eventType =
        status === 'SUSPENDED'
          ? 'user.lifecycle.suspend'
          : status === 'DEPROVISIONED'
            ? 'user.lifecycle.deactivate'
            : status === 'LOCKED_OUT'
              ? 'user.account.lock'
              : before === 'SUSPENDED'
                ? 'user.lifecycle.unsuspend'
                : 'user.lifecycle.activate';
      log(eventType, [userTarget(u)], u.lastUpdated);
      return u;
    },
    updateProfile(id: string, patch: Record<string, string | null>): OktaUser {
      const u = mustUser(id);
      u.profile = { ...u.profile, ...patch };
      u.lastUpdated = stamp();
      log('user.account.update_profile', [userTarget(u)], u.lastUpdated);
      return u;
    },
    /** Okta deletes only deprovisioned users; the fake follows (deactivate first). */
    deleteUser(id: string): void {
      const u = mustUser(id);
      if (u.status !== 'DEPROVISIONED') state.setStatus(id, 'DEPROVISIONED');
      users.delete(id);
      for (const set of members.values()) set.delete(id);
      log('user.lifecycle.delete.completed', [userTarget(u)]);
    },
    addGroup(name: string, description: string | null = null): OktaGroup {
      const id = makeId('00g', nextGroup++);
      const now = stamp();
      const g: OktaGroup = {
        id,
        created: now,
        lastUpdated: now,
        lastMembershipUpdated: now,
        objectClass: ['okta:user_group'],
        type: 'OKTA_GROUP',
        profile: { name, description },
        _links: { users: { href: `${baseUrl()}/api/v1/groups/${id}/users` } },
      };
      groups.set(id, g);
      members.set(id, new Set());
      log('group.lifecycle.create', [groupTarget(g)], now);
      return g;
    },
    deleteGroup(id: string): void {
      const g = groups.get(id);
      if (!g) throw new Error(`no group ${id}`);
      groups.delete(id);
      members.delete(id);
      log('group.lifecycle.delete', [groupTarget(g)]);
    },
    addMember(groupId: string, userId: string, quiet = false): void {
      const g = groups.get(groupId);
      if (!g) throw new Error(`no group ${groupId}`);
      members.get(groupId)!.add(userId);
      g.lastMembershipUpdated = stamp();
      if (!quiet)
        log(
          'group.user_membership.add',
          [userTarget(mustUser(userId)), groupTarget(g)],
          g.lastMembershipUpdated,
        );
    },
    removeMember(groupId: string, userId: string): void {
      const g = groups.get(groupId);
      if (!g) throw new Error(`no group ${groupId}`);
      members.get(groupId)!.delete(userId);
      g.lastMembershipUpdated = stamp();
      log(
        'group.user_membership.remove',
        [userTarget(mustUser(userId)), groupTarget(g)],
        g.lastMembershipUpdated,
      );
    },
    /** Writes a log event that is not about directory data (sign-ins), to prove the connector filters. */
    logSignIn(userId: string): void {
      log('user.session.start', [userTarget(mustUser(userId))]);
    },
  };
  return state;
};

export type OktaState = ReturnType<typeof createOktaState>;
