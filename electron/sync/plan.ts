// The sync plan: rules × people → desired access, then per app desired vs accounts → explained ops, orphans and
// counts. Pure and deterministic (same input, same ops in the same order with the same keys); O(people × apps).
import { planApp, type PlanContext } from './app-plan';
import { indexPeople } from './correlate';
import { desiredState, isExcepted } from './desired';
import type { OpKind, Plan, PlanInput, PlanOp } from './types';

/** A deprovision that an access exception causes says so (the rules alone would keep the access). */
const exceptionReason = (
  input: PlanInput,
  people: ReadonlyMap<string, PlanInput['people'][number]>,
  op: PlanOp,
): PlanOp => {
  if (!op.deprovision || !op.personId) return op;
  const p = people.get(op.personId);
  if (!p || p.status !== 'active' || !isExcepted(input.exceptions, op.appId, p)) return op;
  const at = op.reason.indexOf(': ');
  const head = at < 0 ? op.reason : op.reason.slice(0, at);
  return { ...op, reason: `${head}: revoked by an access review (exception in the workspace)` };
};

export const buildPlan = (input: PlanInput): Plan => {
  const ctx: PlanContext = {
    now: input.now,
    index: indexPeople(input.people),
    desired: desiredState(input.people, input.apps, input.rules, input.exceptions),
    groupSets: new WeakMap(),
  };
  if (input.timeZone) ctx.timeZone = input.timeZone;
  if (input.appGroups) ctx.appGroups = input.appGroups;
  if (input.memberships) ctx.memberships = input.memberships;

  const plan: Plan & Required<Pick<Plan, 'protected'>> = {
    ops: [],
    orphans: [],
    protected: [],
    warnings: [],
    summary: { apps: [], total: {} },
  };
  const byId = input.exceptions?.size ? new Map(input.people.map((p) => [p.id, p])) : null;
  for (const app of input.apps) {
    const part = planApp(ctx, app, input.accounts[app.id] ?? []);
    for (const op of part.ops) plan.ops.push(byId ? exceptionReason(input, byId, op) : op);
    plan.orphans.push(...part.orphans);
    plan.protected.push(...part.protected);
    plan.warnings.push(...part.warnings);
    plan.summary.apps.push(part.summary);
    for (const [kind, n] of Object.entries(part.summary.ops) as [OpKind, number][]) {
      plan.summary.total[kind] = (plan.summary.total[kind] ?? 0) + n;
    }
  }
  return plan;
};
