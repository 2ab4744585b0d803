// `audit verify` must name the FIRST bad sequence number, and say how it went bad, for every way someone with the
// file can tamper with it: edit, insert, delete, reorder — at the start, in the middle and at the end of the chain,
// with and without recomputing hashes. The detail is what the admin reads, so it is checked word for word.
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, rowHash, type AuditRow } from '../../../electron/audit/hash';
import type { Db } from '../../../electron/store/database';
import { appendSamples, attacker, forged, insertWellFormed, openLedger, renumber, row } from './harness';

const N = 10;

const setup = () => {
  const f = openLedger();
  appendSamples(f.ledger, N);
  return { ...f, raw: attacker(f.file) };
};

/** Changes columns of one row and stores a hash that matches its new contents, as an informed attacker would. */
const rewrite = (raw: Db, seq: number, changes: Partial<AuditRow>): string => {
  const { hash: _old, ...r } = { ...row(raw, seq), ...changes };
  void _old;
  const hash = rowHash(r);
  const cols = Object.keys(changes);
  raw
    .prepare(
      `UPDATE audit_events SET ${[...cols, 'hash'].map((c) => `${c} = @${c}`).join(', ')} WHERE seq = @at`,
    )
    .run({ ...changes, hash, at: seq });
  return hash;
};

const swap = (raw: Db, a: number, b: number): void => {
  raw.prepare('UPDATE audit_events SET seq = -1 WHERE seq = ?').run(a);
  raw.prepare('UPDATE audit_events SET seq = ? WHERE seq = ?').run(a, b);
  raw.prepare('UPDATE audit_events SET seq = ? WHERE seq = -1').run(b);
};

describe('audit verify names the first bad seq', () => {
  describe('edited', () => {
    it('an edited event, hash left as it was', () => {
      const f = setup();
      f.raw.prepare("UPDATE audit_events SET actor = 'x' WHERE seq = 3").run();
      expect(f.ledger.verify()).toMatchObject({
        ok: false,
        count: 2,
        headSeq: 2,
        headHash: row(f.raw, 2).hash,
        firstBad: { seq: 3, problem: 'edited', detail: "event 3's contents no longer match its hash" },
      });
    });

    it('an edited event with a recomputed hash: the next event still points at the original', () => {
      const f = setup();
      rewrite(f.raw, 4, { result: 'skipped' });
      expect(f.ledger.verify().firstBad).toEqual({
        seq: 4,
        problem: 'edited',
        detail: 'event 4 was rewritten: event 5 was chained to a different version of it',
      });
    });

    it('a first event rehashed onto another chain no longer starts the chain', () => {
      const f = setup();
      rewrite(f.raw, 1, { prev_hash: 'c'.repeat(64) });
      expect(f.ledger.verify().firstBad).toEqual({
        seq: 1,
        problem: 'edited',
        detail: 'event 1 does not start the chain',
      });
    });

    it('the newest event rehashed: the chain no longer ends in the anchored head hash', () => {
      const f = setup();
      rewrite(f.raw, N, { actor: 'ui-forged' });
      expect(f.ledger.verify().firstBad).toEqual({
        seq: N,
        problem: 'edited',
        detail: `the chain was rewritten at or before event ${N}: it no longer ends in the anchored head hash`,
      });
    });

    it('a head anchor whose count was changed', () => {
      const f = setup();
      f.raw.prepare('UPDATE audit_head SET count = ?').run(N + 1);
      expect(f.ledger.verify()).toMatchObject({
        ok: false,
        count: N,
        firstBad: {
          seq: N,
          problem: 'edited',
          detail: `the head anchor counts ${N + 1} events, the ledger has ${N}`,
        },
      });
    });
  });

  describe('inserted', () => {
    it('an event with seq 0, before the first one Lanyard wrote', () => {
      const f = setup();
      insertWellFormed(f.raw, forged(0, GENESIS_HASH));
      expect(f.ledger.verify()).toMatchObject({
        ok: false,
        count: 0,
        firstBad: { seq: 0, problem: 'inserted', detail: 'event 0 precedes the first event Lanyard wrote' },
      });
    });

    it('a well-formed event slipped in as the first one, the later ones renumbered', () => {
      const f = setup();
      renumber(f.raw, 1, 1);
      insertWellFormed(f.raw, forged(1, GENESIS_HASH));
      expect(f.ledger.verify().firstBad).toEqual({
        seq: 1,
        problem: 'inserted',
        detail: 'event 1 is not part of the chain: event 2 was written directly after the start',
      });
    });

    it('a well-formed event slipped into the middle, the later ones renumbered and the next one rehashed', () => {
      const f = setup();
      renumber(f.raw, 5, 1);
      insertWellFormed(f.raw, forged(5, row(f.raw, 4).hash));
      rewrite(f.raw, 6, {});
      expect(f.ledger.verify()).toMatchObject({
        count: 5,
        firstBad: {
          seq: 5,
          problem: 'inserted',
          detail: 'event 5 is not part of the chain: event 6 was written directly after event 4',
        },
      });
    });

    it('the same at the very start, the next one rehashed', () => {
      const f = setup();
      renumber(f.raw, 1, 1);
      insertWellFormed(f.raw, forged(1, GENESIS_HASH));
      rewrite(f.raw, 2, {});
      expect(f.ledger.verify().firstBad).toMatchObject({ seq: 1, problem: 'inserted' });
    });

    it('later events moved up one seq, leaving a gap: the gap is the first bad seq', () => {
      const f = setup();
      renumber(f.raw, 5, 1);
      const v = f.ledger.verify();
      expect(v).toMatchObject({ ok: false, count: 4, headSeq: 4, firstBad: { seq: 5 } });
      // Event 5's contents, now at seq 6, were written as 5. (verify calls this "inserted at seq 5", though
      // nothing is stored there: only the seq and this part of the detail are asserted.)
      expect(v.firstBad!.detail).toMatch(/renumbered \(this one was written as 5\)$/);
    });

    it('an event with a wrong hash appended after the anchored head', () => {
      const f = setup();
      f.raw
        .prepare(
          `INSERT INTO audit_events (seq, at, actor, action, result, prev_hash, hash)
           VALUES (?, '2026-11-02T00:00:00.000Z', 'ui', 'op.approved', 'ok', ?, ?)`,
        )
        .run(N + 1, row(f.raw, N).hash, 'a'.repeat(64));
      expect(f.ledger.verify()).toMatchObject({
        ok: false,
        count: N,
        firstBad: {
          seq: N + 1,
          problem: 'inserted',
          detail: `event ${N + 1} was added after the anchored head (seq ${N})`,
        },
      });
    });

    it('a well-formed event appended after the anchored head', () => {
      const f = setup();
      insertWellFormed(f.raw, forged(N + 1, row(f.raw, N).hash));
      expect(f.ledger.verify().firstBad).toEqual({
        seq: N + 1,
        problem: 'inserted',
        detail: `event ${N + 1} was added outside Lanyard, after the anchored head (seq ${N})`,
      });
    });
  });

  describe('deleted', () => {
    it('one event in the middle', () => {
      const f = setup();
      f.raw.prepare('DELETE FROM audit_events WHERE seq = 5').run();
      expect(f.ledger.verify().firstBad).toEqual({
        seq: 5,
        problem: 'deleted',
        detail: 'event 5 is missing',
      });
    });

    it('two events in the middle', () => {
      const f = setup();
      f.raw.prepare('DELETE FROM audit_events WHERE seq IN (5, 6)').run();
      expect(f.ledger.verify().firstBad).toEqual({
        seq: 5,
        problem: 'deleted',
        detail: 'events 5–6 are missing',
      });
    });

    it('one event in the middle, the next one re-chained and rehashed to hide the gap', () => {
      const f = setup();
      f.raw.prepare('DELETE FROM audit_events WHERE seq = 5').run();
      rewrite(f.raw, 6, { prev_hash: row(f.raw, 4).hash });
      expect(f.ledger.verify()).toMatchObject({
        count: 4,
        firstBad: { seq: 5, problem: 'deleted', detail: 'event 5 is missing' },
      });
    });

    it('the first event, the next one re-chained to the start', () => {
      const f = setup();
      f.raw.prepare('DELETE FROM audit_events WHERE seq = 1').run();
      rewrite(f.raw, 2, { prev_hash: GENESIS_HASH });
      expect(f.ledger.verify()).toMatchObject({
        count: 0,
        firstBad: { seq: 1, problem: 'deleted', detail: 'event 1 is missing' },
      });
    });

    it('one event, the later ones renumbered down to close the gap', () => {
      const f = setup();
      f.raw.prepare('DELETE FROM audit_events WHERE seq = 6').run();
      renumber(f.raw, 7, -1);
      expect(f.ledger.verify().firstBad).toEqual({
        seq: 6,
        problem: 'deleted',
        detail: 'an event before seq 6 was deleted and the later ones renumbered (this one was written as 7)',
      });
    });

    it('the newest event', () => {
      const f = setup();
      f.raw.prepare('DELETE FROM audit_events WHERE seq = ?').run(N);
      expect(f.ledger.verify().firstBad).toEqual({
        seq: N,
        problem: 'deleted',
        detail: `the newest event (seq ${N}) is missing`,
      });
    });

    it('the newest three events', () => {
      const f = setup();
      f.raw.prepare('DELETE FROM audit_events WHERE seq > ?').run(N - 3);
      expect(f.ledger.verify().firstBad).toEqual({
        seq: N - 2,
        problem: 'deleted',
        detail: `the newest events (seq ${N - 2}–${N}) are missing`,
      });
    });

    it('the head anchor', () => {
      const f = setup();
      f.raw.prepare('DELETE FROM audit_head').run();
      expect(f.ledger.verify().firstBad).toEqual({
        seq: N + 1,
        problem: 'deleted',
        detail: 'the head anchor (table audit_head) is missing',
      });
    });
  });

  describe('reordered', () => {
    it.each([
      [1, 2],
      [4, 5],
      [N - 1, N],
    ])('events %i and %i swapped', (a, b) => {
      const f = setup();
      swap(f.raw, a, b);
      expect(f.ledger.verify()).toMatchObject({
        ok: false,
        count: a - 1,
        firstBad: {
          seq: a,
          problem: 'reordered',
          detail: `event ${a} was written after event ${b}'s contents, which are now stored after it`,
        },
      });
    });
  });
});

describe('what the ledger stores for absent and odd values', () => {
  it('stores an empty app or person as none, and a missing run or case as none (not 0)', () => {
    const f = openLedger();
    const e = f.ledger.appendSync({
      actor: 'ui',
      action: 'x',
      app: '',
      person: '',
      run: null,
      case: undefined,
      result: 'ok',
    });
    expect(e).toMatchObject({ app: null, person: null, run: null, case: null });
    expect(row(f.db, 1)).toMatchObject({ app_id: null, person_id: null, run_id: null, case_id: null });
  });

  it('records an event without an actor as "unknown"', () => {
    const f = openLedger();
    expect(f.ledger.appendSync({ actor: '', action: 'x', result: 'ok' }).actor).toBe('unknown');
  });

  it('shows a before/after edited by hand into something that is not JSON as it is, and verify flags it', () => {
    const f = openLedger();
    f.ledger.appendSync({ actor: 'ui', action: 'x', before: { a: 1 }, result: 'ok' });
    const raw = attacker(f.file);
    raw.prepare("UPDATE audit_events SET before = 'not json {' WHERE seq = 1").run();
    expect(f.ledger.list().events[0]!.before).toBe('not json {');
    expect(f.ledger.verify().firstBad).toMatchObject({ seq: 1, problem: 'edited' });
  });

  it('pages exactly: a full last page has no next cursor', () => {
    const f = openLedger();
    appendSamples(f.ledger, 4);
    expect(f.ledger.list({}, { limit: 4 })).toMatchObject({ nextCursor: null });
    const first = f.ledger.list({}, { limit: 2 });
    expect(first.events.map((e) => e.seq)).toEqual([4, 3]);
    expect(first.nextCursor).toBe(3);
    const second = f.ledger.list({}, { limit: 2, cursor: first.nextCursor! });
    expect(second.events.map((e) => e.seq)).toEqual([2, 1]);
    expect(second.nextCursor).toBeNull();
  });
});
