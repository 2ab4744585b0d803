// What the ledger stores for absent and odd values, and how it pages, on both engines.
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../helpers/store-engines';
import { appendMany, intruder, ledgersOn } from './harness';

describe.each(ENGINES)('what the ledger stores for absent and odd values on %s', (engine) => {
  const open = ledgersOn(engine);

  it('stores an empty app or person as none, and a missing run or case as none (not 0)', async () => {
    const f = await open();
    const e = await f.ledger.append({
      actor: 'ui',
      action: 'x',
      app: '',
      person: '',
      run: null,
      case: undefined,
      result: 'ok',
    });
    expect(e).toMatchObject({ app: null, person: null, run: null, case: null });
    expect((await f.rows())[0]).toMatchObject({ app_id: null, person_id: null, run_id: null, case_id: null });
  });

  it('records an event without an actor as "unknown"', async () => {
    const f = await open();
    expect((await f.ledger.append({ actor: '', action: 'x', result: 'ok' })).actor).toBe('unknown');
  });

  it('shows a before/after edited by hand into something that is not JSON as it is, and verify flags it', async () => {
    const f = await open();
    await f.ledger.append({ actor: 'ui', action: 'x', before: { a: 1 }, result: 'ok' });
    const raw = await intruder(f);
    await raw.run("UPDATE audit_events SET before = 'not json {' WHERE seq = 1");
    expect((await f.ledger.list()).events[0]!.before).toBe('not json {');
    expect((await f.ledger.verify()).firstBad).toMatchObject({ seq: 1, problem: 'edited' });
  });

  it('pages exactly: a full last page has no next cursor', async () => {
    const f = await open();
    await appendMany(f.ledger, 4);
    expect(await f.ledger.list({}, { limit: 4 })).toMatchObject({ nextCursor: null });
    const first = await f.ledger.list({}, { limit: 2 });
    expect(first.events.map((e) => e.seq)).toEqual([4, 3]);
    expect(first.nextCursor).toBe(3);
    const second = await f.ledger.list({}, { limit: 2, cursor: first.nextCursor! });
    expect(second.events.map((e) => e.seq)).toEqual([2, 1]);
    expect(second.nextCursor).toBeNull();
  });
});
