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
import type { AppConnector } from '../../apps/types';
import type { StoredAccount } from '../../store/accounts-repo';
import type { DirectoryService } from '../../directory/directory-service';
import type { AppRunStats, OpSource } from '../../../shared/api/methods-sync';
import { applyAppOps, errorText } from '../engine/apply';
import type { EngineDeps } from '../engine/engine-deps';
import { executeIdpOp } from '../engine/executor';
import type { JournalOp } from '../engine/journal';
import { reconcile, type Reconciled } from '../engine/reconcile';
import { emptyAppStats } from '../engine/stats';
import { guardOps, IDP_APP_ID, type GuardResult } from '../guard';
import { protectedMatcher } from '../protected';
import type { AppConfig, PlanOp } from '../types';
import type { ReadState } from './verify-state';

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
/** Kill-switch retry: 1, 2, 4 … minutes after each failed attempt, at most an hour. */
export const killSwitchBackoffMs = (attempts: number): number =>
  Math.min(60 * MINUTE, 2 ** Math.max(0, attempts - 1) * MINUTE);
/** A quarantined app's revocations: retried every run at first, then at most every 1, 2, 4 … 30 minutes. */
const quarantineBackoffMs = (tries: number): number =>
  tries <= 1 ? 0 : Math.min(30 * MINUTE, 2 ** (tries - 2) * MINUTE);

export const createGate = (deps: EngineDeps, directory: DirectoryService) => {
  const { ctx, journal } = deps;
  const quarantineTries = new Map<string, { tries: number; nextAt: number }>();

  const activeAccounts = (apps: readonly AppConfig[]): Record<string, number> =>
    Object.fromEntries(apps.map((a) => [a.id, deps.accounts.list(a.id).filter((x) => x.active).length]));

  const windowSince = (): string => {
    const minutes = ctx.repos.settings.get().guardrails.windowMinutes;
    return new Date(ctx.clock.now().getTime() - minutes * MINUTE).toISOString();
  };

  /** Step 2 + 3 (pure apart from reading the window): what the batch would hold. Also the dry run's view. */
  const guard = (
    ops: readonly PlanOp[],
    o: {
      source: OpSource;
      apps: readonly AppConfig[];
      suspicious?: false | { reason: string };
      adoptionPending?: boolean;
    },
  ): GuardResult & { refused: GateResult['refused'] } => {
    const refused: GateResult['refused'] = [];
    const matchers = new Map(o.apps.map((a) => [a.id, protectedMatcher(a)]));
    const allowed = ops.filter((op) => {
      const hit = protectedAccountOf(op, matchers.get(op.appId), (appId, remoteId) =>
        deps.accounts.get(appId, remoteId),
      );
      if (hit) refused.push({ appId: op.appId, target: op.target, reason: `refused: ${hit} is protected` });
      return !hit;
    });
    const r = guardOps(allowed, {
      guardrails: ctx.repos.settings.get().guardrails,
      apps: o.apps,
      activeAccounts: activeAccounts(o.apps),
      window: journal.windowUse(windowSince()),
      suspicious: o.suspicious ?? false,
      source: o.source,
      ...(o.adoptionPending
        ? {
            adoptionPending: (op: PlanOp) => {
              const p = op.payload;
              const remoteId = 'remoteId' in p ? p.remoteId : null;
              return !!remoteId && !journal.createdByLanyard(op.appId, remoteId);
            },
          }
        : {}),
    });
    return { ...r, refused };
  };

  /**
   * Ops left `running` by a crash are judged on their accounts re-read BY ID where the app can (a listing that
   * pages badly proves nothing about one account); the rest of the app's state comes from this run's listing.
   */
  const rereadRunning = async (
    appIds: readonly string[],
    connectors: Map<string, AppConnector> | undefined,
  ): Promise<Map<string, Map<string, StoredAccount | null>>> => {
    const out = new Map<string, Map<string, StoredAccount | null>>();
    for (const appId of appIds) {
      const running = journal.openForApp(appId).filter((o) => o.status === 'running');
      const connector = connectors?.get(appId);
      if (!running.length || !connector?.getAccount) continue;
      const byId = new Map<string, StoredAccount | null>();
      for (const op of running) {
        const p = op.payload;
        const ids = 'remoteId' in p && p.remoteId ? [p.remoteId] : [];
        if (p.kind === 'add-to-group' || p.kind === 'remove-from-group')
          for (const m of p.members) if (m.remoteId) ids.push(m.remoteId);
        for (const id of ids) {
          if (byId.has(id)) continue;
          try {
            const a = await connector.getAccount(id);
            byId.set(
              id,
              a
                ? {
                    ...a,
                    remoteId: id,
                    appId,
                    personId: deps.accounts.get(appId, id)?.personId ?? null,
                    seenAt: deps.now(),
                  }
                : null,
            );
          } catch (err) {
            deps.log.warn('could not re-read an account by id; the op is retried', {
              app: appId,
              id,
              error: errorText(err),
            });
          }
        }
      }
      out.set(appId, byId);
    }
    return out;
  };

  const readState =
    (read: Set<string>, byId: Map<string, Map<string, StoredAccount | null>>) =>
    (op: JournalOp): ReadState => {
      let accounts: StoredAccount[] | null = read.has(op.appId) ? deps.accounts.list(op.appId) : null;
      const fresh = byId.get(op.appId);
      if (accounts && fresh?.size) {
        accounts = accounts.filter((a) => !fresh.has(a.remoteId));
        for (const a of fresh.values()) if (a) accounts.push(a);
      }
      return {
        accounts,
        personStatus: op.personId ? directory.snapshot.personStatus(op.personId) : null,
      };
    };

  /** Journal + execute an already guarded list (steps 4–6). */
  const journalAndExecute = async (
    b: GateBatch,
    guarded: PlanOp[],
  ): Promise<Pick<GateResult, 'reconciled' | 'apps' | 'quarantined'>> => {
    const byId = await rereadRunning(b.sweep ?? [], b.connectors);
    const reconciled = reconcile({
      db: ctx.db,
      journal,
      audit: ctx.audit,
      actor: b.actor,
      runId: b.runId,
      ops: guarded,
      source: b.source,
      appIds: b.sweep ?? [],
      readState: readState(new Set(b.sweep ?? []), byId),
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
          apps[appId] = await executeIdp(b, ops);
          return;
        }
        const app = ctx.repos.workspace.getApp(appId);
        if (!app) {
          apps[appId] = emptyAppStats('skipped', 'no such app');
          return;
        }
        const q = deps.quarantine.reason(appId);
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
          t.nextAt = ctx.clock.now().getTime() + quarantineBackoffMs(t.tries + 1);
          quarantineTries.set(appId, t);
        } else quarantineTries.delete(appId);
        const stats = (apps[appId] = emptyAppStats(
          q ? 'quarantined' : 'ok',
          q ? `quarantined: ${q}; only revocations were tried` : null,
        ));
        let connector: AppConnector;
        try {
          connector = b.connectors?.get(appId) ?? deps.connectorFor(app);
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

  /** The directory lane: kill-switch steps, one at a time; a failure is retried later with backoff. */
  const executeIdp = async (
    b: Pick<GateBatch, 'runId' | 'actor' | 'onOp'>,
    ops: JournalOp[],
  ): Promise<AppRunStats> => {
    const stats = emptyAppStats();
    for (const op of ops) {
      journal.start(op.id, b.runId);
      const action = op.kind === 'idp-suspend' ? 'offboarding.idp.suspend' : 'offboarding.idp.revokeSessions';
      try {
        const ex = await executeIdpOp(await directory.connector(), op.personId!, op.payload);
        ctx.db
          .transaction(() => {
            journal.finish(op.id, 'done', ex.result, null);
            ctx.audit.append({
              actor: b.actor,
              action,
              person: op.personId,
              run: b.runId,
              ...(op.caseId ? { case: op.caseId } : {}),
              after: { op: op.id, kind: op.kind },
              result: 'ok',
            });
          })
          .immediate();
        stats.applied++;
      } catch (err) {
        const error = errorText(err);
        const attempts = (journal.get(op.id)?.attempts ?? 1) || 1;
        const next = new Date(ctx.clock.now().getTime() + killSwitchBackoffMs(attempts)).toISOString();
        journal.retryLater(op.id, `attempt ${attempts} failed, retried after ${next}: ${error}`, next);
        deps.log.warn('kill switch step failed; retried later', { op: op.id, kind: op.kind, error, next });
        stats.failed++;
      }
      b.onOp?.();
    }
    return stats;
  };

  return {
    guard,
    /** A proposal batch through every step. Call under the run lock. */
    async submit(b: GateBatch): Promise<GateResult> {
      const g = guard(b.ops, {
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

/** The protected account an op would touch, by name, or null. */
const protectedAccountOf = (
  op: PlanOp,
  isProtected: ((a: { userName: string; emails?: readonly string[] }) => boolean) | undefined,
  account: (appId: string, remoteId: string) => { userName: string; emails: string[] } | null,
): string | null => {
  if (!isProtected || op.appId === IDP_APP_ID) return null;
  const p = op.payload;
  const names: string[] = [];
  const remoteIds: string[] = [];
  if ('remoteId' in p && p.remoteId) remoteIds.push(p.remoteId);
  if (p.kind === 'add-to-group' || p.kind === 'remove-from-group')
    for (const m of p.members) if (m.remoteId) remoteIds.push(m.remoteId);
  for (const id of remoteIds) {
    const a = account(op.appId, id);
    if (a && isProtected(a)) return a.userName;
  }
  if (p.kind === 'deactivate' || p.kind === 'delete') names.push(p.userName);
  else if (p.kind === 'create') names.push(p.spec.userName, ...(p.spec.email ? [p.spec.email] : []));
  else if (p.kind === 'add-to-group' || p.kind === 'remove-from-group')
    names.push(...p.members.map((m) => m.userName));
  else if (p.kind === 'manual-task' && p.spec) names.push(p.spec.userName);
  names.push(op.target);
  for (const n of names) if (n && isProtected({ userName: n })) return n;
  return null;
};

export type Gate = ReturnType<typeof createGate>;
