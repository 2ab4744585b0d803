// The tray's state from what the core reports (trayStateFrom, pure): the sync status decides whether it shows a
// run in progress, runs that apply nothing yet, changes held for review and quarantined apps.
import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/api/contract';
import type { SchedulerStatus } from '../../../shared/api/methods-sync';
import { defaultSettings } from '../../../shared/domain/settings';
import { trayStateFrom } from '../../../electron/desktop/tray-controller';
import { trayMenuModel, trayStatusLine } from '../../../electron/desktop/tray';
import { summarizeStatus } from '../../../electron/app/status/status-summary';
import { calm, directoryFailure } from '../status/status-fixtures';

const info: AppInfo = {
  name: 'Lanyard',
  version: '0.1.0',
  dataDir: '/tmp/lanyard',
  dbPath: '/tmp/lanyard/lanyard.db',
  schemaVersion: 5,
  schedulerOwner: true,
  startedAt: '2026-12-01T09:00:00Z',
  health: [
    { component: 'store', status: 'ok', detail: 'ok' },
    { component: 'keychain', status: 'ok', detail: 'ok' },
    { component: 'scheduler', status: 'ok', detail: 'ok' },
  ],
};

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

const settings = defaultSettings();

describe('the tray state', () => {
  it('is all in step when the core reports nothing waiting', () => {
    const s = trayStateFrom(info, settings, null, null, status());
    expect(s).toMatchObject({ syncing: false, heldChanges: 0, quarantinedApps: 0, applying: 'on' });
    expect(trayStatusLine(s)).toBe('All in step');
  });

  it('shows a run in progress from the sync status', () => {
    expect(trayStateFrom(info, settings, null, null, status({ running: true })).syncing).toBe(true);
  });

  it('says applying is paused until the first plan is reviewed for a new workspace', () => {
    const s = trayStateFrom(
      info,
      settings,
      null,
      null,
      status({
        applying: 'awaiting-first-review',
        applyingDetail: 'Lanyard reads and plans but applies nothing until you review the first plan.',
      }),
    );
    expect(s.applying).toBe('awaiting-first-review');
    expect(trayStatusLine(s)).toBe('Applying paused until the first plan is reviewed');
  });

  it('counts held changes and names the reason most of them share', () => {
    const s = trayStateFrom(
      info,
      settings,
      null,
      null,
      status({
        held: {
          total: 12,
          reasons: [
            { reason: 'Acme HR requires review', count: 3 },
            { reason: 'would exceed the limit of 5 per run', count: 9 },
          ],
        },
      }),
    );
    expect(s.heldChanges).toBe(12);
    expect(s.heldReason).toBe('9 would exceed the limit of 5 per run');
    expect(trayMenuModel(s).items[0]).toEqual({
      kind: 'status',
      label: '12 changes held for review: 9 would exceed the limit of 5 per run',
    });
  });

  it('gives the reason alone when every held change shares it', () => {
    const s = trayStateFrom(
      info,
      settings,
      null,
      null,
      status({ held: { total: 7, reasons: [{ reason: 'GitHub requires review', count: 7 }] } }),
    );
    expect(s.heldReason).toBe('GitHub requires review');
  });

  it('names one quarantined app with why, and several by name', () => {
    const one = trayStateFrom(
      info,
      settings,
      null,
      null,
      status({ quarantined: [{ appId: 'slack', appName: 'Slack', reason: '5 operations in a row failed' }] }),
    );
    expect(one).toMatchObject({
      quarantinedApps: 1,
      quarantineDetail: 'Slack: 5 operations in a row failed',
    });
    const three = trayStateFrom(
      info,
      settings,
      null,
      null,
      status({
        quarantined: [
          { appId: 'slack', appName: 'Slack', reason: 'a' },
          { appId: 'zoom', appName: 'Zoom', reason: 'b' },
          { appId: 'jira', appName: 'Jira', reason: 'c' },
        ],
      }),
    );
    expect(three.quarantineDetail).toBe('Slack, Zoom and Jira');
    expect(trayStatusLine(three)).toBe('3 apps quarantined');
  });

  it('puts a broken component first and keeps the schedule’s pause and the tasks to do by hand', () => {
    const s = trayStateFrom(
      { ...info, health: [{ component: 'keychain', status: 'error', detail: 'locked' }] },
      { ...settings, schedule: { ...settings.schedule, paused: true } },
      true,
      summarizeStatus(calm({ manualTasks: 4 })),
      status({ applying: 'paused' }),
    );
    expect(s).toMatchObject({ paused: true, manualTasks: 4, approvals: 0, launchAtLogin: true });
    expect(trayStatusLine(s)).toBe('Keychain needs attention');
  });

  it('shows what it knows when the sync status could not be read', () => {
    const s = trayStateFrom(info, settings, null, summarizeStatus(calm({ manualTasks: 2 })), null);
    expect(s).toMatchObject({ syncing: false, applying: 'on', heldChanges: 0, manualTasks: 2 });
  });

  it('says what the Overview and the Sync page say when the directory cannot be read', () => {
    const summary = summarizeStatus(
      calm({
        runs: [directoryFailure(9, 1), directoryFailure(8, 2), directoryFailure(7, 3)],
        directory: { name: 'Acme Okta', health: 'error', detail: 'Okta answered 503', lastReadAt: null },
      }),
    );
    const s = trayStateFrom(info, settings, null, summary, status());
    expect(trayStatusLine(s)).toBe(summary.headline);
    expect(s.problemSince).toBe(summary.problems[0]!.since);
  });

  it('counts revocations waiting for approval apart from the other held changes and the tasks by hand', () => {
    const summary = summarizeStatus(
      calm({
        held: [
          { destructive: true, heldReason: 'GitHub requires review' },
          { destructive: false, heldReason: 'an existing account not yet adopted' },
        ],
        manualTasks: 2,
      }),
    );
    const s = trayStateFrom(info, settings, null, summary, status({ held: { total: 2, reasons: [] } }));
    expect(s).toMatchObject({ approvals: 1, heldChanges: 1, manualTasks: 2 });
    expect(
      trayMenuModel(s)
        .items.slice(0, 3)
        .map((i) => (i.kind === 'status' ? i.label : i.kind)),
    ).toEqual([
      '1 revocation waits for approval',
      '2 tasks to do by hand',
      '1 change held for review: an existing account not yet adopted',
    ]);
  });
});
