// Feeds the tray from the core: reads app.info + settings into a TrayState, refreshes on core events, and carries
// out the menu's actions (pause/resume through settings.set, open at login through a desktop preference).
// For now the state knows only what the contract offers; sync progress, pending deprovisions and quarantines
// join it when their methods and events exist.
import type { AppInfo } from '../../shared/api/contract';
import { isMethodName } from '../../shared/api/contract';
import type { Settings } from '../../shared/domain/settings';
import { dispatch } from '../app/dispatch';
import type { Lanyard } from '../app/create-lanyard';
import type { Logger } from '../log/logger';
import { TrayService, type TrayServiceDeps, type TrayState } from './tray';

const ACTOR = { actor: 'tray' } as const;
const REFRESH_ON = new Set(['settings.changed', 'health.changed', 'offboarding.pendingChanged']);

const componentLabel: Record<string, string> = {
  store: 'Database',
  keychain: 'Keychain',
  scheduler: 'Scheduler',
};

/** Pure: the tray's state from what the core reports. */
export const trayStateFrom = (
  info: AppInfo,
  settings: Settings,
  launchAtLogin: boolean | null,
  /** Offboarding tasks waiting for an admin (review + manual steps). */
  pendingDeprovisions = 0,
): TrayState => {
  const broken = info.health.find((h) => h.status === 'error');
  return {
    paused: settings.schedule.paused,
    syncing: false,
    pendingDeprovisions,
    quarantinedApps: 0,
    problem: broken ? `${componentLabel[broken.component] ?? broken.component} needs attention` : null,
    syncNowAvailable: isMethodName('sync.now'),
    launchAtLogin,
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
  quit: () => void;
  loginItem: LoginItem;
  log?: Logger;
}

export interface TrayController {
  /** Re-reads the core and updates the tray; resolves when the menu shows the new state. */
  refresh(): Promise<void>;
  togglePause(): Promise<void>;
  toggleLaunchAtLogin(): Promise<void>;
  dispose(): void;
}

export const startTray = <M>(deps: TrayControllerDeps<M>): TrayController => {
  let paused = false;
  let disposed = false;

  const readState = async (): Promise<TrayState> => {
    const [info, settings, offboarding] = await Promise.all([
      dispatch(deps.core.handlers, 'app.info', {}, ACTOR, deps.log),
      dispatch(deps.core.handlers, 'settings.get', {}, ACTOR, deps.log),
      isMethodName('offboarding.list') && deps.core.handlers['offboarding.list']
        ? dispatch(deps.core.handlers, 'offboarding.list', { status: 'open' }, ACTOR, deps.log)
        : Promise.resolve(null),
    ]);
    const pending = offboarding?.ok ? (offboarding.value as { pending: number }).pending : 0;
    const launch = deps.loginItem.supported ? deps.loginItem.get() : null;
    if (!info.ok || !settings.ok) {
      const error = !info.ok ? info.error : !settings.ok ? settings.error : null;
      deps.log?.warn('tray could not read the core state', { error });
      return { ...emptyState(launch), problem: 'Lanyard cannot read its state' };
    }
    return trayStateFrom(info.value as AppInfo, settings.value as Settings, launch, pending);
  };

  const refresh = async (): Promise<void> => {
    const state = await readState();
    if (disposed) return;
    paused = state.paused;
    service.update(state);
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
      'sync-now': () => undefined, // enabled only once the contract has sync.now; wired then.
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
  pendingDeprovisions: 0,
  quarantinedApps: 0,
  problem: null,
  syncNowAvailable: false,
  launchAtLogin,
});
