// Guardrails: which planned ops wait for an admin. Destructive ops of an app whose policy is `review: required`;
// ALL of a run's deprovisions when they exceed maxDeprovisionsPerRun; all of an app's deprovisions when they exceed
// maxDeprovisionPercent of that app's active accounts (small apps included: 1 of 3 is 33 %); every destructive op
// when the directory read was flagged suspicious. Held ops stay in the plan with their held reason, never dropped.
// Planned ops are passed through as they are (no copy: a cold start has ~160k of them); the plan is not mutated.
import type { GuardedPlan, GuardOptions, Plan } from './types';

export const applyGuardrails = (plan: Plan, opts: GuardOptions): GuardedPlan => {
  const { maxDeprovisionsPerRun, maxDeprovisionPercent } = opts.guardrails;
  const apps = new Map(opts.apps.map((a) => [a.id, a]));
  const summaries = new Map(plan.summary.apps.map((s) => [s.appId, s]));

  const perApp = new Map<string, number>();
  let total = 0;
  for (const op of plan.ops) {
    if (!op.deprovision) continue;
    total++;
    perApp.set(op.appId, (perApp.get(op.appId) ?? 0) + 1);
  }

  const suspicious = opts.suspicious
    ? `the directory read looked wrong (${typeof opts.suspicious === 'object' ? opts.suspicious.reason : 'flagged suspicious'})`
    : null;
  const overRun =
    total > maxDeprovisionsPerRun
      ? `${total} deprovisions exceed the limit of ${maxDeprovisionsPerRun} per run`
      : null;
  const overPercent = new Map<string, string>();
  for (const [appId, n] of perApp) {
    const active = opts.accountsCount?.[appId] ?? summaries.get(appId)?.activeAccounts ?? 0;
    const pct = active > 0 ? (n / active) * 100 : 100;
    if (pct > maxDeprovisionPercent) {
      const name = apps.get(appId)?.name ?? appId;
      overPercent.set(
        appId,
        `${n} of ${active} ${name} accounts (${Math.round(pct)} %) would be deprovisioned, over the limit of ${maxDeprovisionPercent} %`,
      );
    }
  }

  let held = 0;
  const ops = plan.ops.map((op) => {
    const why: string[] = [];
    if (op.destructive && suspicious) why.push(suspicious);
    if (op.deprovision && overRun) why.push(overRun);
    const pct = op.deprovision ? overPercent.get(op.appId) : undefined;
    if (pct) why.push(pct);
    const app = apps.get(op.appId);
    if (op.destructive && app?.review === 'required') why.push(`${app.name} requires review`);
    if (!why.length)
      return op.status === 'planned' ? op : { ...op, status: 'planned' as const, heldReason: null };
    held++;
    return { ...op, status: 'held' as const, heldReason: `held: ${why.join('; ')}` };
  });
  return { ...plan, ops, held };
};
