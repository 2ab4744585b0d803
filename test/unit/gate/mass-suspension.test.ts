// A mass suspension through the gate, against the Okta and SCIM fakes on loopback and a real core on SQLite: 300
// people suspended at once are never written by a pull, a dry run, the scheduler or a sync; they are held whole,
// and approving them executes each op exactly once. (Kept out of the mutation run's tests: at 320 people it costs
// ~12 s per mutant; gate-mutants.test.ts covers the same steps at a small scale.)
import { describe, expect, it } from 'vitest';
import { scimUsers, worldPerTest, type World } from '../sync-engine/kit';

const newWorld = worldPerTest();

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Write requests the app and IdP fakes have served so far. */
const writes = (w: World) => ({
  scim: w.scim.requests.filter((r) => WRITES.has(r.method)).length,
  okta: w.okta.requests.filter((r) => WRITES.has(r.method)).length,
  github: w.github ? w.github.log.filter((r) => WRITES.has(r.method)).length : 0,
});
const activeCount = (w: World): number => scimUsers(w).filter((u) => u.active !== false).length;

const start = async (n: number, opts: { guardrails?: Record<string, number> } = {}) => {
  const { w, t } = await newWorld(n, { github: false });
  if (opts.guardrails) await t.call('settings.set', { guardrails: opts.guardrails });
  await t.call('sync.run', {});
  return { w, t };
};

describe('a mass suspension (an HR import suspends 300 people)', () => {
  it('is never written by a pull, a dry run, the scheduler or a sync; it is held whole and each op runs once on approval', async () => {
    const { w, t } = await start(320, { guardrails: { maxDeprovisionsPerRun: 10 } });
    expect(activeCount(w)).toBe(320);
    for (let i = 0; i < 300; i++) w.okta.state.setStatus(w.people[i]!, 'SUSPENDED');
    const before = writes(w);

    await t.call('directory.pull', {});
    const dry = await t.call('sync.plan', {});
    expect(dry.ops.filter((o) => o.kind === 'deactivate')).toHaveLength(300);
    expect(dry.ops.filter((o) => o.kind === 'deactivate').every((o) => o.status === 'held')).toBe(true);
    // The scheduler's next run: the real scheduler, started on this core, runs at once (nothing ran on schedule yet).
    const scheduled = new Promise<void>((resolve) =>
      t.core.events.subscribe((e) => {
        if (e.event === 'sync.finished') resolve();
      }),
    );
    t.core.sync.startScheduler();
    await scheduled;
    await t.core.sync.stopScheduler();
    expect(writes(w)).toEqual(before);
    const poll = await t.call('sync.run', {});
    expect(writes(w)).toEqual(before);
    expect(activeCount(w)).toBe(320);

    const held = poll.held.filter((o) => o.kind === 'deactivate');
    expect(held).toHaveLength(300);
    // One reason for the whole batch, naming the limits it trips.
    expect(new Set(held.map((o) => o.heldReason))).toEqual(
      new Set([
        'held: 300 destructive changes in this run exceed the limit of 10 per run; 300 of 320 Acme accounts (94 %) would lose access in this run, over the limit of 20 %',
      ]),
    );
    // The leaver step opened a case per leaver, and they show the same held ops.
    const cases = await t.call('offboarding.list', { status: 'open' });
    expect(cases.cases).toHaveLength(300);
    expect(cases.cases.every((c) => c.tasks.some((x) => x.appId === 'acme' && x.status === 'review'))).toBe(
      true,
    );

    const approved = await t.call('review.approve', { ids: held.map((o) => o.id) });
    expect(approved.superseded).toEqual([]);
    expect(approved.ops.filter((o) => o.status === 'done')).toHaveLength(300);
    expect(activeCount(w)).toBe(20);
    // Exactly once: one write per deactivation, one ledger event per op.
    const after = writes(w);
    expect(after.scim - before.scim).toBe(300);
    expect(after.okta).toBe(before.okta);
    const audit = await t.call('audit.list', { action: 'op.applied', limit: 1000 });
    const applied = audit.events.filter((e) => (e.before as { kind?: string })?.kind === 'deactivate');
    expect(applied).toHaveLength(300);
    expect(new Set(applied.map((e) => (e.before as { op: number }).op)).size).toBe(300);
    // And nothing more on the next run.
    const next = await t.call('sync.run', {});
    expect(next.run.stats!.applied).toBe(0);
    expect(writes(w).scim).toBe(after.scim);
  }, 60_000);
});
