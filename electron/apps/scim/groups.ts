// SCIM Group membership, batched: one PATCH adds or removes up to groupBatchSize members (default 100), so giving
// 200 people 20 groups costs one request per group per 100 members (≈ 40), not people × groups (4,000). PUT-only servers get one
// read-modify-write of the group per call.
//
// Reading membership: a group's members are KNOWN (an array, possibly empty) or UNKNOWN (null), never guessed.
// Many servers leave `members` out of listings (Entra-style `excludedAttributes=members` defaults, large groups) or
// omit an empty array. When no group in the listing carries `members`, each group is read on its own with
// `GET /Groups/{id}?attributes=members`; a server that shows members for any group is taken to omit only empty
// ones. A server that shows members nowhere reports them as unknown, and the planner relies on Lanyard's own
// record of the memberships it added (electron/sync/group-ops.ts) — it never reads "unknown" as "empty".
import type { AppGroup, GroupChange } from '../types';
import { ScimAppError, malformed } from './errors';
import { listAll } from './paging';
import { versionOf, type ScimSession } from './session';
import { patchRequest, scimString, type PatchOperation, type ScimGroup } from './wire';

const groupPath = (id: string): string => `Groups/${encodeURIComponent(id)}`;

const membersOf = (g: ScimGroup): string[] | null =>
  Array.isArray(g.members)
    ? g.members.map((m) => m.value).filter((v): v is string => typeof v === 'string')
    : null;

export const toAppGroup = (g: ScimGroup): AppGroup | null =>
  typeof g.id === 'string' && g.id !== ''
    ? {
        remoteId: g.id,
        displayName: typeof g.displayName === 'string' ? g.displayName : g.id,
        members: membersOf(g),
      }
    : null;

/**
 * The groups as listed, members as the listing shows them (null where it left them out): no extra reads, for
 * filling accounts whose User.groups the server omits.
 */
export const listedGroups = async (s: ScimSession): Promise<AppGroup[]> => {
  const caps = await s.caps();
  if (!caps.groups) return [];
  const groups = await listAll<ScimGroup>(s.t, {
    path: 'Groups',
    pageSize: caps.pageSize,
    action: 'list groups',
  });
  return groups.map((g) => {
    const a = toAppGroup(g);
    if (!a) throw malformed(s.t.app, 'list groups', 'a group has no id');
    return a;
  });
};

/** One group's members, asked for explicitly (servers that exclude them by default return them when named). */
const readMembers = async (s: ScimSession, id: string): Promise<string[] | null> => {
  const action = `read the members of group ${id}`;
  const res = await s.t.request<ScimGroup>({ path: groupPath(id), query: { attributes: 'members' }, action });
  if (!res.body || typeof res.body !== 'object')
    throw malformed(s.t.app, action, 'the answer is not a Group');
  return membersOf(res.body);
};

/** Groups with their members known (arrays) or, where the server shows them nowhere, unknown (null). */
export const listGroups = async (s: ScimSession): Promise<AppGroup[]> => {
  const groups = await listedGroups(s);
  if (!groups.length) return groups;
  if (groups.some((g) => g.members !== null))
    return groups.map((g) => (g.members === null ? { ...g, members: [] } : g));
  const read = await Promise.all(groups.map((g) => readMembers(s, g.remoteId)));
  const shown = read.some((m) => m !== null);
  return groups.map((g, i) => ({ ...g, members: read[i] ?? (shown ? [] : null) }));
};

const chunks = <T>(list: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

const getGroup = async (
  s: ScimSession,
  id: string,
  action: string,
): Promise<{ group: ScimGroup; version: string | null }> => {
  const res = await s.t.request<ScimGroup>({ path: groupPath(id), action });
  if (!res.body || typeof res.body !== 'object')
    throw malformed(s.t.app, action, 'the answer is not a Group');
  return { group: res.body, version: versionOf(res.headers, res.body) };
};

export const changeMembers = async (
  s: ScimSession,
  groupId: string,
  memberIds: string[],
  op: 'add' | 'remove',
): Promise<GroupChange> => {
  const caps = await s.caps();
  const action = `${op === 'add' ? 'add' : 'remove'} ${memberIds.length} member(s) ${op === 'add' ? 'to' : 'from'} group ${groupId}`;
  if (!caps.groups) {
    throw new ScimAppError({
      appId: s.t.app.id,
      kind: 'status',
      message: `${s.t.app.name} does not support SCIM groups, so Lanyard cannot ${action}.`,
      hint: 'Remove appGroups from the rules of this app.',
    });
  }
  const ids = [...new Set(memberIds)];
  // Counted here (not from the transport) so concurrent operations on the same app do not blur the figure.
  let requests = 0;
  if (ids.length === 0) return { groupId, members: null, changed: [], requests: 0 };

  if (caps.update === 'put-only') {
    const { group, version } = await getGroup(s, groupId, action);
    requests++;
    // A server that leaves members out of a plain read is asked for them: a PUT built without them would
    // remove everyone else from the group. Omitted even then, they are taken as none (servers omit empty arrays).
    let listed = membersOf(group);
    if (listed === null) {
      listed = await readMembers(s, groupId);
      requests++;
    }
    const current = new Set(listed ?? []);
    for (const id of ids) {
      if (op === 'add') current.add(id);
      else current.delete(id);
    }
    const { meta: _meta, ...rest } = group;
    const body: ScimGroup = { ...rest, members: [...current].map((value) => ({ value })) };
    const res = await s.t.request<ScimGroup>({
      method: 'PUT',
      path: groupPath(groupId),
      json: body,
      headers: caps.etag && version ? { 'if-match': version } : {},
      action,
    });
    requests++;
    const members = res.body && typeof res.body === 'object' ? membersOf(res.body) : null;
    return { groupId, members: members ?? [...current], changed: ids, requests };
  }

  // If-Match carries the group's LATEST version on every batch: each answer's ETag (or meta.version) is the next
  // batch's precondition; an answer without either (204) means reading the group again first.
  let version: string | null = null;
  const refresh = async (): Promise<void> => {
    version = (await getGroup(s, groupId, action)).version;
    requests++;
  };
  let last: ScimGroup | undefined;
  for (const batch of chunks(ids, s.groupBatchSize)) {
    const ops: PatchOperation[] =
      op === 'add'
        ? [{ op: 'add', path: 'members', value: batch.map((value) => ({ value })) }]
        : batch.map((value) => ({ op: 'remove', path: `members[value eq ${scimString(value)}]` }));
    if (caps.etag && version === null) await refresh();
    const send = () =>
      s.t.request<ScimGroup>({
        method: 'PATCH',
        path: groupPath(groupId),
        json: patchRequest(ops),
        headers: version ? { 'if-match': version } : {},
        // Adding a member who is already there changes nothing (RFC 7644 §3.5.2.1), so adds may be retried.
        retryUnsafe: op === 'add',
        action,
      });
    let res;
    try {
      res = await send();
    } catch (err) {
      // Someone else changed the group since its version was read: read it again and send this batch once more.
      if (!(caps.etag && err instanceof ScimAppError && err.status === 412)) throw err;
      requests++;
      await refresh();
      res = await send();
    }
    requests++;
    if (res.body && typeof res.body === 'object') last = res.body;
    if (caps.etag) version = versionOf(res.headers, res.body);
  }
  return { groupId, members: last ? membersOf(last) : null, changed: ids, requests };
};
