// The tray: a pure model of the menu for a given state (what the admin sees at a glance) and a TrayService that
// turns it into a real menu. The Tray constructor and Menu builder are injected (as in Signal Desktop's
// SystemTrayService) so tests drive it with fakes, and the menu is rebuilt only when the model changes.
import type { MenuItemConstructorOptions } from 'electron';

export interface TrayState {
  paused: boolean;
  syncing: boolean;
  pendingDeprovisions: number;
  quarantinedApps: number;
  /** A core component in error (e.g. "Keychain needs attention"); shown before anything else. */
  problem: string | null;
  /** False until the contract offers `sync.now`. */
  syncNowAvailable: boolean;
  /** null where the OS has no login items Electron can set (Linux). */
  launchAtLogin: boolean | null;
}

export type TrayActionId =
  'open' | 'offboard' | 'sync-now' | 'toggle-pause' | 'toggle-launch-at-login' | 'quit';

export type TrayItem =
  | { kind: 'status'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; id: TrayActionId; label: string; enabled: boolean }
  | { kind: 'checkbox'; id: TrayActionId; label: string; checked: boolean };

export interface TrayModel {
  tooltip: string;
  items: TrayItem[];
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The one-line summary, most urgent first. */
export const trayStatusLine = (s: TrayState): string => {
  if (s.problem) return s.problem;
  if (s.quarantinedApps > 0) return `${plural(s.quarantinedApps, 'app', 'apps')} quarantined`;
  if (s.pendingDeprovisions > 0)
    return `${plural(s.pendingDeprovisions, 'pending deprovision', 'pending deprovisions')}`;
  if (s.syncing) return 'Syncing…';
  if (s.paused) return 'Syncing paused';
  return 'All in step';
};

export const trayMenuModel = (s: TrayState): TrayModel => {
  const status = trayStatusLine(s);
  const items: TrayItem[] = [
    { kind: 'status', label: status },
    { kind: 'separator' },
    { kind: 'action', id: 'open', label: 'Open Lanyard', enabled: true },
    { kind: 'action', id: 'offboard', label: 'Offboard someone…', enabled: true },
    s.syncNowAvailable
      ? { kind: 'action', id: 'sync-now', label: 'Sync now', enabled: !s.syncing && !s.paused }
      : { kind: 'action', id: 'sync-now', label: 'Sync now (not available yet)', enabled: false },
    {
      kind: 'action',
      id: 'toggle-pause',
      label: s.paused ? 'Resume syncing' : 'Pause syncing',
      enabled: true,
    },
  ];
  if (s.launchAtLogin !== null) {
    items.push(
      { kind: 'separator' },
      { kind: 'checkbox', id: 'toggle-launch-at-login', label: 'Open at login', checked: s.launchAtLogin },
    );
  }
  items.push({ kind: 'separator' }, { kind: 'action', id: 'quit', label: 'Quit Lanyard', enabled: true });
  return { tooltip: `Lanyard — ${status}`, items };
};

/** `offboard` falls back to `open` (the window opens; the admin picks Offboarding). */
export type TrayActions = Record<Exclude<TrayActionId, 'offboard'>, () => void> & { offboard?: () => void };

const act = (actions: TrayActions, id: TrayActionId): void =>
  id === 'offboard' ? (actions.offboard ?? actions.open)() : actions[id]();

export const toMenuTemplate = (model: TrayModel, actions: TrayActions): MenuItemConstructorOptions[] =>
  model.items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'status':
        return { label: item.label, enabled: false };
      case 'separator':
        return { type: 'separator' };
      case 'action':
        return { label: item.label, enabled: item.enabled, click: () => act(actions, item.id) };
      case 'checkbox':
        return {
          type: 'checkbox',
          label: item.label,
          checked: item.checked,
          click: () => act(actions, item.id),
        };
    }
  });

/** The parts of Electron's Tray the service uses; Electron's Tray satisfies it. */
export interface TrayLike<M> {
  setContextMenu(menu: M | null): void;
  setToolTip(toolTip: string): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
  /** Electron's Tray.setImage, given an icon file's path. */
  setImage?(image: string): void;
}

export interface TrayServiceDeps<M> {
  /** `icon` is the state's icon file when `iconFor` is given, else undefined (the caller draws its own). */
  createTray: (icon?: string) => TrayLike<M>;
  buildMenu: (template: MenuItemConstructorOptions[]) => M;
  actions: TrayActions;
  /** The icon file's path for a state (see tray-icon.ts); the icon is swapped when it changes. */
  iconFor?: (state: TrayState) => string;
}

export class TrayService<M> {
  private tray: TrayLike<M> | null = null;
  private lastModel = '';
  private lastIcon: string | undefined;

  constructor(private readonly deps: TrayServiceDeps<M>) {}

  /** Shows the tray for this state; rebuilds the menu and swaps the icon only when what they show has changed. */
  update(state: TrayState): void {
    const model = trayMenuModel(state);
    const key = JSON.stringify(model);
    const icon = this.deps.iconFor?.(state);
    if (this.tray && icon !== this.lastIcon && icon !== undefined) this.tray.setImage?.(icon);
    this.lastIcon = icon;
    if (this.tray && key === this.lastModel) return;
    if (!this.tray) {
      this.tray = this.deps.createTray(icon);
      // Windows and most Linux trays: a left click opens the app; the menu stays on right click.
      this.tray.on('click', () => this.deps.actions.open());
    }
    this.lastModel = key;
    this.tray.setContextMenu(this.deps.buildMenu(toMenuTemplate(model, this.deps.actions)));
    this.tray.setToolTip(model.tooltip);
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
    this.lastModel = '';
    this.lastIcon = undefined;
  }
}
