// The identity guard's op (correlate.ts finds the conflict): a person whose login names an account that belongs to
// someone else never gets a create that a 409 would turn into adopting that account. Instead, a takeover held for
// an admin, saying what approving means (the account and its data change hands) and what else the admin can do.
import type { PlanContext } from './app-plan';
import type { IdentityConflict } from './correlate';
import { makeOp } from './ops';
import { statusReason, who } from './reasons';
import type { AppConfig, PlanOp, SyncPerson } from './types';

export const takeoverOp = (
  ctx: Pick<PlanContext, 'index' | 'now' | 'timeZone'>,
  app: AppConfig,
  p: SyncPerson,
  c: IdentityConflict,
): PlanOp => {
  const target = who(p);
  const a = c.account;
  const prev = c.owner >= 0 ? ctx.index.people[c.owner]! : null;
  const owner = prev
    ? `${prev.displayName ?? who(prev)}${prev.status !== 'active' ? ` (${statusReason(prev, ctx.now, ctx.timeZone)})` : ''}`
    : `someone no longer in the directory (externalId ${a.externalId ?? 'unknown'})`;
  const alternatives =
    app.deprovision === 'deactivate'
      ? `give ${target} a different userName in ${app.name}`
      : `give ${target} a different userName in ${app.name}, or delete the old account first`;
  const op = makeOp({
    appId: app.id,
    personId: p.id,
    target,
    reason: `give ${target} the existing ${app.name} account ${a.userName}, which belonged to ${owner}`,
    payload: { kind: 'update', remoteId: a.remoteId, changes: { externalId: p.id } },
    keyParts: ['takeover', a.remoteId, a.externalId],
  });
  return {
    ...op,
    destructive: true,
    hold: `${a.userName} in ${app.name} belonged to ${owner}; approving gives ${target} that account and its data — or ${alternatives}`,
  };
};
