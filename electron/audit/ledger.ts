// The audit ledger: an append-only, SHA-256 hash-chained table of everything Lanyard did or was told to do.
//
// Each event's hash covers its own fields and the previous event's hash (genesis: 64 zeros), and a one-row head
// anchor (audit_head: count, last seq, last hash) moves in the same transaction as every append. Triggers refuse
// UPDATE and DELETE on the ledger's tables; every open checks they are still the ones Lanyard created
// (protections.ts) and refuses to append while they are not.
//
// What protects against whom:
// - editing, deleting, inserting or reordering events in the middle of the ledger breaks the chain at that point,
//   and `verify` names the first bad sequence number;
// - deleting (or rewriting) the newest events leaves a valid but shorter chain; the head anchor catches that;
// - the hash is unkeyed (the code is public), so someone with write access to the file can append a well-formed
//   event, or rewrite a stretch and rehash the rest. The seal (seal.ts, sealer.ts) catches that: an HMAC over the
//   head with a key kept outside the file (OS keychain / server secret), moved in the same transaction as each
//   append;
// - replacing the whole file with an older copy of itself keeps a valid seal: only an anchor kept elsewhere
//   (`lanyard audit anchor`, included in evidence) shows it.
import type {
  AuditAnchor,
  AuditEvent,
  AuditFilter,
  AuditPage,
  AuditVerifyResult,
  JsonValue,
} from '../../shared/api/methods-audit';
import { AUDIT_PAGE_MAX } from '../../shared/api/methods-audit';
import type Database from 'better-sqlite3';
import type { Clock } from '../app/clock';
import { LanyardError } from '../app/errors';
import type { Logger } from '../log/logger';
import type { Db } from '../store/database';
import { filterSql } from './filter';
import { GENESIS_HASH, type AuditRow } from './hash';
import { newRow, type AuditAppend } from './row';

export type { AuditAppend } from './row';
import { verifyRows, type HeadAnchor } from './verify-chain';
import { checkProtections, protectionProblem, restoreProtections } from './protections';
import { createSealer } from './sealer';
import type { SealKeySource } from './seal-key';

export interface AuditPageRequest {
  limit?: number;
  /** Only events with seq below this (the previous page's nextCursor). */
  cursor?: number;
}

const COLUMNS =
  'seq, at, actor, action, app_id, person_id, run_id, case_id, before, after, result, prev_hash, hash';

const parseState = (text: string | null): JsonValue | null => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text; // edited by hand into something that is not JSON: show it as it is (verify will flag it)
  }
};

export const toAuditEvent = (r: AuditRow): AuditEvent => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  app: r.app_id,
  person: r.person_id,
  run: r.run_id,
  case: r.case_id,
  before: parseState(r.before),
  after: parseState(r.after),
  result: r.result,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export interface AuditLedgerOptions {
  /** Where the seal key lives (default: none — the ledger is then chained but not sealed). */
  keys?: SealKeySource | null;
  log?: Logger;
}

export interface LedgerAnchorNote {
  anchor: AuditAnchor | null;
  note: string;
}

/** The seal statuses under which verify cannot vouch for the ledger. */
const BAD_SEAL = new Set(['broken', 'behind', 'wrong-key']);

export const createAuditLedger = (db: Db, clock: Clock, opts: AuditLedgerOptions = {}) => {
  const lastRow = db.prepare<[], { seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
  );
  const insert = db.prepare<AuditRow>(
    `INSERT INTO audit_events (${COLUMNS}) VALUES
     (@seq, @at, @actor, @action, @app_id, @person_id, @run_id, @case_id, @before, @after, @result, @prev_hash, @hash)`,
  );
  const advanceHead = db.prepare<[number, string]>(
    'UPDATE audit_head SET count = count + 1, head_seq = ?, head_hash = ? WHERE id = 1',
  );
  const readAnchor = db.prepare<[], HeadAnchor>(
    'SELECT count, head_seq AS headSeq, head_hash AS headHash FROM audit_head WHERE id = 1',
  );
  const allAscending = db.prepare<[], AuditRow>(`SELECT ${COLUMNS} FROM audit_events ORDER BY seq`);
  const statements = new Map<string, Database.Statement<unknown[], AuditRow>>();
  const cached = (sql: string): Database.Statement<unknown[], AuditRow> => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare<unknown[], AuditRow>(sql)));
    return s;
  };

  let protections = checkProtections(db);
  if (!protections.ok) opts.log?.error(protectionProblem(protections)!);
  const sealer = createSealer(db, clock, opts.keys ?? null, opts.log);

  const appendNow = (e: AuditAppend): AuditRow => {
    if (!protections.ok)
      throw new LanyardError(
        'conflict',
        `${protectionProblem(protections)} Lanyard records nothing, and so changes nothing, until they are restored.`,
        {
          hint: 'Run `lanyard audit verify`; when it reports the ledger intact, `lanyard audit protect` restores them. Otherwise restore the data folder from a backup.',
        },
      );
    const before = readAnchor.get()!;
    const last = lastRow.get();
    const row = newRow(e, last ?? null, clock.now().toISOString());
    insert.run(row);
    advanceHead.run(row.seq, row.hash);
    sealer.afterAppend(before, { count: before.count + 1, headSeq: row.seq, headHash: row.hash });
    return row;
  };
  // Outside a transaction, take the write lock first (IMMEDIATE): reading the last hash and inserting after it
  // must not interleave with another process appending to the same file.
  const appendTx = db.transaction(appendNow);

  return {
    /**
     * Records one event. Inside the caller's transaction (db.inTransaction) it joins it, so the event commits or
     * rolls back with the change it describes; otherwise it runs in its own immediate transaction. Callers that
     * write should open theirs with .immediate() too, so another process cannot append between our read of the
     * last hash and our insert (SQLite would refuse the commit with SQLITE_BUSY rather than fork the chain).
     */
    appendSync(e: AuditAppend): AuditEvent {
      return toAuditEvent(db.inTransaction ? appendNow(e) : appendTx.immediate(e));
    },

    /**
     * Records one event, joining the caller's store.tx() when there is one (the event commits or rolls back with
     * the change it describes), in a write transaction of its own otherwise.
     */
    async append(e: AuditAppend): Promise<AuditEvent> {
      return toAuditEvent(db.inTransaction ? appendNow(e) : appendTx.immediate(e));
    },

    /** Newest first, `limit` (default 100) per page; page on with `cursor`. */
    list(filter: AuditFilter = {}, page: AuditPageRequest = {}): AuditPage {
      const limit = Math.min(Math.max(page.limit ?? 100, 1), AUDIT_PAGE_MAX);
      const { where, params } = filterSql(filter, clock, { beforeSeq: page.cursor });
      const rows = cached(`SELECT ${COLUMNS} FROM audit_events${where} ORDER BY seq DESC LIMIT ?`).all(
        ...params,
        limit + 1,
      );
      const more = rows.length > limit;
      const events = rows.slice(0, limit).map(toAuditEvent);
      return { events, nextCursor: more ? events[events.length - 1]!.seq : null };
    },

    /**
     * Every matching event, oldest first, one row at a time from an open SQLite cursor: memory stays constant
     * however large the ledger. While the generator is open this connection runs no other statement.
     */
    *iterate(filter: AuditFilter = {}): Generator<AuditEvent, void, undefined> {
      const { where, params } = filterSql(filter, clock);
      for (const row of cached(`SELECT ${COLUMNS} FROM audit_events${where} ORDER BY seq`).iterate(...params))
        yield toAuditEvent(row);
    },

    /**
     * Streams the whole table once, in one read transaction (a consistent snapshot of rows, anchor and seal), then
     * checks the seal, the triggers and, when given, an anchor kept elsewhere.
     */
    verify(anchor?: AuditAnchor): AuditVerifyResult {
      return db.transaction((): AuditVerifyResult => {
        const head = readAnchor.get() ?? null;
        const chain = verifyRows(allAscending.iterate(), head);
        const at = head ?? { count: 0, headSeq: 0, headHash: GENESIS_HASH };
        const seal = sealer.check(at);
        const now = checkProtections(db);
        const anchorCheck = anchor ? sealer.checkAnchor(anchor, at) : undefined;
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
      })();
    },

    /** The current head, signed with the seal key, for keeping outside Lanyard. Refuses a ledger that does not verify. */
    anchor(): AuditAnchor {
      const v = this.verify();
      if (!v.ok)
        throw new LanyardError(
          'conflict',
          'The audit ledger does not verify, so Lanyard will not anchor its head.',
          {
            hint: 'Run `lanyard audit verify` to see why.',
          },
        );
      return sealer.anchor(readAnchor.get()!);
    },

    /** For evidence and reports: the signed head, or why there is none (the ledger did not verify). */
    evidenceAnchor(): LedgerAnchorNote {
      try {
        const anchor = this.anchor();
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
    protect(actor: string): string[] {
      const v = this.verify();
      const triggers = checkProtections(db);
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
      restoreProtections(db, triggers);
      protections = checkProtections(db);
      if (behind) {
        sealer.resume(readAnchor.get()!);
        restored.push(`seal over events ${v.seal.sealedSeq + 1}–${v.headSeq}`);
      }
      appendTx.immediate({
        actor,
        action: 'audit.protected',
        result: 'ok',
        after: { restored, seal: v.seal.status },
      });
      return restored;
    },

    /** The anchored head: what `verify` compares the end of the chain with. */
    head(): HeadAnchor | null {
      return readAnchor.get() ?? null;
    },
  };
};

export type AuditLedger = ReturnType<typeof createAuditLedger>;
