// The in-memory GitHub world behind the fake: users, one organization with members and roles, pending and failed
// invitations, and teams with their members. Tests seed it and act as the people and as time: accepting an
// invitation (an email invitation under whatever login the person signs up or signs in with), letting one expire
// (it leaves the pending list for the failed one, keeping its id, as GitHub lists it under failed_invitations) and
// renaming their login (the user id stays; the old login stops resolving, as on GitHub).

export interface FakeUser {
  login: string;
  id: number;
  name: string | null;
  email: string | null;
}

export interface FakeInvitation {
  id: number;
  /** null for an invitation by email to someone without a known account. */
  userId: number | null;
  email: string | null;
  role: 'direct_member' | 'admin' | 'billing_manager';
  teamIds: number[];
  createdAt: string;
  inviterId: number;
  /** Set once the invitation failed (expired): it is then listed under failed_invitations only. */
  failedAt?: string;
  failedReason?: string;
}

/**
 * GitHub's failed_reason texts, as a GitHub docs maintainer listed them (github/docs#4423; not on the reference page).
 */
export const FAILED_REASONS = {
  expired: 'Invitation expired. User did not accept this invite for 7 days.',
  alreadyAccepted: 'Invitation already accepted.',
  noMoreSeats: 'No seats available.',
} as const;

export interface FakeTeam {
  id: number;
  slug: string;
  name: string;
  /** login (lower case) → team role. */
  members: Map<string, 'member' | 'maintainer'>;
}

export type OrgRole = 'admin' | 'member';

export const createGithubState = (orgLogin: string) => {
  let nextUserId = 1000;
  let nextInvitationId = 1;
  let nextTeamId = 1;
  const users = new Map<string, FakeUser>();
  const members = new Map<string, OrgRole>();
  const invitations = new Map<number, FakeInvitation>();
  const failed = new Map<number, FakeInvitation>();
  const teams = new Map<string, FakeTeam>();
  const key = (login: string) => login.toLowerCase();

  const state = {
    org: { login: orgLogin, id: 9000 },
    users,
    members,
    invitations,
    failed,
    teams,
    user: (login: string): FakeUser | undefined => users.get(key(login)),
    userById: (id: number): FakeUser | undefined => [...users.values()].find((u) => u.id === id),
    addUser(login: string, extra: Partial<Omit<FakeUser, 'login' | 'id'>> = {}): FakeUser {
      const u: FakeUser = { login, id: nextUserId++, name: extra.name ?? null, email: extra.email ?? null };
      users.set(key(login), u);
      return u;
    },
    /** Adds an existing or new user to the org directly (as if they had accepted long ago). */
    addMember(login: string, role: OrgRole = 'member'): FakeUser {
      const u = state.user(login) ?? state.addUser(login);
      members.set(key(login), role);
      return u;
    },
    roleOf: (login: string): OrgRole | undefined => members.get(key(login)),
    addTeam(name: string, slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-')): FakeTeam {
      const t: FakeTeam = { id: nextTeamId++, slug, name, members: new Map() };
      teams.set(slug, t);
      return t;
    },
    teamById: (id: number): FakeTeam | undefined => [...teams.values()].find((t) => t.id === id),
    invite(init: {
      userId: number | null;
      email: string | null;
      role: FakeInvitation['role'];
      teamIds?: number[];
      inviterId: number;
    }): FakeInvitation {
      const inv: FakeInvitation = {
        id: nextInvitationId++,
        teamIds: [],
        createdAt: new Date().toISOString(),
        ...init,
        ...(init.teamIds ? { teamIds: init.teamIds } : {}),
      };
      invitations.set(inv.id, inv);
      return inv;
    },
    invitationFor(login: string): FakeInvitation | undefined {
      const u = state.user(login);
      return u ? [...invitations.values()].find((i) => i.userId === u.id) : undefined;
    },
    /** It failed (by default: nobody accepted it in time): it moves to the failed invitations (same id), with when and why. */
    expire(invitationId: number, reason: string = FAILED_REASONS.expired): FakeInvitation {
      const inv = invitations.get(invitationId);
      if (!inv) throw new Error(`no pending invitation ${invitationId}`);
      invitations.delete(invitationId);
      const gone = { ...inv, failedAt: new Date().toISOString(), failedReason: reason };
      failed.set(invitationId, gone);
      return gone;
    },
    /** The person accepts: they become a member with the invited role, and join the invited teams. */
    accept(invitationId: number, login?: string): FakeUser {
      const inv = invitations.get(invitationId);
      if (!inv) throw new Error(`no invitation ${invitationId}`);
      const u =
        inv.userId !== null
          ? state.userById(inv.userId)
          : login
            ? (state.user(login) ?? state.addUser(login, { email: inv.email }))
            : undefined;
      if (!u) throw new Error('an email invitation needs the login of whoever accepts it');
      invitations.delete(invitationId);
      members.set(key(u.login), inv.role === 'admin' ? 'admin' : 'member');
      for (const id of inv.teamIds) state.teamById(id)?.members.set(key(u.login), 'member');
      return u;
    },
    /** The user renames their login: same id, same memberships and invitations; the old login is free again. */
    rename(login: string, newLogin: string): FakeUser {
      const u = state.user(login);
      if (!u) throw new Error(`no user ${login}`);
      if (state.user(newLogin) && key(newLogin) !== key(login)) throw new Error(`${newLogin} is taken`);
      const [from, to] = [key(login), key(newLogin)];
      users.delete(from);
      u.login = newLogin;
      users.set(to, u);
      const role = members.get(from);
      if (role) {
        members.delete(from);
        members.set(to, role);
      }
      for (const t of teams.values()) {
        const r = t.members.get(from);
        if (r) {
          t.members.delete(from);
          t.members.set(to, r);
        }
      }
      return u;
    },
    /** Removes a member from the org and from all its teams (what GitHub does). */
    removeMember(login: string): boolean {
      const had = members.delete(key(login));
      for (const t of teams.values()) t.members.delete(key(login));
      return had;
    },
  };
  return state;
};

export type GithubState = ReturnType<typeof createGithubState>;
