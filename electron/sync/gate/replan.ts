// The gate's re-plan of held ops an admin approves: the approval is checked against a fresh plan of the current
// directory snapshot and the accounts Lanyard last read, so an op whose reason no longer holds is never executed.
// - same idempotency key in the fresh plan → still needed: approve it;
// - the fresh plan has another op for the same account or group (a new role, a new account id, other members) →
//   the target changed: the old op is superseded and the new one is held for a fresh approval;
// - nothing → superseded, with why in words ("ana@acme.io has access to Slack again: in Engineering (rule 1)").
// Kill-switch steps are re-checked against the person and their case; an access review's own op (an orphan's
// revoke, a role change) against the review's decision, which is its reason (reviews/standing-ops.ts); an admin's
// removal of an orphan against that admin's decision (orphans/removal-stands.ts).
import type { AppConfig, AppGroup, PlanOp } from '../types';
import type { EngineDeps } from '../engine/engine-deps';
import type { JournalOp } from '../engine/journal';
import { buildPlanInput } from '../engine/plan-input';
import { wantsAppGroups } from '../engine/prepare';
import type { DirectoryService } from '../../directory/directory-service';
import { buildPlan } from '../plan';
import { explain } from '../explain';
import { IDP_APP_ID } from '../guard';
import { isRehired } from '../../offboarding/detect-leavers';
import { createStandingCheck } from './standing';

export type Recheck =
  | { op: JournalOp; verdict: 'keep' }
  | { op: JournalOp; verdict: 'superseded'; reason: string }
  | { op: JournalOp; verdict: 'replaced'; reason: string; fresh: PlanOp };

const slotOf = (op: Pick<PlanOp, 'appId' | 'personId' | 'kind' | 'payload'>): string => {
  const p = op.payload;
  if (p.kind === 'add-to-group' || p.kind === 'remove-from-group')
    return `${op.appId}\0${p.kind}\0${p.groupId}`;
  const kind = p.kind === 'delete' ? 'deactivate' : p.kind; // a deprovision mode change is a changed target
  return `${op.appId}\0${op.personId}\0${kind}`;
};

export const recheckApproved = async (
  deps: EngineDeps,
  directory: DirectoryService,
  ops: JournalOp[],
): Promise<Recheck[]> => {
  const { ctx } = deps;
  const appIds = [...new Set(ops.filter((o) => o.appId !== IDP_APP_ID).map((o) => o.appId))];
  const apps: AppConfig[] = [];
  for (const id of appIds) {
    const a = await ctx.repos.workspace.getApp(id);
    if (a) apps.push(a);
  }
  const appGroups: Record<string, AppGroup[]> = {};
  const wanting: AppConfig[] = [];
  for (const a of apps) if (await wantsAppGroups(deps, a)) wanting.push(a);
  await Promise.all(
    wanting.map(async (a) => {
      appGroups[a.id] = await (await deps.connectorFor(a)).listGroups();
    }),
  );
  const input = await buildPlanInput(ctx, { ...deps, snapshot: directory.snapshot }, apps, appGroups);
  const plan = buildPlan(input);
  const keys = new Set(plan.ops.map((o) => o.key));
  const slots = new Map<string, PlanOp>();
  for (const o of plan.ops) if (!slots.has(slotOf(o))) slots.set(slotOf(o), o);
  const caseRow = async (id: number) => {
    const c = await ctx.store
      .q()
      .selectFrom('offboarding_cases')
      .select(['status', 'trigger', 'opened_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return c && { ...c, trigger: c.trigger as 'directory' | 'manual' };
  };
  const people = new Map((await directory.snapshot.listPeople()).map((p) => [p.id, p]));
  const decisionStands = createStandingCheck(ctx.store, deps.accounts);

  const whyNot = (op: JournalOp): string => {
    const app = apps.find((a) => a.id === op.appId);
    if (!app) return `superseded: the app "${op.appId}" is no longer in the workspace`;
    if (!op.personId) return 'superseded: the current directory and app state no longer call for it';
    try {
      const e = explain({ ...input, apps: [app] }, op.personId);
      const a = e.apps[0]!;
      return a.access
        ? `superseded: ${e.who} has access to ${app.name} again: ${a.why}`
        : `superseded: ${e.who} no longer calls for it in ${app.name}: ${a.why}`;
    } catch {
      return `superseded: the person is no longer in the directory`;
    }
  };

  const recheck = async (op: JournalOp): Promise<Recheck> => {
    if (op.appId === IDP_APP_ID) {
      const person = op.personId ? people.get(op.personId) : undefined;
      const c = op.caseId ? await caseRow(op.caseId) : undefined;
      if (!person)
        return { op, verdict: 'superseded', reason: 'superseded: the person is no longer in the directory' };
      if (!c || c.status !== 'open')
        return {
          op,
          verdict: 'superseded',
          reason: `superseded: offboarding case ${op.caseId ?? '?'} is ${c?.status ?? 'gone'}`,
        };
      // Rehired since the case opened (the next run's leaver step cancels the case): never end their sessions.
      if (isRehired(person, { trigger: c.trigger, openedAt: c.opened_at }))
        return {
          op,
          verdict: 'superseded',
          reason: `superseded: ${person.email ?? person.login} is active in the directory again (rehired)`,
        };
      if (op.kind === 'idp-suspend' && person.status !== 'active')
        return {
          op,
          verdict: 'superseded',
          reason: `superseded: the person is already ${person.status} in the directory`,
        };
      return { op, verdict: 'keep' };
    }
    if (keys.has(op.key)) return { op, verdict: 'keep' };
    if (await decisionStands(op)) return { op, verdict: 'keep' };
    const fresh = slots.get(slotOf(op));
    if (fresh)
      return {
        op,
        verdict: 'replaced',
        fresh,
        reason: `superseded: its target changed since it was held; now: ${fresh.reason}`,
      };
    return { op, verdict: 'superseded', reason: whyNot(op) };
  };
  const out: Recheck[] = [];
  for (const op of ops) out.push(await recheck(op));
  return out;
};
