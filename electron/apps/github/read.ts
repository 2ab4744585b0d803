// Reading the org: members with their role (all members, then the admins), pending invitations as accounts in
// the invited state, failed (expired) invitations as inactive ones, and teams with their members. Every listing is
// complete or throws: a partial list would look like people leaving, and an invitation missing from both invitation
// lists would look accepted. Members are keyed by their numeric user id; their login is read fresh every time.
import type { AppAccount, AppGroup } from '../types';
import { malformed } from './errors';
import type { GithubTransport } from './transport';
import {
  accountRole,
  asInvitation,
  asMembership,
  asTeam,
  asTeamMembership,
  asUser,
  failedInvitationAccount,
  invitationAccount,
  isUserId,
  memberAccount,
  type GhInvitation,
  type GhMembership,
  type GhTeam,
  type GhUser,
  type MemberRef,
} from './wire';

const seg = encodeURIComponent;

export const listTeams = (t: GithubTransport): Promise<GhTeam[]> =>
  t.listAll(`orgs/${t.org}/teams`, 'list teams', asTeam);

export const listInvitations = (t: GithubTransport): Promise<GhInvitation[]> =>
  t.listAll(`orgs/${t.org}/invitations`, 'list pending invitations', asInvitation);

/** Invitations that expired or failed (GitHub keeps listing them, with failed_at and failed_reason). */
export const listFailedInvitations = (t: GithubTransport): Promise<GhInvitation[]> =>
  t.listAll(`orgs/${t.org}/failed_invitations`, 'list failed invitations', asInvitation);

const inviteeKeys = (inv: GhInvitation): string[] =>
  [inv.login, inv.email].flatMap((k) => (k ? [k.toLowerCase()] : []));

/** GitHub's failed_reason when the invitee had already joined (github/docs#4423): nothing lapsed. */
const ALREADY_ACCEPTED = /already accepted/i;

/**
 * The failed invitations still telling something: per invitee (login or email) the latest, and none for an
 * invitee who is a member, has a pending invitation now (it was sent again), or had already accepted.
 */
export const lapsedInvitations = (
  failed: readonly GhInvitation[],
  pending: readonly GhInvitation[],
  members: readonly GhUser[],
): GhInvitation[] => {
  const covered = new Set(members.map((u) => u.login.toLowerCase()));
  for (const inv of pending) for (const k of inviteeKeys(inv)) covered.add(k);
  const out: GhInvitation[] = [];
  for (const inv of [...failed].sort((a, b) => b.id - a.id)) {
    if (ALREADY_ACCEPTED.test(String(inv.failed_reason))) continue;
    const keys = inviteeKeys(inv);
    if (keys.some((k) => covered.has(k))) continue;
    for (const k of keys) covered.add(k);
    out.push(inv);
  }
  return out;
};

/** Teams with their members' user ids (one listing per team: GitHub has no "all teams with members" endpoint). */
const teamsWithMembers = async (t: GithubTransport) =>
  Promise.all(
    (await listTeams(t)).map(async (team) => {
      const members = await t.listAll(
        `orgs/${t.org}/teams/${seg(team.slug)}/members`,
        `list members of team ${team.slug}`,
        asUser,
      );
      return { remoteId: team.slug, displayName: team.name, members: members.map((m) => String(m.id)) };
    }),
  );

export const listGroups = (t: GithubTransport): Promise<AppGroup[]> => teamsWithMembers(t);

export const listAccounts = async (t: GithubTransport): Promise<AppAccount[]> => {
  const members = await t.listAll(`orgs/${t.org}/members`, 'list members', asUser, { role: 'all' });
  const admins = new Set(
    (await t.listAll(`orgs/${t.org}/members`, 'list owners', asUser, { role: 'admin' })).map((u) =>
      String(u.id),
    ),
  );
  // Pending first, then failed: an invitation that fails between the two reads is in the second.
  const invitations = await listInvitations(t);
  const lapsed = lapsedInvitations(await listFailedInvitations(t), invitations, members);
  const teamsById = new Map<string, string[]>();
  for (const g of await teamsWithMembers(t)) {
    for (const id of g.members) teamsById.set(id, [...(teamsById.get(id) ?? []), g.remoteId]);
  }
  const byId = new Map<string, AppAccount>();
  for (const u of members) {
    const id = String(u.id);
    byId.set(
      id,
      memberAccount(u, admins.has(id) ? 'admin' : 'member', teamsById.get(id) ?? [], u.name ?? null),
    );
  }
  return [...byId.values(), ...invitations.map(invitationAccount), ...lapsed.map(failedInvitationAccount)];
};

/** The org membership of a login (active or pending), or null when they are not in the org. */
export const membershipOf = async (t: GithubTransport, login: string): Promise<GhMembership | null> => {
  const action = `read the membership of ${login}`;
  const res = await t.request<unknown>({
    path: `orgs/${t.org}/memberships/${seg(login)}`,
    action,
    accept: [404],
  });
  if (res.status === 404) return null;
  return asMembership(res.body);
};

/** The teams a login belongs to (or is pending in): one request per team, as GitHub offers no reverse lookup. */
export const teamsOf = async (t: GithubTransport, login: string): Promise<string[]> => {
  const out: string[] = [];
  for (const team of await listTeams(t)) {
    const res = await t.request<unknown>({
      path: `orgs/${t.org}/teams/${seg(team.slug)}/memberships/${seg(login)}`,
      action: `read the membership of ${login} in team ${team.slug}`,
      accept: [404],
    });
    if (res.status !== 404 && asTeamMembership(res.body)) out.push(team.slug);
  }
  return out;
};

/** A member as an account, with role and teams read fresh (keyed by the membership's user id when it has one). */
export const readMember = async (
  t: GithubTransport,
  who: MemberRef,
  m: GhMembership,
): Promise<AppAccount> => {
  const user = asUser(m.user);
  const ref: MemberRef = user ? { login: user.login, remoteId: String(user.id) } : who;
  return memberAccount(ref, accountRole(m.role), await teamsOf(t, ref.login), user?.name ?? null);
};

/**
 * The GitHub user a remoteId names: by id (`GET /user/{account_id}`, GitHub's durable key) or, for a login
 * stored before ids were used, by login. Null when GitHub has no such user (deleted, or a login since renamed).
 */
export const userOf = async (t: GithubTransport, remoteId: string): Promise<GhUser | null> => {
  const byId = isUserId(remoteId);
  const action = `look up the GitHub user ${byId ? `with id ${remoteId}` : remoteId}`;
  const res = await t.request<unknown>({
    path: byId ? `user/${remoteId}` : `users/${seg(remoteId)}`,
    action,
    accept: [404],
  });
  if (res.status === 404) return null;
  const user = asUser(res.body);
  if (!user) throw malformed(t.app, action, 'the user has no login or id');
  return user;
};

/** The pending invitation for a login or email, if there is one. */
export const findInvitation = async (
  t: GithubTransport,
  key: { login?: string; email?: string },
): Promise<GhInvitation | null> => {
  const login = key.login?.toLowerCase();
  const email = key.email?.toLowerCase();
  for (const inv of await listInvitations(t)) {
    if (login && inv.login?.toLowerCase() === login) return inv;
    if (email && inv.email?.toLowerCase() === email) return inv;
  }
  return null;
};

export const findInvitationById = async (t: GithubTransport, id: string): Promise<GhInvitation | null> =>
  (await listInvitations(t)).find((inv) => String(inv.id) === id) ?? null;

export const findFailedInvitationById = async (
  t: GithubTransport,
  id: string,
): Promise<GhInvitation | null> =>
  (await listFailedInvitations(t)).find((inv) => String(inv.id) === id) ?? null;
