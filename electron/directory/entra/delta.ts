// Entra incremental reads with Graph delta queries on users and groups: follow @odata.nextLink pages until the
// @odata.deltaLink, which becomes the next cursor. `@removed` users become person-removed (→ status deleted);
// groups carry `members@delta` (additions, and removals marked `@removed`). Replays are harmless: every change
// is an idempotent upsert or set operation.
import { HttpError } from '../../http';
import type { DirectoryChange } from '../types';
import { VendorHttpError } from '../vendor-error';
import type { GraphApi } from './api';
import {
  GRAPH_USER_SELECT,
  graphGroup,
  graphPerson,
  isGraphObject,
  isUserMember,
  type GraphGroupJson,
  type GraphUserJson,
} from './map';

export interface EntraCursor {
  v: 1;
  users: string;
  groups: string;
}

export const encodeEntraCursor = (c: EntraCursor): string => JSON.stringify(c);
export const decodeEntraCursor = (raw: string): EntraCursor | null => {
  try {
    const c = JSON.parse(raw) as Partial<EntraCursor>;
    if (c.v === 1 && typeof c.users === 'string' && typeof c.groups === 'string')
      return { v: 1, users: c.users, groups: c.groups };
  } catch {
    /* not ours: a full read follows */
  }
  return null;
};

export const USERS_DELTA = { path: 'users/delta', query: { $select: GRAPH_USER_SELECT.join(',') } };
export const GROUPS_DELTA = { path: 'groups/delta', query: { $select: 'displayName,description,members' } };

/** "Sync from now": deltaLinks without reading everything through the delta (the full read lists instead). */
export const latestDeltaLinks = async (api: GraphApi): Promise<EntraCursor> => {
  const [users, groups] = await Promise.all([
    api.all(
      USERS_DELTA.path,
      { ...USERS_DELTA.query, $deltatoken: 'latest' },
      'start tracking user changes',
      isGraphObject,
    ),
    api.all(
      GROUPS_DELTA.path,
      { ...GROUPS_DELTA.query, $deltatoken: 'latest' },
      'start tracking group changes',
      isGraphObject,
    ),
  ]);
  if (!users.deltaLink || !groups.deltaLink)
    throw new HttpError({
      kind: 'status',
      connector: api.client.connector,
      method: 'GET',
      url: api.client.resolve(USERS_DELTA.path).toString(),
      message: 'the delta query returned no @odata.deltaLink',
    });
  return { v: 1, users: users.deltaLink, groups: groups.deltaLink };
};

/** True when Graph says the delta token is no longer usable and a full resync is needed. */
export const isExpiredDelta = (err: unknown): boolean =>
  err instanceof HttpError &&
  (err.status === 410 ||
    (err instanceof VendorHttpError &&
      ['syncStateNotFound', 'resyncRequired', 'syncStateInvalid'].includes(err.vendorCode)));

export const readEntraChanges = async (
  api: GraphApi,
  cursor: EntraCursor,
): Promise<{ changes: DirectoryChange[]; cursor: EntraCursor }> => {
  const [users, groups] = await Promise.all([
    api.all(cursor.users, {}, 'read user changes', isGraphObject),
    api.all(cursor.groups, {}, 'read group changes', isGraphObject),
  ]);
  const upserts: DirectoryChange[] = [];
  const removals: DirectoryChange[] = [];
  for (const u of users.items as GraphUserJson[]) {
    if (u['@removed']) removals.push({ kind: 'person-removed', personId: u.id });
    else upserts.push({ kind: 'person-upserted', person: graphPerson(u) });
  }
  const membership: DirectoryChange[] = [];
  const groupRemovals: DirectoryChange[] = [];
  for (const g of groups.items as GraphGroupJson[]) {
    if (g['@removed']) {
      groupRemovals.push({ kind: 'group-removed', groupId: g.id });
      continue;
    }
    // A large group repeats over pages carrying only more members@delta; upsert it only when it names itself.
    if (g.displayName !== undefined) upserts.push({ kind: 'group-upserted', group: graphGroup(g) });
    for (const m of g['members@delta'] ?? []) {
      if (!isUserMember(m)) continue;
      membership.push({
        kind: m['@removed'] ? 'membership-removed' : 'membership-added',
        groupId: g.id,
        personId: m.id,
      });
    }
  }
  return {
    changes: [...upserts, ...membership, ...groupRemovals, ...removals],
    cursor: { v: 1, users: users.deltaLink ?? cursor.users, groups: groups.deltaLink ?? cursor.groups },
  };
};
