// The GitHub fake's organization invitations (docs/api-contracts.md §6.2; docs.github.com/rest/orgs/members):
// list pending (`GET /orgs/{org}/invitations`), list failed (`GET /orgs/{org}/failed_invitations`: invitations that
// expired or failed, with failed_at and failed_reason), create (by invitee_id or email; 422 when the invitee is
// already a member or already invited) and cancel (`DELETE /orgs/{org}/invitations/{id}`, pending ones only). All
// owner-only; listings paged like every GitHub listing.
import { sendEmpty, sendJson } from '../common/http';
import { invalid, notFound, sendPage, type RouteContext, type RouteKit } from './route-kit';
import type { FakeInvitation, FakeUser, GithubState } from './state';

export const invitationRoutes = (s: GithubState, kit: RouteKit) => {
  const inviteUser = (
    ctx: RouteContext,
    u: FakeUser | null,
    email: string | null,
    role: FakeInvitation['role'],
    teamIds: number[] = [],
  ): FakeInvitation | null => {
    const refuse = (message: string) =>
      invalid(ctx.res, [
        { resource: 'OrganizationInvitation', code: 'unprocessable', field: 'data', message },
      ]);
    if (u && s.roleOf(u.login)) return (refuse('Invitee is already a part of this organization'), null);
    // Only pending invitations count: a failed (expired) one may be sent again.
    const dup = [...s.invitations.values()].find(
      (i) => (u && i.userId === u.id) || (email && i.email?.toLowerCase() === email.toLowerCase()),
    );
    if (dup) return (refuse('Invitee has already been invited'), null);
    return s.invite({
      userId: u?.id ?? null,
      email: u ? null : email,
      role,
      teamIds,
      inviterId: s.user(ctx.me)!.id,
    });
  };

  const create = (ctx: RouteContext): void => {
    const inviteeId = kit.field(ctx, 'invitee_id');
    const email = kit.field(ctx, 'email');
    const role = kit.field(ctx, 'role') ?? 'direct_member';
    if (!['direct_member', 'admin', 'billing_manager', 'reinstate'].includes(String(role)))
      return invalid(ctx.res, [{ resource: 'OrganizationInvitation', field: 'role', code: 'invalid' }]);
    if (inviteeId === undefined && typeof email !== 'string')
      return invalid(ctx.res, [
        { resource: 'OrganizationInvitation', field: 'invitee_id', code: 'missing_field' },
      ]);
    const u =
      typeof inviteeId === 'number'
        ? s.userById(inviteeId)
        : typeof email === 'string'
          ? [...s.users.values()].find((x) => x.email?.toLowerCase() === email.toLowerCase())
          : undefined;
    if (inviteeId !== undefined && !u)
      return invalid(ctx.res, [{ resource: 'OrganizationInvitation', field: 'invitee_id', code: 'invalid' }]);
    const created = inviteUser(
      ctx,
      u ?? null,
      typeof email === 'string' ? email : null,
      role === 'reinstate' ? 'direct_member' : (role as FakeInvitation['role']),
    );
    if (created) sendJson(ctx.res, 201, kit.invitation(created));
  };

  /** Handles `/orgs/{org}/invitations[/{id}]` and `/orgs/{org}/failed_invitations`; false for any other path. */
  return (ctx: RouteContext, what: string | undefined, a: string | undefined, b: string | undefined) => {
    const m = ctx.req.method;
    if (what === 'failed_invitations' && a === undefined && m === 'GET') {
      if (!kit.ownerOnly(ctx)) return true;
      return (sendPage(ctx, [...s.failed.values()].map(kit.invitation)), true);
    }
    if (what !== 'invitations') return false;
    if (!kit.ownerOnly(ctx)) return true;
    if (m === 'GET' && a === undefined)
      return (sendPage(ctx, [...s.invitations.values()].map(kit.invitation)), true);
    if (m === 'DELETE' && a && b === undefined) {
      const inv = s.invitations.get(Number(a));
      return (inv ? (s.invitations.delete(inv.id), sendEmpty(ctx.res, 204)) : notFound(ctx.res), true);
    }
    if (m === 'POST' && a === undefined) return (create(ctx), true);
    return false;
  };
};
