// The tray: a pure model of the menu for a given state (what the admin sees at a glance) and a TrayService that
// turns it into a real menu. The Tray constructor and Menu builder are injected (as in Signal Desktop's
// SystemTrayService) so tests drive it with fakes, and the menu is rebuilt only when the model changes.
// The menu opens with one line per thing that needs the admin, most urgent first; the tooltip and the icon show
// the most urgent one.
import type { MenuItemConstructorOptions } from 'electron';
import type { ApplyingState } from '../../shared/api/methods-sync';
import { approvalsWords, manualTasksWords } from '../../shared/status/status-words';

export interface TrayState {
  /** The schedule is paused: nothing runs until resumed. */
  paused: boolean;
  syncing: boolean;
  /** Revocations held until an admin approves them (status.summary's pending.approvals). */
  approvals: number;
  /** Offboarding checklist steps and manual-app tasks a person does by hand: work, not a decision. */
  manualTasks: number;
  quarantinedApps: number;
  /** "Slack: 5 operations in a row failed" for one app, the names for several; null when none or unknown. */
  quarantineDetail: string | null;
  /** Whether runs apply their plans; a new workspace waits for its first reviewed plan. */
  applying: ApplyingState;
  /**
   * Other changes held for review (not revocations, which `approvals` counts), and the reason most of them share
   * ("9 would exceed the limit of 5 per run").
   */
  heldChanges: number;
  heldReason: string | null;
  /** Access reviews needing attention ("2 reviews overdue", reviews.status), or null/absent when none do. */
  reviews?: string | null;
  /**
   * The most urgent error in status.summary's words ("Acme Okta cannot be read: the last 3 reads failed"), or a
   * core component in error; shown before anything else.
   */
  problem: string | null;
  /** When that problem started (ISO), for the menu line; null when unknown. */
  problemSince?: string | null;
  /** False until the contract offers `sync.now`. */
  syncNowAvailable: boolean;
  /** null where the OS has no login items Electron can set (Linux). */
  launchAtLogin: boolean | null;
}

export type TrayActionId =
  | 'open'
  | 'offboard'
  | 'review'
  | 'first-plan'
  | 'sync-now'
  | 'toggle-pause'
  | 'toggle-launch-at-login'
  | 'quit';

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

export type TrayCondition =
  | 'problem'
  | 'quarantined'
  | 'approvals'
  | 'tasks'
  | 'held'
  | 'awaiting-first-review'
  | 'applying-paused'
  | 'reviews'
  | 'syncing'
  | 'paused';

export const AWAITING_LINE = 'Applying paused until the first plan is reviewed';

/** Everything that needs the admin, most urgent first (the status line, the icon and the menu share this order). */
export const trayConditions = (s: TrayState): TrayCondition[] => {
  const all: [TrayCondition, boolean][] = [
    ['problem', s.problem !== null],
    ['quarantined', s.quarantinedApps > 0],
    ['approvals', s.approvals > 0],
    ['tasks', s.manualTasks > 0],
    ['held', s.heldChanges > 0],
    ['awaiting-first-review', s.applying === 'awaiting-first-review'],
    // A paused schedule runs nothing at all, which says more than "runs apply nothing".
    ['applying-paused', s.applying === 'paused' && !s.paused],
    ['reviews', !!s.reviews],
    ['syncing', s.syncing],
    ['paused', s.paused],
  ];
  return all.filter(([, on]) => on).map(([c]) => c);
};

/** "14:05" today, "2 Dec 14:05" before: the menu is read at a glance, on this machine's clock. */
const sinceText = (iso: string): string => {
  const at = new Date(iso);
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return at.toDateString() === new Date().toDateString()
    ? time
    : `${at.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
};

const short = (text: string, max = 90): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** One condition in a few words (the status line and the tooltip). */
const shortLine = (s: TrayState, c: TrayCondition): string => {
  switch (c) {
    case 'problem':
      return s.problem ?? 'Lanyard needs attention';
    case 'quarantined':
      return `${plural(s.quarantinedApps, 'app', 'apps')} quarantined`;
    case 'approvals':
      return approvalsWords(s.approvals);
    case 'tasks':
      return manualTasksWords(s.manualTasks);
    case 'held':
      return `${plural(s.heldChanges, 'change', 'changes')} held for review`;
    case 'awaiting-first-review':
      return AWAITING_LINE;
    case 'applying-paused':
      return 'Applying paused';
    case 'reviews':
      return s.reviews ?? 'Access reviews need attention';
    case 'syncing':
      return 'Syncing…';
    case 'paused':
      return 'Syncing paused';
  }
};

/** One condition with its why, for the menu: "12 changes held for review: 9 would exceed the limit of 5 per run". */
const menuLine = (s: TrayState, c: TrayCondition): string => {
  if (c === 'problem' && s.problemSince)
    return short(`${shortLine(s, c)} (since ${sinceText(s.problemSince)})`);
  if (c === 'quarantined' && s.quarantineDetail) return short(`${shortLine(s, c)}: ${s.quarantineDetail}`);
  if (c === 'held' && s.heldReason) return short(`${shortLine(s, c)}: ${s.heldReason}`);
  return shortLine(s, c);
};

/** The one-line summary: the most urgent condition, or "All in step". */
export const trayStatusLine = (s: TrayState): string => {
  const first = trayConditions(s)[0];
  return first ? shortLine(s, first) : 'All in step';
};

export const trayMenuModel = (s: TrayState): TrayModel => {
  const status = trayStatusLine(s);
  const conditions = trayConditions(s);
  const lines = conditions.length ? conditions.map((c) => menuLine(s, c)) : [status];
  const items: TrayItem[] = [
    ...lines.map((label): TrayItem => ({ kind: 'status', label })),
    { kind: 'separator' },
    { kind: 'action', id: 'open', label: 'Open Lanyard', enabled: true },
  ];
  if (s.applying === 'awaiting-first-review')
    items.push({ kind: 'action', id: 'first-plan', label: 'Review the first plan…', enabled: true });
  if (s.heldChanges > 0 || s.approvals > 0)
    items.push({ kind: 'action', id: 'review', label: 'Review held changes…', enabled: true });
  items.push(
    { kind: 'action', id: 'offboard', label: 'Offboard someone…', enabled: true },
    s.syncNowAvailable
      ? {
          kind: 'action',
          id: 'sync-now',
          label: 'Sync now',
          // Before the first reviewed plan the core refuses a sync that applies; the menu offers the plan instead.
          enabled: !s.syncing && !s.paused && s.applying !== 'awaiting-first-review',
        }
      : { kind: 'action', id: 'sync-now', label: 'Sync now (not available yet)', enabled: false },
    {
      kind: 'action',
      id: 'toggle-pause',
      label: s.paused ? 'Resume syncing' : 'Pause syncing',
      enabled: true,
    },
  );
  if (s.launchAtLogin !== null) {
    items.push(
      { kind: 'separator' },
      { kind: 'checkbox', id: 'toggle-launch-at-login', label: 'Open at login', checked: s.launchAtLogin },
    );
  }
  items.push({ kind: 'separator' }, { kind: 'action', id: 'quit', label: 'Quit Lanyard', enabled: true });
  return { tooltip: `Lanyard — ${status}`, items };
};

/** Actions that open a page fall back to `open` (the window opens; the admin picks the page). */
type PageAction = 'offboard' | 'review' | 'first-plan';
export type TrayActions = Record<Exclude<TrayActionId, PageAction>, () => void> &
  Partial<Record<PageAction, () => void>>;

const act = (actions: TrayActions, id: TrayActionId): void => {
  if (id === 'offboard' || id === 'review' || id === 'first-plan') (actions[id] ?? actions.open)();
  else actions[id]();
};

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
