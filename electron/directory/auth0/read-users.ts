// Reads every Auth0 user despite the 1,000-result cap on offset paging (api-contracts.md §4.2).
//
// Why search windows on created_at, not the export job: §4.2 names both ways past the cap ("use the export job
// POST /api/v2/jobs/users-exports or narrower searches"), but only the search is documented there in full: `q`
// (Lucene; ranges on created_at are part of Auth0's v3 query syntax), `sort`, `search_engine=v3`,
// `include_totals`, `page`/`per_page` and the user object they return. The export job's request, polling and file
// format are not in the contract, and its file lives on another origin (a download without our credentials).
// A search window also returns the same user objects as a small tenant's plain listing, so there is one mapping.
//
// How: list sorted by created_at ascending. Each window reads at most 1,000 users (pages 0–9 of 100); when a
// window is full, the next one starts at the last created_at seen, inclusive, so users sharing that instant are
// read again (deduplicated by user_id) rather than skipped. A tenant under 1,000 users costs exactly
// ceil(n / 100) requests; each further window costs one extra page at most.
// The search index is eventually consistent (§4.2): the read is checked against the first `total` and fails
// rather than return a short list.
import { LanyardError } from '../../app/errors';
import type { Auth0User } from './map-user';

export const AUTH0_MAX_PER_PAGE = 100;
export const AUTH0_OFFSET_CAP = 1000;

export type Auth0Get = <T>(
  path: string,
  query: Record<string, string | number | undefined>,
  what: string,
) => Promise<T>;

interface UsersPage {
  users?: unknown;
  total?: unknown;
}

export const readAuth0Users = async (
  get: Auth0Get,
  connector: string,
  pageSize: number | undefined,
): Promise<Auth0User[]> => {
  const perPage = Math.max(1, Math.min(AUTH0_MAX_PER_PAGE, pageSize ?? AUTH0_MAX_PER_PAGE));
  const lastPage = Math.ceil(AUTH0_OFFSET_CAP / perPage) - 1;
  const byId = new Map<string, Auth0User>();
  let firstTotal: number | undefined;
  let from: string | undefined;
  let request = 0;

  for (let window = 1; ; window++) {
    let full = true;
    let lastCreated: string | undefined;
    for (let page = 0; page <= lastPage; page++) {
      request++;
      const q = from === undefined ? undefined : `created_at:["${from}" TO *]`;
      const body = await get<UsersPage>(
        'users',
        { page, per_page: perPage, include_totals: 'true', sort: 'created_at:1', search_engine: 'v3', q },
        `list users (page ${request})`,
      );
      if (
        typeof body !== 'object' ||
        body === null ||
        !Array.isArray(body.users) ||
        typeof body.total !== 'number'
      ) {
        throw new LanyardError(
          'upstream',
          `${connector}: list users (page ${request}): the answer has no "users" list and "total"`,
          { hint: 'Check baseUrl: it should be your tenant, e.g. https://acme.eu.auth0.com.' },
        );
      }
      const users = body.users as Auth0User[];
      firstTotal ??= body.total;
      for (const u of users) {
        if (typeof u?.user_id !== 'string')
          throw new LanyardError(
            'upstream',
            `${connector}: list users (page ${request}): a user has no user_id`,
          );
        byId.set(u.user_id, u);
        if (u.created_at) lastCreated = u.created_at;
      }
      // A short page ends the window. `total` ends it too, but only when below the cap, in case Auth0 caps it.
      if (users.length < perPage || (body.total < AUTH0_OFFSET_CAP && (page + 1) * perPage >= body.total)) {
        full = false;
        break;
      }
    }
    if (!full) break;
    if (lastCreated === undefined || lastCreated === from) {
      throw new LanyardError(
        'upstream',
        `${connector}: more than ${AUTH0_OFFSET_CAP} users share created_at ${lastCreated ?? '(none)'}; Lanyard cannot page past them with search`,
        {
          hint: 'This happens only after a bulk import stamped many users with the same instant; please report it.',
        },
      );
    }
    from = lastCreated;
  }
  if (firstTotal !== undefined && byId.size < firstTotal) {
    throw new LanyardError(
      'upstream',
      `${connector}: list users read ${byId.size} of the ${firstTotal} users Auth0 counted; not using a partial list`,
      {
        hint: "Auth0's user search is eventually consistent, or users were deleted during the read; the next run will try again.",
      },
    );
  }
  return [...byId.values()];
};
