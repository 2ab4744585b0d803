// Roles as groups (Auth0 has no groups): GET /api/v2/roles with offset paging, and each role's users with
// checkpoint paging (`take`/`from`, `next` until absent), which §4.2 documents for /roles/{id}/users and which
// has no 1,000-record cap.
import { LanyardError } from '../../app/errors';
import type { Auth0Get } from './read-users';
import { AUTH0_MAX_PER_PAGE, AUTH0_OFFSET_CAP } from './read-users';
import type { Auth0Role } from './map-user';

export const readAuth0Roles = async (get: Auth0Get, connector: string): Promise<Auth0Role[]> => {
  const roles: Auth0Role[] = [];
  for (let page = 0; ; page++) {
    const body = await get<{ roles?: unknown; total?: unknown }>(
      'roles',
      { page, per_page: AUTH0_MAX_PER_PAGE, include_totals: 'true' },
      `list roles (page ${page + 1})`,
    );
    if (!Array.isArray(body?.roles) || typeof body.total !== 'number')
      throw new LanyardError(
        'upstream',
        `${connector}: list roles (page ${page + 1}): the answer has no "roles" list and "total"`,
      );
    if (body.total > AUTH0_OFFSET_CAP) {
      throw new LanyardError(
        'upstream',
        `${connector}: the tenant has ${body.total} roles; Auth0 lists at most ${AUTH0_OFFSET_CAP} with offset paging`,
        { hint: 'Lanyard maps roles to groups; tenants with more than 1,000 roles are not supported yet.' },
      );
    }
    roles.push(...(body.roles as Auth0Role[]));
    if (body.roles.length < AUTH0_MAX_PER_PAGE || roles.length >= body.total) return roles;
  }
};

export const readRoleMembers = async (
  get: Auth0Get,
  connector: string,
  role: Auth0Role,
): Promise<string[]> => {
  const ids: string[] = [];
  let from: string | undefined;
  for (let page = 1; ; page++) {
    const what = `list users of role ${role.name} (page ${page})`;
    const body = await get<unknown>(
      `roles/${encodeURIComponent(role.id)}/users`,
      { take: AUTH0_MAX_PER_PAGE, from },
      what,
    );
    // The wrapper key is unconfirmed (§4.2): accept {users, next} and a bare array, but a bare full page gives no
    // way to know whether more exist, so it fails instead of silently dropping members.
    const wrapped = !Array.isArray(body) && typeof body === 'object' && body !== null;
    const users = Array.isArray(body) ? body : wrapped ? (body as { users?: unknown }).users : undefined;
    if (!Array.isArray(users))
      throw new LanyardError('upstream', `${connector}: ${what}: the answer has no "users" list`);
    for (const u of users as { user_id?: unknown }[]) if (typeof u?.user_id === 'string') ids.push(u.user_id);
    const next = wrapped ? (body as { next?: unknown }).next : undefined;
    if (typeof next === 'string' && next !== '') {
      if (next === from)
        throw new LanyardError(
          'upstream',
          `${connector}: ${what}: Auth0 repeated a checkpoint; stopping instead of looping`,
        );
      from = next;
      continue;
    }
    if (!wrapped && users.length >= AUTH0_MAX_PER_PAGE)
      throw new LanyardError(
        'upstream',
        `${connector}: ${what}: a full page came without a checkpoint (next); cannot tell whether more members exist`,
      );
    return ids;
  }
};
