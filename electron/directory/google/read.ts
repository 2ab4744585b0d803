// Full reads of a Google Workspace directory: users.list, groups.list and members.list per group, following
// nextPageToken until it is absent (api-contracts.md §3.1–3.3). Any page that fails after retries fails the read:
// nothing partial is returned.
import { LanyardError } from '../../app/errors';
import type { DirectorySnapshot } from '../types';
import { mapGoogleGroup, mapGoogleUser, type GoogleGroup, type GoogleUser } from './map-user';

/** Google's documented maximums; a configured pageSize may only lower them. */
export const GOOGLE_MAX = { users: 500, groups: 200, members: 200 } as const;

export interface GoogleGet {
  <T>(
    path: string,
    query: Record<string, string | number | undefined>,
    what: string,
    scope: string,
  ): Promise<T>;
}

/** Follows nextPageToken; guards against a server that repeats a token (which would loop forever). */
async function* pages<T>(
  get: GoogleGet,
  connector: string,
  path: string,
  query: Record<string, string | number | undefined>,
  listKey: string,
  what: string,
  scope: string,
): AsyncGenerator<T[]> {
  let pageToken: string | undefined;
  const seen = new Set<string>();
  for (let page = 1; ; page++) {
    const body = await get<Record<string, unknown>>(
      path,
      { ...query, pageToken },
      `${what} (page ${page})`,
      scope,
    );
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new LanyardError(
        'upstream',
        `${connector}: ${what} (page ${page}): the answer is not a JSON object`,
        { hint: 'Check baseUrl: it should be https://admin.googleapis.com/admin/directory/v1/.' },
      );
    }
    const items = body[listKey];
    if (items !== undefined && !Array.isArray(items)) {
      throw new LanyardError('upstream', `${connector}: ${what} (page ${page}): "${listKey}" is not a list`);
    }
    yield (items ?? []) as T[];
    const next = body.nextPageToken;
    if (typeof next !== 'string' || next === '') return;
    if (seen.has(next))
      throw new LanyardError(
        'upstream',
        `${connector}: ${what} (page ${page}): Google repeated a page token; stopping instead of looping`,
      );
    seen.add(next);
    pageToken = next;
  }
}

export interface GoogleReadOptions {
  connector: string;
  customer: string;
  pageSize: number | undefined;
  scopes: { users: string; groups: string };
  log: import('../../log/logger').Logger;
}

export const readGoogleDirectory = async (
  get: GoogleGet,
  o: GoogleReadOptions,
): Promise<Omit<DirectorySnapshot, 'requests'>> => {
  const size = (max: number): number => Math.max(1, Math.min(max, o.pageSize ?? max));
  const people = [];
  // projection=full returns custom schema values; basic (the default) leaves them out.
  for await (const batch of pages<GoogleUser>(
    get,
    o.connector,
    'users',
    { customer: o.customer, maxResults: size(GOOGLE_MAX.users), projection: 'full' },
    'users',
    'list users',
    o.scopes.users,
  )) {
    for (const u of batch) people.push(mapGoogleUser(u));
  }
  const groups: GoogleGroup[] = [];
  for await (const batch of pages<GoogleGroup>(
    get,
    o.connector,
    'groups',
    { customer: o.customer, maxResults: size(GOOGLE_MAX.groups) },
    'groups',
    'list groups',
    o.scopes.groups,
  )) {
    groups.push(...batch);
  }
  const known = new Set(people.map((p) => p.id));
  let outside = 0;
  // Groups are read concurrently; the HttpClient's concurrency cap keeps this polite.
  const perGroup = await Promise.all(
    groups.map(async (g) => {
      const pairs: [string, string][] = [];
      const what = `list members of ${g.email}`;
      for await (const batch of pages<{ id?: string; type?: string }>(
        get,
        o.connector,
        `groups/${encodeURIComponent(g.id)}/members`,
        { maxResults: size(GOOGLE_MAX.members) },
        'members',
        what,
        o.scopes.groups,
      )) {
        // Nested groups (type GROUP) and the whole-customer member (CUSTOMER) are not people; members from
        // outside the domain are not in users.list, so they cannot be snapshot members either.
        for (const m of batch) {
          if (m.type !== 'USER' || !m.id) continue;
          if (known.has(m.id)) pairs.push([g.id, m.id]);
          else outside++;
        }
      }
      return pairs;
    }),
  );
  if (outside > 0)
    o.log.debug('group members outside the user list were skipped', {
      connector: o.connector,
      count: outside,
    });
  return { people, groups: groups.map(mapGoogleGroup), memberships: perGroup.flat(), cursor: null };
};
