// The read-and-plan half of a run (also the whole of a dry run): pull the directory (incremental for polls, full
// for reconciliations), read every app's accounts (an app that cannot be read sits this run out and is reported;
// a quarantined app is still read, so its revocations can be retried), then plan. The guardrails are the gate's
// (electron/sync/gate/). A failed directory read throws: nothing is planned, so nothing is deprovisioned on the
// strength of a partial directory.
import { LanyardError, errorText } from '../../app/errors';
import type { AppConnector } from '../../apps/types';
import type { DirectoryService } from '../../directory/directory-service';
import type { DirectoryPullResult } from '../../../shared/api/methods-directory';
import type { SkippedApp } from '../../../shared/api/methods-sync';
import { buildPlan } from '../plan';
import type { AppConfig, AppGroup, Plan } from '../types';
import type { EngineDeps } from './engine-deps';
import { buildPlanInput } from './plan-input';

export interface ReadyApp {
  app: AppConfig;
  connector: AppConnector;
}

export interface Prepared {
  pull: DirectoryPullResult;
  /** The plan before the gate's guardrails. */
  plan: Plan;
  ready: ReadyApp[];
  skipped: SkippedApp[];
  /** The directory read looked wrong and was not stored: destructive ops must wait. */
  suspicious: false | { reason: string };
}

export const wantsAppGroups = async (deps: EngineDeps, app: AppConfig): Promise<boolean> =>
  app.kind === 'scim' &&
  (await deps.ctx.repos.workspace.listRules()).some((r) => r.app === app.id && r.appGroups?.length);

export const selectApps = async (deps: EngineDeps, appId?: string): Promise<AppConfig[]> => {
  const apps = await deps.ctx.repos.workspace.listApps();
  if (!appId) return apps;
  const app = apps.find((a) => a.id === appId);
  if (!app) {
    throw new LanyardError('not_found', `There is no app "${appId}".`, {
      hint: 'See the apps of the workspace with `lanyard config export`.',
    });
  }
  return [app];
};

export const prepareRun = async (
  deps: EngineDeps,
  directory: DirectoryService,
  opts: { full: boolean; appId?: string; onPhase?: (phase: 'accounts' | 'plan', message: string) => void },
): Promise<Prepared> => {
  const apps = await selectApps(deps, opts.appId);
  const pull = await directory.pull({ full: opts.full });
  opts.onPhase?.('accounts', `reading accounts of ${apps.length} app(s)`);

  const skipped: SkippedApp[] = [];
  const ready: ReadyApp[] = [];
  const appGroups: Record<string, AppGroup[]> = {};
  const readAt = deps.now();
  await Promise.all(
    apps.map(async (app) => {
      try {
        const connector = await deps.connectorFor(app);
        const list = await connector.listAccounts();
        if (await wantsAppGroups(deps, app)) appGroups[app.id] = await connector.listGroups();
        // Manual apps' accounts ARE the table (admins' confirmations); API apps' reads replace it, all or nothing.
        if (app.kind !== 'manual') await deps.accounts.replaceSnapshot(app.id, list, readAt);
        ready.push({ app, connector });
      } catch (err) {
        const reason = `could not read its accounts: ${errorText(err)}`;
        deps.log.warn('app skipped this run', { app: app.id, reason });
        skipped.push({ appId: app.id, reason });
        // The app's health says why in words (Apps page, tray): nothing was planned for it this run.
        const detail = `${reason} — nothing was planned or changed in ${app.name} this run`;
        if (await deps.quarantine.degrade(app.id, detail))
          deps.ctx.events.emit('health.changed', { component: `app:${app.id}`, status: 'degraded', detail });
      }
    }),
  );
  // Plan in workspace order, whatever order the reads finished in.
  const order = new Map(apps.map((a, i) => [a.id, i]));
  ready.sort((a, b) => order.get(a.app.id)! - order.get(b.app.id)!);

  opts.onPhase?.('plan', 'planning');
  const readyApps = ready.map((r) => r.app);
  const input = await buildPlanInput(
    deps.ctx,
    { ...deps, snapshot: directory.snapshot },
    readyApps,
    appGroups,
  );
  const plan = buildPlan(input);
  // Health of the apps read this run: membership that cannot be read is said in words; otherwise back to ok.
  for (const { app } of ready) {
    const blind = plan.warnings.find((w) => w.startsWith(`${app.name}: membership not readable`));
    if (await (blind ? deps.quarantine.degrade(app.id, blind) : deps.quarantine.recover(app.id))) {
      deps.ctx.events.emit('health.changed', {
        component: `app:${app.id}`,
        status: blind ? 'degraded' : 'ok',
        detail: blind ?? 'read completely',
      });
    }
  }
  const suspicious =
    pull.suspicious && !pull.stored ? { reason: pull.suspiciousDetail ?? 'sudden drop' } : (false as const);
  return { pull, plan, ready, skipped, suspicious };
};
