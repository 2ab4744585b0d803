// Feeds the tray from the core: reads app.info, settings, status.summary (problems in the same words as the Overview
// and the Sync page, revocations waiting for approval, tasks to do by hand, other held changes), sync.status
// (running, applying, quarantined apps) and reviews.status (reviews due or overdue) into a TrayState, refreshes on
// the core events that change them, and
// carries out the menu's actions (Sync now, pause/resume through settings.set, open at login through a desktop
// preference). Refreshes never pile up: events during a refresh ask for one more, not one each (a run sends many
// sync.progress events).
import type { AppInfo } from '../../shared/api/contract';
import { isMethodName } from '../../shared/api/contract';
import type { ReviewsStatus } from '../../shared/api/methods-reviews';
import type { SchedulerStatus } from '../../shared/api/methods-sync';
import type { StatusSummary } from '../../shared/api/methods-status';
import type { Settings } from '../../shared/domain/settings';
import { dispatch } from '../app/dispatch';
import type { Lanyard } from '../app/create-lanyard';
import type { Logger } from '../log/logger';
import { TrayService, type TrayServiceDeps, type TrayState } from './tray';

const ACTOR = { actor: 'tray' } as const;
const REFRESH_ON = new Set([
  'settings.changed',
  'health.changed',
  'offboarding.pendingChanged',
  // A task done (or undone) by hand changes the "to do by hand" line.
  'tasks.changed',
  'sync.progress',
  'sync.finished',
  'review.changed',
  'reviews.changed',
  'workspace.changed',
  // A run that only planned (a workspace waiting for its first reviewed plan).
  'sync.planned',
]);

const componentLabel: Record<string, string> = {
  store: 'Database',
  keychain: 'Keychain',
  scheduler: 'Scheduler',
};

/** "Slack: 5 operations in a row failed" for one app; "Slack, Zoom and Jira" for several. */
const quarantineDetail = (apps: SchedulerStatus['quarantined']): string | null => {
  if (apps.length === 0) return null;
  if (apps.length === 1) return `${apps[0]!.appName}: ${apps[0]!.reason}`;
  const names = apps.map((a) => a.appName);
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
};

/** Pure: the tray's state from what the core reports. */
export const trayStateFrom = (
  info: AppInfo,
  settings: Settings,
  launchAtLogin: boolean | null,
  /** status.summary; null when it could not be read (the tray then shows what it knows). */
  summary: StatusSummary | null = null,
  /** sync.status; null when it could not be read (the tray then shows what it knows). */
  status: SchedulerStatus | null = null,
  /** reviews.status's message ("2 reviews overdue"); null when nothing is due or it could not be read. */
  reviews: string | null = null,
): TrayState => {
  const broken = info.health.find((h) => h.status === 'error');
  // Quarantined apps keep their own line (with Resume on the Sync page); any other error is the problem line.
  const error = summary?.problems.find((p) => p.tone === 'error' && !p.title.endsWith(' is quarantined'));
  const quarantined = status?.quarantined ?? [];
  // Revocations are counted as approvals; the held line is about the other changes.
  const held = summary?.pending.otherHeld ?? status?.held ?? { total: 0, reasons: [] };
  const mainReason = [...held.reasons].sort((a, b) => b.count - a.count)[0];
  return {
    paused: settings.schedule.paused,
    syncing: status?.running ?? false,
    approvals: summary?.pending.approvals.total ?? 0,
    manualTasks: summary?.pending.manualTasks ?? 0,
    quarantinedApps: quarantined.length,
    quarantineDetail: quarantineDetail(quarantined),
    applying: status?.applying ?? 'on',
    heldChanges: held.total,
    heldReason: mainReason
      ? mainReason.count === held.total
        ? mainReason.reason
        : `${mainReason.count} ${mainReason.reason}`
      : null,
    problem: error
      ? error.title
      : broken
        ? `${componentLabel[broken.component] ?? broken.component} needs attention`
        : null,
    problemSince: error?.since ?? null,
    syncNowAvailable: isMethodName('sync.now'),
    launchAtLogin,
    reviews,
  };
};

export interface LoginItem {
  /** False where Electron cannot set login items (Linux). */
  supported: boolean;
  get(): boolean;
  set(on: boolean): void;
}

export interface TrayControllerDeps<M> {
  core: Pick<Lanyard, 'handlers' | 'events'>;
  createTray: TrayServiceDeps<M>['createTray'];
  buildMenu: TrayServiceDeps<M>['buildMenu'];
  iconFor?: TrayServiceDeps<M>['iconFor'];
  openWindow: () => void;
  /** Opens the window on the Offboarding page (default: just opens the window). */
  openOffboarding?: () => void;
  /** Opens the window on the Sync page's review queue (`#/sync?focus=review`; default: just opens the window). */
  openReview?: () => void;
  /** Opens the window on the Sync page with a fresh plan (`#/sync?preview=1`; default: just opens the window). */
  openFirstPlan?: () => void;
  quit: () => void;
  loginItem: LoginItem;
  log?: Logger;
}

export interface TrayController {
  /** Re-reads the core and updates the tray; resolves when the menu shows the new state. */
  refresh(): Promise<void>;
  togglePause(): Promise<void>;
  toggleLaunchAtLogin(): Promise<void>;
  /** The menu's Sync now: one run now (sync.now), then the tray shows its outcome. */
  syncNow(): Promise<void>;
  dispose(): void;
}

export const startTray = <M>(deps: TrayControllerDeps<M>): TrayController => {
  let paused = false;
  let disposed = false;

  const readState = async (): Promise<TrayState> => {
    const [info, settings, summary, sync, reviews] = await Promise.all([
      dispatch(deps.core.handlers, 'app.info', {}, ACTOR, deps.log),
      dispatch(deps.core.handlers, 'settings.get', {}, ACTOR, deps.log),
      dispatch(deps.core.handlers, 'status.summary', {}, ACTOR, deps.log),
      dispatch(deps.core.handlers, 'sync.status', {}, ACTOR, deps.log),
      deps.core.handlers['reviews.status']
        ? dispatch(deps.core.handlers, 'reviews.status', {}, ACTOR, deps.log)
        : Promise.resolve(null),
    ]);
    if (!summary.ok) deps.log?.warn('tray could not read the status summary', { error: summary.error });
    if (!sync.ok) deps.log?.warn('tray could not read the sync status', { error: sync.error });
    const status = sync.ok ? (sync.value as SchedulerStatus) : null;
    const launch = deps.loginItem.supported ? deps.loginItem.get() : null;
    if (!info.ok || !settings.ok) {
      const error = !info.ok ? info.error : !settings.ok ? settings.error : null;
      deps.log?.warn('tray could not read the core state', { error });
      return { ...emptyState(launch), problem: 'Lanyard cannot read its state' };
    }
    if (reviews && !reviews.ok)
      deps.log?.warn('tray could not read the access reviews', { error: reviews.error });
    const reviewsLine = reviews?.ok ? (reviews.value as ReviewsStatus).message : null;
    return trayStateFrom(
      info.value as AppInfo,
      settings.value as Settings,
      launch,
      summary.ok ? (summary.value as StatusSummary) : null,
      status,
      reviewsLine,
    );
  };

  // One refresh at a time; a request during one runs once more after it (so the last state always shows).
  let inFlight: Promise<void> | null = null;
  let again = false;
  const refresh = (): Promise<void> => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      try {
        do {
          again = false;
          const state = await readState();
          if (disposed) return;
          paused = state.paused;
          service.update(state);
        } while (again && !disposed);
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  };

  const run = (task: () => Promise<void>) => () => {
    task().catch((err: unknown) => deps.log?.error('tray action failed', { error: err }));
  };

  const togglePause = async (): Promise<void> => {
    const result = await dispatch(
      deps.core.handlers,
      'settings.set',
      { schedule: { paused: !paused } },
      ACTOR,
      deps.log,
    );
    if (!result.ok) deps.log?.warn('could not change the sync pause', { error: result.error });
    await refresh();
  };

  const syncNow = async (): Promise<void> => {
    const result = await dispatch(deps.core.handlers, 'sync.now', {}, ACTOR, deps.log);
    if (!result.ok) deps.log?.warn('sync now from the tray failed', { error: result.error });
    await refresh();
  };

  const toggleLaunchAtLogin = async (): Promise<void> => {
    if (!deps.loginItem.supported) return;
    deps.loginItem.set(!deps.loginItem.get());
    await refresh();
  };

  const service = new TrayService<M>({
    createTray: deps.createTray,
    buildMenu: deps.buildMenu,
    iconFor: deps.iconFor,
    actions: {
      open: deps.openWindow,
      offboard: deps.openOffboarding ?? deps.openWindow,
      review: deps.openReview ?? deps.openWindow,
      'first-plan': deps.openFirstPlan ?? deps.openWindow,
      'sync-now': run(syncNow),
      'toggle-pause': run(togglePause),
      'toggle-launch-at-login': run(toggleLaunchAtLogin),
      quit: deps.quit,
    },
  });

  const unsubscribe = deps.core.events.subscribe((envelope) => {
    if (REFRESH_ON.has(envelope.event)) run(refresh)();
  });

  return {
    refresh,
    togglePause,
    toggleLaunchAtLogin,
    syncNow,
    dispose() {
      disposed = true;
      unsubscribe();
      service.destroy();
    },
  };
};

const emptyState = (launchAtLogin: boolean | null): TrayState => ({
  paused: false,
  syncing: false,
  approvals: 0,
  manualTasks: 0,
  quarantinedApps: 0,
  quarantineDetail: null,
  applying: 'on',
  heldChanges: 0,
  heldReason: null,
  problem: null,
  syncNowAvailable: false,
  launchAtLogin,
});
