// Tampering with the ledger the way someone with write access to the database would, on both engines: past the
// append-only triggers (see harness.ts: dropped on SQLite, bypassed by replica mode on PostgreSQL), rows edited,
// deleted, inserted or reordered. `verify` must fail and name the first bad seq.
import { describe, expect, it } from 'vitest';
import { rowHash, type AuditRow } from '../../../electron/audit/hash';
import { ENGINES } from '../../helpers/store-engines';
import { appendMany, forged, intruder, LEDGER_TRIGGERS, ledgersOn } from './harness';

const N = 10;

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

describe.each(ENGINES)('audit verify detects tampering on %s', (engine) => {
  const open = ledgersOn(engine);
  const setup = async (triggers: 'bypassed' | 'dropped' = 'bypassed') => {
    const f = await open();
    await appendMany(f.ledger, N);
    return { ...f, raw: await intruder(f, triggers) };
  };

  describe.each([1, 5, N])('editing event %i', (seq) => {
    it.each(EDITS)('names it when its %s is changed', async (column, value) => {
      const f = await setup();
      await f.raw.run(`UPDATE audit_events SET ${column} = ? WHERE seq = ?`, value, seq);
      const v = await f.ledger.verify();
      expect(v.ok).toBe(false);
      expect(v.firstBad).toMatchObject({ seq, problem: 'edited' });
      expect(v.headSeq).toBe(seq - 1);
    });
  });

  it('names an edited event even when the attacker recomputed its hash', async () => {
    const f = await setup();
    await f.raw.rewrite(4, { result: 'skipped' });
    expect((await f.ledger.verify()).firstBad).toMatchObject({ seq: 4, problem: 'edited' });
  });

  it('detects a rehashed edit of the newest event through the head anchor', async () => {
    const f = await setup();
    await f.raw.rewrite(N, { actor: 'ui' });
    expect((await f.ledger.verify()).firstBad).toMatchObject({ seq: N, problem: 'edited' });
  });

  it('detects a deleted event in the middle', async () => {
    const f = await setup();
    await f.raw.run('DELETE FROM audit_events WHERE seq = 5');
    expect(await f.ledger.verify()).toMatchObject({
      ok: false,
      count: 4,
      firstBad: { seq: 5, problem: 'deleted' },
    });
  });

  it('detects a deleted first event', async () => {
    const f = await setup();
    await f.raw.run('DELETE FROM audit_events WHERE seq = 1');
    expect((await f.ledger.verify()).firstBad).toMatchObject({ seq: 1, problem: 'deleted' });
  });

  it('detects a deleted event even when the later ones were renumbered to close the gap', async () => {
    const f = await setup();
    await f.raw.run('DELETE FROM audit_events WHERE seq = 6');
    await f.raw.renumber(7, -1);
    expect((await f.ledger.verify()).firstBad).toMatchObject({ seq: 6, problem: 'deleted' });
  });

  it('detects that the newest event was deleted (a shorter chain that is otherwise valid)', async () => {
    const f = await setup();
    await f.raw.run('DELETE FROM audit_events WHERE seq = ?', N);
    expect(await f.ledger.verify()).toMatchObject({
      ok: false,
      count: N - 1,
      firstBad: { seq: N, problem: 'deleted' },
    });
  });

  it('detects that the newest several events were deleted (the tail truncated)', async () => {
    const f = await setup();
    await f.raw.run('DELETE FROM audit_events WHERE seq > 7');
    expect((await f.ledger.verify()).firstBad).toMatchObject({ seq: 8, problem: 'deleted' });
  });

  it('detects that every event was deleted', async () => {
    const f = await setup();
    await f.raw.run(engine === 'postgres' ? 'TRUNCATE audit_events' : 'DELETE FROM audit_events');
    expect((await f.ledger.verify()).firstBad).toMatchObject({ seq: 1, problem: 'deleted' });
  });

  it('detects a deleted head anchor', async () => {
    const f = await setup();
    await f.raw.run('DELETE FROM audit_head');
    const v = await f.ledger.verify();
    expect(v).toMatchObject({ ok: false, firstBad: { problem: 'deleted' } });
    expect(v.firstBad!.detail).toMatch(/anchor/);
  });

  it('detects a well-formed forged event appended after the head', async () => {
    const f = await setup();
    await f.raw.insertWellFormed(forged(N + 1, (await f.raw.row(N)).hash));
    expect(await f.ledger.verify()).toMatchObject({
      ok: false,
      count: N,
      firstBad: { seq: N + 1, problem: 'inserted' },
    });
  });

  it('detects a forged event slipped into the middle, the later ones renumbered', async () => {
    const f = await setup();
    await f.raw.renumber(5, 1);
    await f.raw.insertWellFormed(forged(5, (await f.raw.row(4)).hash));
    expect((await f.ledger.verify()).firstBad).toMatchObject({ seq: 5, problem: 'inserted' });
  });

  it('detects a naively forged event (wrong hash) slipped into the middle', async () => {
    const f = await setup();
    await f.raw.renumber(5, 1);
    await f.raw.run(
      `INSERT INTO audit_events (seq, at, actor, action, result, prev_hash, hash)
       VALUES (5, '2026-11-01T00:04:30.000Z', 'ui', 'op.approved', 'ok', ?, ?)`,
      (await f.raw.row(4)).hash,
      'a'.repeat(64),
    );
    expect(await f.ledger.verify()).toMatchObject({ ok: false, firstBad: { seq: 5 } });
  });

  it('detects two events swapped', async () => {
    const f = await setup();
    await f.raw.swap(4, 5);
    expect((await f.ledger.verify()).firstBad).toMatchObject({ seq: 4, problem: 'reordered' });
  });

  /** Rewrites event 3 and re-chains everything after it, head included: what the hash chain alone cannot see. */
  const rehashFrom3 = async (f: Awaited<ReturnType<typeof setup>>): Promise<void> => {
    let prev = (await f.raw.row(2)).hash;
    for (let seq = 3; seq <= N; seq++) {
      const r = {
        ...(await f.raw.row(seq)),
        prev_hash: prev,
        ...(seq === 3 ? { person_id: 'someone-else' } : {}),
      };
      prev = rowHash(r);
      await f.raw.run(
        'UPDATE audit_events SET person_id = ?, prev_hash = ?, hash = ? WHERE seq = ?',
        r.person_id,
        r.prev_hash,
        prev,
        seq,
      );
    }
    await f.raw.run('UPDATE audit_head SET head_hash = ?', prev);
  };

  it('a chain rewritten from event 3 on, head included, hides from the chain check but not from an anchor kept elsewhere', async () => {
    // This ledger has no seal key (see seal.test.ts for the seal): the head the admin anchored outside the
    // database reveals it, on either engine, even with the triggers as they were.
    const opened = await open();
    await appendMany(opened.ledger, N);
    const anchoredElsewhere = await opened.ledger.anchor();
    const f = { ...opened, raw: await intruder(opened) };
    await rehashFrom3(f);
    await f.raw.cover();
    const v = await f.ledger.verify(anchoredElsewhere);
    expect(v.firstBad).toBeUndefined();
    expect(v.count).toBe(N);
    expect(v.headHash).not.toBe(anchoredElsewhere.hash);
    expect(v.protections.ok).toBe(true);
    expect(v.ok).toBe(false);
    expect(v.anchor).toMatchObject({ status: 'differs', signatureChecked: false });
  });

  it('the same rewrite by someone who dropped the triggers to do it: the trigger check names them', async () => {
    const f = await setup('dropped');
    await rehashFrom3(f);
    const v = await f.ledger.verify();
    expect(v.firstBad).toBeUndefined();
    expect(v.ok).toBe(false);
    expect(v.protections.detail).toContain('removed: ');
    expect(v.protections.detail).toContain('audit_head_forward_only');
  });

  it('an untouched ledger whose triggers were dropped: the chain is intact, verify fails naming the removed protections', async () => {
    const f = await setup('dropped');
    const v = await f.ledger.verify();
    expect(v).toMatchObject({ ok: false, count: N, headSeq: N, protections: { ok: false } });
    expect(v.firstBad).toBeUndefined();
    expect(v.protections.detail).toBe(
      `The audit ledger's append-only protections were altered outside Lanyard (removed: ${LEDGER_TRIGGERS[engine].join(', ')}).`,
    );
  });
});
