// The one status computation (electron/app/status/status-summary.ts): what the Overview, the Sync page and the
// tray all show. A directory whose last reads failed is red with since when; a failed run is never "the last full
// sync"; revocations waiting for approval and tasks to do by hand are counted apart; a stopped scheduler is red.
import { describe, expect, it } from 'vitest';
import { FAILURES_FOR_ERROR, summarizeStatus } from '../../../electron/app/status/status-summary';
import { OKTA_DOWN, calm, directoryFailure, run, scheduler, skippedApp } from './status-fixtures';

const failingDirectory = {
  name: 'Acme Okta',
  health: 'error' as const,
  detail: OKTA_DOWN,
  lastReadAt: '2026-12-02T11:45:00Z',
};

describe('the status summary', () => {
  it('is all good when nothing is wrong', () => {
    const s = summarizeStatus(calm());
    expect(s).toMatchObject({ tone: 'ok', headline: 'All good', problems: [] });
    expect(s.scheduler).toMatchObject({ state: 'scheduled', tone: 'ok', label: 'Scheduled' });
  });

  it('is red, naming the failure and since when, once the last reads of the directory failed', () => {
    const runs = [
      directoryFailure(9, 1),
      directoryFailure(8, 6),
      directoryFailure(7, 11),
      directoryFailure(6, 15),
      run(5, 16),
    ];
    const s = summarizeStatus(calm({ runs, directory: failingDirectory }));
    expect(s.tone).toBe('error');
    expect(s.headline).toBe('Acme Okta cannot be read: the last 4 reads failed');
    expect(s.problems[0]).toMatchObject({
      subject: 'directory',
      tone: 'error',
      since: runs[3]!.startedAt,
      page: '/settings',
    });
    expect(s.problems[0]!.detail).toContain(OKTA_DOWN);
    expect(s.directory).toMatchObject({
      tone: 'error',
      failedReads: 4,
      lastGoodReadAt: '2026-12-02T11:45:00Z',
    });
    // The runs say the same thing once: no second "Sync failed" problem for the same cause.
    expect(s.problems).toHaveLength(1);
  });

  it('says a single failed read is being retried, not that everything is fine', () => {
    const s = summarizeStatus(
      calm({ runs: [directoryFailure(4, 1), run(3, 2)], directory: failingDirectory }),
    );
    expect(s.tone).toBe('degraded');
    expect(s.headline).toBe('Acme Okta: the last read failed');
    expect(FAILURES_FOR_ERROR).toBeGreaterThan(1);
  });

  it('an approval run between failed reads neither hides nor breaks the streak', () => {
    const runs = [
      directoryFailure(9, 1),
      run(8, 2, { kind: 'review' }),
      directoryFailure(7, 3),
      directoryFailure(6, 4),
      run(5, 5),
    ];
    const s = summarizeStatus(calm({ runs, directory: failingDirectory }));
    expect(s.headline).toBe('Acme Okta cannot be read: the last 3 reads failed');
    expect(s.problems[0]!.since).toBe(runs[3]!.startedAt);
  });

  it('never counts a failed or partial run as the last full sync', () => {
    const okFull = run(2, 60, { kind: 'full' });
    const failedFull = run(7, 2, {
      kind: 'full',
      status: 'failed',
      stats: null,
      error: 'the keychain is locked',
    });
    const s = summarizeStatus(calm({ lastOkFull: okFull, lastFull: failedFull }));
    expect(s.lastFullSync).toMatchObject({ id: 2, status: 'ok' });
    expect(s.lastFullFailure).toMatchObject({ id: 7, title: 'Full sync #7 failed: the keychain is locked' });
    expect(summarizeStatus(calm({ lastOkFull: null, lastFull: failedFull })).lastFullSync).toBeNull();
    expect(summarizeStatus(calm({ lastOkFull: okFull, lastFull: okFull })).lastFullFailure).toBeNull();
  });

  it('counts revocations waiting for approval apart from other held changes and from tasks to do by hand', () => {
    const s = summarizeStatus(
      calm({
        held: [
          { destructive: true, heldReason: 'more than 5 deprovisions in one run' },
          { destructive: true, heldReason: 'more than 5 deprovisions in one run' },
          { destructive: false, heldReason: 'an existing account not yet adopted' },
        ],
        manualTasks: 2,
        openCases: 1,
      }),
    );
    expect(s.pending.approvals).toEqual({
      total: 2,
      reasons: [{ reason: 'more than 5 deprovisions in one run', count: 2 }],
    });
    expect(s.pending.otherHeld.total).toBe(1);
    expect(s.pending).toMatchObject({ manualTasks: 2, openCases: 1 });
    // Waiting work is not a fault.
    expect(s.tone).toBe('ok');
  });

  it('a scheduler that should run here but does not is red, never a green "Scheduled"', () => {
    const s = summarizeStatus(calm({ scheduler: scheduler({ active: false, next: null }) }));
    expect(s.scheduler).toMatchObject({ state: 'stopped', tone: 'error', label: 'Stopped' });
    expect(s.tone).toBe('error');
    expect(s.headline).toBe('The schedule is stopped');
  });

  it('tells paused, running elsewhere and no directory apart from a stopped schedule', () => {
    expect(summarizeStatus(calm({ scheduler: scheduler({ paused: true }) })).scheduler.state).toBe('paused');
    const elsewhere = summarizeStatus(
      calm({ schedulerOwner: false, scheduler: scheduler({ active: false }) }),
    );
    expect(elsewhere.scheduler.state).toBe('elsewhere');
    expect(elsewhere.tone).toBe('ok');
    expect(summarizeStatus(calm({ directory: null })).scheduler.state).toBe('no-directory');
    expect(summarizeStatus(calm({ scheduler: scheduler({ running: true }) })).scheduler.label).toBe(
      'Syncing now',
    );
  });

  it('an app is red when quarantined or skipped by the last syncs, degraded after one skip', () => {
    const quarantined = summarizeStatus(
      calm({
        apps: [{ id: 'acme', name: 'Acme', health: 'quarantined', detail: null }],
        scheduler: scheduler({
          quarantined: [{ appId: 'acme', appName: 'Acme', reason: '5 operations in a row failed' }],
        }),
      }),
    );
    expect(quarantined.problems[0]).toMatchObject({
      subject: 'app:acme',
      tone: 'error',
      title: 'Acme is quarantined',
    });
    expect(quarantined.problems[0]!.detail).toContain('5 operations in a row failed');

    const degraded = {
      id: 'acme',
      name: 'Acme',
      health: 'degraded' as const,
      detail: 'could not read its accounts: 401',
    };
    const once = summarizeStatus(calm({ apps: [degraded], runs: [skippedApp(4, 1), run(3, 2)] }));
    expect(once.problems[0]).toMatchObject({ tone: 'degraded', title: 'Acme is degraded' });
    const runs = [skippedApp(6, 1), skippedApp(5, 2), skippedApp(4, 3), run(3, 4)];
    const red = summarizeStatus(calm({ apps: [degraded], runs }));
    expect(red.problems[0]).toMatchObject({
      tone: 'error',
      title: 'Acme cannot be read: the last 3 syncs skipped it',
      since: runs[2]!.startedAt,
    });
  });

  it('a broken part of Lanyard itself is an error; another process running the schedule is not', () => {
    const s = summarizeStatus(
      calm({
        components: [
          { component: 'store', status: 'ok', detail: 'SQLite' },
          { component: 'keychain', status: 'error', detail: "Couldn't access platform storage" },
          {
            component: 'scheduler',
            status: 'degraded',
            detail: 'Another Lanyard process runs the scheduler',
          },
        ],
      }),
    );
    expect(s.problems.map((p) => p.title)).toEqual(['The OS keychain needs attention']);
  });

  it('a failed run that is not a directory failure is its own problem, titled with why', () => {
    const failed = run(4, 1, {
      kind: 'manual',
      status: 'failed',
      stats: null,
      error: 'There is no app "zoom".',
    });
    const s = summarizeStatus(calm({ runs: [failed, run(3, 2)] }));
    expect(s.problems[0]).toMatchObject({
      subject: 'runs',
      tone: 'error',
      title: 'Sync #4 failed: There is no app "zoom".',
    });
    expect(s.lastRun?.title).toBe('Sync #4 failed: There is no app "zoom".');
  });

  it('puts errors before warnings', () => {
    const s = summarizeStatus(
      calm({
        runs: [directoryFailure(9, 1), directoryFailure(8, 2), directoryFailure(7, 3)],
        directory: failingDirectory,
        apps: [{ id: 'acme', name: 'Acme', health: 'degraded', detail: 'membership not readable' }],
      }),
    );
    expect(s.problems.map((p) => p.tone)).toEqual(['error', 'degraded']);
  });
});
