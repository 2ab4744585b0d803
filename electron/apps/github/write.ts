// Changing the org: invitations (by GitHub user id when the login or id is known, else by email), org roles,
// removal, and team memberships. GitHub orgs have no "suspended" member state, so deactivating means removing the
// person from the org (which also drops their teams), and reactivating means inviting them again. Members are
// named by their numeric user id; GitHub's org endpoints take the login, so each write looks the current login up
// from the id first (a login renamed since the last read is never written to). A login-keyed remoteId (stored
// before ids were used) is written to as it is.
import { LanyardError } from '../../app/errors';
import type { AccountSpec, AppAccount, DeletedAccount, GroupChange } from '../types';
import { GithubAppError, malformed } from './errors';
import { findInvitation, findInvitationById, membershipOf, readMember, userOf } from './read';
import type { GithubTransport } from './transport';
import {
  accountRole,
  asInvitation,
  asTeamMembership,
  invitationAccount,
  invitationIdOf,
  isLogin,
  isUserId,
  memberAccount,
  removedAccount,
  type GhInvitation,
  type MemberRef,
} from './wire';

const seg = encodeURIComponent;

/** Lanyard role → the role names GitHub's invitation and membership endpoints take. */
const inviteRole = (role: string | null | undefined): 'direct_member' | 'admin' | 'billing_manager' => {
  if (role === undefined || role === null || role === '' || role === 'member' || role === 'direct_member')
    return 'direct_member';
  if (role === 'admin' || role === 'billing_manager') return role;
  throw new LanyardError('bad_input', `"${role}" is not a GitHub organization role`, {
    hint: 'Use "member" or "admin" (or "billing_manager") in the access rule.',
  });
};

export interface Created {
  account: AppAccount;
  adopted: boolean;
}

/**
 * Looks a login or a numeric user id up (logins are case-insensitive; the answer has the canonical spelling and
 * the id). A directory attribute of digits only is read as the id: GitHub's durable key.
 */
const lookUpUser = async (t: GithubTransport, key: string) => {
  const user = await userOf(t, key);
  if (user) return user;
  throw new GithubAppError({
    appId: t.app.id,
    kind: 'no-such-user',
    status: 404,
    message: `GitHub has no user ${isUserId(key) ? `with id ${key}` : `"${key}"`}, so they cannot be invited to ${t.app.org}.`,
    hint: 'Check the GitHub username attribute of this person in the directory (it may be misspelled or renamed).',
  });
};

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

const postInvitation = async (
  t: GithubTransport,
  body: { invitee_id: number } | { email: string },
  role: string,
  who: string,
): Promise<GhInvitation | 'already-member'> => {
  const action = `invite ${who} to ${t.app.org}`;
  try {
    const res = await t.request<unknown>({
      method: 'POST',
      path: `orgs/${t.org}/invitations`,
      json: { ...body, role },
      action,
    });
    const inv = asInvitation(res.body);
    if (!inv) throw malformed(t.app, action, 'the invitation has no id');
    return inv;
  } catch (err) {
    // Raced with someone else inviting or adding them: GitHub answers 422; read what is there and adopt it.
    if (
      err instanceof GithubAppError &&
      err.status === 422 &&
      /already/i.test(`${err.githubMessage ?? ''} ${err.message}`)
    )
      return 'already-member';
    throw err;
  }
};

/** Invites the person, or adopts what GitHub already has (a membership, or a pending invitation). */
export const createAccount = async (t: GithubTransport, spec: AccountSpec): Promise<Created> => {
  const role = inviteRole(spec.role);
  if (isLogin(spec.userName)) {
    const user = await lookUpUser(t, spec.userName);
    const who: MemberRef = { login: user.login, remoteId: String(user.id) };
    const adopt = async (): Promise<Created | null> => {
      const m = await membershipOf(t, user.login);
      if (m?.state === 'active') return { account: await readMember(t, who, m), adopted: true };
      const inv = await findInvitation(t, { login: user.login });
      return inv ? { account: invitationAccount(inv), adopted: true } : null;
    };
    const existing = await adopt();
    if (existing) return existing;
    const inv = await postInvitation(t, { invitee_id: user.id }, role, user.login);
    if (inv !== 'already-member') return { account: invitationAccount(inv), adopted: false };
    const raced = await adopt();
    if (raced) return raced;
    throw new GithubAppError({
      appId: t.app.id,
      kind: 'status',
      status: 422,
      message: `GitHub (${t.app.org}) says ${user.login} is already in the organization, but no membership or invitation could be read.`,
    });
  }
  // No login: GitHub does not show member emails, so only a pending invitation to the same address can be adopted.
  const email = spec.email ?? (spec.userName.includes('@') ? spec.userName : null);
  if (!email) {
    throw new LanyardError(
      'bad_input',
      `"${spec.userName}" is neither a GitHub login nor an email address, so it cannot be invited`,
      {
        hint: 'Fill the GitHub username attribute for this person in the directory, or give them an email address.',
      },
    );
  }
  const pending = await findInvitation(t, { email });
  if (pending) return { account: invitationAccount(pending), adopted: true };
  const inv = await postInvitation(t, { email }, role, email);
  if (inv === 'already-member') {
    const again = await findInvitation(t, { email });
    if (again) return { account: invitationAccount(again), adopted: true };
    throw new GithubAppError({
      appId: t.app.id,
      kind: 'status',
      status: 422,
      message: `GitHub (${t.app.org}) says ${email} is already a member or invited, under a login Lanyard does not know.`,
      hint: 'Set the GitHub username attribute for this person so Lanyard can match the member.',
    });
  }
  return { account: invitationAccount(inv), adopted: false };
};

/** Sets the org role of a member. A pending invitation keeps its role until accepted (GitHub cannot edit one). */
export const setRole = async (
  t: GithubTransport,
  remoteId: string,
  role: string | null | undefined,
): Promise<AppAccount> => {
  const invitationId = invitationIdOf(remoteId);
  if (invitationId !== null) {
    const inv = await findInvitationById(t, invitationId);
    if (!inv)
      throw new GithubAppError({
        appId: t.app.id,
        kind: 'status',
        status: 404,
        message: `The invitation ${invitationId} to ${t.app.org} is no longer pending (accepted, cancelled or expired).`,
        hint: 'The next sync reads the organization again and plans from what is there.',
      });
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
  const m = (res.body && typeof res.body === 'object' ? res.body : {}) as { state?: string; role?: string };
  if (m.state !== 'active' && m.state !== 'pending')
    throw malformed(t.app, action, 'the membership has no state');
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
    expect: 'none',
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
    expect: 'none',
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
    // A pending invitation is already "on its way": nothing to send again.
    if (invitationId !== null) return setRole(t, remoteId, undefined);
    const who = await refOf(t, remoteId);
    if (!who) throw goneUser(t, remoteId, 'invite them again');
    const m = await membershipOf(t, who.login);
    if (m?.state === 'active') return readMember(t, who, m);
    const { account } = await createAccount(t, {
      externalId: '',
      userName: who.login,
      email: null,
      givenName: null,
      familyName: null,
      displayName: null,
      role: role ?? null,
    });
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
        expect: 'none',
        accept: [404],
      });
    }
    changed.push(id);
  }
  return { groupId: slug, members: null, changed, requests: t.requestCount() - before };
};
