// Okta incremental reads: poll the System Log (`GET /api/v1/logs`, polling mode: since + sortOrder=ASCENDING,
// then the `next` link Okta always sends) for lifecycle, profile and membership events, and fetch the changed
// users with `filter=lastUpdated gt "…"` (plus by id for any the log names that the eventually consistent
// filter missed). The cursor keeps the last `next` link and the time the previous read started.
// An idle poll (no relevant log event) skips the users/groups `lastUpdated` reads — one request instead of three —
// but a sweep still runs every SWEEP_EVERY polls or SWEEP_MAX_AGE_MS, so changes the log never names (or names
// late) are caught eventually. `since` is then the start of the last sweep, not of the last poll.
import type { DirectoryChange } from '../types';
import { nextLink } from '../../http';
import { badShape } from '../vendor-error';
import type { OktaApi } from './api';
import { isOktaGroup, isOktaUser, oktaGroup, oktaPerson, type OktaUserJson } from './map';

export interface OktaCursor {
  v: 1;
  /** Start of the last lastUpdated sweep (ISO): lower bound of the lastUpdated filters and of the first log poll. */
  since: string;
  /** The System Log `next` link to resume from (absolute URL on the org), once one has been seen. */
  logNext: string | null;
  /** Polls since that sweep that skipped it (no relevant log event); absent in older cursors = 0. */
  skipped?: number;
}

/** A quiet directory is still swept with lastUpdated at least every this many polls… */
export const SWEEP_EVERY = 10;
/** …and whenever the last sweep is older than this. */
export const SWEEP_MAX_AGE_MS = 10 * 60_000;

export const encodeOktaCursor = (c: OktaCursor): string => JSON.stringify(c);

export const decodeOktaCursor = (raw: string): OktaCursor | null => {
  try {
    const c = JSON.parse(raw) as Partial<OktaCursor>;
    if (c.v === 1 && typeof c.since === 'string' && !Number.isNaN(Date.parse(c.since))) {
      return {
        v: 1,
        since: c.since,
        logNext: typeof c.logNext === 'string' ? c.logNext : null,
        skipped: typeof c.skipped === 'number' && c.skipped >= 0 ? c.skipped : 0,
      };
    }
  } catch {
    /* not ours: a full read follows */
  }
  return null;
};

/** The System Log event types that change directory data (okta-event-types.csv). */
export const OKTA_LOG_FILTER = [
  'eventType sw "user.lifecycle."',
  'eventType sw "group.user_membership."',
  'eventType sw "group.lifecycle."',
  'eventType eq "group.profile.update"',
  'eventType eq "user.account.update_profile"',
  'eventType eq "user.account.lock"',
  'eventType eq "user.account.unlock"',
  'eventType eq "user.account.unlock_by_admin"',
].join(' or ');

const LOG_PAGE = 1000;
const ID_BATCH = 20;

interface LogEventJson {
  eventType: string;
  target?: { id?: string; type?: string }[];
}
const isLogEvent = (v: unknown): v is LogEventJson =>
  !!v && typeof v === 'object' && typeof (v as LogEventJson).eventType === 'string';
const targetOf = (e: LogEventJson, type: string): string | undefined =>
  e.target?.find((t) => t.type === type)?.id;

export const readOktaChanges = async (
  api: OktaApi,
  cursor: OktaCursor,
  pollStart: Date,
): Promise<{ changes: DirectoryChange[]; cursor: OktaCursor }> => {
  // 1. The System Log, page by page, until a page is not full (polling mode always has a next link).
  const events: LogEventJson[] = [];
  let logNext = cursor.logNext;
  let res = logNext
    ? await api.request<unknown>({ path: logNext, label: 'read the System Log (page 1)' })
    : await api.request<unknown>({
        path: 'api/v1/logs',
        query: { since: cursor.since, sortOrder: 'ASCENDING', limit: LOG_PAGE, filter: OKTA_LOG_FILTER },
        label: 'read the System Log (page 1)',
      });
  for (let page = 1; ; page++) {
    if (!Array.isArray(res.body) || !res.body.every(isLogEvent))
      throw badShape(api.client.connector, `read the System Log (page ${page})`, 'a list of log events');
    events.push(...res.body);
    logNext = nextLink(res.headers) ?? logNext;
    if (res.body.length < LOG_PAGE || !nextLink(res.headers)) break;
    res = await api.request<unknown>({ path: logNext!, label: `read the System Log (page ${page + 1})` });
  }

  // An idle poll: nothing the log reports changed, and the last sweep is recent enough to trust.
  const skipped = cursor.skipped ?? 0;
  const sweepDue =
    skipped + 1 >= SWEEP_EVERY || pollStart.getTime() - Date.parse(cursor.since) >= SWEEP_MAX_AGE_MS;
  if (events.length === 0 && !sweepDue)
    return { changes: [], cursor: { v: 1, since: cursor.since, logNext, skipped: skipped + 1 } };

  const changedUsers = new Set<string>();
  const deletedUsers = new Set<string>();
  const removedGroups = new Set<string>();
  const membership: DirectoryChange[] = [];
  for (const e of events) {
    const userId = targetOf(e, 'User');
    const groupId = targetOf(e, 'UserGroup');
    if (e.eventType.startsWith('user.lifecycle.delete') && userId) deletedUsers.add(userId);
    else if (e.eventType === 'group.user_membership.add' && userId && groupId)
      membership.push({ kind: 'membership-added', groupId, personId: userId });
    else if (e.eventType === 'group.user_membership.remove' && userId && groupId)
      membership.push({ kind: 'membership-removed', groupId, personId: userId });
    else if (e.eventType === 'group.lifecycle.delete' && groupId) removedGroups.add(groupId);
    else if (userId) changedUsers.add(userId);
  }

  // 2. Users and groups changed since the previous read.
  const since = `lastUpdated gt "${cursor.since}"`;
  const users = new Map<string, OktaUserJson>();
  for (const u of await api.all(
    'api/v1/users',
    { filter: since, limit: 200 },
    'list changed users',
    isOktaUser,
  ))
    users.set(u.id, u);
  const missing = [...changedUsers].filter((id) => !users.has(id) && !deletedUsers.has(id));
  for (let i = 0; i < missing.length; i += ID_BATCH) {
    const filter = missing
      .slice(i, i + ID_BATCH)
      .map((id) => `id eq "${id}"`)
      .join(' or ');
    for (const u of await api.all(
      'api/v1/users',
      { filter, limit: 200 },
      'look up changed users by id',
      isOktaUser,
    ))
      users.set(u.id, u);
  }
  const groups = await api.all(
    'api/v1/groups',
    { filter: since, limit: 200 },
    'list changed groups',
    isOktaGroup,
  );

  const changes: DirectoryChange[] = [
    ...[...users.values()]
      .filter((u) => !deletedUsers.has(u.id))
      .map((u): DirectoryChange => ({ kind: 'person-upserted', person: oktaPerson(u) })),
    ...groups
      .filter((g) => !removedGroups.has(g.id))
      .map((g): DirectoryChange => ({ kind: 'group-upserted', group: oktaGroup(g) })),
    ...membership,
    ...[...removedGroups].map((groupId): DirectoryChange => ({ kind: 'group-removed', groupId })),
    ...[...deletedUsers].map((personId): DirectoryChange => ({ kind: 'person-removed', personId })),
  ];
  return { changes, cursor: { v: 1, since: pollStart.toISOString(), logNext, skipped: 0 } };
};
