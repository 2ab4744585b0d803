// GitHub's JSON shapes for org membership (docs/api-contracts.md §6), checked where Lanyard relies on them, and
// how they become AppAccounts. A member's remoteId is GitHub's numeric user id (as a string): logins can be renamed,
// the id cannot. The current login is the account's userName, refreshed on every read; GitHub's org endpoints take
// the login, so writes resolve it from the id first. Pending invitations are `invitation:<id>`. A remoteId that is
// a login (accounts stored before ids were used) is still accepted by every write.
import type { AppAccount } from '../types';

export interface GhUser {
  login: string;
  id: number;
  name?: string | null;
  email?: string | null;
}

export interface GhMembership {
  state: 'active' | 'pending';
  role: 'admin' | 'member' | 'billing_manager';
  user?: GhUser | null;
}

export interface GhInvitation {
  id: number;
  login: string | null;
  email: string | null;
  role: string;
  created_at?: string;
  /** Failed invitations only (`GET /orgs/{org}/failed_invitations`): when and why it failed (e.g. it expired). */
  failed_at?: string | null;
  failed_reason?: string | null;
}

export interface GhTeam {
  id: number;
  slug: string;
  name: string;
}

export interface GhTeamMembership {
  role: 'member' | 'maintainer';
  state: 'active' | 'pending';
}

/** GitHub's rules for logins: alphanumerics and single inner hyphens, at most 39 characters. */
export const LOGIN = /^[a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38}$/i;
export const isLogin = (s: string): boolean => LOGIN.test(s);

export const INVITATION_PREFIX = 'invitation:';
export const invitationRemoteId = (id: number | string): string => `${INVITATION_PREFIX}${id}`;
/** The invitation id in a remoteId such as `invitation:42`, or null for a member login. */
export const invitationIdOf = (remoteId: string): string | null =>
  remoteId.startsWith(INVITATION_PREFIX) ? remoteId.slice(INVITATION_PREFIX.length) : null;

/** Lanyard's role names ↔ GitHub's: org members are `member`/`admin`; invitations say `direct_member`. */
export const accountRole = (githubRole: string | null | undefined): string | null =>
  githubRole === 'direct_member' ? 'member' : (githubRole ?? null);

/** A member's remoteId: the numeric user id. Anything else (but an invitation) is a login from before ids. */
export const isUserId = (remoteId: string): boolean => /^\d{1,20}$/.test(remoteId);

/** Who a write is about: the login GitHub's endpoints take, and the remoteId the caller knows the account by. */
export interface MemberRef {
  login: string;
  /** The numeric user id when known; a login-keyed remoteId from before ids otherwise. */
  remoteId: string;
}

export const memberAccount = (
  who: MemberRef | GhUser,
  role: string | null,
  groups: string[],
  name: string | null = null,
): AppAccount => ({
  remoteId: 'id' in who ? String(who.id) : who.remoteId,
  userName: who.login,
  emails: [],
  externalId: null,
  active: true,
  role,
  groups,
  displayName: name,
});

/**
 * A pending invitation is an account the person has not accepted yet: active (access is on its way, so the sync
 * engine must not invite again) and marked `pending`. Email invitations have no login; their userName is the email.
 */
export const invitationAccount = (inv: GhInvitation): AppAccount => ({
  remoteId: invitationRemoteId(inv.id),
  userName: inv.login ?? inv.email ?? invitationRemoteId(inv.id),
  emails: inv.email ? [inv.email] : [],
  externalId: null,
  active: true,
  role: accountRole(inv.role),
  groups: [],
  displayName: null,
  pending: true,
});

/**
 * A failed invitation (expired, or refused by GitHub): the person never joined and nothing is on its way, so the
 * account is inactive (the planner invites again) and still `pending` (nothing but the invitation can be changed).
 * It keeps its `invitation:<id>`, so an invitation that lapsed is never taken for one that vanished on acceptance.
 */
export const failedInvitationAccount = (inv: GhInvitation): AppAccount => ({
  ...invitationAccount(inv),
  active: false,
});

/** A removed member: GitHub orgs have no suspended state, so "inactive" means "not in the org any more". */
export const removedAccount = (who: MemberRef): AppAccount => ({
  ...memberAccount(who, null, []),
  active: false,
});

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export const asUser = (v: unknown): GhUser | null =>
  isObj(v) && typeof v.login === 'string' && v.login !== '' && typeof v.id === 'number'
    ? (v as unknown as GhUser)
    : null;

export const asInvitation = (v: unknown): GhInvitation | null =>
  isObj(v) && typeof v.id === 'number' && (typeof v.login === 'string' || typeof v.email === 'string')
    ? ({
        ...v,
        login: typeof v.login === 'string' ? v.login : null,
        email: typeof v.email === 'string' ? v.email : null,
        role: typeof v.role === 'string' ? v.role : 'direct_member',
      } as GhInvitation)
    : null;

export const asTeam = (v: unknown): GhTeam | null =>
  isObj(v) && typeof v.slug === 'string' && v.slug !== '' && typeof v.id === 'number'
    ? ({ id: v.id, slug: v.slug, name: typeof v.name === 'string' ? v.name : v.slug } as GhTeam)
    : null;

export const asMembership = (v: unknown): GhMembership | null =>
  isObj(v) && (v.state === 'active' || v.state === 'pending') && typeof v.role === 'string'
    ? (v as unknown as GhMembership)
    : null;

export const asTeamMembership = (v: unknown): GhTeamMembership | null =>
  isObj(v) && (v.state === 'active' || v.state === 'pending') && typeof v.role === 'string'
    ? (v as unknown as GhTeamMembership)
    : null;
