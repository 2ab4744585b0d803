// The scheduler's decision is pure: given the time, the last runs and the settings, what runs next and when.
// Catch-up after sleep runs an overdue full sync once, never once per missed interval; pause stops everything.
import { describe, expect, it } from 'vitest';
import { decideNext } from '../../../electron/sync/engine/scheduler';

const schedule = { pollSeconds: 60, fullSyncMinutes: 60, paused: false };
const T0 = Date.parse('2026-11-28T09:00:00Z');
const min = 60_000;

describe('the scheduler’s decision', () => {
  it('runs a full sync first when nothing has run yet', () => {
    expect(decideNext({ now: T0, lastPollAt: null, lastFullAt: null, running: false }, schedule)).toEqual({
      action: 'run',
      kind: 'full',
    });
  });

  it('polls every pollSeconds after the last run of any kind, and waits in between', () => {
    const s = { lastPollAt: T0, lastFullAt: T0, running: false };
    expect(decideNext({ ...s, now: T0 + 30_000 }, schedule)).toEqual({
      action: 'wait',
      kind: 'poll',
      at: T0 + 60_000,
    });
    expect(decideNext({ ...s, now: T0 + 60_000 }, schedule)).toEqual({ action: 'run', kind: 'poll' });
  });

  it('runs the full reconciliation when it is due, instead of a poll', () => {
    const s = { lastPollAt: T0 + 59 * min, lastFullAt: T0, running: false };
    expect(decideNext({ ...s, now: T0 + 60 * min }, schedule)).toEqual({ action: 'run', kind: 'full' });
  });

  it('catches up after a night asleep with ONE full sync, then resumes polling from it', () => {
    const asleep = { lastPollAt: T0, lastFullAt: T0, running: false, now: T0 + 10 * 60 * min };
    expect(decideNext(asleep, schedule)).toEqual({ action: 'run', kind: 'full' });
    const after = { lastPollAt: asleep.now, lastFullAt: asleep.now, running: false, now: asleep.now + 1000 };
    expect(decideNext(after, schedule)).toEqual({ action: 'wait', kind: 'poll', at: asleep.now + 60_000 });
  });

  it('never starts a run while one is in progress', () => {
    const d = decideNext({ now: T0 + 5 * min, lastPollAt: T0, lastFullAt: T0, running: true }, schedule);
    expect(d.action).toBe('wait');
  });

  it('does nothing while paused', () => {
    expect(
      decideNext(
        { now: T0, lastPollAt: null, lastFullAt: null, running: false },
        { ...schedule, paused: true },
      ),
    ).toEqual({
      action: 'paused',
    });
  });
});
