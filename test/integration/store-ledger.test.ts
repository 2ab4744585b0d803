// The audit ledger on the async store (electron/audit/store-ledger.ts) on both engines: the same events give the
// same chain, verify streams it, concurrent appends from two processes/replicas leave no gap, and an append joins
// the caller's transaction.
import { describe, expect, it } from 'vitest';
import { openStoreLedger } from '../../electron/audit/store-ledger';
import { rowHash } from '../../electron/audit/hash';
import { ENGINES, storeFactory } from '../helpers/store-engines';
import { sampleEvent, steppingClock } from '../unit/audit/harness';

describe.each(ENGINES)('audit ledger on %s', (engine) => {
  const open = storeFactory(engine);

  it('chains, lists, iterates and verifies the same events with the same hashes', async () => {
    const { store } = await open('ledger');
    const ledger = await openStoreLedger(store, steppingClock());
    const appended = [];
    for (let i = 1; i <= 25; i++) appended.push(await ledger.append(sampleEvent(i)));
    expect(appended.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const all = [];
    for await (const e of ledger.iterate()) all.push(e);
    expect(all).toEqual(appended);
    const page = await ledger.list({ app: 'slack' }, { limit: 3 });
    expect(page.events.map((e) => e.app)).toEqual(['slack', 'slack', 'slack']);
    expect(page.events[0]!.seq).toBeGreaterThan(page.events[1]!.seq);
    const v = await ledger.verify();
    expect(v).toMatchObject({ ok: true, count: 25, headSeq: 25, headHash: appended[24]!.hash });
    expect(v.protections.ok).toBe(true);
    expect(await ledger.head()).toEqual({ count: 25, headSeq: 25, headHash: appended[24]!.hash });
    const row = await store
      .q()
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '=', 7)
      .executeTakeFirstOrThrow();
    expect(rowHash(row)).toBe(row.hash);
  });

  it('an append inside a transaction that fails is not recorded, and leaves no gap', async () => {
    const { store } = await open('ledger-tx');
    const ledger = await openStoreLedger(store, steppingClock());
    await ledger.append(sampleEvent(1));
    await expect(
      store.tx(async () => {
        await ledger.append(sampleEvent(2));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await ledger.append(sampleEvent(3))).seq).toBe(2);
    expect((await ledger.verify()).ok).toBe(true);
  });

  it('concurrent appends from two writers form one gap-free chain', async () => {
    const { store, another } = await open('ledger-concurrent');
    const a = await openStoreLedger(store, steppingClock());
    const b = engine === 'postgres' ? await openStoreLedger(await another(), steppingClock()) : a;
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).append(sampleEvent(i + 1))));
    const seqs = [];
    for await (const e of a.iterate()) seqs.push(e.seq);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await a.verify()).toMatchObject({ ok: true, count: 40 });
  });

  it('filters by kind inside the stored JSON state on both engines', async () => {
    const { store } = await open('ledger-kind');
    const ledger = await openStoreLedger(store, steppingClock());
    await ledger.append({
      actor: 'scheduler',
      action: 'op.applied',
      before: { kind: 'deprovision' },
      result: 'ok',
    });
    await ledger.append({ actor: 'scheduler', action: 'op.held', after: { kind: 'create' }, result: 'held' });
    await ledger.append({ actor: 'cli', action: 'config.applied', result: 'ok' });
    const kinds = async (kind: string) => (await ledger.list({ kind })).events.map((e) => e.action);
    expect(await kinds('deprovision')).toEqual(['op.applied']);
    expect(await kinds('create')).toEqual(['op.held']);
    expect((await ledger.list({ action: 'op.*' })).events).toHaveLength(2);
  });
});
