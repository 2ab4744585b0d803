// Tampering with the ledger file the way someone with full file access would: a raw SQLite connection, triggers
// dropped, then rows edited, deleted, inserted or reordered. `verify` must fail and name the first bad seq.
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, rowHash, type AuditRow } from '../../../electron/audit/hash';
import { appendSamples, attacker, forged, insertWellFormed, openLedger, renumber, row } from './harness';

const N = 10;

const setup = () => {
  const f = openLedger();
  appendSamples(f.ledger, N);
  return { ...f, raw: attacker(f.file) };
};

const EDITS: [column: keyof AuditRow, value: string | number | null][] = [
  ['at', '2020-01-01T00:00:00.000Z'],
  ['actor', 'scheduler-x'],
  ['action', 'op.skipped'],
  ['app_id', 'payroll'],
  ['person_id', 'mallory'],
  ['run_id', 999],
  ['case_id', 77],
  ['before', '{"role":"admin"}'],
  ['after', '{"active":true}'],
  ['result', 'skipped'],
  ['prev_hash', 'f'.repeat(64)],
  ['hash', 'e'.repeat(64)],
];

describe('audit verify detects tampering', () => {
  describe.each([1, 5, N])('editing event %i', (seq) => {
    it.each(EDITS)('names it when its %s is changed', (column, value) => {
      const f = setup();
      f.raw.prepare(`UPDATE audit_events SET ${column} = ? WHERE seq = ?`).run(value, seq);
      const v = f.ledger.verify();
      expect(v.ok).toBe(false);
      expect(v.firstBad).toMatchObject({ seq, problem: 'edited' });
      expect(v.headSeq).toBe(seq - 1);
    });
  });

  it('names an edited event even when the attacker recomputed its hash', () => {
    const f = setup();
    const r = { ...row(f.raw, 4), result: 'skipped' };
    f.raw.prepare('UPDATE audit_events SET result = ?, hash = ? WHERE seq = 4').run(r.result, rowHash(r));
    expect(f.ledger.verify().firstBad).toMatchObject({ seq: 4, problem: 'edited' });
  });

  it('detects a rehashed edit of the newest event through the head anchor', () => {
    const f = setup();
    const r = { ...row(f.raw, N), actor: 'ui' };
    f.raw.prepare('UPDATE audit_events SET actor = ?, hash = ? WHERE seq = ?').run(r.actor, rowHash(r), N);
    expect(f.ledger.verify().firstBad).toMatchObject({ seq: N, problem: 'edited' });
  });

  it('detects a deleted event in the middle', () => {
    const f = setup();
    f.raw.prepare('DELETE FROM audit_events WHERE seq = 5').run();
    expect(f.ledger.verify()).toMatchObject({
      ok: false,
      count: 4,
      firstBad: { seq: 5, problem: 'deleted' },
    });
  });

  it('detects a deleted first event', () => {
    const f = setup();
    f.raw.prepare('DELETE FROM audit_events WHERE seq = 1').run();
    expect(f.ledger.verify().firstBad).toMatchObject({ seq: 1, problem: 'deleted' });
  });

  it('detects a deleted event even when the later ones were renumbered to close the gap', () => {
    const f = setup();
    f.raw.prepare('DELETE FROM audit_events WHERE seq = 6').run();
    renumber(f.raw, 7, -1);
    expect(f.ledger.verify().firstBad).toMatchObject({ seq: 6, problem: 'deleted' });
  });

  it('detects that the newest event was deleted (a shorter chain that is otherwise valid)', () => {
    const f = setup();
    f.raw.prepare('DELETE FROM audit_events WHERE seq = ?').run(N);
    expect(f.ledger.verify()).toMatchObject({
      ok: false,
      count: N - 1,
      firstBad: { seq: N, problem: 'deleted' },
    });
  });

  it('detects that the newest several events were deleted', () => {
    const f = setup();
    f.raw.prepare('DELETE FROM audit_events WHERE seq > 7').run();
    expect(f.ledger.verify().firstBad).toMatchObject({ seq: 8, problem: 'deleted' });
  });

  it('detects that every event was deleted', () => {
    const f = setup();
    f.raw.prepare('DELETE FROM audit_events').run();
    expect(f.ledger.verify().firstBad).toMatchObject({ seq: 1, problem: 'deleted' });
  });

  it('detects a deleted head anchor', () => {
    const f = setup();
    f.raw.prepare('DELETE FROM audit_head').run();
    expect(f.ledger.verify()).toMatchObject({ ok: false, firstBad: { problem: 'deleted' } });
    expect(f.ledger.verify().firstBad!.detail).toMatch(/anchor/);
  });

  it('detects a well-formed forged event appended after the head', () => {
    const f = setup();
    insertWellFormed(f.raw, forged(N + 1, row(f.raw, N).hash));
    expect(f.ledger.verify()).toMatchObject({
      ok: false,
      count: N,
      firstBad: { seq: N + 1, problem: 'inserted' },
    });
  });

  it('detects a forged event slipped into the middle, the later ones renumbered', () => {
    const f = setup();
    renumber(f.raw, 5, 1);
    insertWellFormed(f.raw, forged(5, row(f.raw, 4).hash));
    expect(f.ledger.verify().firstBad).toMatchObject({ seq: 5, problem: 'inserted' });
  });

  it('detects a naively forged event (wrong hash) slipped into the middle', () => {
    const f = setup();
    renumber(f.raw, 5, 1);
    f.raw
      .prepare(
        `INSERT INTO audit_events (seq, at, actor, action, result, prev_hash, hash)
         VALUES (5, '2026-11-01T00:04:30.000Z', 'ui', 'op.approved', 'ok', ?, ?)`,
      )
      .run(row(f.raw, 4).hash, 'a'.repeat(64));
    expect(f.ledger.verify()).toMatchObject({ ok: false, firstBad: { seq: 5 } });
  });

  it('detects two events swapped', () => {
    const f = setup();
    f.raw.exec(
      'UPDATE audit_events SET seq = -1 WHERE seq = 4; UPDATE audit_events SET seq = 4 WHERE seq = 5; UPDATE audit_events SET seq = 5 WHERE seq = -1;',
    );
    expect(f.ledger.verify().firstBad).toMatchObject({ seq: 4, problem: 'reordered' });
  });

  it('a chain rewritten from event 3 on, head included, hides from the chain check but not from the trigger check or a head kept elsewhere', () => {
    // What an attacker with the file and Lanyard's source can hide from the hash chain alone: rewrite event 3 and
    // re-chain everything after it, anchor included. This ledger has no seal key (see seal.test.ts for the seal):
    // the dropped triggers and the head hash the admin recorded outside the file reveal it.
    const f = setup();
    const anchoredElsewhere = f.ledger.verify().headHash;
    let prev = row(f.raw, 2).hash;
    for (let seq = 3; seq <= N; seq++) {
      const r = { ...row(f.raw, seq), prev_hash: prev, ...(seq === 3 ? { person_id: 'someone-else' } : {}) };
      prev = rowHash(r);
      f.raw
        .prepare('UPDATE audit_events SET person_id = ?, prev_hash = ?, hash = ? WHERE seq = ?')
        .run(r.person_id, r.prev_hash, prev, seq);
    }
    f.raw.prepare('UPDATE audit_head SET head_hash = ?').run(prev);
    const v = f.ledger.verify();
    expect(v.firstBad).toBeUndefined();
    expect(v.count).toBe(N);
    expect(v.headHash).not.toBe(anchoredElsewhere);
    expect(v.ok).toBe(false);
    expect(v.protections.detail).toContain('removed: audit_head_forward_only');
  });

  it('an untouched ledger whose triggers were dropped: the chain is intact, verify fails naming the removed protections', () => {
    const f = setup();
    const v = f.ledger.verify();
    expect(v).toMatchObject({ ok: false, count: N, headSeq: N, protections: { ok: false } });
    expect(v.firstBad).toBeUndefined();
    expect(v.protections.detail).toBe(
      "The audit ledger's append-only protections were altered outside Lanyard (removed: audit_head_forward_only, audit_head_no_delete, audit_head_single_row, audit_no_delete, audit_no_update).",
    );
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });
});
