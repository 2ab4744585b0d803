// Guardrails (pure): which proposed ops wait for an admin. The gate (electron/sync/gate/) calls this for every
// batch, whatever proposed it. An op is held when
// - the directory read looked wrong (every destructive op);
// - its app's review policy is `required` (every destructive op of that app);
// - its deprovision would hit a pre-existing account before the first plan was reviewed (adoption pending);
// - a bulk limit trips: destructive ops per run and per rolling window, in total and per app, absolute and as a
//   share of the app's active accounts. When a limit trips, ALL the destructive ops in its scope are held (never
//   "the first N"), with one sentence naming the limit.
// Destructive = deactivate, delete, role demotion, removal from a group or team (each member counts), IdP suspend /
// session revoke. Sources: an approval IS the admin's review, so approved ops are not held again by bulk limits or
// policy (they still count in the window); an explicit offboard of one named person neither trips nor counts
// toward bulk limits (review policy still applies). Ops are passed through as they are when planned (no copy: a
// cold start has ~160k of them); the input is never mutated.
import type { OpSource } from '../../shared/api/methods-sync';
import { guardrailsSchema } from '../../shared/domain/settings';
import { destructiveWeight } from './ops';
import type { AppConfig, GuardedPlan, GuardOptions, Guardrails, Plan, PlanOp } from './types';

export const IDP_APP_ID = '@directory';

/** Destructive weight already executed in the rolling window, before this batch. */
export interface WindowUse {
  total: number;
  perApp: Record<string, number>;
}

export interface LimitContext {
  guardrails: Guardrails;
  apps: readonly AppConfig[];
  /** Each app's active accounts (the base of the percentage limits). */
  activeAccounts: Record<string, number>;
  window: WindowUse;
  suspicious: false | { reason: string };
  source: OpSource;
  /** True for a deprovision of a pre-existing account while the first plan has not been reviewed. */
  adoptionPending?: (op: PlanOp) => boolean;
}

export interface GuardResult {
  ops: PlanOp[];
  held: number;
  /** The bulk limits that tripped, as sentences (for the tray, Overview and run result). */
  tripped: string[];
}

type AppLimits = { maxDeprovisionsPerRun?: number; maxDeprovisionsPerWindow?: number };
const limitsOf = (app: AppConfig | undefined): AppLimits =>
  ((app as { limits?: AppLimits } | undefined)?.limits ?? {}) as AppLimits;

const changes = (n: number): string => `${n} destructive change${n === 1 ? '' : 's'}`;
/** "exceed" / "exceeds", agreeing with `changes(n)`. */
const exceed = (n: number): string => (n === 1 ? 'exceeds' : 'exceed');

/** Whether an op's weight counts toward (and can trip) the bulk limits for this source. */
export const countsForSource = (source: OpSource): boolean => source !== 'explicit-offboard';

export const guardOps = (ops: readonly PlanOp[], ctx: LimitContext): GuardResult => {
  const g = ctx.guardrails;
  const apps = new Map(ctx.apps.map((a) => [a.id, a]));
  const bulk = countsForSource(ctx.source) && ctx.source !== 'approval';
  const policy = ctx.source !== 'approval';

  let total = 0;
  const perApp = new Map<string, number>();
  for (const op of ops) {
    const w = destructiveWeight(op.payload);
    if (!w) continue;
    total += w;
    perApp.set(op.appId, (perApp.get(op.appId) ?? 0) + w);
  }

  const allHeld: string[] = [];
  const appHeld = new Map<string, string[]>();
  const holdApp = (appId: string, why: string): void => {
    let l = appHeld.get(appId);
    if (!l) appHeld.set(appId, (l = []));
    l.push(why);
  };
  if (bulk && total > 0) {
    const overRun = total > g.maxDeprovisionsPerRun;
    if (overRun)
      allHeld.push(
        `${changes(total)} in this run ${exceed(total)} the limit of ${g.maxDeprovisionsPerRun} per run`,
      );
    const inWindow = ctx.window.total + total;
    // The window adds a sentence only when the run's own limit did not already hold everything.
    if (!overRun && inWindow > g.maxDeprovisionsPerWindow) {
      allHeld.push(
        `${changes(total)} would make ${inWindow} in the last ${g.windowMinutes} minutes, over the limit of ${g.maxDeprovisionsPerWindow} per ${g.windowMinutes} minutes`,
      );
    }
    for (const [appId, n] of perApp) {
      if (appId === IDP_APP_ID) continue;
      const app = apps.get(appId);
      const name = app?.name ?? appId;
      const lim = limitsOf(app);
      const before = ctx.window.perApp[appId] ?? 0;
      if (lim.maxDeprovisionsPerRun !== undefined && n > lim.maxDeprovisionsPerRun)
        holdApp(
          appId,
          `${changes(n)} in ${name} ${exceed(n)} its limit of ${lim.maxDeprovisionsPerRun} per run`,
        );
      if (lim.maxDeprovisionsPerWindow !== undefined && before + n > lim.maxDeprovisionsPerWindow) {
        holdApp(
          appId,
          `${changes(n)} in ${name} would make ${before + n} in the last ${g.windowMinutes} minutes, over its limit of ${lim.maxDeprovisionsPerWindow}`,
        );
      }
      const active = ctx.activeAccounts[appId] ?? 0;
      const pct = active > 0 ? (n / active) * 100 : 100;
      const overPct = pct > g.maxDeprovisionPercent;
      if (overPct) {
        holdApp(
          appId,
          `${n} of ${active} ${name} accounts (${Math.round(pct)} %) would lose access in this run, over the limit of ${g.maxDeprovisionPercent} %`,
        );
      }
      const wpct = active > 0 ? ((before + n) / active) * 100 : 100;
      if (!overPct && wpct > g.maxDeprovisionPercentPerWindow) {
        holdApp(
          appId,
          `${before + n} of ${active} ${name} accounts (${Math.round(wpct)} %) would lose access within ${g.windowMinutes} minutes, over the limit of ${g.maxDeprovisionPercentPerWindow} %`,
        );
      }
    }
  }

  const suspicious =
    policy && ctx.suspicious ? `the directory read looked wrong (${ctx.suspicious.reason})` : null;
  let held = 0;
  const out = ops.map((op) => {
    const why: string[] = [];
    if (policy && op.hold) why.push(op.hold);
    if (op.destructive) {
      if (suspicious) why.push(suspicious);
      if (destructiveWeight(op.payload) > 0) {
        why.push(...allHeld);
        why.push(...(appHeld.get(op.appId) ?? []));
      }
      const app = apps.get(op.appId);
      if (policy && app?.review === 'required') why.push(`${app.name} requires review`);
      if (policy && op.deprovision && ctx.adoptionPending?.(op)) {
        why.push(
          'the account existed before Lanyard managed this app and the first plan has not been reviewed yet (it is adopted once it has)',
        );
      }
    }
    if (!why.length)
      return op.status === 'planned' ? op : { ...op, status: 'planned' as const, heldReason: null };
    held++;
    return { ...op, status: 'held' as const, heldReason: `held: ${why.join('; ')}` };
  });
  const tripped = [...allHeld, ...[...appHeld.values()].flat()];
  return { ops: out, held, tripped };
};

/** The guard over a whole plan, as a sync run with no window history sees it (dry runs, offboarding previews). */
export const applyGuardrails = (plan: Plan, opts: GuardOptions): GuardedPlan => {
  const summaries = new Map(plan.summary.apps.map((s) => [s.appId, s]));
  const activeAccounts: Record<string, number> = {};
  for (const a of opts.apps)
    activeAccounts[a.id] = opts.accountsCount?.[a.id] ?? summaries.get(a.id)?.activeAccounts ?? 0;
  const r = guardOps(plan.ops, {
    // Without a window history (previews, pure callers) the window limits do not apply.
    guardrails: {
      ...guardrailsSchema.parse({}),
      ...(opts.window
        ? {}
        : { maxDeprovisionsPerWindow: Number.MAX_SAFE_INTEGER, maxDeprovisionPercentPerWindow: 100 }),
      ...opts.guardrails,
    },
    apps: opts.apps,
    activeAccounts,
    window: opts.window ?? { total: 0, perApp: {} },
    suspicious: opts.suspicious
      ? { reason: typeof opts.suspicious === 'object' ? opts.suspicious.reason : 'flagged suspicious' }
      : false,
    source: opts.source ?? 'sync',
    ...(opts.adoptionPending ? { adoptionPending: opts.adoptionPending } : {}),
  });
  return { ...plan, ops: r.ops, held: r.held, tripped: r.tripped };
};
