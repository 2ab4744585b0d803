// When each revocation happened, and who did it, stays as it happened: a later step on the case (approving
// another app, the verification re-read) never re-stamps a task that was already done — and the evidence's time
// and time to revoke come from the actual revocation (issue #6).
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/app/clock';
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

/** The system clock, plus whatever time the test lets pass. */
const steppedClock = (): Clock & { pass(ms: number): void } => {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    pass: (ms) => void (offset += ms),
  };
};

const HOUR = 3_600_000;

describe('task times on an offboarding case', () => {
  it('keep an auto-revoked task done at its own time and by its own actor when another app is approved and the case verified later', async () => {
    const clock = steppedClock();
    const r = await startOffboardingWorld(clock);
    world = r.w;
    tc = r.t;
    const { w, t } = r;

    w.okta.state.setStatus(w.people[0]!, 'DEPROVISIONED');
    await t.call('sync.run', {});
    const [c] = (await t.call('offboarding.list', { status: 'open' })).cases;
    const acmeAt = (view: typeof c) => view!.tasks.find((x) => x.appId === 'acme')!;
    const first = acmeAt(c);
    expect(first.status).toBe('done');
    const t1 = first.doneAt!;
    expect(t1).toBeTruthy();
    const by1 = first.doneBy;

    // An hour later an admin approves GitHub: every app task is then done, so the case verifies its apps.
    clock.pass(HOUR);
    const approvedAfter = clock.now().toISOString();
    const [afterApprove] = await t.call('offboarding.approve', {
      taskIds: [c!.tasks.find((x) => x.appId === 'github')!.id],
    });
    const acme = acmeAt(afterApprove);
    expect(acme.status).toBe('verified');
    expect(acme.doneAt).toBe(t1);
    expect(acme.doneBy).toBe(by1);
    // The verification has its own time, and it is the later one.
    expect(acme.verifiedAt! >= approvedAfter).toBe(true);
    const github = afterApprove!.tasks.find((x) => x.appId === 'github')!;
    expect(github.doneAt! >= approvedAfter).toBe(true);

    // The case closes; the evidence reports Acme's revocation at T1, time to revoke measured to T1.
    clock.pass(HOUR);
    const badge = afterApprove!.tasks.find((x) => x.appId === 'badge')!;
    const closed = await t.call('offboarding.completeManual', { taskId: badge.id, note: '' });
    expect(closed.status).toBe('closed');
    expect(acmeAt(closed).doneAt).toBe(t1);
    const ev = await t.call('offboarding.evidence', { caseId: c!.id, format: 'json' });
    const evidence = JSON.parse(ev.content) as OffboardingEvidence;
    const row = await t.core.context.store
      .q()
      .selectFrom('offboarding_cases')
      .select(['trigger', 'key_changed_at', 'opened_at'])
      .where('id', '=', c!.id)
      .executeTakeFirstOrThrow();
    const from = Date.parse(
      row.trigger === 'directory' && row.key_changed_at ? row.key_changed_at : row.opened_at,
    );
    const item = evidence.items.find((i) => i.appId === 'acme')!;
    expect(item.at).toBe(t1);
    expect(item.by).toBe(by1 ?? evidence.openedBy);
    expect(item.timeToRevokeMs).toBe(Math.max(0, Date.parse(t1) - from));
    expect(item.timeToRevokeMs!).toBeLessThan(HOUR);
    expect(item.verifiedAt! >= approvedAfter).toBe(true);
  });
});
