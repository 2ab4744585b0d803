// Inviting people to the org: by GitHub user id when the login or id is known, else by email, adopting what GitHub
// already has (an active membership, or a pending invitation to the same login or address) so a retried or raced
// create never invites twice; and sending a failed (expired) invitation again.
import { LanyardError } from '../../app/errors';
import type { AccountSpec, AppAccount } from '../types';
import { HttpError } from '../../http/errors';
import { GithubAppError, malformed, readGithubError } from './errors';
import { findInvitation, membershipOf, readMember, userOf } from './read';
import type { GithubTransport } from './transport';
import {
  asInvitation,
  invitationAccount,
  isLogin,
  isUserId,
  type GhInvitation,
  type MemberRef,
} from './wire';

/** Lanyard role → the role names GitHub's invitation and membership endpoints take. */
export const inviteRole = (
  role: string | null | undefined,
): 'direct_member' | 'admin' | 'billing_manager' => {
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

/** What GitHub itself said in a refusal: its message and each errors[] entry. */
const githubWords = (err: GithubAppError): string => {
  const said = readGithubError(err.cause instanceof HttpError ? err.cause.body : undefined);
  return [said.message, ...said.fields].join(' ');
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
    // Raced with someone else inviting or adding them: GitHub answers 422 "Invitee is already a part of this
    // organization" (or "…has already been invited") in errors[]; read what is there and adopt it. Only GitHub's own
    // words count: Lanyard's message names the invitee, whose login or address may contain "already".
    if (err instanceof GithubAppError && err.status === 422 && /already/i.test(githubWords(err)))
      return 'already-member';
    throw err;
  }
};

/** Who to invite: a login or numeric user id (or an email address) as userName, an email, and the org role. */
export type Invitee = Pick<AccountSpec, 'userName' | 'email' | 'role'>;

/** Invites the person, or adopts what GitHub already has (a membership, or a pending invitation). */
export const createAccount = async (t: GithubTransport, spec: Invitee): Promise<Created> => {
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

/**
 * Sends a failed (expired) invitation again, to the same login or email with the same role (GitHub keeps the
 * failed one; the new invitation has its own id). Adopts a pending invitation someone sent meanwhile.
 */
export const reinvite = async (t: GithubTransport, inv: GhInvitation): Promise<AppAccount> => {
  const role = inv.role === 'admin' || inv.role === 'billing_manager' ? inv.role : null;
  // asInvitation keeps only invitations with a login or an email.
  const { account } = await createAccount(t, {
    userName: String(inv.login ?? inv.email),
    email: inv.email,
    role,
  });
  return account;
};
