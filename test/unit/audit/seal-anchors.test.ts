// Anchors on both engines: the signed head an admin keeps outside Lanyard. A later ledger must still contain it
// unchanged, which catches what the seal alone cannot (the ledger replaced by an older copy of itself); edited,
// foreign and unsigned anchors are told apart, with the exact sentences the admin reads.
import { describe, expect, it } from 'vitest';
import type { SealKeySource } from '../../../electron/audit/seal-key';
import type { LanyardError } from '../../../electron/app/errors';
import { ENGINES } from '../../helpers/store-engines';
import { appendMany, intruder, storedRows } from './harness';
import { forgeAppend, N, worldsOn } from './seal-kit';

const locked: SealKeySource = {
  description: 'the OS keychain',
  load() {
    throw new Error('the keychain is locked');
  },
  create() {
    throw new Error('the keychain is locked');
  },
};

const hashAt = async (store: Parameters<typeof storedRows>[0], seq: number): Promise<string> =>
  (await storedRows(store)).find((r) => r.seq === seq)!.hash;

describe.each(ENGINES)('anchors on %s', (engine) => {
  const { sealedWorld } = worldsOn(engine);

  it('an anchor taken now is found unchanged later, after more events', async () => {
    const w = await sealedWorld();
    const anchor = await w.ledger.anchor();
    expect(anchor).toMatchObject({
      format: 'lanyard-audit-anchor-v1',
      seq: N,
      count: N,
      hash: await hashAt(w.store, N),
    });
    expect(anchor.signature).toMatch(/^[0-9a-f]{64}$/);
    await appendMany(w.ledger, 3);
    const v = await w.ledger.verify(anchor);
    expect(v).toMatchObject({ ok: true, anchor: { status: 'matches', signatureChecked: true } });
  });

  it("catches the ledger's tables replaced by an older copy of themselves (a restored backup), which the seal alone cannot", async () => {
    const w = await sealedWorld();
    const copying = await intruder(w);
    await copying.exec(`CREATE TABLE old_events AS SELECT * FROM audit_events;
      CREATE TABLE old_head AS SELECT * FROM audit_head;
      CREATE TABLE old_seal AS SELECT * FROM audit_seal;`);
    await copying.cover();
    await appendMany(w.ledger, 5);
    const anchor = await w.ledger.anchor();
    const restoring = await intruder(w);
    await restoring.exec(`DELETE FROM audit_events; INSERT INTO audit_events SELECT * FROM old_events;
      DELETE FROM audit_head; INSERT INTO audit_head SELECT * FROM old_head;
      DELETE FROM audit_seal; INSERT INTO audit_seal SELECT * FROM old_seal;`);
    await restoring.cover();
    await w.reopen();
    const v = await w.ledger.verify(anchor);
    expect(v).toMatchObject({ count: N, protections: { ok: true }, seal: { status: 'sealed' } });
    expect(v).toMatchObject({ ok: false, anchor: { status: 'missing' } });
    expect(v.anchor!.detail).toMatch(/^The ledger ends at event 10, before the anchored head \(event 15, /);
  });

  it('rejects an anchor that was edited, or that belongs to another ledger', async () => {
    const w = await sealedWorld();
    const anchor = await w.ledger.anchor();
    expect(
      await w.ledger.verify({ ...anchor, hash: await hashAt(w.store, N - 1), seq: N - 1, count: N - 1 }),
    ).toMatchObject({ ok: false, anchor: { status: 'forged' } });
    const other = await (await sealedWorld()).ledger.anchor();
    expect(await w.ledger.verify(other)).toMatchObject({ ok: false, anchor: { status: 'other-ledger' } });
  });

  it('an unsigned anchor still proves what it holds, and says it is unsigned', async () => {
    const w = await sealedWorld();
    const v = await w.ledger.verify({ ...(await w.ledger.anchor()), keyId: null, signature: null });
    expect(v.anchor).toMatchObject({ status: 'matches', signatureChecked: false });
    expect(v.anchor!.detail).toContain('the anchor is unsigned');
  });

  it('refuses to anchor a ledger that does not verify', async () => {
    const w = await sealedWorld();
    await forgeAppend(await intruder(w, 'kept'), N + 1);
    await expect(w.ledger.anchor()).rejects.toThrow(
      'The audit ledger does not verify, so Lanyard will not anchor its head.',
    );
  });

  it('says which anchor checks were made, with the exact sentences', async () => {
    const w = await sealedWorld();
    const anchor = await w.ledger.anchor();
    expect((await w.ledger.verify(anchor)).anchor!.detail).toBe(
      `The ledger still contains the head anchored on ${anchor.at} (event ${N}) unchanged; the anchor carries this ledger\u2019s signature.`,
    );
    expect((await w.ledger.verify({ ...anchor, keyId: 'f'.repeat(16) })).anchor).toEqual({
      status: 'forged',
      signatureChecked: true,
      detail: "The anchor's signature was not made with this ledger's key: it was edited or forged.",
    });
    const other = await sealedWorld();
    expect((await w.ledger.verify(await other.ledger.anchor())).anchor).toEqual({
      status: 'other-ledger',
      signatureChecked: false,
      detail: `This anchor belongs to another ledger (${other.ledger.ledgerId}); this one is ${w.ledger.ledgerId}.`,
    });
    expect(other.ledger.ledgerId).not.toBe(w.ledger.ledgerId);
    expect((await w.ledger.verify()).ledgerId).toBe(w.ledger.ledgerId);
  });

  it('checks what an anchor holds even where the key is not available, and says the signature was not checked', async () => {
    const w = await sealedWorld();
    const anchor = await w.ledger.anchor();
    await w.reopen(locked);
    expect((await w.ledger.verify(anchor)).anchor).toEqual({
      status: 'matches',
      signatureChecked: false,
      detail: `The ledger still contains the head anchored on ${anchor.at} (event ${N}) unchanged (its signature could not be checked here: no key).`,
    });
  });

  it('an unsigned anchor whose hash or count was changed does not match', async () => {
    const w = await sealedWorld();
    const unsigned = { ...(await w.ledger.anchor()), keyId: null, signature: null };
    expect((await w.ledger.verify({ ...unsigned, hash: 'c'.repeat(64) })).anchor).toMatchObject({
      status: 'differs',
    });
    expect((await w.ledger.verify({ ...unsigned, count: N + 1 })).anchor).toMatchObject({
      status: 'differs',
    });
  });

  it('an anchored event deleted from the middle: the anchor differs and the chain names the gap', async () => {
    const w = await sealedWorld();
    const anchor = { ...(await w.ledger.anchor()), seq: 5, count: 5, keyId: null, signature: null };
    const stored = await hashAt(w.store, 5);
    await (await intruder(w)).run('DELETE FROM audit_events WHERE seq = 5');
    const v = await w.ledger.verify({ ...anchor, hash: stored });
    expect(v.firstBad).toMatchObject({ seq: 5, problem: 'deleted' });
    expect(v.anchor).toEqual({
      status: 'differs',
      signatureChecked: false,
      detail: `Event 5 is not the one anchored on ${anchor.at}: the ledger was rewritten at or before it.`,
    });
  });

  it('evidence gets the signed head, or says why there is none', async () => {
    const w = await sealedWorld();
    const note = await w.ledger.evidenceAnchor();
    expect(note.anchor).toMatchObject({ seq: N, signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(note.note).toBe(
      `Audit ledger head at generation: event ${N}, signed with the ledger\u2019s seal key. Prove the ledger still contains it with \`lanyard audit verify --anchor FILE\` (FILE: this anchor as JSON).`,
    );
    await forgeAppend(await intruder(w, 'kept'), N + 1);
    expect(await w.ledger.evidenceAnchor()).toEqual({
      anchor: null,
      note: 'No anchor: The audit ledger does not verify, so Lanyard will not anchor its head.',
    });
    const refusal = (await w.ledger.anchor().catch((e: unknown) => e)) as LanyardError;
    expect([refusal.code, refusal.hint]).toEqual(['conflict', 'Run `lanyard audit verify` to see why.']);
  });
});
