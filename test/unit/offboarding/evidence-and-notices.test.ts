// The printable evidence escapes what it did not write; notifications group a burst into one notice per kind.
import { describe, expect, it } from 'vitest';
import { evidenceHtml, formatDuration } from '../../../electron/offboarding/evidence-html';
import { noticesFor, startNotifier, type DesktopNotice } from '../../../electron/desktop/notifications';
import type { EventEnvelope } from '../../../shared/api/events';
import type { OffboardingEvidence } from '../../../shared/api/methods-offboarding';

const evidence: OffboardingEvidence = {
  caseId: 7,
  person: '<script>alert(1)</script>@acme.io',
  personId: '00u1',
  displayName: 'Ana "Bobby" O\'Brien',
  trigger: 'manual',
  reason: 'offboarded by admin',
  status: 'closed',
  openedAt: '2026-11-28T10:00:00Z',
  openedBy: 'admin',
  closedAt: '2026-11-28T10:05:00Z',
  generatedAt: '2026-11-28T11:00:00Z',
  items: [
    {
      appId: 'x',
      appName: '<img src=x onerror=alert(1)>',
      task: 'Deactivate & delete',
      status: 'verified',
      action: 'revoke',
      by: 'admin',
      at: '2026-11-28T10:01:00Z',
      approvedBy: '<b>Dana</b>',
      approvedAt: '2026-11-28T10:00:30Z',
      note: 'returned <laptop>',
      skipReason: null,
      verification: 'inactive',
      verifiedAt: null,
      timeToRevokeMs: 61_000,
      auditSeqs: [3, 4],
    },
  ],
  auditSeqs: [1, 3, 4],
  ledgerAnchor: null,
  ledgerAnchorNote: 'No anchor: <b>not verified</b>',
};

describe('the evidence page', () => {
  it('escapes every value from the directory, apps and admins', () => {
    const html = evidenceHtml(evidence);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;@acme.io');
    expect(html).toContain('Deactivate &amp; delete');
    expect(html).toContain('Ana &quot;Bobby&quot; O&#39;Brien');
    expect(html).toContain('<td>3, 4</td>');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('No anchor: &lt;b&gt;not verified&lt;/b&gt;');
    expect(html).toContain('Approved by &lt;b&gt;Dana&lt;/b&gt;');
    expect(html).toContain('Note: returned &lt;laptop&gt;');
  });
  it('writes times to revoke for people', () => {
    expect(formatDuration(61_000)).toBe('1 min 1 s');
    expect(formatDuration(null)).toBe('—');
  });
});

const env = (event: string, data: unknown): EventEnvelope =>
  ({ event, data, at: '2026-11-28T10:00:00Z' }) as EventEnvelope;

describe('desktop notifications', () => {
  it('turns 15 new offboarding steps in one burst into one notification', () => {
    const burst = Array.from({ length: 15 }, (_, i) => env('offboarding.pendingChanged', { count: i + 1 }));
    const r = noticesFor({ pending: 0 }, burst);
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]!.title).toBe('15 new offboarding steps wait for you');
    expect(r.state.pending).toBe(15);
    expect(noticesFor(r.state, [env('offboarding.pendingChanged', { count: 14 })]).notices).toEqual([]);
  });

  it('groups failed revocations and quarantined apps', () => {
    const run = (failed: number) =>
      env('sync.finished', { stats: { apps: { a: { failed }, b: { failed: 1 } } } });
    const r = noticesFor({ pending: 0 }, [
      run(2),
      env('health.changed', { component: 'app:slack', status: 'error', detail: 'quarantined: 5 failed' }),
      env('health.changed', { component: 'app:zoom', status: 'error', detail: 'quarantined: 5 failed' }),
    ]);
    expect(r.notices.map((n) => n.title)).toEqual(['3 operations failed', '2 apps are quarantined']);
  });

  it('collects a burst for a window, shows it once, and a click opens Offboarding', () => {
    let listener: ((e: EventEnvelope) => void) | null = null;
    const shown: DesktopNotice[] = [];
    let opened = 0;
    let scheduled: (() => void) | null = null;
    const n = startNotifier({
      subscribe: (l) => ((listener = l), () => (listener = null)),
      show: (notice, onClick) => {
        shown.push(notice);
        onClick();
      },
      openOffboarding: () => opened++,
      schedule: (fn) => ((scheduled = fn), { cancel: () => (scheduled = null) }),
    });
    for (let i = 1; i <= 15; i++) listener!(env('offboarding.pendingChanged', { count: i }));
    expect(shown).toEqual([]);
    scheduled!();
    expect(shown).toHaveLength(1);
    expect(opened).toBe(1);
    n.dispose();
    expect(listener).toBeNull();
  });
});
