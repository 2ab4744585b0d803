// Building blocks the GitHub fake's routes share: the request context, GitHub's 404/422 bodies, page + per_page
// paging with one Link header (omitted when everything fits), the JSON shapes of users and invitations, and the
// owner-only check ("Must have admin rights to Organization.").
import type { ServerResponse } from 'node:http';
import { sendJson, type FakeRequest } from '../common/http';
import { DOCS, ghError } from './errors';
import type { FakeInvitation, FakeUser, GithubState } from './state';

export interface RouteContext {
  req: FakeRequest;
  res: ServerResponse;
  body: unknown;
  me: string;
  baseUrl: string;
  maxPerPage: number;
}

export const MEMBERS_DOCS = `${DOCS}/orgs/members`;
export const notFound = (res: ServerResponse) =>
  sendJson(res, 404, ghError('Not Found', MEMBERS_DOCS, { status: '404' }));
export const invalid = (
  res: ServerResponse,
  errors: Record<string, unknown>[],
  message = 'Validation Failed',
) => sendJson(res, 422, ghError(message, MEMBERS_DOCS, { errors, status: '422' }));

/** page + per_page paging with GitHub's single Link header (omitted when everything fits on one page). */
export const sendPage = <T>(ctx: RouteContext, all: T[]): void => {
  const q = ctx.req.url.searchParams;
  const perPage = Math.max(1, Math.min(ctx.maxPerPage, Number(q.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const link = (p: number, rel: string) => {
    const u = new URL(ctx.req.url.pathname, ctx.baseUrl);
    for (const [k, v] of q) if (k !== 'page') u.searchParams.set(k, v);
    u.searchParams.set('page', String(p));
    return `<${u}>; rel="${rel}"`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(link(page - 1, 'prev'));
  if (page < last) rels.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) rels.push(link(1, 'first'));
  sendJson(
    ctx.res,
    200,
    all.slice((page - 1) * perPage, page * perPage),
    rels.length ? { link: rels.join(', ') } : {},
  );
};

export const routeKit = (s: GithubState) => {
  const simpleUser = (u: FakeUser) => ({
    login: u.login,
    id: u.id,
    node_id: `U_${u.id}`,
    type: 'User',
    site_admin: false,
    url: `https://api.github.com/users/${u.login}`,
  });
  /** An organization invitation (pending, or failed with failed_at and failed_reason). */
  const invitation = (i: FakeInvitation) => {
    const u = i.userId === null ? undefined : s.userById(i.userId);
    return {
      id: i.id,
      node_id: `OI_${i.id}`,
      login: u?.login ?? null,
      email: i.email ?? u?.email ?? null,
      role: i.role,
      created_at: i.createdAt,
      failed_at: i.failedAt ?? null,
      failed_reason: i.failedReason ?? null,
      inviter: simpleUser(s.userById(i.inviterId)!),
      team_count: i.teamIds.length,
      invitation_teams_url: `https://api.github.com/organizations/${s.org.id}/invitations/${i.id}/teams`,
      invitation_source: 'member',
    };
  };
  const isOwner = (ctx: RouteContext) => s.roleOf(ctx.me) === 'admin';
  const ownerOnly = (ctx: RouteContext): boolean => {
    if (isOwner(ctx)) return true;
    sendJson(
      ctx.res,
      403,
      ghError('Must have admin rights to Organization.', MEMBERS_DOCS, { status: '403' }),
    );
    return false;
  };
  const field = (ctx: RouteContext, k: string): unknown =>
    ctx.body && typeof ctx.body === 'object' ? (ctx.body as Record<string, unknown>)[k] : undefined;
  return { simpleUser, invitation, isOwner, ownerOnly, field };
};

export type RouteKit = ReturnType<typeof routeKit>;
