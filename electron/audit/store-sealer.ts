// Keeps the ledger's seal (seal.ts) in step with its head, and checks seals and anchors for `audit verify`, on
// either engine of the store (SQLite or PostgreSQL): the same seal row, the same MACs.
// The key is read once when the ledger opens; without it the ledger still records everything (an admin must
// never lose audit events to a locked keychain), the seal simply stays behind, and verify says so.
import type { AuditAnchor, AuditAnchorCheck, AuditSealCheck } from '../../shared/api/methods-audit';
import type { Clock } from '../app/clock';
import { LanyardError } from '../app/errors';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import { GENESIS_HASH } from './hash';
import { ANCHOR_FORMAT, anchorSignature, keyIdOf, sameMac, sealOf, type SealRow } from './seal';
import type { SealKeySource } from './seal-key';
import type { HeadAnchor } from './verify-chain';

type KeyState =
  | { kind: 'active'; key: Buffer }
  | { kind: 'none'; status: 'no-key' | 'wrong-key' | 'broken' | 'not-sealed'; why: string };

const SEAL = [
  'ledger_id',
  'key_id',
  'sealed_from_seq',
  'sealed_since',
  'sealed_count',
  'sealed_seq',
  'sealed_hash',
  'seal',
] as const;

/** The head as the ledger's anchor row holds it. */
export const readHeadAnchor = async (store: Store): Promise<HeadAnchor> => {
  const h = await store
    .q()
    .selectFrom('audit_head')
    .select(['count', 'head_seq', 'head_hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!h) throw new LanyardError('internal', 'The audit ledger has no head row: its schema is damaged.');
  return { count: h.count, headSeq: h.head_seq, headHash: h.head_hash };
};

/** The hash of event `seq`, or null when there is none. */
export const hashAt = async (store: Store, seq: number): Promise<string | null> =>
  (await store.q().selectFrom('audit_events').select('hash').where('seq', '=', seq).executeTakeFirst())
    ?.hash ?? null;

/**
 * Opens the sealer: reads the seal row and the key, and begins sealing a ledger that has none yet. Call once when
 * the ledger opens.
 */
export const openSealer = async (store: Store, clock: Clock, keys: SealKeySource | null, log?: Logger) => {
  const row = async (): Promise<SealRow> => {
    const r = await store.q().selectFrom('audit_seal').select(SEAL).where('id', '=', 1).executeTakeFirst();
    if (!r) throw new LanyardError('internal', 'The audit ledger has no seal row: its schema is damaged.');
    return r;
  };
  const moveSeal = async (head: HeadAnchor, seal: string): Promise<void> => {
    await store
      .q()
      .updateTable('audit_seal')
      .set({ sealed_count: head.count, sealed_seq: head.headSeq, sealed_hash: head.headHash, seal })
      .where('id', '=', 1)
      .execute();
  };

  const ledgerId = (await row()).ledger_id;
  const where = keys?.description ?? 'no key store';

  /** The seal `r` would carry for `head` (a missing start, only possible in an altered file, never matches). */
  const sealHead = (key: Buffer, r: SealRow, head: HeadAnchor): string =>
    sealOf(key, {
      ledgerId,
      fromSeq: Number(r.sealed_from_seq),
      since: String(r.sealed_since),
      count: head.count,
      seq: head.headSeq,
      hash: head.headHash,
    });
  /** The head the stored seal claims to cover. */
  const sealedOf = (r: SealRow): HeadAnchor => ({
    count: r.sealed_count,
    headSeq: r.sealed_seq,
    headHash: r.sealed_hash,
  });
  /** Whether the stored seal is a seal of `head` (the head before an append, or the sealed one itself). */
  const fits = (key: Buffer, r: SealRow, head: HeadAnchor): boolean =>
    sameMac(r.seal, sealHead(key, r, head));

  /**
   * Begins sealing at the current head (a new ledger, or one written before sealing existed). Under the database
   * write lock: when two processes open a new ledger at once, the second waits, then finds the seal begun and
   * reads the key the first one stored (instead of storing a second key over it). `existing` is a key found in
   * the store before sealing began (left by a process that stopped between storing it and committing).
   */
  const begin = (k: SealKeySource, existing: Buffer | null): Promise<Buffer | null> =>
    store.tx(async (): Promise<Buffer | null> => {
      const current = await row();
      if (current.key_id !== null) return k.load(ledgerId);
      const key = existing ?? k.create(ledgerId);
      const head = await readHeadAnchor(store);
      const since = clock.now().toISOString();
      const r: SealRow = { ...current, sealed_from_seq: head.headSeq + 1, sealed_since: since };
      await store
        .q()
        .updateTable('audit_seal')
        .set({
          key_id: keyIdOf(key),
          sealed_from_seq: head.headSeq + 1,
          sealed_since: since,
          sealed_count: head.count,
          sealed_seq: head.headSeq,
          sealed_hash: head.headHash,
          seal: sealHead(key, r, head),
        })
        .where('id', '=', 1)
        .where('key_id', 'is', null)
        .execute();
      return key;
    });

  const setUp = async (): Promise<KeyState> => {
    if (!keys) return { kind: 'none', status: 'no-key', why: 'no seal key is configured for this ledger' };
    let key: Buffer | null;
    try {
      const sealedWith = (await row()).key_id; // read first: a key_id committed after this is re-checked under the lock
      key = keys.load(ledgerId);
      if (sealedWith === null) {
        if (key !== null && (await readHeadAnchor(store)).count > 0)
          return {
            kind: 'none',
            status: 'broken',
            why: `${where} holds this ledger's seal key, but the database no longer records a seal: it was removed from the file`,
          };
        key = await begin(keys, key);
      }
      if (key === null)
        return {
          kind: 'none',
          status: 'no-key',
          why: `the key this ledger was sealed with is not in ${where} (another machine, user or keychain?)`,
        };
    } catch (err) {
      if (err instanceof LanyardError && err.code === 'bad_input') throw err; // a misconfigured key: fail loudly
      return { kind: 'none', status: 'no-key', why: `${where} could not be read: ${(err as Error).message}` };
    }
    if (keyIdOf(key) !== (await row()).key_id)
      return {
        kind: 'none',
        status: 'wrong-key',
        why: `the key in ${where} is not the one this ledger was sealed with`,
      };
    return { kind: 'active', key };
  };

  const state = await setUp();
  if (state.kind === 'none' && keys) log?.warn(`audit ledger not sealed: ${state.why}`);
  let warnedBehind = false;

  return {
    ledgerId,

    /**
     * Inside the append transaction, after the head moved from `before` to `after`: re-seals when the old seal
     * fitted the old head. A seal that did not fit (events appended without the key) is never extended over them.
     */
    async afterAppend(before: HeadAnchor, after: HeadAnchor): Promise<void> {
      if (state.kind !== 'active') return;
      const r = await row();
      if (!fits(state.key, r, before)) {
        if (!warnedBehind)
          log?.error('audit seal does not fit the ledger head: not extending it; run `lanyard audit verify`');
        warnedBehind = true;
        return;
      }
      await moveSeal(after, sealHead(state.key, r, after));
    },

    /** What the seal proves about `head` (the anchored head of a chain that verified up to it). */
    async check(head: HeadAnchor): Promise<AuditSealCheck> {
      const r = await row();
      const base = { sealedSeq: r.sealed_seq, since: r.sealed_since };
      if (state.kind === 'none') {
        const consequence =
          state.status === 'broken'
            ? ''
            : ' The hash chain alone proves integrity only against someone who cannot write the database file.';
        return {
          ...base,
          status: state.status,
          detail: `The seal could not be checked: ${state.why}.${consequence}`,
        };
      }
      const sealed = {
        fromSeq: r.sealed_from_seq,
        since: r.sealed_since,
        seq: r.sealed_seq,
        hash: r.sealed_hash,
      };
      if (!fits(state.key, r, sealedOf(r)))
        return {
          ...base,
          status: 'broken',
          detail:
            'The seal does not match: the ledger head or its seal was changed by someone without the seal key (events appended, removed or rewritten outside Lanyard).',
        };
      const stored = sealed.seq === 0 ? GENESIS_HASH : await hashAt(store, sealed.seq);
      if (stored !== sealed.hash || sealed.seq > head.headSeq)
        return {
          ...base,
          status: 'broken',
          detail: `The ledger no longer contains the sealed head (event ${sealed.seq}): events at or before it were rewritten or removed.`,
        };
      if (sealed.seq < head.headSeq) {
        const which =
          sealed.seq + 1 === head.headSeq
            ? `Event ${head.headSeq} is`
            : `Events ${sealed.seq + 1}–${head.headSeq} are`;
        return {
          ...base,
          status: 'behind',
          detail: `${which} not covered by the seal: appended without the key, by a Lanyard that could not read ${where} or by someone editing the database file. Review them; \`lanyard audit protect\` seals over them once you accept them.`,
        };
      }
      return {
        ...base,
        status: 'sealed',
        detail: `Sealed with this ledger's key (in ${where}) since event ${sealed.fromSeq} (${sealed.since}): nobody without the key added, removed or rewrote events since then. A seal cannot show that the whole file was replaced by an older copy of itself; an anchor kept elsewhere can (lanyard audit anchor).`,
      };
    },

    /**
     * After an admin reviewed the events a valid seal does not cover (verify said `behind`, which needs the key),
     * seals the current head again so later appends are sealed.
     */
    async resume(head: HeadAnchor): Promise<void> {
      if (state.kind !== 'active') return;
      await moveSeal(head, sealHead(state.key, await row(), head));
      warnedBehind = false;
    },

    /** The current head, signed when the key is available. */
    anchor(head: HeadAnchor): AuditAnchor {
      const fields = {
        format: ANCHOR_FORMAT,
        ledger: ledgerId,
        seq: head.headSeq,
        count: head.count,
        hash: head.headHash,
        at: clock.now().toISOString(),
      } as const;
      return state.kind === 'active'
        ? { ...fields, keyId: keyIdOf(state.key), signature: anchorSignature(state.key, fields) }
        : { ...fields, keyId: null, signature: null };
    },

    /** Does the ledger (verified up to `head`) still contain the anchored head unchanged? */
    async checkAnchor(a: AuditAnchor, head: HeadAnchor): Promise<AuditAnchorCheck> {
      if (a.ledger !== ledgerId)
        return {
          status: 'other-ledger',
          signatureChecked: false,
          detail: `This anchor belongs to another ledger (${a.ledger}); this one is ${ledgerId}.`,
        };
      let signatureChecked = false;
      if (state.kind === 'active' && a.signature !== null) {
        if (a.keyId !== keyIdOf(state.key) || !sameMac(a.signature, anchorSignature(state.key, a)))
          return {
            status: 'forged',
            signatureChecked: true,
            detail: "The anchor's signature was not made with this ledger's key: it was edited or forged.",
          };
        signatureChecked = true;
      }
      if (a.seq > head.headSeq)
        return {
          status: 'missing',
          signatureChecked,
          detail: `The ledger ends at event ${head.headSeq}, before the anchored head (event ${a.seq}, ${a.at}): events were removed, or the database file was replaced by an older copy.`,
        };
      const stored = a.seq === 0 ? GENESIS_HASH : await hashAt(store, a.seq);
      if (stored !== a.hash || a.count !== a.seq)
        return {
          status: 'differs',
          signatureChecked,
          detail: `Event ${a.seq} is not the one anchored on ${a.at}: the ledger was rewritten at or before it.`,
        };
      return {
        status: 'matches',
        signatureChecked,
        detail: `The ledger still contains the head anchored on ${a.at} (event ${a.seq}) unchanged${signatureChecked ? '; the anchor carries this ledger\u2019s signature' : a.signature === null ? ' (the anchor is unsigned: it is as trustworthy as the place it was kept)' : ' (its signature could not be checked here: no key)'}.`,
      };
    },
  };
};

export type StoreSealer = Awaited<ReturnType<typeof openSealer>>;
