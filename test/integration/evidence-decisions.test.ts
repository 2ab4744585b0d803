// The case evidence keeps what the admins decided: who approved a held revocation (credited to them, not to
// "directory"), the note left when ticking a checklist item, the reason given for a skip — in the JSON and in
// the printable page, whose times are in the reader's zone. Okta, SCIM and GitHub fakes on loopback, real core.
import { afterEach, describe, expect, it } from 'vitest';
import type { OffboardingEvidence } from '../../shared/api/methods-offboarding';
import type { World } from '../unit/sync-engine/kit';
import { startOffboardingWorld, type OffboardingCore } from './offboarding-kit';

let world: World | null = null;
let tc: OffboardingCore | null = null;
afterEach(async () => {
  tc?.close();
  tc = null;
  await world?.close();
  world = null;
});

describe('offboarding evidence', () => {
  it('names the approver of a held GitHub removal and keeps the note and the skip reason', async () => {
    const r = await startOffboardingWorld();
    world = r.w;
    tc = r.t;
    const { w, t } = r;
    await t.call('settings.set', { offboarding: { checklist: ['Collect laptop'] } });

    // A leaver in the directory: the case is opened by "directory"; GitHub waits for review.
    w.okta.state.setStatus(w.people[0]!, 'DEPROVISIONED');
    await t.call('sync.run', {});
    const c = (await t.call('offboarding.list', { status: 'open' })).cases[0]!;
    expect(c.openedBy).toBe('directory');
    const task = (pred: (x: (typeof c.tasks)[number]) => boolean) => c.tasks.find(pred)!;
    const github = task((x) => x.appId === 'github');
    const badge = task((x) => x.appId === 'badge');
    const laptop = task((x) => x.kind === 'checklist');
    expect(github.status).toBe('review');

    await t.call('offboarding.approve', { taskIds: [github.id] });
    await t.call('offboarding.completeManual', {
      taskId: laptop.id,
      note: 'laptop returned to IT, ticket 4411',
    });
    await t.call('offboarding.skip', { taskIds: [badge.id], reason: 'badge was never issued' });

    const ev = JSON.parse(
      (await t.call('offboarding.evidence', { caseId: c.id })).content,
    ) as OffboardingEvidence;
    const item = (appName: string) => ev.items.find((i) => i.appName === appName)!;
    expect(item('GitHub')).toMatchObject({ by: 'admin@acme.io', approvedBy: 'admin@acme.io' });
    expect(Date.parse(item('GitHub').approvedAt!)).toBeGreaterThan(Date.parse(ev.openedAt) - 1);
    expect(item('Office badge')).toMatchObject({
      status: 'skipped',
      by: 'admin@acme.io',
      skipReason: 'badge was never issued',
    });
    const checklist = ev.items.find((i) => i.task === laptop.title)!;
    expect(checklist).toMatchObject({ note: 'laptop returned to IT, ticket 4411', by: 'admin@acme.io' });
    // An automated revocation nobody approved has no approver.
    expect(item('Acme').approvedBy).toBeNull();
    // The ledger anchor is still there.
    expect(ev.ledgerAnchorNote).toBeTruthy();

    // The printable page says the same, with times in the reader's zone.
    const html = (
      await t.call('offboarding.evidence', {
        caseId: c.id,
        format: 'html',
        timeZone: 'Asia/Tokyo',
        locale: 'en-GB',
      })
    ).content;
    expect(html).toContain('Approved by admin@acme.io at');
    expect(html).toContain('Skipped: badge was never issued');
    expect(html).toContain('Note: laptop returned to IT, ticket 4411');
    expect(html).toContain('shown in Asia/Tokyo');
    expect(html).toMatch(/GMT\+9/);
    expect(html).not.toContain(ev.openedAt); // no raw UTC instants on the printable page
    // An unknown zone falls back to UTC rather than failing.
    const utc = (
      await t.call('offboarding.evidence', { caseId: c.id, format: 'html', timeZone: 'Mars/Olympus' })
    ).content;
    expect(utc).toContain('shown in UTC');
  });
});
