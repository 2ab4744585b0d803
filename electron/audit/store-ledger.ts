// The audit ledger on the asynchronous store: one implementation for SQLite (the desktop) and PostgreSQL (the team
// server), with the same rows, hashes, seal and protections on both (see ledger.ts for what protects against whom).
//
// Appends are serialized by the store's write transaction (BEGIN IMMEDIATE on SQLite; the write advisory lock on
// PostgreSQL, plus the head row locked FOR UPDATE there), so `seq` is one strict order without gaps under any
// number of writers, and a rolled-back append leaves no gap (no sequence object is used). An append inside the
// caller's store.tx() joins it: the event commits or rolls back with the change it describes.
//
// Reads stream in keyset pages by seq (constant memory): `iterate` up to the newest event when it starts; `verify`
// inside one read snapshot, so rows, head and seal agree.
import type {
  AuditAnchor,
  AuditEvent,
  AuditFilter,
  AuditPage,
  AuditVerifyResult,
} from '../../shared/api/methods-audit';
import { AUDIT_PAGE_MAX } from '../../shared/api/methods-audit';
import type { Clock } from '../app/clock';
import { LanyardError } from '../app/errors';
import type { Store } from '../store/store';
import { filterSql, withParams } from './filter';
import { GENESIS_HASH, type AuditRow } from './hash';
import { newRow, type AuditAppend } from './row';
import {
  toAuditEvent,
  type AuditLedgerOptions,
  type AuditPageRequest,
  type LedgerAnchorNote,
} from './ledger';
import { verifyRowsAsync, type HeadAnchor } from './verify-chain';
import { protectionProblem, type ProtectionCheck } from './protections';
import { checkStoreProtections, restoreStoreProtections } from './store-protections';
import { openSealer, readHeadAnchor } from './store-sealer';

const COLUMNS = [
  'seq',
  'at',
  'actor',
  'action',
  'app_id',
  'person_id',
  'run_id',
  'case_id',
  'before',
  'after',
  'result',
  'prev_hash',
  'hash',
] as const;

/** Rows per keyset page when streaming. */
export const LEDGER_PAGE = 1_000;

/** The seal statuses under which verify cannot vouch for the ledger. */
const BAD_SEAL = new Set(['broken', 'behind', 'wrong-key']);

/** Opens the ledger on `store`: checks its protections and sets up its seal (see store-sealer.ts). */
export const openStoreLedger = async (store: Store, clock: Clock, opts: AuditLedgerOptions = {}) => {
  let protections: ProtectionCheck = await checkStoreProtections(store);
  if (!protections.ok) opts.log?.error(protectionProblem(protections)!);
  const sealer = await openSealer(store, clock, opts.keys ?? null, opts.log);

  const refuseUnprotected = (): void => {
    if (!protections.ok)
      throw new LanyardError(
        'conflict',
        `${protectionProblem(protections)} Lanyard records nothing, and so changes nothing, until they are restored.`,
        {
          hint: 'Run `lanyard audit verify`; when it reports the ledger intact, `lanyard audit protect` restores them. Otherwise restore the data folder from a backup.',
        },
      );
  };

  const appendNow = async (e: AuditAppend): Promise<AuditRow> => {
    refuseUnprotected();
    let head = store
      .q()
      .selectFrom('audit_head')
      .select(['count', 'head_seq', 'head_hash'])
      .where('id', '=', 1);
    if (store.engine === 'postgres') head = head.forUpdate();
    const h = await head.executeTakeFirst();
    if (!h) throw new LanyardError('internal', 'The audit ledger has no head row: its schema is damaged.');
    const before: HeadAnchor = { count: h.count, headSeq: h.head_seq, headHash: h.head_hash };
    // The chain follows the newest event, which is the head unless the file was altered (verify reports that).
    const last = await store
      .q()
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const row = newRow(e, last ?? null, clock.now().toISOString());
    await store.q().insertInto('audit_events').values(row).execute();
    await store
      .q()
      .updateTable('audit_head')
      .set((eb) => ({ count: eb('count', '+', 1), head_seq: row.seq, head_hash: row.hash }))
      .where('id', '=', 1)
      .execute();
    await sealer.afterAppend(before, { count: before.count + 1, headSeq: row.seq, headHash: row.hash });
    return row;
  };

  /**
   * Every row (ascending, up to `to` when given), one keyset page at a time. The first page has no lower bound: a
   * row stored at seq 0 or below (only an altered database has one) must reach verify, which names it.
   */
  async function* rows(where: ReturnType<typeof filterSql>, to?: number): AsyncGenerator<AuditRow> {
    let after: number | null = null;
    for (;;) {
      let q = store.q().selectFrom('audit_events').select(COLUMNS).orderBy('seq').limit(LEDGER_PAGE);
      if (after !== null) q = q.where('seq', '>', after);
      if (to !== undefined) q = q.where('seq', '<=', to);
      if (where.where) q = q.where(withParams(where.where.replace(/^ WHERE /, ''), where.params));
      const page = await q.execute();
      for (const r of page) yield r;
      if (page.length < LEDGER_PAGE) return;
      after = page[page.length - 1]!.seq;
    }
  }

  const ledger = {
    ledgerId: sealer.ledgerId,

    /**
     * Records one event, joining the caller's store.tx() when there is one (the event commits or rolls back with
     * the change it describes), in a write transaction of its own otherwise.
     */
    async append(e: AuditAppend): Promise<AuditEvent> {
      return toAuditEvent(await store.tx(() => appendNow(e)));
    },

    /** Newest first, `limit` (default 100) per page; page on with `cursor`. */
    async list(filter: AuditFilter = {}, page: AuditPageRequest = {}): Promise<AuditPage> {
      const limit = Math.min(Math.max(page.limit ?? 100, 1), AUDIT_PAGE_MAX);
      const { where, params } = filterSql(filter, clock, { beforeSeq: page.cursor, engine: store.engine });
      let q = store
        .q()
        .selectFrom('audit_events')
        .select(COLUMNS)
        .orderBy('seq', 'desc')
        .limit(limit + 1);
      if (where) q = q.where(withParams(where.replace(/^ WHERE /, ''), params));
      const found = await q.execute();
      const events = found.slice(0, limit).map(toAuditEvent);
      return { events, nextCursor: found.length > limit ? events[events.length - 1]!.seq : null };
    },

    /**
     * Every matching event, oldest first, read page by page (constant memory however large the ledger), up to
     * the newest event when the iteration starts. Throws at once on a bad filter (before anything is written).
     */
    iterate(filter: AuditFilter = {}): AsyncGenerator<AuditEvent> {
      const where = filterSql(filter, clock, { engine: store.engine });
      return (async function* () {
        const newest = await store
          .q()
          .selectFrom('audit_events')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .executeTakeFirst();
        for await (const r of rows(where, Number(newest?.seq ?? 0))) yield toAuditEvent(r);
      })();
    },

    /**
     * Streams the whole table once, in one read snapshot (rows, anchor and seal agree), then checks the seal,
     * the protections and, when given, an anchor kept elsewhere.
     */
    verify(anchor?: AuditAnchor): Promise<AuditVerifyResult> {
      return store.read(async (): Promise<AuditVerifyResult> => {
        const head = await readHeadAnchor(store).catch(() => null);
        const chain = await verifyRowsAsync(rows({ where: '', params: [] }), head);
        const at = head ?? { count: 0, headSeq: 0, headHash: GENESIS_HASH };
        const seal = await sealer.check(at);
        const now = await checkStoreProtections(store);
        const anchorCheck = anchor ? await sealer.checkAnchor(anchor, at) : undefined;
        return {
          ...chain,
          ok:
            chain.ok &&
            now.ok &&
            !BAD_SEAL.has(seal.status) &&
            (anchorCheck === undefined || anchorCheck.status === 'matches'),
          ledgerId: sealer.ledgerId,
          seal,
          protections: { ok: now.ok, detail: protectionProblem(now) },
          ...(anchorCheck ? { anchor: anchorCheck } : {}),
        };
      });
    },

    /** The current head, signed with the seal key, for keeping outside Lanyard. Refuses a ledger that does not verify. */
    async anchor(): Promise<AuditAnchor> {
      const v = await ledger.verify();
      if (!v.ok)
        throw new LanyardError(
          'conflict',
          'The audit ledger does not verify, so Lanyard will not anchor its head.',
          {
            hint: 'Run `lanyard audit verify` to see why.',
          },
        );
      return sealer.anchor(await readHeadAnchor(store));
    },

    /** For evidence and reports: the signed head, or why there is none (the ledger did not verify). */
    async evidenceAnchor(): Promise<LedgerAnchorNote> {
      try {
        const anchor = await ledger.anchor();
        return {
          anchor,
          note: `Audit ledger head at generation: event ${anchor.seq}${anchor.signature ? ', signed with the ledger\u2019s seal key' : ' (unsigned: no seal key was available)'}. Prove the ledger still contains it with \`lanyard audit verify --anchor FILE\` (FILE: this anchor as JSON).`,
        };
      } catch (err) {
        return { anchor: null, note: `No anchor: ${(err as Error).message}` };
      }
    },

    /**
     * Restores what protects the ledger, when the chain verifies: altered append-only triggers are re-created,
     * and a seal left behind by events appended without the key is resumed over them (the admin has reviewed
     * them). Records what it did; returns it (empty when everything was intact).
     */
    async protect(actor: string): Promise<string[]> {
      const v = await ledger.verify();
      const triggers = await checkStoreProtections(store);
      const behind = v.seal.status === 'behind';
      if (triggers.ok && !behind) return [];
      const otherwise = v.firstBad ?? (behind ? null : BAD_SEAL.has(v.seal.status) ? v.seal : null);
      if (otherwise)
        throw new LanyardError(
          'conflict',
          `The audit ledger does not verify (${otherwise.detail}), so its protections are not restored over it.`,
          { hint: 'Restore the data folder from a backup taken before the change.' },
        );
      const restored = [...triggers.missing, ...triggers.changed, ...triggers.added];
      await restoreStoreProtections(store, triggers);
      protections = await checkStoreProtections(store);
      await store.tx(async () => {
        if (behind) {
          await sealer.resume(await readHeadAnchor(store));
          restored.push(`seal over events ${v.seal.sealedSeq + 1}–${v.headSeq}`);
        }
        await appendNow({
          actor,
          action: 'audit.protected',
          result: 'ok',
          after: { restored, seal: v.seal.status },
        });
      });
      return restored;
    },

    /** The anchored head: what `verify` compares the end of the chain with. */
    head(): Promise<HeadAnchor | null> {
      return readHeadAnchor(store).catch(() => null);
    },
  };
  return ledger;
};

export type StoreLedger = Awaited<ReturnType<typeof openStoreLedger>>;

/**
 * The ledger while it opens: every method waits for `opening` (the protections check and the seal set-up), so the
 * core can be composed synchronously and a ledger that failed to open fails each call with the reason.
 */
export const lazyLedger = (opening: Promise<StoreLedger>): StoreLedger => {
  opening.catch(() => undefined); // reported by the calls that need it, not as an unhandled rejection
  let ledgerId = '';
  void opening.then((l) => (ledgerId = l.ledgerId)).catch(() => undefined);
  return {
    get ledgerId() {
      return ledgerId;
    },
    append: async (e) => (await opening).append(e),
    list: async (filter, page) => (await opening).list(filter, page),
    iterate: (filter) =>
      (async function* () {
        yield* (await opening).iterate(filter);
      })(),
    verify: async (anchor) => (await opening).verify(anchor),
    anchor: async () => (await opening).anchor(),
    evidenceAnchor: async () => (await opening).evidenceAnchor(),
    protect: async (actor) => (await opening).protect(actor),
    head: async () => (await opening).head(),
  };
};
