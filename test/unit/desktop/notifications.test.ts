// Desktop notifications group by cause: one notice per held reason (never one per op), one for newly quarantined
// apps with why, one when applying pauses — told once, against a baseline read at start.
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../shared/api/events';
import type { SchedulerStatus } from '../../../shared/api/methods-sync';
import {
  noticesFor,
  startNotifier,
  statusBaseline,
  type DesktopNotice,
} from '../../../electron/desktop/notifications';

const env = (event: string, data: unknown): EventEnvelope =>
  ({ event, data, at: '2026-12-01T10:00:00Z' }) as EventEnvelope;

const status = (over: Partial<SchedulerStatus> = {}): SchedulerStatus => ({
  active: true,
  paused: false,
  running: false,
  lastPollAt: null,
  lastFullAt: null,
  next: null,
  applying: 'on',
  applyingDetail: null,
  held: { total: 0, reasons: [] },
  quarantined: [],
  ...over,
});

const held = (...reasons: [string, number][]) => ({
  total: reasons.reduce((n, [, c]) => n + c, 0),
  reasons: reasons.map(([reason, count]) => ({ reason, count })),
});

describe('held-change notifications', () => {
  it('says 40 ops held by one guardrail in ONE notification that names the cause', () => {
    const before = statusBaseline({ pending: 0 }, status());
    const burst = Array.from({ length: 40 }, (_, i) => env('review.changed', { held: i + 1 }));
    const r = noticesFor(before, burst, status({ held: held(['9 would exceed the limit of 5 per run', 7]) }));
    expect(r.notices).toEqual([
      expect.objectContaining({
        kind: 'held',
        title: '7 changes held: 9 would exceed the limit of 5 per run',
      }),
    ]);
  });

  it('tells one notice per cause, and only causes that grew since the admin was last told', () => {
    const start = statusBaseline({ pending: 0 }, status({ held: held(['Acme HR requires review', 2]) }));
    const r = noticesFor(
      start,
      [env('sync.finished', { stats: { apps: {} } })],
      status({ held: held(['Acme HR requires review', 2], ['12 would exceed 20% of GitHub', 12]) }),
    );
    expect(r.notices.map((n) => n.title)).toEqual(['12 changes held: 12 would exceed 20% of GitHub']);
    // Nothing new: nothing told again.
    const again = noticesFor(
      r.state,
      [env('review.changed', { held: 14 })],
      status({ held: held(['Acme HR requires review', 2], ['12 would exceed 20% of GitHub', 12]) }),
    );
    expect(again.notices).toEqual([]);
  });

  it('folds causes beyond the third into one notice', () => {
    const r = noticesFor(
      { pending: 0, held: {} },
      [env('review.changed', { held: 10 })],
      status({ held: held(['a', 4], ['b', 3], ['c', 2], ['d', 1], ['e', 1]) }),
    );
    expect(r.notices.map((n) => n.title)).toEqual([
      '4 changes held: a',
      '3 changes held: b',
      '2 changes held: c',
      '2 more changes held for 2 other reasons',
    ]);
  });
});

describe('quarantine and applying notifications', () => {
  it('names a newly quarantined app with why, once', () => {
    const slack = { appId: 'slack', appName: 'Slack', reason: '5 operations in a row failed' };
    const r = noticesFor(
      { pending: 0, quarantined: [] },
      [env('health.changed', { component: 'app:slack', status: 'error', detail: 'quarantined' })],
      status({ quarantined: [slack] }),
    );
    expect(r.notices).toEqual([
      {
        kind: 'quarantined',
        title: 'Slack is quarantined',
        body: '5 operations in a row failed. Its changes are on hold until you resume it.',
      },
    ]);
    expect(noticesFor(r.state, [env('sync.finished', {})], status({ quarantined: [slack] })).notices).toEqual(
      [],
    );
  });

  it('tells when applying pauses, with the core’s sentence, but not for a workspace that never applied', () => {
    const paused = status({ applying: 'paused', applyingDetail: 'The directory lost 40% of its people.' });
    const r = noticesFor({ pending: 0, applying: 'on' }, [env('sync.finished', {})], paused);
    expect(r.notices).toEqual([
      { kind: 'applying', title: 'Applying paused', body: 'The directory lost 40% of its people.' },
    ]);
    const fresh = statusBaseline({ pending: 0 }, status({ applying: 'awaiting-first-review' }));
    expect(
      noticesFor(fresh, [env('sync.finished', {})], status({ applying: 'awaiting-first-review' })).notices,
    ).toEqual([]);
  });
});

describe('the notifier', () => {
  it('reads the status after a burst, tells each cause once and opens the review queue on a click', async () => {
    let listener: ((e: EventEnvelope) => void) | null = null;
    const shown: DesktopNotice[] = [];
    const opened: string[] = [];
    let scheduled: (() => void) | null = null;
    let current = status({ held: held(['GitHub requires review', 1]) });
    const n = startNotifier({
      subscribe: (l) => ((listener = l), () => (listener = null)),
      show: (notice, onClick) => {
        shown.push(notice);
        onClick();
      },
      openOffboarding: () => opened.push('offboarding'),
      openReview: () => opened.push('review'),
      readStatus: async () => current,
      schedule: (fn) => ((scheduled = fn), { cancel: () => (scheduled = null) }),
    });
    // What was held at start is the baseline, not news.
    await n.flush();
    expect(shown).toEqual([]);

    current = status({
      held: held(['GitHub requires review', 1], ['9 would exceed the limit of 5 per run', 9]),
    });
    for (let i = 0; i < 9; i++) listener!(env('review.changed', { held: i + 2 }));
    listener!(env('offboarding.pendingChanged', { count: 1 }));
    scheduled!();
    await n.flush();
    expect(shown.map((s) => s.title)).toEqual([
      '1 new offboarding step waits for you',
      '9 changes held: 9 would exceed the limit of 5 per run',
    ]);
    expect(opened).toEqual(['offboarding', 'review']);
    n.dispose();
    expect(listener).toBeNull();
  });
});
