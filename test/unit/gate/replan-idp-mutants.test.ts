// Approving held kill-switch steps, against the Okta and SCIM fakes on loopback and a real core on SQLite with a
// clock the test moves: a held suspend of someone still active is carried out once, and a step whose case is gone
// is superseded, never sent.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../electron/app/clock';
import { worldPerTest, type TestCore, type World, storeRows } from '../sync-engine/kit';

const newWorld = worldPerTest();
const isSuspend = (r: { method: string; path: string }) =>
  r.method === 'POST' && /\/lifecycle\/suspend$/.test(r.path);

/** A clock the test moves, a minute ahead of the fakes' wall clock (a case opens after the status it follows). */
const testClock = () => {
  let t = Date.now() + 60_000;
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) } satisfies Clock & {
    advance(ms: number): void;
  };
};

/** user2 offboarded by an admin while the IdP refused the suspend; a later run held the retry with two leavers. */
const heldSuspend = async (): Promise<{ w: World; t: TestCore; id: number }> => {
  const clock = testClock();
  const { w, t } = await newWorld(8, { github: false, clock });
  await t.call('settings.set', {
    guardrails: { maxDeprovisionPercent: 100, maxDeprovisionPercentPerWindow: 100 },
    offboarding: { killSessions: true },
  } as never);
  await t.call('sync.run', { full: true });
  w.okta.faults.add({ match: isSuspend, times: 1, fault: { kind: 'status', status: 503 } });
  await t.call('offboarding.start', { person: 'user2@example.com', killSessions: true, confirm: true });
  await t.call('settings.set', { guardrails: { maxDeprovisionsPerRun: 1 } });
  for (const i of [4, 5]) w.okta.state.setStatus(w.people[i]!, 'SUSPENDED');
  clock.advance(60 * 60_000);
  await t.call('sync.run', { full: true });
  const [op] = await storeRows<{ id: number; status: string }>(
    t.core,
    `SELECT id, status FROM plan_ops WHERE kind = 'idp-suspend'`,
  );
  if (!op) throw new Error('no kill-switch step was journaled');
  expect(op.status).toBe('held');
  return { w, t, id: op.id };
};

describe('approving a held suspend', () => {
  it('suspends someone still active in the directory, once', async () => {
    const { w, t, id } = await heldSuspend();
    const before = w.okta.requests.filter(isSuspend).length;
    const r = await t.call('review.approve', { ids: [id] });
    expect(r.superseded).toEqual([]);
    expect(r.approved).toBe(1);
    expect(w.okta.requests.filter(isSuspend).length).toBe(before + 1);
    expect(w.okta.killSwitch.suspended).toEqual([w.people[2]]);
  });

  it('supersedes a step whose case is gone, never sending it', async () => {
    const { w, t, id } = await heldSuspend();
    // Lanyard never leaves a step without its case; a journal edited by hand can.
    await storeRows(t.core, 'UPDATE plan_ops SET case_id = NULL WHERE id = ?', id);
    const before = w.okta.requests.filter(isSuspend).length;
    const r = await t.call('review.approve', { ids: [id] });
    expect(r.superseded.map((s) => s.reason)).toEqual(['superseded: offboarding case ? is gone']);
    expect(w.okta.requests.filter(isSuspend).length).toBe(before);
  });
});
