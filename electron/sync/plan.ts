// The sync plan: rules × people → desired access, then per app desired vs accounts → explained ops, orphans and
// counts. Pure and deterministic (same input, same ops in the same order with the same keys); O(people × apps).
import { planApp, type PlanContext } from './app-plan';
import { indexPeople } from './correlate';
import { desiredState } from './desired';
import type { OpKind, Plan, PlanInput } from './types';

export const buildPlan = (input: PlanInput): Plan => {
  const ctx: PlanContext = {
    now: input.now,
    index: indexPeople(input.people),
    desired: desiredState(input.people, input.apps, input.rules),
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
  for (const app of input.apps) {
    const part = planApp(ctx, app, input.accounts[app.id] ?? []);
    for (const op of part.ops) plan.ops.push(op);
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
