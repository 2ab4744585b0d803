// Access rules editing for the UI (rules.preview, rules.save). The preview is a dry run of the pure planner on
// what is stored (directory snapshot, last-read accounts): the plan with the current rules and the plan with the
// proposed ones, compared by op key, so admins see who a change adds, changes or removes before saving. Saving only
// stores the rules (one transaction with its audit event); the next sync applies them, with its guardrails.
// rules.vocabulary says what an app reports it has (roles, teams, groups) for the editor's pickers; the preview flags
// rule terms the app does not report. Both only read.
import type { z } from 'zod';
import { ruleNameIssues, ruleSchema, type RuleConfig } from '../../shared/config/workspace';
import type {
  AppImpact,
  AppVocabulary,
  ImpactClass,
  ImpactCounts,
  ImpactOp,
  RulesPreview,
  RulesSaveResult,
  rulesMethods,
} from '../../shared/api/methods-rules';
import type { CoreContext } from '../app/context';
import type { Handlers } from '../app/handlers';
import { LanyardError, formatPath } from '../app/errors';
import { createAccountsRepo } from '../store/accounts-repo';
import { createDirectorySnapshotRepo } from '../store/directory-snapshot-repo';
import { createAppStatusReader } from '../config/app-status-read';
import { applyGuardrails } from './guard';
import { buildPlan } from './plan';
import { buildPlanInput } from './engine/plan-input';
import { createJournal } from './engine/journal';
import type { AppConfig, GuardedOp, OpKind, PlanInput } from './types';
import type { AppConnector, AppGroup } from '../apps/types';
import { createStoredVocabulary, rulesTermWarnings } from './rule-term-check';

export const impactClass = (kind: OpKind): ImpactClass =>
  kind === 'create' || kind === 'reactivate'
    ? 'adds'
    : kind === 'deactivate' || kind === 'delete'
      ? 'removes'
      : 'changes';

const toImpact = (op: GuardedOp): ImpactOp => ({
  appId: op.appId,
  personId: op.personId,
  kind: op.kind,
  target: op.target,
  class: impactClass(op.kind),
  reason: op.reason,
  heldReason: op.heldReason,
});

const emptyCounts = (): ImpactCounts => ({ adds: 0, changes: 0, removes: 0 });

const validationError = (err: z.ZodError): LanyardError => {
  const issues = err.issues.map((i) => ({ path: formatPath(['rules', ...i.path]), message: i.message }));
  const first = issues[0]!;
  return new LanyardError('bad_input', `${first.path}: ${first.message}`, { path: first.path, issues });
};

/** Builds an app's connector (the sync engine's, so caches and HTTP tuning are shared); only its reads are used. */
export type ReadConnectorFor = (app: AppConfig) => Promise<Pick<AppConnector, 'listGroups'>>;

export const createRulesService = (ctx: CoreContext, connectorFor?: ReadConnectorFor) => {
  const log = ctx.log.child('rules');
  const snapshot = createDirectorySnapshotRepo(ctx.store);
  const accounts = createAccountsRepo(ctx.store);
  const journal = createJournal(ctx.store, () => ctx.clock.now().toISOString());
  const status = createAppStatusReader(ctx.store);
  // The groups/teams each app listed last (rules.vocabulary with list), so the preview can check group names too.
  const listedGroups = new Map<string, { config: string; groups: AppGroup[] }>();

  const appOf = async (appId: string): Promise<AppConfig> => {
    const app = await ctx.repos.workspace.getApp(appId);
    if (!app)
      throw new LanyardError('not_found', `There is no app "${appId}".`, {
        hint: 'Add it in Apps first, or pick one of the connected apps.',
      });
    return app;
  };

  const vocabularyOf = createStoredVocabulary(ctx.store);
  /** What the app reports from stored data (and its last listing in this session, if its config is unchanged). */
  const storedVocabulary = (app: AppConfig, listed?: AppGroup[] | Error): Promise<AppVocabulary> => {
    const cached = listedGroups.get(app.id);
    const fresh = cached?.config === JSON.stringify(app) ? cached.groups : undefined;
    return vocabularyOf(app, listed ?? fresh);
  };

  /** Every rule names a known app and says who it matches; throws bad_input naming the first bad rule. */
  const validate = async (rules: RuleConfig[]): Promise<RuleConfig[]> => {
    const apps = new Set((await ctx.repos.workspace.listApps()).map((a) => a.id));
    const parsed = ruleSchema.array().safeParse(rules);
    if (!parsed.success) throw validationError(parsed.error);
    const dup = ruleNameIssues(parsed.data)[0];
    if (dup) {
      const path = dup.path.join('.'); // as the unknown-app check below: "rules.1.name"
      throw new LanyardError('bad_input', `${path}: ${dup.message}`, { path });
    }
    parsed.data.forEach((r, i) => {
      if (!apps.has(r.app)) {
        throw new LanyardError('bad_input', `rules.${i}.app: no app with id "${r.app}"`, {
          path: `rules.${i}.app`,
          hint: 'Add the app in Apps first, or pick one of the connected apps.',
        });
      }
    });
    return parsed.data;
  };

  const guarded = async (input: PlanInput, rules: RuleConfig[]) =>
    applyGuardrails(buildPlan({ ...input, rules }), {
      guardrails: (await ctx.repos.settings.get()).guardrails,
      apps: input.apps,
      suspicious: false,
    });

  return {
    async preview(proposed: RuleConfig[]): Promise<RulesPreview> {
      const rules = await validate(proposed);
      const apps = await ctx.repos.workspace.listApps();
      const input = await buildPlanInput(ctx, { snapshot, accounts, journal }, apps, {});
      const before = await guarded(input, input.rules);
      const after = await guarded(input, rules);

      const beforeKeys = new Set(before.ops.map((o) => o.key));
      const afterKeys = new Set(after.ops.map((o) => o.key));
      const ops = after.ops.filter((o) => !beforeKeys.has(o.key)).map(toImpact);
      const dropped = before.ops.filter((o) => !afterKeys.has(o.key)).map(toImpact);

      const names = new Map(apps.map((a) => [a.id, a.name]));
      const perApp = new Map<string, AppImpact>();
      const counts = emptyCounts();
      for (const op of ops) {
        counts[op.class]++;
        let app = perApp.get(op.appId);
        if (!app) {
          app = {
            appId: op.appId,
            appName: names.get(op.appId) ?? op.appId,
            counts: emptyCounts(),
            byKind: {},
          };
          perApp.set(op.appId, app);
        }
        app.counts[op.class]++;
        app.byKind[op.kind] = (app.byKind[op.kind] ?? 0) + 1;
      }
      const unreadApps = (await status.statuses(apps.filter((a) => a.kind !== 'manual').map((a) => a.id)))
        .filter((s) => s.accounts === null)
        .map((s) => names.get(s.id) ?? s.id);
      return {
        counts,
        apps: [...perApp.values()],
        ops,
        dropped,
        people: input.people.length,
        unreadApps,
        warnings: after.warnings,
        ruleWarnings: await rulesTermWarnings(rules, apps, (app) => storedVocabulary(app)),
      };
    },

    /** The app's roles and groups/teams; with `list`, also lists its groups or teams (a read; a failure is reported). */
    async vocabulary(appId: string, list: boolean): Promise<AppVocabulary> {
      const app = await appOf(appId);
      if (!list || app.kind === 'manual' || !connectorFor) return storedVocabulary(app);
      let listed: AppGroup[] | Error;
      try {
        listed = await (await connectorFor(app)).listGroups();
        listedGroups.set(app.id, { config: JSON.stringify(app), groups: listed });
      } catch (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        log.warn('could not list app groups for the rule editor', { app: app.id, error: e });
        listed = new Error(
          `Could not list the ${app.kind === 'github' ? 'teams' : 'groups'} of ${app.name}: ${e.message}`,
        );
      }
      return storedVocabulary(app, listed);
    },

    async save(proposed: RuleConfig[], actor: string): Promise<RulesSaveResult> {
      const rules = await validate(proposed);
      const changed = await ctx.store.tx(async () => {
        const before = await ctx.repos.workspace.listRules();
        if (JSON.stringify(before) === JSON.stringify(rules)) return false;
        await ctx.repos.workspace.setRules(rules);
        await ctx.audit.append({
          actor,
          action: 'rules.changed',
          before: { rules: before },
          after: { rules },
          result: `ok: ${rules.length} rule(s) stored; applied by the next sync`,
        });
        return true;
      });
      if (changed) {
        log.info('rules saved', { rules: rules.length, actor });
        ctx.events.emit('workspace.changed', { summary: `saved ${rules.length} access rule(s)` });
      }
      return { rules: rules.length, changed };
    },
  };
};

export const createRulesHandlers = (
  ctx: CoreContext,
  connectorFor?: ReadConnectorFor,
): Pick<Handlers, keyof typeof rulesMethods> => {
  const rules = createRulesService(ctx, connectorFor);
  return {
    'rules.vocabulary': async (input) => rules.vocabulary(input.appId, input.list ?? false),
    'rules.preview': async (input) => rules.preview(input.rules),
    'rules.save': (input, call) => rules.save(input.rules, call.actor),
  };
};
