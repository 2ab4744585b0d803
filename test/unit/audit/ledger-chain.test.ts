// The ledger's promises on the happy path: every append is chained to the one before it, the head anchor moves
// with it in the same transaction, the database itself refuses edits, and secrets never reach a row.
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, rowHash, type AuditRow } from '../../../electron/audit/hash';
import { registerSecret } from '../../../electron/log/logger';
import { appendSamples, openLedger, sampleEvent } from './harness';

const rows = (f: ReturnType<typeof openLedger>): AuditRow[] =>
  f.db.prepare<[], AuditRow>('SELECT * FROM audit_events ORDER BY seq').all();

describe('the audit ledger', () => {
  it('chains every event to the one before it, starting from 64 zeros', () => {
    const f = openLedger();
    appendSamples(f.ledger, 25);
    const all = rows(f);
    expect(all.map((r) => r.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(all[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 0; i < all.length; i++) {
      expect(all[i]!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(all[i]!.hash).toBe(rowHash(all[i]!));
      if (i > 0) expect(all[i]!.prev_hash).toBe(all[i - 1]!.hash);
    }
  });

  it('returns the stored event, with time from the clock and the caller as actor', () => {
    const f = openLedger();
    f.clock.set('2026-11-28T09:30:00.000Z');
    const e = f.ledger.appendSync({
      actor: 'scheduler',
      action: 'op.applied',
      app: 'slack',
      person: 'p1',
      run: 4,
      result: 'ok',
      after: { active: false },
    });
    expect(e).toMatchObject({
      seq: 1,
      at: '2026-11-28T09:30:00.000Z',
      actor: 'scheduler',
      action: 'op.applied',
      app: 'slack',
      person: 'p1',
      run: 4,
      case: null,
      before: null,
      after: { active: false },
      result: 'ok',
      prevHash: GENESIS_HASH,
    });
  });

  it('moves the head anchor with every append and verifies an intact ledger', () => {
    const f = openLedger();
    expect(f.ledger.verify()).toMatchObject({ ok: true, count: 0, headSeq: 0, headHash: GENESIS_HASH });
    appendSamples(f.ledger, 12);
    const last = rows(f).at(-1)!;
    expect(f.ledger.head()).toEqual({ count: 12, headSeq: 12, headHash: last.hash });
    expect(f.ledger.verify()).toMatchObject({ ok: true, count: 12, headSeq: 12, headHash: last.hash });
  });

  it("records an event inside the caller's transaction, so it rolls back with the change it describes", () => {
    const f = openLedger();
    appendSamples(f.ledger, 3);
    const before = f.ledger.head();
    expect(() =>
      f.db.transaction(() => {
        f.ledger.appendSync(sampleEvent(4));
        throw new Error('the change failed');
      })(),
    ).toThrow('the change failed');
    expect(f.ledger.head()).toEqual(before);
    expect(rows(f)).toHaveLength(3);
    f.db.transaction(() => f.ledger.appendSync(sampleEvent(4)))();
    expect(f.ledger.verify()).toMatchObject({ ok: true, count: 4 });
  });

  it('is append-only in the database itself: UPDATE and DELETE are refused', () => {
    const f = openLedger();
    appendSamples(f.ledger, 2);
    expect(() => f.db.prepare("UPDATE audit_events SET actor = 'x' WHERE seq = 1").run()).toThrow(
      /append-only/,
    );
    expect(() => f.db.prepare('DELETE FROM audit_events WHERE seq = 2').run()).toThrow(/append-only/);
    expect(() => f.db.prepare('DELETE FROM audit_head').run()).toThrow(/cannot be deleted/);
    expect(() => f.db.prepare('UPDATE audit_head SET count = 0').run()).toThrow(/only moves forward/);
    expect(f.ledger.verify().ok).toBe(true);
  });

  it('never stores secrets: secret-named keys and secret-shaped values are redacted', () => {
    const f = openLedger();
    registerSecret('known-secret-value-123');
    f.ledger.appendSync({
      actor: 'ui',
      action: 'config.applied',
      before: {
        auth: { type: 'bearer', token: 'tok-AAAA' },
        password: 'hunter2',
        privateKey: 'pk',
        client_secret: 'cs',
      },
      after: {
        nested: [{ clientSecret: 'cs2', apiKey: 'k', note: 'header Authorization: Bearer abcdefghijklmnop' }],
        text: 'the value was known-secret-value-123',
        key: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
      },
      result: 'failed: client_secret=s3cr3t rejected',
    });
    const row = rows(f)[0]!;
    const stored = JSON.stringify(row);
    for (const secret of [
      'tok-AAAA',
      'hunter2',
      '"pk"',
      '"cs"',
      'cs2',
      '"k"',
      'abcdefghijklmnop',
      'known-secret-value-123',
      'MIIE',
      's3cr3t',
    ])
      expect(stored).not.toContain(secret);
    expect(JSON.parse(row.before!)).toEqual({
      auth: { token: '[redacted]', type: 'bearer' },
      client_secret: '[redacted]',
      password: '[redacted]',
      privateKey: '[redacted]',
    });
    expect(f.ledger.verify().ok).toBe(true);
  });

  it('keeps before/after small: an oversized state is replaced by a note', () => {
    const f = openLedger();
    const e = f.ledger.appendSync({
      actor: 'cli',
      action: 'x',
      after: { blob: 'a'.repeat(100_000) },
      result: 'ok',
    });
    expect(e.after).toMatchObject({ omitted: true });
  });
});
