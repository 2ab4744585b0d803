// The GitHub fake's org routes (docs/api-contracts.md §6.1–6.4): users (by login, and by id at /user/{account_id}),
// org, members, memberships, invitations,
// teams and team memberships, with owner-only checks ("Must have admin rights to Organization."), 404/422 error
// bodies, and GitHub-style paging (page + per_page ≤ 100, one Link header).
import type { ServerResponse } from 'node:http';
import { sendEmpty, sendJson, type FakeRequest } from '../common/http';
import { DOCS, ghError } from './errors';
import type { FakeInvitation, FakeTeam, FakeUser, GithubState } from './state';

export interface RouteContext {
  req: FakeRequest;
  res: ServerResponse;
  body: unknown;
  me: string;
  baseUrl: string;
  maxPerPage: number;
}

const MEMBERS_DOCS = `${DOCS}/orgs/members`;
const notFound = (res: ServerResponse) =>
  sendJson(res, 404, ghError('Not Found', MEMBERS_DOCS, { status: '404' }));
const invalid = (res: ServerResponse, errors: Record<string, unknown>[], message = 'Validation Failed') =>
  sendJson(res, 422, ghError(message, MEMBERS_DOCS, { errors, status: '422' }));

/** page + per_page paging with GitHub's single Link header (omitted when everything fits on one page). */
const sendPage = <T>(ctx: RouteContext, all: T[]): void => {
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

export const githubRoutes = (s: GithubState) => {
  const simpleUser = (u: FakeUser) => ({
    login: u.login,
    id: u.id,
    node_id: `U_${u.id}`,
    type: 'User',
    site_admin: false,
    url: `https://api.github.com/users/${u.login}`,
  });
  const fullUser = (u: FakeUser) => ({ ...simpleUser(u), name: u.name, email: u.email });
  const invitation = (i: FakeInvitation) => {
    const u = i.userId === null ? undefined : s.userById(i.userId);
    return {
      id: i.id,
      node_id: `OI_${i.id}`,
      login: u?.login ?? null,
      email: i.email ?? u?.email ?? null,
      role: i.role,
      created_at: i.createdAt,
      failed_at: null,
      failed_reason: null,
      inviter: simpleUser(s.userById(i.inviterId)!),
      team_count: i.teamIds.length,
      invitation_source: 'member',
    };
  };
  const team = (t: FakeTeam) => ({
    id: t.id,
    node_id: `T_${t.id}`,
    slug: t.slug,
    name: t.name,
    description: null,
    privacy: 'closed',
    permission: 'pull',
  });
  const membership = (u: FakeUser, stateName: 'active' | 'pending', role: string) => ({
    url: `https://api.github.com/orgs/${s.org.login}/memberships/${u.login}`,
    state: stateName,
    role,
    organization_url: `https://api.github.com/orgs/${s.org.login}`,
    organization: { login: s.org.login, id: s.org.id },
    user: simpleUser(u),
  });
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

  const inviteUser = (
    ctx: RouteContext,
    u: FakeUser | null,
    email: string | null,
    role: FakeInvitation['role'],
    teamIds: number[] = [],
  ): FakeInvitation | null => {
    if (u && s.roleOf(u.login)) {
      invalid(ctx.res, [
        {
          resource: 'OrganizationInvitation',
          code: 'unprocessable',
          field: 'data',
          message: 'Invitee is already a part of this organization',
        },
      ]);
      return null;
    }
    const dup = [...s.invitations.values()].find(
      (i) => (u && i.userId === u.id) || (email && i.email?.toLowerCase() === email.toLowerCase()),
    );
    if (dup) {
      invalid(ctx.res, [
        {
          resource: 'OrganizationInvitation',
          code: 'unprocessable',
          field: 'data',
          message: 'Invitee has already been invited',
        },
      ]);
      return null;
    }
    return s.invite({
      userId: u?.id ?? null,
      email: u ? null : email,
      role,
      teamIds,
      inviterId: s.user(ctx.me)!.id,
    });
  };

  return async (ctx: RouteContext): Promise<boolean> => {
    const { req, res } = ctx;
    const m = req.method;
    const p = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    if (m === 'GET' && p.length === 1 && p[0] === 'user')
      return (sendJson(res, 200, fullUser(s.user(ctx.me)!)), true);
    // Get a user using their ID (GitHub's durable key; logins can be renamed).
    if (m === 'GET' && p.length === 2 && p[0] === 'user') {
      const u = /^\d+$/.test(p[1]!) ? s.userById(Number(p[1])) : undefined;
      return (u ? sendJson(res, 200, fullUser(u)) : notFound(res), true);
    }
    if (m === 'GET' && p.length === 2 && p[0] === 'users') {
      const u = s.user(p[1]!);
      return (u ? sendJson(res, 200, fullUser(u)) : notFound(res), true);
    }
    if (p[0] !== 'orgs' || !p[1]) return false;
    if (p[1].toLowerCase() !== s.org.login.toLowerCase()) return (notFound(res), true);
    const [, , what, a, b, c] = p;
    if (m === 'GET' && what === undefined)
      return (
        sendJson(res, 200, {
          login: s.org.login,
          id: s.org.id,
          node_id: `O_${s.org.id}`,
          url: `https://api.github.com/orgs/${s.org.login}`,
        }),
        true
      );

    if (what === 'members' && a === undefined && m === 'GET') {
      const role = req.url.searchParams.get('role') ?? 'all';
      if (!['all', 'admin', 'member'].includes(role))
        return (
          invalid(
            res,
            [{ resource: 'Organization', field: 'role', code: 'invalid' }],
            'Validation failed, or the endpoint has been spammed.',
          ),
          true
        );
      const users = [...s.members.entries()]
        .filter(([, r]) => role === 'all' || r === role)
        .map(([login]) => s.user(login)!);
      return (sendPage(ctx, users.sort((x, y) => x.id - y.id).map(simpleUser)), true);
    }
    if (what === 'members' && a && m === 'DELETE') {
      if (!ownerOnly(ctx)) return true;
      s.removeMember(a);
      return (sendEmpty(res, 204), true);
    }
    if (what === 'memberships' && a) {
      const u = s.user(a);
      const role = s.roleOf(a);
      const inv = s.invitationFor(a);
      if (m === 'GET') {
        if (!isOwner(ctx) && a.toLowerCase() !== ctx.me.toLowerCase()) return (ownerOnly(ctx), true);
        if (u && role) return (sendJson(res, 200, membership(u, 'active', role)), true);
        if (u && inv)
          return (
            sendJson(res, 200, membership(u, 'pending', inv.role === 'admin' ? 'admin' : 'member')),
            true
          );
        return (notFound(res), true);
      }
      if (!ownerOnly(ctx)) return true;
      if (m === 'PUT') {
        const wanted = field(ctx, 'role') ?? 'member';
        if (wanted !== 'admin' && wanted !== 'member')
          return (invalid(res, [{ resource: 'Membership', field: 'role', code: 'invalid' }]), true);
        if (!u) return (notFound(res), true);
        if (role) {
          s.members.set(u.login.toLowerCase(), wanted);
          return (sendJson(res, 200, membership(u, 'active', wanted)), true);
        }
        if (!inv)
          s.invite({
            userId: u.id,
            email: null,
            role: wanted === 'admin' ? 'admin' : 'direct_member',
            inviterId: s.user(ctx.me)!.id,
          });
        return (sendJson(res, 200, membership(u, 'pending', wanted)), true);
      }
      if (m === 'DELETE') {
        if (u && role) return (s.removeMember(a), sendEmpty(res, 204), true);
        if (inv) return (s.invitations.delete(inv.id), sendEmpty(res, 204), true);
        return (notFound(res), true);
      }
    }
    if (what === 'invitations') {
      if (!ownerOnly(ctx)) return true;
      if (m === 'GET' && a === undefined)
        return (sendPage(ctx, [...s.invitations.values()].map(invitation)), true);
      if (m === 'DELETE' && a && b === undefined) {
        const inv = s.invitations.get(Number(a));
        return (inv ? (s.invitations.delete(inv.id), sendEmpty(res, 204)) : notFound(res), true);
      }
      if (m === 'POST' && a === undefined) {
        const inviteeId = field(ctx, 'invitee_id');
        const email = field(ctx, 'email');
        const role = field(ctx, 'role') ?? 'direct_member';
        if (!['direct_member', 'admin', 'billing_manager', 'reinstate'].includes(String(role)))
          return (
            invalid(res, [{ resource: 'OrganizationInvitation', field: 'role', code: 'invalid' }]),
            true
          );
        if (inviteeId === undefined && typeof email !== 'string')
          return (
            invalid(res, [
              { resource: 'OrganizationInvitation', field: 'invitee_id', code: 'missing_field' },
            ]),
            true
          );
        const u =
          typeof inviteeId === 'number'
            ? s.userById(inviteeId)
            : typeof email === 'string'
              ? [...s.users.values()].find((x) => x.email?.toLowerCase() === email.toLowerCase())
              : undefined;
        if (inviteeId !== undefined && !u)
          return (
            invalid(res, [{ resource: 'OrganizationInvitation', field: 'invitee_id', code: 'invalid' }]),
            true
          );
        const created = inviteUser(
          ctx,
          u ?? null,
          typeof email === 'string' ? email : null,
          role === 'reinstate' ? 'direct_member' : (role as FakeInvitation['role']),
        );
        return (created && sendJson(res, 201, invitation(created)), true);
      }
    }
    if (what === 'teams') {
      if (m === 'GET' && a === undefined) return (sendPage(ctx, [...s.teams.values()].map(team)), true);
      const t = a ? s.teams.get(a) : undefined;
      if (!t) return (notFound(res), true);
      if (m === 'GET' && b === 'members' && c === undefined) {
        const users = [...t.members.keys()].map((login) => s.user(login)!).sort((x, y) => x.id - y.id);
        return (sendPage(ctx, users.map(simpleUser)), true);
      }
      if (b === 'memberships' && c) {
        const u = s.user(c);
        const teamRole = t.members.get(c.toLowerCase());
        const pendingInv = u
          ? [...s.invitations.values()].find((i) => i.userId === u.id && i.teamIds.includes(t.id))
          : undefined;
        const body = (role: string, st: string) => ({
          url: `https://api.github.com/orgs/${s.org.login}/teams/${t.slug}/memberships/${c}`,
          role,
          state: st,
        });
        if (m === 'GET')
          return (
            teamRole
              ? sendJson(res, 200, body(teamRole, 'active'))
              : pendingInv
                ? sendJson(res, 200, body('member', 'pending'))
                : notFound(res),
            true
          );
        if (!ownerOnly(ctx)) return true;
        if (m === 'PUT') {
          const role = field(ctx, 'role') ?? 'member';
          if (role !== 'member' && role !== 'maintainer')
            return (invalid(res, [{ resource: 'TeamMember', field: 'role', code: 'invalid' }]), true);
          if (!u) return (notFound(res), true);
          if (s.roleOf(u.login)) {
            t.members.set(u.login.toLowerCase(), role);
            return (sendJson(res, 200, body(role, 'active')), true);
          }
          // Not in the org: GitHub invites them, and the team membership waits for the acceptance.
          const inv =
            s.invitationFor(u.login) ??
            s.invite({ userId: u.id, email: null, role: 'direct_member', inviterId: s.user(ctx.me)!.id });
          if (!inv.teamIds.includes(t.id)) inv.teamIds.push(t.id);
          return (sendJson(res, 200, body(role, 'pending')), true);
        }
        if (m === 'DELETE')
          return (teamRole ? (t.members.delete(c.toLowerCase()), sendEmpty(res, 204)) : notFound(res), true);
      }
    }
    return false;
  };
};
