// Changing the org: invitations (by GitHub user id when the login is known, else by email), org roles, removal,
// and team memberships. GitHub orgs have no "suspended" member state, so deactivating means removing the person
// from the org (which also drops their teams), and reactivating means inviting them again.
import { LanyardError } from '../../app/errors';
import type { AccountSpec, AppAccount, DeletedAccount, GroupChange } from '../types';
import { GithubAppError, malformed } from './errors';
import { findInvitation, findInvitationById, membershipOf, readMember } from './read';
import type { GithubTransport } from './transport';
import {
  accountRole,
  asInvitation,
  asTeamMembership,
  asUser,
  invitationAccount,
  invitationIdOf,
  isLogin,
  memberAccount,
  removedAccount,
  type GhInvitation,
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

/** Looks a login up (GitHub logins are case-insensitive; the answer has the canonical spelling and the id). */
const lookUpUser = async (t: GithubTransport, login: string) => {
  const action = `look up the GitHub user ${login}`;
  const res = await t.request<unknown>({ path: `users/${seg(login)}`, action, accept: [404] });
  if (res.status === 404) {
    throw new GithubAppError({
      appId: t.app.id,
      kind: 'no-such-user',
      status: 404,
      message: `GitHub has no user "${login}", so they cannot be invited to ${t.app.org}.`,
      hint: 'Check the GitHub username attribute of this person in the directory (it may be misspelled or renamed).',
    });
  }
  const user = asUser(res.body);
  if (!user) throw malformed(t.app, action, 'the user has no login or id');
  return user;
};

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
    const adopt = async (): Promise<Created | null> => {
      const m = await membershipOf(t, user.login);
      if (m?.state === 'active') return { account: await readMember(t, user.login, m), adopted: true };
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
  if (role === undefined) {
    const m = await membershipOf(t, remoteId);
    return m?.state === 'active' ? readMember(t, remoteId, m) : removedAccount(remoteId);
  }
  const ghRole = inviteRole(role) === 'admin' ? 'admin' : 'member';
  const action = `make ${remoteId} ${ghRole === 'admin' ? 'an owner' : 'a member'} of ${t.app.org}`;
  const res = await t.request<unknown>({
    method: 'PUT',
    path: `orgs/${t.org}/memberships/${seg(remoteId)}`,
    json: { role: ghRole },
    action,
  });
  const m = (res.body && typeof res.body === 'object' ? res.body : {}) as { state?: string; role?: string };
  if (m.state !== 'active' && m.state !== 'pending')
    throw malformed(t.app, action, 'the membership has no state');
  // PUT on a non-member invites them (state pending); that is what an admin asking for this role wants.
  if (m.state === 'pending') {
    const inv = await findInvitation(t, { login: remoteId });
    if (inv) return invitationAccount(inv);
  }
  const read = await membershipOf(t, remoteId);
  return read ? readMember(t, remoteId, read) : memberAccount(remoteId, accountRole(m.role), []);
};

/** Removes a member from the org (and so from every team), or cancels a pending invitation. */
export const removeAccount = async (
  t: GithubTransport,
  remoteId: string,
  why: string,
): Promise<DeletedAccount> => {
  const invitationId = invitationIdOf(remoteId);
  const path =
    invitationId !== null
      ? `orgs/${t.org}/invitations/${seg(invitationId)}`
      : `orgs/${t.org}/memberships/${seg(remoteId)}`;
  const action =
    invitationId !== null
      ? `cancel the invitation ${invitationId} (${why})`
      : `remove ${remoteId} from ${t.app.org} (${why})`;
  const res = await t.request({ method: 'DELETE', path, action, expect: 'none', accept: [404] });
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
    const m = await membershipOf(t, remoteId);
    if (m?.state === 'active') return readMember(t, remoteId, m);
    const { account } = await createAccount(t, {
      externalId: '',
      userName: remoteId,
      email: null,
      givenName: null,
      familyName: null,
      displayName: null,
      role: role ?? null,
    });
    return account;
  }
  if (invitationId === null) {
    await removeAccount(t, remoteId, 'deactivate');
    return removedAccount(remoteId);
  }
  const inv = await findInvitationById(t, invitationId);
  await removeAccount(t, remoteId, 'deactivate');
  const { pending: _pending, ...cancelled } = inv ? invitationAccount(inv) : removedAccount(remoteId);
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
    // Note: GitHub invites a login that is not in the org yet when it is added to a team (state "pending").
    const path = `orgs/${t.org}/teams/${seg(slug)}/memberships/${seg(id)}`;
    if (op === 'add') {
      const action = `add ${id} to team ${slug}`;
      const res = await t.request<unknown>({ method: 'PUT', path, json: { role: 'member' }, action });
      if (!asTeamMembership(res.body)) throw malformed(t.app, action, 'the team membership has no state');
    } else {
      await t.request({
        method: 'DELETE',
        path,
        action: `remove ${id} from team ${slug}`,
        expect: 'none',
        accept: [404],
      });
    }
    changed.push(id);
  }
  return { groupId: slug, members: null, changed, requests: t.requestCount() - before };
};
