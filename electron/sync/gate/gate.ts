// The one gate for every write (docs/architecture.md "One gate for every write"). Every change to an app or to
// the IdP — a sync run's plan, an approval, an offboarding case, a rehire, the kill switch — is a proposal handed
// to submit() (or approve() for held ops), always under the run lock, which then:
//   1. re-plans: approvals are checked against a fresh plan of the current snapshot; what no longer holds is
//      `superseded` with the reason (never executed), a changed target becomes a new op held for a fresh approval;
//   2. refuses any op on a protected account (the planner plans none; this is the second line);
//   3. applies the guardrails across every source, per run and over the rolling window (guard.ts);
//   4. journals before any request (reconcile.ts), 5. executes — revocations first, failures classified — and
//   6. records each outcome with its ledger event in one transaction (apply.ts).
// Only this module (through engine/apply.ts and engine/executor.ts) calls a connector's write methods;
// test/unit/gate/architecture.test.ts keeps it that way.
import { createStandingCheck } from './standing';
import type { AppConnector } from '../../apps/types';
import type { DirectoryService } from '../../directory/directory-service';
import type { AppRunStats, OpSource } from '../../../shared/api/methods-sync';
import { applyAppOps, errorText } from '../engine/apply';
import type { EngineDeps } from '../engine/engine-deps';
import type { JournalOp } from '../engine/journal';
import { reconcile, type Reconciled } from '../engine/reconcile';
import { emptyAppStats } from '../engine/stats';
import { guardOps, IDP_APP_ID, type GuardResult } from '../guard';
import { protectedMatcher, protectedTargetOf } from '../protected';
import { accountIdsOf } from '../ops';
import type { StoredAccount } from '../../store/accounts-repo';
import type { AppConfig, PlanOp } from '../types';
import { executeIdpLane } from './idp-lane';
import { readStateOf, rereadRunning } from './reread';

export interface GateBatch {
  runId: number;
  actor: string;
  source: OpSource;
  ops: PlanOp[];
  /** The apps the ops may touch (names, review policy, limits). */
  apps: AppConfig[];
  /** Connectors of the apps read this run; others are built on demand. */
  connectors?: Map<string, AppConnector>;
  suspicious?: false | { reason: string };
  /** Apps read and fully planned this run: their open ops the batch no longer names are resolved. */
  sweep?: string[];
  caseOf?: (op: PlanOp) => number | null;
  /** Deprovisions of pre-existing accounts wait for the first reviewed plan. */
  adoptionPending?: boolean;
  onOp?: () => void;
}

export interface GateResult {
  reconciled: Reconciled;
  apps: Record<string, AppRunStats>;
  tripped: string[];
  /** Ops refused because they would touch a protected account. */
  refused: { appId: string; target: string; reason: string }[];
  /** Apps quarantined during this batch. */
  quarantined: string[];
}

const MINUTE = 60_000;
/** A quarantined app's revocations: retried every run at first, then at most every 1, 2, 4 … 30 minutes. */
const quarantineBackoffMs = (tries: number): number =>
  tries <= 1 ? 0 : Math.min(30 * MINUTE, 2 ** (tries - 2) * MINUTE);

export const createGate = (deps: EngineDeps, directory: DirectoryService) => {
  const { ctx, journal } = deps;
  const quarantineTries = new Map<string, { tries: number; nextAt: number }>();
  const decisionStands = createStandingCheck(ctx.store, deps.accounts);

  const activeAccounts = async (apps: readonly AppConfig[]): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const a of apps) out[a.id] = await deps.accounts.activeCount(a.id);
    return out;
  };

  const windowSince = async (): Promise<string> => {
    const minutes = (await ctx.repos.settings.get()).guardrails.windowMinutes;
    return new Date(ctx.clock.now().getTime() - minutes * MINUTE).toISOString();
  };

  /** Step 2 + 3 (pure apart from reading the window): what the batch would hold. Also the dry run's view. */
  const guard = async (
    ops: readonly PlanOp[],
    o: {
      source: OpSource;
      apps: readonly AppConfig[];
      suspicious?: false | { reason: string };
      adoptionPending?: boolean;
    },
  ): Promise<GuardResult & { refused: GateResult['refused'] }> => {
    const refused: GateResult['refused'] = [];
    const matchers = new Map(o.apps.map((a) => [a.id, protectedMatcher(a)]));
    // The accounts the ops name, read before the synchronous filter.
    const named = new Map<string, StoredAccount | null>();
    for (const op of ops) {
      if (!matchers.get(op.appId) || op.appId === IDP_APP_ID) continue; // protectedTargetOf looks nothing up
      for (const id of accountIdsOf(op.payload))
        named.set(`${op.appId}\0${id}`, await deps.accounts.get(op.appId, id));
    }
    const allowed = ops.filter((op) => {
      const hit = protectedTargetOf(
        op,
        matchers.get(op.appId),
        (appId, remoteId) => named.get(`${appId}\0${remoteId}`) ?? null,
      );
      if (hit) refused.push({ appId: op.appId, target: op.target, reason: `refused: ${hit} is protected` });
      return !hit;
    });
    // The accounts Lanyard created itself, read before the guard's synchronous adoption check.
    const created = new Set<string>();
    if (o.adoptionPending) {
      for (const op of allowed) {
        if (!op.deprovision) continue; // the guard asks only about deprovisions
        const p = op.payload;
        const remoteId = 'remoteId' in p ? p.remoteId : null;
        if (remoteId && (await journal.createdByLanyard(op.appId, remoteId)))
          created.add(`${op.appId}\0${remoteId}`);
      }
    }
    const r = guardOps(allowed, {
      guardrails: (await ctx.repos.settings.get()).guardrails,
      apps: o.apps,
      activeAccounts: await activeAccounts(o.apps),
      window: await journal.windowUse(await windowSince()),
      suspicious: o.suspicious ?? false,
      source: o.source,
      ...(o.adoptionPending
        ? {
            adoptionPending: (op: PlanOp) => {
              const p = op.payload;
              const remoteId = 'remoteId' in p ? p.remoteId : null;
              return !!remoteId && !created.has(`${op.appId}\0${remoteId}`);
            },
          }
        : {}),
    });
    return { ...r, refused };
  };

  /** Journal + execute an already guarded list (steps 4–6). */
  const journalAndExecute = async (
    b: GateBatch,
    guarded: PlanOp[],
  ): Promise<Pick<GateResult, 'reconciled' | 'apps' | 'quarantined'>> => {
    const byId = await rereadRunning(deps, b.sweep ?? [], b.connectors);
    const reconciled = await reconcile({
      store: ctx.store,
      journal,
      audit: ctx.audit,
      actor: b.actor,
      runId: b.runId,
      ops: guarded,
      source: b.source,
      appIds: b.sweep ?? [],
      readState: readStateOf(deps, directory, new Set(b.sweep ?? []), byId),
      standsOnItsOwn: decisionStands,
      now: deps.now(),
      ...(b.caseOf ? { caseOf: b.caseOf } : {}),
    });
    const { apps, quarantined } = await execute(b, reconciled.execute);
    return { reconciled, apps, quarantined };
  };

  const execute = async (
    b: Pick<GateBatch, 'runId' | 'actor' | 'connectors' | 'onOp'>,
    byApp: Map<string, JournalOp[]>,
  ): Promise<{ apps: Record<string, AppRunStats>; quarantined: string[] }> => {
    const apps: Record<string, AppRunStats> = {};
    const quarantined: string[] = [];
    await Promise.all(
      [...byApp].map(async ([appId, ops]) => {
        if (!ops.length) return;
        if (appId === IDP_APP_ID) {
          apps[appId] = await executeIdpLane(deps, directory, b, ops);
          return;
        }
        const app = await ctx.repos.workspace.getApp(appId);
        if (!app) {
          apps[appId] = emptyAppStats('skipped', 'no such app');
          return;
        }
        const q = await deps.quarantine.reason(appId);
        if (q) {
          const t = quarantineTries.get(appId) ?? { tries: 0, nextAt: 0 };
          if (ctx.clock.now().getTime() < t.nextAt) {
            apps[appId] = emptyAppStats(
              'quarantined',
              `quarantined: ${q}; revocations are retried after ${new Date(t.nextAt).toISOString()}`,
            );
            return;
          }
          t.tries++;
          t.nextAt = ctx.clock.now().getTime() + quarantineBackoffMs(t.tries);
          quarantineTries.set(appId, t);
        } else quarantineTries.delete(appId);
        const stats = (apps[appId] = emptyAppStats(
          q ? 'quarantined' : 'ok',
          q ? `quarantined: ${q}; only revocations were tried` : null,
        ));
        let connector: AppConnector;
        try {
          connector = b.connectors?.get(appId) ?? (await deps.connectorFor(app));
        } catch (err) {
          // The connector could not even be built (a missing secret): the ops stay planned for the next run.
          stats.status = 'failed';
          stats.detail = errorText(err);
          return;
        }
        const before = connector.requestCount();
        const r = await applyAppOps(
          deps.applyDeps(b.actor, () => b.onOp?.()),
          appId,
          b.runId,
          connector,
          ops,
          new Map(),
          { revocationsOnly: q !== null },
        );
        stats.requests = connector.requestCount() - before;
        if (r.quarantined) {
          stats.status = 'quarantined';
          stats.detail = r.quarantined;
          quarantined.push(appId);
          ctx.events.emit('health.changed', {
            component: `app:${appId}`,
            status: 'error',
            detail: `quarantined: ${r.quarantined}`,
          });
        }
      }),
    );
    return { apps, quarantined };
  };

  return {
    guard,
    /** A proposal batch through every step. Call under the run lock. */
    async submit(b: GateBatch): Promise<GateResult> {
      const g = await guard(b.ops, {
        source: b.source,
        apps: b.apps,
        ...(b.suspicious ? { suspicious: b.suspicious } : {}),
        ...(b.adoptionPending ? { adoptionPending: true } : {}),
      });
      const done = await journalAndExecute(b, g.ops);
      return { ...done, tripped: g.tripped, refused: g.refused };
    },
    /** Executes already journaled ops (approved after re-planning) through the execute step. */
    execute,
  };
};

export type Gate = ReturnType<typeof createGate>;
