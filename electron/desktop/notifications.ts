// Desktop notifications: a pure model that turns a burst of core events (and, when given, the sync status read
// after it) into at most one notice per cause — new pending deprovisions, failed operations, newly quarantined apps,
// changes held for one reason ("7 changes held: 9 would exceed the limit of 5 per run"), applying paused — so a bulk
// event (15 leavers in one pull, 40 ops held by one guardrail) is ONE notification, never one per op; and a thin
// notifier that collects events for a short window, asks the model, and shows the notices through an injected
// `show` (Electron's Notification in main.ts). A click opens the page that acts on the notice.
import type { EventEnvelope } from '../../shared/api/events';
import type { ApplyingState, RunView, SchedulerStatus } from '../../shared/api/methods-sync';
import { dispatch } from '../app/dispatch';
import type { Lanyard } from '../app/create-lanyard';
import type { Logger } from '../log/logger';

export interface DesktopNotice {
  kind: 'pending' | 'failed' | 'quarantined' | 'held' | 'applying';
  title: string;
  body: string;
}

export interface NoticeState {
  /** The pending count the admin was last told about (or started with). */
  pending: number;
  /** Held changes by reason as last told (or first seen); absent until a sync status has been read. */
  held?: Record<string, number>;
  /** Quarantined app ids as last told (or first seen). */
  quarantined?: string[];
  applying?: ApplyingState;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const short = (text: string, max = 110): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Held reasons shown one notice each; more reasons than this are folded into one notice. */
const HELD_NOTICES = 3;

/** The state a sync status sets without telling anyone (the baseline at start). */
export const statusBaseline = (state: NoticeState, status: SchedulerStatus): NoticeState => ({
  ...state,
  held: Object.fromEntries(status.held.reasons.map((r) => [r.reason, r.count])),
  quarantined: status.quarantined.map((q) => q.appId),
  applying: status.applying,
});

const heldNotices = (told: Record<string, number>, status: SchedulerStatus): DesktopNotice[] => {
  const grown = status.held.reasons
    .filter((r) => r.count > (told[r.reason] ?? 0))
    .sort((a, b) => b.count - a.count);
  const body = 'Nothing was sent for them. Open the review queue on the Sync page to approve or skip them.';
  const notices: DesktopNotice[] = grown.slice(0, HELD_NOTICES).map((r) => ({
    kind: 'held',
    title: short(`${plural(r.count, 'change', 'changes')} held: ${r.reason}`),
    body,
  }));
  const rest = grown.slice(HELD_NOTICES);
  if (rest.length) {
    const count = rest.reduce((n, r) => n + r.count, 0);
    notices.push({
      kind: 'held',
      title: `${plural(count, 'more change', 'more changes')} held for ${rest.length} other reasons`,
      body,
    });
  }
  return notices;
};

const quarantineNotice = (apps: SchedulerStatus['quarantined']): DesktopNotice => ({
  kind: 'quarantined',
  title: apps.length === 1 ? `${apps[0]!.appName} is quarantined` : `${apps.length} apps are quarantined`,
  body: short(
    `${apps.map((a) => (apps.length === 1 ? a.reason : `${a.appName}: ${a.reason}`)).join('; ')}. ` +
      `${apps.length === 1 ? 'Its' : 'Their'} changes are on hold until you resume ${apps.length === 1 ? 'it' : 'them'}.`,
    220,
  ),
});

/**
 * Pure: the notices for a burst of events, and the state after it. `status`: sync.status read after the burst; with
 * it, held changes and quarantines come from the status (grouped by reason, with the app names), without it
 * quarantines come from health events.
 */
export const noticesFor = (
  state: NoticeState,
  events: readonly EventEnvelope[],
  status?: SchedulerStatus | null,
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
      // Approvals and steps by hand are different asks; the tray and the Overview count them apart.
      title: plural(added, 'new offboarding step waits for you', 'new offboarding steps wait for you'),
      body: `${plural(pending, 'step waits', 'steps wait')} in all: revocations to approve or tasks to do by hand. Open Offboarding to act.`,
    });
  }
  if (failed > 0) {
    notices.push({
      kind: 'failed',
      title: plural(failed, 'operation failed', 'operations failed'),
      body: 'Open Lanyard to see what is left.',
    });
  }
  if (!status) {
    if (quarantined.size > 0) {
      const names = [...quarantined];
      notices.push({
        kind: 'quarantined',
        title: names.length === 1 ? `${names[0]} is quarantined` : `${names.length} apps are quarantined`,
        body: 'Their changes are on hold until you resume them.',
      });
    }
    return { notices, state: { ...state, pending } };
  }

  const toldQuarantined = new Set(state.quarantined ?? []);
  const newlyQuarantined = status.quarantined.filter((q) => !toldQuarantined.has(q.appId));
  if (newlyQuarantined.length) notices.push(quarantineNotice(newlyQuarantined));
  notices.push(...heldNotices(state.held ?? {}, status));
  if (state.applying === 'on' && status.applying !== 'on') {
    notices.push({
      kind: 'applying',
      title: 'Applying paused',
      body:
        status.applyingDetail ??
        'Syncs still read and plan, but change nothing in your apps until applying is resumed.',
    });
  }
  return { notices, state: statusBaseline({ ...state, pending }, status) };
};

export interface NotifierDeps {
  subscribe(listener: (e: EventEnvelope) => void): () => void;
  show(notice: DesktopNotice, onClick: () => void): void;
  openOffboarding(): void;
  /** Opens the Sync page's review queue, for held changes and applying notices (default: openOffboarding). */
  openReview?: () => void;
  /** Reads sync.status after a burst (see `statusReader`); without it, held changes are not notified. */
  readStatus?: () => Promise<SchedulerStatus | null>;
  /** Collects a burst before notifying (default 1500 ms); injected so tests drive it. */
  schedule?: (fn: () => void, ms: number) => { cancel(): void };
  initialPending?: number;
  windowMs?: number;
  log?: Logger;
}

const RELEVANT = new Set(['offboarding.pendingChanged', 'sync.finished', 'health.changed', 'review.changed']);
/** Events after which the held changes, quarantines or applying may have changed. */
const STATUS_EVENTS = new Set(['sync.finished', 'health.changed', 'review.changed']);

/** sync.status through the same dispatch as every front door; null when it cannot be read. */
export const statusReader =
  (core: Pick<Lanyard, 'handlers'>, log?: Logger) => async (): Promise<SchedulerStatus | null> => {
    const r = await dispatch(core.handlers, 'sync.status', {}, { actor: 'notifications' }, log);
    if (!r.ok) log?.warn('notifications could not read the sync status', { error: r.error });
    return r.ok ? (r.value as SchedulerStatus) : null;
  };

export const startNotifier = (deps: NotifierDeps): { flush(): Promise<void>; dispose(): void } => {
  let state: NoticeState = { pending: deps.initialPending ?? 0 };
  let buffer: EventEnvelope[] = [];
  let timer: { cancel(): void } | null = null;
  // Bursts that read the status are told in order, one after the other.
  let told: Promise<void> = Promise.resolve();
  const schedule =
    deps.schedule ??
    ((fn: () => void, ms: number) => {
      const t = setTimeout(fn, ms);
      return { cancel: () => clearTimeout(t) };
    });
  const opener = (n: DesktopNotice) =>
    n.kind === 'held' || n.kind === 'applying'
      ? (deps.openReview ?? deps.openOffboarding)
      : deps.openOffboarding;
  const tell = (burst: EventEnvelope[], status?: SchedulerStatus | null) => {
    const r = noticesFor(state, burst, status);
    state = r.state;
    for (const n of r.notices) deps.show(n, opener(n));
  };
  const failed = (err: unknown) => deps.log?.error('desktop notification failed', { error: err });
  const readStatus = deps.readStatus;
  // What is already held or quarantined at start is the baseline: only what comes after is news.
  if (readStatus) {
    told = readStatus()
      .then((s) => {
        if (s) state = statusBaseline(state, s);
      })
      .catch(failed);
  }
  const flush = (): Promise<void> => {
    timer?.cancel();
    timer = null;
    const burst = buffer;
    buffer = [];
    if (!readStatus) {
      // Nothing to wait for: the notices go out at once.
      tell(burst);
      return Promise.resolve();
    }
    const withStatus = burst.some((e) => STATUS_EVENTS.has(e.event));
    told = told.then(async () => tell(burst, withStatus ? await readStatus() : undefined)).catch(failed);
    return told;
  };
  const unsubscribe = deps.subscribe((e) => {
    if (!RELEVANT.has(e.event)) return;
    buffer.push(e);
    timer ??= schedule(() => void flush(), deps.windowMs ?? 1500);
  });
  return {
    flush,
    dispose() {
      timer?.cancel();
      unsubscribe();
    },
  };
};
