// The ledger's promises on the happy path, on both engines: every append is chained to the one before it, the
// head anchor moves with it in the same transaction, the database itself refuses edits, and secrets never reach
// a row.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, rowHash } from '../../../electron/audit/hash';
import { registerSecret } from '../../../electron/log/logger';
import { ENGINES } from '../../helpers/store-engines';
import { appendMany, ledgersOn, sampleEvent } from './harness';

/** What each engine's triggers answer to an UPDATE or DELETE of the ledger's tables. */
const REFUSED = {
  sqlite: {
    eventUpdate: 'audit_events is append-only',
    eventDelete: 'audit_events is append-only',
    headDelete: 'audit_head cannot be deleted',
    headUpdate: 'audit_head only moves forward',
  },
  postgres: {
    eventUpdate: 'the audit ledger is append-only: UPDATE on audit_events is refused',
    eventDelete: 'the audit ledger is append-only: DELETE on audit_events is refused',
    headDelete: 'the audit ledger is append-only: DELETE on audit_head is refused',
    headUpdate: 'the audit head only advances by one, to an event that exists',
  },
};

const refusal = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'accepted',
    (err: Error) => err.message,
  );

describe.each(ENGINES)('the audit ledger on %s', (engine) => {
  const open = ledgersOn(engine);

  it('chains every event to the one before it, starting from 64 zeros', async () => {
    const f = await open();
    await appendMany(f.ledger, 25);
    const all = await f.rows();
    expect(all.map((r) => r.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(all[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 0; i < all.length; i++) {
      expect(all[i]!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(all[i]!.hash).toBe(rowHash(all[i]!));
      if (i > 0) expect(all[i]!.prev_hash).toBe(all[i - 1]!.hash);
    }
  });

  it('returns the stored event, with time from the clock and the caller as actor', async () => {
    const f = await open();
    f.clock.set('2026-11-28T09:30:00.000Z');
    const e = await f.ledger.append({
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
    expect(e.hash).toBe((await f.rows())[0]!.hash);
  });

  it('moves the head anchor with every append and verifies an intact ledger', async () => {
    const f = await open();
    expect(await f.ledger.verify()).toMatchObject({ ok: true, count: 0, headSeq: 0, headHash: GENESIS_HASH });
    await appendMany(f.ledger, 12);
    const last = (await f.rows()).at(-1)!;
    expect(await f.ledger.head()).toEqual({ count: 12, headSeq: 12, headHash: last.hash });
    expect(await f.ledger.verify()).toMatchObject({ ok: true, count: 12, headSeq: 12, headHash: last.hash });
  });

  it("records an event inside the caller's transaction, so it rolls back with the change it describes", async () => {
    const f = await open();
    await appendMany(f.ledger, 3);
    const before = await f.ledger.head();
    await expect(
      f.store.tx(async () => {
        await f.ledger.append(sampleEvent(4));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await f.ledger.head()).toEqual(before);
    expect(await f.rows()).toHaveLength(3);
    await f.store.tx(() => f.ledger.append(sampleEvent(4)));
    expect(await f.ledger.verify()).toMatchObject({ ok: true, count: 4 });
  });

  it('is append-only in the database itself: UPDATE and DELETE are refused (and TRUNCATE on PostgreSQL)', async () => {
    const f = await open();
    await appendMany(f.ledger, 2);
    const q = f.store.q();
    const says = REFUSED[engine];
    expect(
      await refusal(q.updateTable('audit_events').set({ actor: 'x' }).where('seq', '=', 1).execute()),
    ).toContain(says.eventUpdate);
    expect(await refusal(q.deleteFrom('audit_events').where('seq', '=', 2).execute())).toContain(
      says.eventDelete,
    );
    expect(await refusal(q.deleteFrom('audit_head').execute())).toContain(says.headDelete);
    expect(await refusal(q.updateTable('audit_head').set({ count: 0 }).execute())).toContain(says.headUpdate);
    if (engine === 'postgres')
      for (const table of ['audit_events', 'audit_head', 'audit_seal'])
        expect(await refusal(sql.raw(`TRUNCATE ${table}`).execute(q))).toBe(
          `the audit ledger is append-only: TRUNCATE on ${table} is refused`,
        );
    expect(await f.ledger.verify()).toMatchObject({ ok: true, count: 2 });
  });

  it('never stores secrets: secret-named keys and secret-shaped values are redacted', async () => {
    const f = await open();
    registerSecret('known-secret-value-123');
    await f.ledger.append({
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
    const row = (await f.rows())[0]!;
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
    expect((await f.ledger.verify()).ok).toBe(true);
  });

  it('keeps before/after small: an oversized state is replaced by a note', async () => {
    const f = await open();
    const e = await f.ledger.append({
      actor: 'cli',
      action: 'x',
      after: { blob: 'a'.repeat(100_000) },
      result: 'ok',
    });
    expect(e.after).toMatchObject({ omitted: true });
  });
});
