// SCIM User operations: get, lookup by externalId / userName (filter, or list-and-match where filters are not
// supported), create with 409 adoption, update by PATCH or full-resource PUT, and delete.
import type { AccountChanges, AccountSpec, AppAccount, DeletedAccount } from '../types';
import { ScimAppError, malformed } from './errors';
import { mergeForPut, showsChanges, toAppAccount, toPatchOps, toScimUser } from './mapping';
import { listAll, readPage } from './paging';
import { versionOf, type ScimSession } from './session';
import { eqFilter, patchRequest, type ScimUser } from './wire';

const usersPath = (id: string): string => `Users/${encodeURIComponent(id)}`;

export const accountOf = (s: ScimSession, u: ScimUser, action: string): AppAccount => {
  const a = toAppAccount(u);
  if (!a) throw malformed(s.t.app, action, 'a user has no id or userName');
  return a;
};

export interface FetchedUser {
  user: ScimUser;
  /** The ETag (header, else meta.version) for If-Match. */
  version: string | null;
}

export const getUser = async (s: ScimSession, id: string, action: string): Promise<FetchedUser> => {
  const res = await s.t.request<ScimUser>({ path: usersPath(id), action });
  if (!res.body || typeof res.body !== 'object') throw malformed(s.t.app, action, 'the answer is not a User');
  return { user: res.body, version: versionOf(res.headers, res.body) };
};

const matches = (u: ScimUser, attr: 'externalId' | 'userName', value: string): boolean =>
  attr === 'externalId'
    ? u.externalId === value
    : typeof u.userName === 'string' && u.userName.toLowerCase() === value.toLowerCase();

/** Finds one user by externalId (exact) or userName (case-insensitive), or null. */
export const findUser = async (
  s: ScimSession,
  attr: 'externalId' | 'userName',
  value: string,
): Promise<ScimUser | null> => {
  const caps = await s.caps();
  const action = `look up ${attr} ${value}`;
  if (caps.filter && !s.filterBroken) {
    try {
      const page = await readPage<ScimUser>(
        s.t,
        'Users',
        { filter: eqFilter(attr, value), startIndex: 1, count: 10 },
        action,
      );
      const hit = page.resources.find((u) => matches(u, attr, value));
      if (hit) return hit;
      // Non-matching results mean the server ignored the filter: never trust its first result.
      if (page.resources.length === 0) return null;
      s.filterBroken = true;
    } catch (err) {
      if (!(err instanceof ScimAppError) || !(err.status === 400 || err.status === 403 || err.status === 501))
        throw err;
      s.filterBroken = true;
    }
  }
  const all = await listAll<ScimUser>(s.t, {
    path: 'Users',
    pageSize: caps.pageSize,
    action: `${action} (listing every user)`,
  });
  return all.find((u) => matches(u, attr, value)) ?? null;
};

const ifMatch = (version: string | null): Record<string, string> => (version ? { 'if-match': version } : {});

/** Reads the resource back when a write answered 204 or without a body. */
const resultOf = async (s: ScimSession, id: string, body: unknown, action: string): Promise<AppAccount> => {
  if (body && typeof body === 'object' && 'id' in body) return accountOf(s, body as ScimUser, action);
  return accountOf(s, (await getUser(s, id, action)).user, action);
};

/** The server refused a value path as such (not the change itself): send whole lists instead. */
const refusedValuePath = (err: unknown): boolean =>
  err instanceof ScimAppError &&
  (err.status === 501 ||
    (err.status === 400 &&
      ['invalidPath', 'noTarget', 'invalidFilter', 'invalidSyntax'].includes(err.scimType ?? '')));

export const updateUser = async (
  s: ScimSession,
  id: string,
  changes: AccountChanges,
  what = 'update',
): Promise<AppAccount> => {
  const caps = await s.caps();
  const action = `${what} user ${id}`;
  const opts = { enterprise: caps.enterpriseExtension };
  // Emails and roles hold values Lanyard does not manage: changing Lanyard's one needs the user as it is now.
  const multiValued = changes.email !== undefined || changes.role !== undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      if (caps.update === 'put-only') {
        // Re-send the full resource as fetched, so `active` and attributes Lanyard does not manage survive.
        const current = await getUser(s, id, action);
        const body = mergeForPut(current.user, changes, opts);
        const res = await s.t.request({
          method: 'PUT',
          path: usersPath(id),
          json: body,
          headers: caps.etag ? ifMatch(current.version) : {},
          action,
        });
        return await resultOf(s, id, res.body, action);
      }
      const current = multiValued || caps.etag ? await getUser(s, id, action) : null;
      const patch = (wholeLists: boolean, from: FetchedUser | null) =>
        toPatchOps(changes, { ...opts, wholeLists, ...(from ? { current: from.user } : {}) });
      const ops = patch(s.valuePathsBroken, current);
      if (ops.length === 0) return accountOf(s, (current ?? (await getUser(s, id, action))).user, action);
      const send = async (body: ReturnType<typeof patch>, version: string | null): Promise<AppAccount> => {
        const res = await s.t.request({
          method: 'PATCH',
          path: usersPath(id),
          json: patchRequest(body),
          headers: caps.etag ? ifMatch(version) : {},
          // Replacing attributes is idempotent, so a timeout or 5xx may be retried.
          retryUnsafe: true,
          action,
        });
        return await resultOf(s, id, res.body, action);
      };
      if (!multiValued || s.valuePathsBroken) return await send(ops, current?.version ?? null);
      // Value paths are the RFC's way to change one value; a server that refuses them, or answers OK but does not
      // show the change, gets the whole list as read with only Lanyard's value changed (from then on, this session).
      let account: AppAccount | null = null;
      try {
        account = await send(ops, current?.version ?? null);
        if (showsChanges(account, changes)) return account;
      } catch (err) {
        if (!refusedValuePath(err)) throw err;
      }
      s.valuePathsBroken = true;
      const again = await getUser(s, id, action);
      return await send(patch(true, again), again.version);
    } catch (err) {
      // Someone changed the user between our read and write: read again and retry once.
      if (err instanceof ScimAppError && err.status === 412 && attempt === 0) continue;
      throw err;
    }
  }
};

export interface CreateResult {
  account: AppAccount;
  adopted: boolean;
}

export const createUser = async (s: ScimSession, spec: AccountSpec): Promise<CreateResult> => {
  const caps = await s.caps();
  const action = `create ${spec.userName}`;
  const res = await s.t.request<ScimUser>({
    method: 'POST',
    path: 'Users',
    json: toScimUser(spec, { enterprise: caps.enterpriseExtension }),
    accept: [409],
    action,
  });
  if (res.status !== 409) {
    if (res.body && typeof res.body === 'object' && res.body.id !== undefined)
      return { account: accountOf(s, res.body, action), adopted: false };
    // Created without a body: find it by the externalId we just wrote.
    const found = await findUser(s, 'externalId', spec.externalId);
    if (!found)
      throw malformed(s.t.app, action, 'the create answered without the new user, and it cannot be found');
    return { account: accountOf(s, found, action), adopted: false };
  }
  // 409 uniqueness: the account exists (made by hand, by an earlier run that timed out, or by another tool).
  const existing =
    (await findUser(s, 'externalId', spec.externalId)) ?? (await findUser(s, 'userName', spec.userName));
  if (!existing) {
    const detail = (res.body as { detail?: unknown } | undefined)?.detail;
    throw new ScimAppError({
      appId: s.t.app.id,
      kind: 'conflict',
      status: 409,
      message: `${s.t.app.name} says ${spec.userName} already exists (409${typeof detail === 'string' ? `: ${detail}` : ''}), but no account with that userName or externalId can be found.`,
      hint: `Check ${s.t.app.name} for an account using the same email under another userName.`,
    });
  }
  const account = accountOf(s, existing, action);
  // Identity guard: an account whose externalId names someone else is never handed to this person (a reused
  // login would otherwise inherit a former employee's account and data). Another tool's externalId that is just
  // this person's userName or email is theirs.
  const owner = account.externalId;
  const mine = [spec.externalId, spec.userName, spec.email ?? ''].map((k) => k.toLowerCase());
  if (owner && !mine.includes(owner.toLowerCase())) {
    throw new ScimAppError({
      appId: s.t.app.id,
      kind: 'conflict',
      status: 409,
      message: `${s.t.app.name} already has ${account.userName}, and it belongs to someone else (externalId ${owner}): Lanyard never gives one person's account to another.`,
      hint: `If ${spec.userName} should take over that account and its data, approve the account takeover in the plan; otherwise give them a different userName in ${s.t.app.name}.`,
    });
  }
  const wantActive = spec.active ?? true;
  if (account.externalId === spec.externalId && account.active === wantActive)
    return { account, adopted: true };
  const adopted = await updateUser(
    s,
    account.remoteId,
    { externalId: spec.externalId, active: wantActive },
    'adopt',
  );
  return { account: adopted, adopted: true };
};

export const deleteUser = async (s: ScimSession, id: string): Promise<DeletedAccount> => {
  const caps = await s.caps();
  const action = `delete user ${id}`;
  if (caps.deleteMeans === 'unsupported') {
    await updateUser(s, id, { active: false }, 'deactivate (DELETE not offered)');
    return { remoteId: id, effect: 'deactivated', alreadyGone: false };
  }
  let version: string | null = null;
  if (caps.etag) {
    try {
      version = (await getUser(s, id, action)).version;
    } catch (err) {
      if (err instanceof ScimAppError && err.status === 404)
        return { remoteId: id, effect: 'deleted', alreadyGone: true };
      throw err;
    }
  }
  const res = await s.t.request({
    method: 'DELETE',
    path: usersPath(id),
    headers: ifMatch(version),
    accept: [404],
    expect: 'none',
    action,
  });
  return {
    remoteId: id,
    effect: caps.deleteMeans === 'deactivate' ? 'deactivated' : 'deleted',
    alreadyGone: res.status === 404,
  };
};
