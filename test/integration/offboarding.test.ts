// Offboarding's promises end to end, against the Okta, SCIM and GitHub fakes on loopback and a manual app, with a
// real core on SQLite: leavers' cases open by themselves and revoke what may be revoked at once; review and manual
// steps wait, are counted in the tray, and complete the case; verification proves it; the evidence lists it all.
import { afterEach, describe, expect, it } from 'vitest';
import { trayMenuModel } from '../../electron/desktop/tray';
import { trayStateFrom } from '../../electron/desktop/tray-controller';
import type { AppInfo } from '../../shared/api/contract';
import type { OffboardingEvidence } from '../../shared/api/methods-offboarding';
import type { World } from '../unit/sync-engine/kit';
import { scimUser, startOffboardingWorld, type OffboardingCore } from './offboarding-kit';

let world: World | null = null;
let tc: OffboardingCore | null = null;
afterEach(async () => {
  tc?.close();
  tc = null;
  await world?.close();
  world = null;
});

const start = async () => {
  const r = await startOffboardingWorld();
  world = r.w;
  tc = r.t;
  return r;
};

describe('a leaver in the directory', () => {
  it('is revoked in auto apps within one run; review and manual steps wait, then complete a verified case with evidence', async () => {
    const { w, t } = await start();
    expect(scimUser(w, 'user0@example.com')?.active).not.toBe(false);
    expect(w.github!.state.roleOf('gh-user0')).toBeDefined();

    w.okta.state.setStatus(w.people[0]!, 'DEPROVISIONED');
    await t.call('sync.run', {});

    // The SCIM account is deactivated in that one run; GitHub waits for review; the badge is a task for a person.
    expect(scimUser(w, 'user0@example.com')?.active).toBe(false);
    expect(w.github!.state.roleOf('gh-user0')).toBeDefined();
    const list = await t.call('offboarding.list', { status: 'open' });
    expect(list.cases).toHaveLength(1);
    const c = list.cases[0]!;
    expect(c.trigger).toBe('directory');
    expect(c.person).toBe('user0@example.com');
    const byApp = (id: string) => c.tasks.find((x) => x.appId === id)!;
    expect(byApp('acme').status).toBe('done');
    expect(byApp('github').status).toBe('review');
    expect(byApp('github').detail).toMatch(/GitHub requires review/);
    expect(byApp('badge').status).toBe('todo');
    expect(c.tasks.find((x) => x.kind === 'verify')!.status).toBe('pending');
    expect(list.pending).toBe(2);
    expect(t.events.filter((e) => e.event === 'offboarding.pendingChanged').at(-1)?.data).toEqual({
      count: 2,
    });

    // The tray says so.
    const info = await t.call('app.info', {});
    const settings = await t.call('settings.get', {});
    const summary = await t.call('status.summary', {});
    const state = trayStateFrom(info as AppInfo, settings, null, summary);
    // The held GitHub revocation is a decision; the badge is work by hand: never one "2 pending" number.
    expect(trayMenuModel(state).items.slice(0, 2)).toEqual([
      { kind: 'status', label: '1 revocation waits for approval' },
      { kind: 'status', label: '1 task to do by hand' },
    ]);

    // A second run neither opens a second case nor plans a second op for the held GitHub revocation.
    await t.call('sync.run', {});
    expect((await t.call('offboarding.list', {})).cases).toHaveLength(1);
    expect((await t.call('review.list', {})).total).toBe(1);

    // Approve GitHub, tick the badge: the case verifies and closes.
    await t.call('offboarding.approve', { taskIds: [byApp('github').id] });
    expect(w.github!.state.roleOf('gh-user0')).toBeUndefined();
    const done = await t.call('offboarding.completeManual', {
      taskId: byApp('badge').id,
      note: 'badge collected at reception',
    });
    expect(done.status).toBe('closed');
    expect(done.tasks.find((x) => x.appId === 'acme')!.status).toBe('verified');
    expect(done.tasks.find((x) => x.appId === 'github')!.status).toBe('verified');
    expect(done.tasks.find((x) => x.appId === 'badge')!.status).toBe('done');
    expect(done.tasks.find((x) => x.kind === 'verify')!.status).toBe('done');
    expect((await t.call('offboarding.list', {})).pending).toBe(0);

    // Evidence: all three apps with times, verification and audit sequence numbers.
    const ev = await t.call('offboarding.evidence', { caseId: c.id, format: 'json' });
    const evidence = JSON.parse(ev.content) as OffboardingEvidence;
    for (const appId of ['acme', 'github', 'badge']) {
      const item = evidence.items.find((i) => i.appId === appId)!;
      expect(item.at).toBeTruthy();
      expect(item.auditSeqs.length).toBeGreaterThan(0);
      expect(item.timeToRevokeMs).not.toBeNull();
    }
    expect(evidence.items.find((i) => i.appId === 'acme')!.verification).toMatch(/^inactive/);
    expect(evidence.items.find((i) => i.appId === 'github')!.verification).toMatch(/^not found/);
    expect(evidence.items.find((i) => i.appId === 'badge')!.by).toBe('admin@acme.io');
    const html = await t.call('offboarding.evidence', { caseId: c.id, format: 'html' });
    expect(html.content).toContain('<td>Acme</td>');
    expect(html.content).toContain('<td>Office badge</td>');
    const audit = await t.call('audit.verify', {});
    expect(audit.ok).toBe(true);
    // The evidence carries the ledger's signed head: a later verify proves the ledger still contains it.
    expect(evidence.ledgerAnchor).toMatchObject({
      ledger: audit.ledgerId,
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(evidence.auditSeqs.every((s) => s <= evidence.ledgerAnchor!.seq)).toBe(true);
    expect(html.content).toContain(`&quot;hash&quot;: &quot;${evidence.ledgerAnchor!.hash}&quot;`);
    const later = await t.call('audit.verify', { anchor: evidence.ledgerAnchor! });
    expect(later).toMatchObject({ ok: true, anchor: { status: 'matches', signatureChecked: true } });
  });
});
