// Finding events: by person, app, action (exact or "op.*"), time window (dates, times or ages), newest first,
// paged by seq — on both engines.
import { describe, expect, it } from 'vitest';
import { LanyardError } from '../../../electron/app/errors';
import { ENGINES } from '../../helpers/store-engines';
import { ledgersOn, type LedgerFixture } from './harness';

const seed = async (open: () => Promise<LedgerFixture>) => {
  const f = await open(); // one minute per event from 2026-11-01T00:00Z
  const people = ['alice', 'bob', 'carol'];
  for (let i = 0; i < 30; i++) {
    await f.ledger.append({
      actor: i % 2 ? 'scheduler' : 'ui',
      action: ['op.applied', 'op.failed', 'config.applied'][i % 3]!,
      app: i % 3 === 2 ? null : ['slack', 'github'][i % 2]!,
      person: i % 3 === 2 ? null : people[i % 3]!,
      result: 'ok',
    });
  }
  return f;
};

const seqs = (page: { events: { seq: number }[] }): number[] => page.events.map((e) => e.seq);

describe.each(ENGINES)('listing audit events on %s', (engine) => {
  const open = ledgersOn(engine);

  it('lists newest first and pages on by seq', async () => {
    const f = await seed(open);
    const first = await f.ledger.list({}, { limit: 12 });
    expect(seqs(first)).toEqual([30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19]);
    expect(first.nextCursor).toBe(19);
    const second = await f.ledger.list({}, { limit: 12, cursor: first.nextCursor! });
    expect(seqs(second)[0]).toBe(18);
    const third = await f.ledger.list({}, { limit: 12, cursor: second.nextCursor! });
    expect(seqs(third)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(third.nextCursor).toBeNull();
  });

  it('filters by person, app and action, alone and together', async () => {
    const f = await seed(open);
    const all = (await f.ledger.list({}, { limit: 1000 })).events;
    const byPerson = (await f.ledger.list({ person: 'alice' })).events;
    expect(byPerson.length).toBeGreaterThan(0);
    expect(seqs({ events: byPerson })).toEqual(all.filter((e) => e.person === 'alice').map((e) => e.seq));
    const byApp = (await f.ledger.list({ app: 'github' })).events;
    expect(byApp.every((e) => e.app === 'github')).toBe(true);
    expect(byApp).toHaveLength(all.filter((e) => e.app === 'github').length);
    expect((await f.ledger.list({ action: 'op.failed' })).events.every((e) => e.action === 'op.failed')).toBe(
      true,
    );
    expect((await f.ledger.list({ action: 'op.*' })).events).toHaveLength(20);
    expect((await f.ledger.list({ action: 'op_*' })).events).toHaveLength(0); // "_" is not a LIKE wildcard here
    const combined = (await f.ledger.list({ person: 'bob', app: 'github', action: 'op.failed' })).events;
    expect(combined.length).toBeGreaterThan(0);
    expect(combined.every((e) => e.person === 'bob' && e.app === 'github' && e.action === 'op.failed')).toBe(
      true,
    );
  });

  it('filters by time: since is inclusive, until exclusive; dates, times and offsets all work', async () => {
    const f = await seed(open);
    const window = (await f.ledger.list({ since: '2026-11-01T00:10:00Z', until: '2026-11-01T00:20:00Z' }))
      .events;
    expect(seqs({ events: window })).toEqual([20, 19, 18, 17, 16, 15, 14, 13, 12, 11]);
    expect((await f.ledger.list({ since: '2026-11-01T01:10:00+01:00' })).events.at(-1)!.seq).toBe(11);
    expect((await f.ledger.list({ until: '2026-11-01' })).events).toHaveLength(0);
    expect((await f.ledger.list({ since: '2026-11-02' })).events).toHaveLength(0);
  });

  it('reads ages such as "5m" relative to the clock', async () => {
    const f = await seed(open);
    f.clock.set('2026-11-01T00:30:00.000Z');
    // 00:25 onwards: the events written at 00:25 … 00:29
    expect(seqs(await f.ledger.list({ since: '5m' }))).toEqual([30, 29, 28, 27, 26]);
  });

  it('refuses a time it cannot read, naming the field, from list and at once from iterate', async () => {
    const f = await seed(open);
    const err = await f.ledger.list({ since: 'last tuesday' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LanyardError);
    expect(err).toMatchObject({ code: 'bad_input', path: 'since' });
    // iterate refuses when it is called, before anything is read or written out
    expect(() => f.ledger.iterate({ until: 'soon' })).toThrow(LanyardError);
  });

  it('iterates every matching event oldest first', async () => {
    const f = await seed(open);
    const slack = [];
    for await (const e of f.ledger.iterate({ app: 'slack' })) slack.push(e);
    expect(slack.length).toBeGreaterThan(0);
    expect(slack).toEqual((await f.ledger.list({ app: 'slack' })).events.reverse());
  });

  it('iterates up to the newest event when it starts: events appended meanwhile wait for the next export', async () => {
    const f = await seed(open);
    const seen = [];
    for await (const e of f.ledger.iterate()) {
      if (e.seq === 1) await f.ledger.append({ actor: 'cli', action: 'op.applied', result: 'ok' });
      seen.push(e.seq);
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect((await f.ledger.head())!.headSeq).toBe(31);
  });
});
