// The GitHub fake's org routes (docs/api-contracts.md §6.1–6.4): users (by login, and by id at /user/{account_id}),
// org, members, memberships, invitations (invitation-routes.ts), teams and team memberships, with owner-only checks
// ("Must have admin rights to Organization."), 404/422 error bodies, and GitHub-style paging (route-kit.ts).
import { sendEmpty, sendJson } from '../common/http';
import { invitationRoutes } from './invitation-routes';
import { invalid, notFound, routeKit, sendPage, type RouteContext } from './route-kit';
import type { FakeTeam, FakeUser, GithubState } from './state';

export type { RouteContext } from './route-kit';

export const githubRoutes = (s: GithubState) => {
  const kit = routeKit(s);
  const { simpleUser, isOwner, ownerOnly, field } = kit;
  const invitations = invitationRoutes(s, kit);
  const fullUser = (u: FakeUser) => ({ ...simpleUser(u), name: u.name, email: u.email });
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
    if (invitations(ctx, what, a, b)) return true;
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
