// Changing the org: org roles, removal, reactivation and team memberships (inviting is invite.ts). GitHub orgs have
// no "suspended" member state, so deactivating means removing the person from the org (which also drops their
// teams), and reactivating means inviting them again (a failed invitation is sent again). Members are named by
// their numeric user id; GitHub's org endpoints take the login, so each write looks the current login up from the id
// first (a login renamed since the last read is never written to). A login-keyed remoteId (stored before ids were
// used) is written to as it is.
import type { AppAccount, DeletedAccount, GroupChange } from '../types';
import { GithubAppError, malformed } from './errors';
import { createAccount, inviteRole, reinvite } from './invite';
import {
  findFailedInvitationById,
  findInvitation,
  findInvitationById,
  membershipOf,
  readMember,
  userOf,
} from './read';
import type { GithubTransport } from './transport';
import {
  accountRole,
  asMembership,
  asTeamMembership,
  invitationAccount,
  invitationIdOf,
  isUserId,
  memberAccount,
  removedAccount,
  type MemberRef,
} from './wire';

const seg = encodeURIComponent;

/** The current login of a member's remoteId (a user id, or a login from before ids); null: no such user now. */
const refOf = async (t: GithubTransport, remoteId: string): Promise<MemberRef | null> => {
  if (!isUserId(remoteId)) return { login: remoteId, remoteId };
  const user = await userOf(t, remoteId);
  return user ? { login: user.login, remoteId } : null;
};

const goneUser = (t: GithubTransport, remoteId: string, action: string): GithubAppError =>
  new GithubAppError({
    appId: t.app.id,
    kind: 'no-such-user',
    status: 404,
    message: `GitHub has no user with id ${remoteId} any more (the account was deleted), so Lanyard cannot ${action} in ${t.app.org}.`,
    hint: 'The next sync reads the organization again and plans from what is there.',
  });

const notPending = (t: GithubTransport, invitationId: string): GithubAppError =>
  new GithubAppError({
    appId: t.app.id,
    kind: 'status',
    status: 404,
    message: `The invitation ${invitationId} to ${t.app.org} is no longer pending (accepted, cancelled or expired).`,
    hint: 'The next sync reads the organization again and plans from what is there.',
  });

/** Sets the org role of a member. A pending invitation keeps its role until accepted (GitHub cannot edit one). */
export const setRole = async (
  t: GithubTransport,
  remoteId: string,
  role: string | null | undefined,
): Promise<AppAccount> => {
  const invitationId = invitationIdOf(remoteId);
  if (invitationId !== null) {
    const inv = await findInvitationById(t, invitationId);
    if (!inv) throw notPending(t, invitationId);
    return invitationAccount(inv);
  }
  const who = await refOf(t, remoteId);
  if (!who) throw goneUser(t, remoteId, 'set their role');
  if (role === undefined) {
    const m = await membershipOf(t, who.login);
    return m?.state === 'active' ? readMember(t, who, m) : removedAccount(who);
  }
  const ghRole = inviteRole(role) === 'admin' ? 'admin' : 'member';
  const action = `make ${who.login} ${ghRole === 'admin' ? 'an owner' : 'a member'} of ${t.app.org}`;
  const res = await t.request<unknown>({
    method: 'PUT',
    path: `orgs/${t.org}/memberships/${seg(who.login)}`,
    json: { role: ghRole },
    action,
  });
  const m = asMembership(res.body);
  if (!m) throw malformed(t.app, action, 'the membership has no state');
  // PUT on a non-member invites them (state pending); that is what an admin asking for this role wants.
  if (m.state === 'pending') {
    const inv = await findInvitation(t, { login: who.login });
    if (inv) return invitationAccount(inv);
  }
  const read = await membershipOf(t, who.login);
  return read ? readMember(t, who, read) : memberAccount(who, accountRole(m.role), []);
};

/** Removes a member (by their current login) from the org; true when they were not in it. */
const removeMember = async (t: GithubTransport, who: MemberRef, why: string): Promise<boolean> => {
  const res = await t.request({
    method: 'DELETE',
    path: `orgs/${t.org}/memberships/${seg(who.login)}`,
    action: `remove ${who.login} from ${t.app.org} (${why})`,
    accept: [404],
  });
  return res.status === 404;
};

/** Removes a member from the org (and so from every team), or cancels a pending invitation. */
export const removeAccount = async (
  t: GithubTransport,
  remoteId: string,
  why: string,
): Promise<DeletedAccount> => {
  const invitationId = invitationIdOf(remoteId);
  if (invitationId === null) {
    // A user id GitHub no longer knows is an account deleted on GitHub: it is in no org any more.
    const who = await refOf(t, remoteId);
    const alreadyGone = who ? await removeMember(t, who, why) : true;
    return { remoteId, effect: 'deleted', alreadyGone };
  }
  const res = await t.request({
    method: 'DELETE',
    path: `orgs/${t.org}/invitations/${seg(invitationId)}`,
    action: `cancel the invitation ${invitationId} (${why})`,
    accept: [404],
  });
  return { remoteId, effect: 'deleted', alreadyGone: res.status === 404 };
};

/** Deactivate = remove from the org; reactivate = invite again (the person must accept once more). */
export const setActive = async (
  t: GithubTransport,
  remoteId: string,
  active: boolean,
  role?: string | null,
): Promise<AppAccount> => {
  const invitationId = invitationIdOf(remoteId);
  if (active) {
    if (invitationId !== null) {
      // A pending invitation is already "on its way": nothing to send again. A failed (expired) one is sent again.
      const pending = await findInvitationById(t, invitationId);
      if (pending) return invitationAccount(pending);
      const failed = await findFailedInvitationById(t, invitationId);
      if (failed) return reinvite(t, failed);
      throw notPending(t, invitationId);
    }
    const who = await refOf(t, remoteId);
    if (!who) throw goneUser(t, remoteId, 'invite them again');
    // A member still in the org is adopted as they are; anyone else is invited.
    const { account } = await createAccount(t, { userName: who.login, email: null, role: role ?? null });
    return account;
  }
  if (invitationId === null) {
    const who = await refOf(t, remoteId);
    if (who) await removeMember(t, who, 'deactivate');
    return removedAccount(who ?? { login: remoteId, remoteId });
  }
  const inv = await findInvitationById(t, invitationId);
  await removeAccount(t, remoteId, 'deactivate');
  const { pending: _pending, ...cancelled } = inv
    ? invitationAccount(inv)
    : removedAccount({ login: remoteId, remoteId });
  return { ...cancelled, remoteId, active: false };
};

/**
 * Adds or removes team members, one request per member (GitHub has no batch endpoint). Pending invitations are
 * skipped (and left out of `changed`): their teams can be set once they accept, which the next sync will plan.
 */
export const changeTeam = async (
  t: GithubTransport,
  slug: string,
  memberIds: string[],
  op: 'add' | 'remove',
): Promise<GroupChange> => {
  const before = t.requestCount();
  const changed: string[] = [];
  for (const id of memberIds) {
    if (invitationIdOf(id) !== null) continue;
    const who = await refOf(t, id);
    if (!who) {
      // A deleted GitHub account is in no team; adding it cannot be done.
      if (op === 'add') throw goneUser(t, id, `add them to team ${slug}`);
      changed.push(id);
      continue;
    }
    // Note: GitHub invites a login that is not in the org yet when it is added to a team (state "pending").
    const path = `orgs/${t.org}/teams/${seg(slug)}/memberships/${seg(who.login)}`;
    if (op === 'add') {
      const action = `add ${who.login} to team ${slug}`;
      const res = await t.request<unknown>({ method: 'PUT', path, json: { role: 'member' }, action });
      if (!asTeamMembership(res.body)) throw malformed(t.app, action, 'the team membership has no state');
    } else {
      await t.request({
        method: 'DELETE',
        path,
        action: `remove ${who.login} from team ${slug}`,
        accept: [404],
      });
    }
    changed.push(id);
  }
  return { groupId: slug, members: null, changed, requests: t.requestCount() - before };
};
