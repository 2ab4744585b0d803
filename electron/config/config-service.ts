// config.apply / config.export: the workspace file (config as code). See docs/workspace-config.md.
// Apply validates the whole file first and then replaces directory, apps, rules and settings in ONE SQLite
// transaction: a bad file, or a failure halfway through storing, leaves the stored workspace exactly as it was.
// A dry run (`dryRun: true`) validates the same way and says what would be added, changed and removed
// (workspace-diff.ts) — it stores nothing, audits nothing and emits nothing: the Settings page shows it before
// an admin confirms a replacement.
import { createSafeStart } from '../sync/gate/safe-start';
import type { ConfigApplyResult, SettingsSection } from '../../shared/config/apply-result';
import type { Workspace } from '../../shared/config/workspace';
import { defaultSettings, type Settings } from '../../shared/domain/settings';
import type { CoreContext } from '../app/context';
import { parseYaml, validateWorkspace } from './parse-workspace';
import { workspaceToYaml, type StoredWorkspace } from './export-workspace';
import { workspaceAuditSummary } from '../audit/workspace-summary';
import { ruleGroupWarnings } from './rule-group-warnings';
import { ruleTermWarningLines } from '../sync/rule-term-check';
import { createWorkspaceReviewsRepo } from '../reviews/workspace-reviews-repo';
import { diffWorkspace } from './workspace-diff';

const SETTINGS_SECTIONS: SettingsSection[] = ['guardrails', 'offboarding', 'schedule'];

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a valid file will change, in words and as data. */
export const summarizeWorkspace = (ws: Workspace): ConfigApplyResult => {
  const settings = SETTINGS_SECTIONS.filter((s) => ws[s] !== undefined);
  const parts = [
    ws.directory ? `1 directory (${ws.directory.kind})` : 'no directory',
    plural(ws.apps.length, 'app'),
    plural(ws.rules.length, 'rule'),
  ];
  return {
    applied: true,
    summary: parts.join(', ') + (settings.length ? `; ${settings.join(', ')}` : ''),
    directory: ws.directory?.kind ?? null,
    apps: ws.apps.map((a) => a.id),
    rules: ws.rules.length,
    settings,
    warnings: [],
  };
};

/**
 * The file's settings sections over the defaults: a section the file leaves out goes back to its defaults. The
 * admin's own name for the audit log is not in the file and is kept.
 */
const settingsFrom = (ws: Workspace, operator: Settings['operator']): Settings => {
  const d = defaultSettings();
  return {
    guardrails: { ...d.guardrails, ...ws.guardrails },
    offboarding: { ...d.offboarding, ...ws.offboarding },
    schedule: { ...d.schedule, ...ws.schedule },
    operator,
  };
};

export const readStoredWorkspace = async (ctx: CoreContext): Promise<StoredWorkspace> => ({
  directory: await ctx.repos.workspace.getDirectory(),
  apps: await ctx.repos.workspace.listApps(),
  rules: await ctx.repos.workspace.listRules(),
  settings: await ctx.repos.settings.get(),
  reviews: await createWorkspaceReviewsRepo(ctx.store).definitions(),
  exceptions: await createWorkspaceReviewsRepo(ctx.store).exceptions(),
});

export const createConfigService = (ctx: CoreContext) => {
  const log = ctx.log.child('config');
  return {
    async exportYaml(): Promise<{ yaml: string }> {
      const awaitingFirstReview = (await createSafeStart(ctx.store).reviewed()) === null;
      return {
        yaml: workspaceToYaml({ ...(await readStoredWorkspace(ctx)), awaitingFirstReview }, ctx.version),
      };
    },
    async applyYaml(
      yaml: string,
      actor: string,
      opts: { dryRun?: boolean } = {},
    ): Promise<ConfigApplyResult> {
      const raw = parseYaml(yaml);
      const ws = validateWorkspace(raw);
      // Only a `paused: false` written in the file counts as "start applying" (the schema defaults it otherwise).
      const explicitStart = (raw as { schedule?: { paused?: unknown } } | null)?.schedule?.paused === false;
      const settings = settingsFrom(ws, (await ctx.repos.settings.get()).operator);
      const result = summarizeWorkspace(ws);
      if (opts.dryRun) {
        const changes = diffWorkspace(await readStoredWorkspace(ctx), ws, settings);
        const warnings = [
          ...(await ruleGroupWarnings(ctx.store, ws.rules)),
          ...(await ruleTermWarningLines(ctx.store, ws.rules, ws.apps)),
        ];
        return { ...result, applied: false, changes, warnings };
      }
      await ctx.store.tx(async () => {
        const before = workspaceAuditSummary(await readStoredWorkspace(ctx));
        await ctx.repos.workspace.setDirectory(ws.directory ?? null);
        await ctx.repos.workspace.setApps(ws.apps);
        await ctx.repos.workspace.setRules(ws.rules);
        await ctx.repos.settings.put(settings);
        const reviews = createWorkspaceReviewsRepo(ctx.store);
        await reviews.setDefinitions(ws.reviews ?? []);
        await reviews.setExceptions(ws.exceptions ?? []);
        // A summary, never the YAML text: auth blocks are left out, and the ledger redacts secret-looking values too.
        const after = workspaceAuditSummary({
          directory: ws.directory ?? null,
          apps: ws.apps,
          rules: ws.rules,
          settings,
        });
        await ctx.audit.append({
          actor,
          action: 'config.applied',
          before,
          after,
          result: `ok: ${result.summary}`,
        });
        // Safe start: writing `schedule.paused: false` in the file is an explicit "start applying".
        if (
          explicitStart &&
          (await createSafeStart(ctx.store).markReviewed(ctx.clock.now().toISOString(), actor))
        ) {
          await ctx.audit.append({
            actor,
            action: 'sync.firstPlanReviewed',
            result: 'ok: applying starts (schedule.paused: false set explicitly in the workspace file)',
          });
        }
      });
      // Read after storing: a new directory in the file drops the old snapshot, and then there is nothing to check.
      result.warnings = [
        ...(await ruleGroupWarnings(ctx.store, ws.rules)),
        ...(await ruleTermWarningLines(ctx.store, ws.rules, ws.apps)),
      ];
      log.info('workspace applied', { actor, summary: result.summary, warnings: result.warnings.length });
      ctx.events.emit('workspace.changed', { summary: result.summary });
      ctx.events.emit('settings.changed', settings);
      return result;
    },
  };
};
