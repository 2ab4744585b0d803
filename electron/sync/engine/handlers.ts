// The sync engine as the core composes it: the sync.*, review.* and runs.* API handlers, and the scheduler, which
// create-lanyard starts only in the process that holds the data folder's scheduler lock (and asked for it).
import { exceptionsForPlan } from '../../reviews/workspace-reviews-repo';
import type { CoreContext } from '../../app/context';
import type { Handlers } from '../../app/handlers';
import type { syncMethods, ExplanationView } from '../../../shared/api/methods-sync';
import { explain } from '../explain';
import type { SyncEngineOptions } from './engine-deps';
import { loadAllAccounts, loadPeople } from './plan-input';
import { LanyardError } from '../../app/errors';
import { applyingDetail } from '../gate/safe-start';
import { createReview } from './review';
import { createScheduler, type Scheduler } from './scheduler';
import { createSyncService, type SyncService } from './sync-service';

export interface SyncEngine {
  /** The engine itself, for offboarding (electron/offboarding/) to run its ops through the same journal and lock. */
  readonly service: SyncService;
  handlers: Pick<Handlers, keyof typeof syncMethods>;
  /** Records the workspace's first reviewed plan (config apply with an explicit `schedule.paused: false`). */
  firstReview(actor: string): Promise<boolean>;
  startScheduler(): void;
  stopScheduler(): Promise<void>;
  /** Adds work the scheduler does after each scheduled run (e.g. start due access reviews); only the owner runs it. */
  addScheduledDuty(duty: () => void | Promise<void>): void;
}

export const createSyncEngine = (ctx: CoreContext, opts: SyncEngineOptions = {}): SyncEngine => {
  const service = createSyncService(ctx, opts);
  const review = createReview(service);
  const applying = async () => service.safeStart.state((await ctx.repos.settings.get()).schedule.paused);

  /** An admin applying a plan is the first review: applying starts, pre-existing accounts are adopted after it. */
  const firstReview = async (actor: string): Promise<boolean> => {
    if (await service.safeStart.reviewed()) return false;
    const at = service.deps.now();
    await ctx.store.tx(async () => {
      if (!(await service.safeStart.markReviewed(at, actor))) return;
      await ctx.audit.append({
        actor,
        action: 'sync.firstPlanReviewed',
        result: 'ok: applying starts; pre-existing accounts are adopted after this run',
      });
    });
    ctx.events.emit('settings.changed', await ctx.repos.settings.get());
    return true;
  };

  const heldSummary = async () => {
    const counts = new Map<string, number>();
    const held = await service.deps.journal.held();
    for (const op of held) {
      const reason = op.heldReason ?? 'held';
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
    return {
      total: held.length,
      reasons: [...counts]
        .map(([reason, count]) => ({ reason, count }))
        .sort((a, b) => b.count - a.count)
        .slice(0, 10),
    };
  };
  const quarantinedApps = async () => {
    const out: { appId: string; appName: string; reason: string }[] = [];
    for (const a of await ctx.repos.workspace.listApps()) {
      const reason = await service.deps.quarantine.reason(a.id);
      if (reason) out.push({ appId: a.id, appName: a.name, reason });
    }
    return out;
  };
  let scheduler: Scheduler | null = null;
  const duties: (() => void | Promise<void>)[] = [];
  const lastRun = async (kind: 'poll' | 'full'): Promise<number | null> => {
    const at = await service.deps.runs.lastStarted(kind);
    return at ? Date.parse(at) : null;
  };

  const explainPerson = async (person: string): Promise<ExplanationView> => {
    const apps = await ctx.repos.workspace.listApps();
    const { accounts, journal } = service.deps;
    return explain(
      {
        people: await loadPeople(service.directory.snapshot),
        apps,
        rules: await ctx.repos.workspace.listRules(),
        accounts: await loadAllAccounts(accounts, journal, apps),
        exceptions: await exceptionsForPlan(ctx.store),
        now: ctx.clock.now(),
      },
      person,
    );
  };

  const handlers: SyncEngine['handlers'] = {
    'sync.plan': (input) => service.plan(input.appId),
    'sync.run': async (input, call) => {
      // Applying a plan of the whole workspace is the first review; a one-app run applies that app only (its
      // pre-existing accounts stay held as not yet adopted) and leaves the schedule waiting.
      const adoptionPending = input.appId
        ? (await service.safeStart.reviewed()) === null
        : await firstReview(call.actor);
      const r = await service.run({
        ...(adoptionPending ? { adoptionPending } : {}),
        kind: input.full ? 'full' : 'manual',
        trigger: `sync.run by ${call.actor}`,
        actor: call.actor,
        ...(input.appId ? { appId: input.appId } : {}),
        ...(input.full ? { full: true } : {}),
      });
      if (!input.appId) scheduler?.noteRun(input.full ? 'full' : 'manual');
      return r;
    },
    'sync.now': async (_input, call) => {
      if ((await applying()) === 'awaiting-first-review') {
        throw new LanyardError(
          'conflict',
          'Lanyard applies nothing until the first plan has been reviewed.',
          {
            hint: 'Open the Sync page, check the plan and apply it (or run `lanyard sync --dry-run`, then `lanyard sync`).',
          },
        );
      }
      const r = await service.run({ kind: 'manual', trigger: 'sync.now', actor: call.actor });
      scheduler?.noteRun('manual');
      return r;
    },
    'sync.explain': (input) => explainPerson(input.person),
    'sync.status': async () => {
      const paused = (await ctx.repos.settings.get()).schedule.paused;
      // Paused as stored now (the scheduler's own copy is from its last decision).
      const s = {
        ...(scheduler?.status() ?? { active: false, lastPollAt: null, lastFullAt: null, next: null }),
        paused,
      };
      const last = async (k: 'poll' | 'full') => {
        const known = s[k === 'poll' ? 'lastPollAt' : 'lastFullAt'];
        if (known) return known;
        const at = await lastRun(k);
        return at ? new Date(at).toISOString() : null;
      };
      const state = await applying();
      return {
        ...s,
        lastPollAt: await last('poll'),
        lastFullAt: await last('full'),
        running: service.running,
        applying: state,
        applyingDetail: applyingDetail(state),
        held: await heldSummary(),
        quarantined: await quarantinedApps(),
      };
    },
    'sync.resumeApp': async (input, call) => service.resumeApp(input.appId, call.actor),
    'review.list': async (input) => review.list(input.appId, input.personId),
    'review.approve': (input, call) => review.approve(input.ids, call.actor),
    'review.skip': async (input, call) => review.skip(input.ids, input.reason, call.actor),
    'runs.list': async (input) => service.runs(input.limit),
  };

  return {
    service,
    handlers,
    firstReview,
    startScheduler(): void {
      scheduler ??= createScheduler({
        schedule: async () => (await ctx.repos.settings.get()).schedule,
        now: () => ctx.clock.now().getTime(),
        // Until the first plan is reviewed, the schedule only reads and plans (a dry run): nothing is applied.
        run: async (kind, trigger) => {
          if ((await applying()) !== 'awaiting-first-review')
            return service.run({ kind, trigger, actor: 'scheduler' });
          const p = await service.plan();
          ctx.events.emit('sync.planned', { ops: p.ops.length, held: p.held, trigger });
          return p;
        },
        running: () => service.busy,
        lastRun,
        afterRun: async () => {
          for (const duty of duties) await duty();
        },
        ready: async () => (await ctx.repos.workspace.getDirectory()) !== null,
        log: ctx.log.child('scheduler'),
      });
      scheduler.start();
    },
    async stopScheduler(): Promise<void> {
      await scheduler?.stop();
    },
    addScheduledDuty(duty): void {
      duties.push(duty);
    },
  };
};
