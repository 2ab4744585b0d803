// Desktop notifications: a pure model that turns a burst of core events into at most one notice per kind —
// new pending deprovisions, failed revocations, quarantined apps — so a bulk event (15 leavers in one pull) is ONE
// notification; and a thin notifier that collects events for a short window, asks the model, and shows the notices
// through an injected `show` (Electron's Notification in main.ts). Clicking a notice opens the Offboarding page.
import type { EventEnvelope } from '../../shared/api/events';
import type { RunView } from '../../shared/api/methods-sync';

export interface DesktopNotice {
  kind: 'pending' | 'failed' | 'quarantined';
  title: string;
  body: string;
}

export interface NoticeState {
  /** The pending count the admin was last told about (or started with). */
  pending: number;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Pure: the notices for a burst of events, and the state after it. */
export const noticesFor = (
  state: NoticeState,
  events: readonly EventEnvelope[],
): { notices: DesktopNotice[]; state: NoticeState } => {
  let pending = state.pending;
  let failed = 0;
  const quarantined = new Set<string>();
  for (const e of events) {
    if (e.event === 'offboarding.pendingChanged') pending = (e.data as { count: number }).count;
    else if (e.event === 'sync.finished') {
      const run = e.data as RunView;
      failed += Object.values(run.stats?.apps ?? {}).reduce((n, a) => n + a.failed, 0);
    } else if (e.event === 'health.changed') {
      const h = e.data as { component: string; status: string; detail: string };
      if (h.component.startsWith('app:') && h.status === 'error' && h.detail.startsWith('quarantined'))
        quarantined.add(h.component.slice(4));
      if (h.component.startsWith('app:') && h.status === 'ok') quarantined.delete(h.component.slice(4));
    }
  }
  const notices: DesktopNotice[] = [];
  const added = pending - state.pending;
  if (added > 0) {
    notices.push({
      kind: 'pending',
      title: plural(added, 'new pending deprovision', 'new pending deprovisions'),
      body: `${plural(pending, 'task waits', 'tasks wait')} for review or a manual step. Open Offboarding to act.`,
    });
  }
  if (failed > 0) {
    notices.push({
      kind: 'failed',
      title: plural(failed, 'operation failed', 'operations failed'),
      body: 'Open Lanyard to see what is left.',
    });
  }
  if (quarantined.size > 0) {
    const names = [...quarantined];
    notices.push({
      kind: 'quarantined',
      title: names.length === 1 ? `${names[0]} is quarantined` : `${names.length} apps are quarantined`,
      body: 'Their changes are on hold until you resume them.',
    });
  }
  return { notices, state: { pending } };
};

export interface NotifierDeps {
  subscribe(listener: (e: EventEnvelope) => void): () => void;
  show(notice: DesktopNotice, onClick: () => void): void;
  openOffboarding(): void;
  /** Collects a burst before notifying (default 1500 ms); injected so tests drive it. */
  schedule?: (fn: () => void, ms: number) => { cancel(): void };
  initialPending?: number;
  windowMs?: number;
}

const RELEVANT = new Set(['offboarding.pendingChanged', 'sync.finished', 'health.changed']);

export const startNotifier = (deps: NotifierDeps): { flush(): void; dispose(): void } => {
  let state: NoticeState = { pending: deps.initialPending ?? 0 };
  let buffer: EventEnvelope[] = [];
  let timer: { cancel(): void } | null = null;
  const schedule =
    deps.schedule ??
    ((fn: () => void, ms: number) => {
      const t = setTimeout(fn, ms);
      return { cancel: () => clearTimeout(t) };
    });
  const flush = (): void => {
    timer?.cancel();
    timer = null;
    const r = noticesFor(state, buffer);
    buffer = [];
    state = r.state;
    for (const n of r.notices) deps.show(n, deps.openOffboarding);
  };
  const unsubscribe = deps.subscribe((e) => {
    if (!RELEVANT.has(e.event)) return;
    buffer.push(e);
    timer ??= schedule(flush, deps.windowMs ?? 1500);
  });
  return {
    flush,
    dispose() {
      timer?.cancel();
      unsubscribe();
    },
  };
};
