// The audit ledger: an append-only, SHA-256 hash-chained table of everything Lanyard did or was told to do. Its
// implementation, on either engine of the store, is store-ledger.ts; this module holds its shared types.
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
import type { AuditAnchor, AuditEvent, JsonValue } from '../../shared/api/methods-audit';
import type { Logger } from '../log/logger';
import type { AuditRow } from './hash';
import type { SealKeySource } from './seal-key';
import type { StoreLedger } from './store-ledger';

export type { AuditAppend } from './row';

/** The ledger the core records to (store-ledger.ts). */
export type AuditLedger = StoreLedger;

export interface AuditPageRequest {
  limit?: number;
  /** Only events with seq below this (the previous page's nextCursor). */
  cursor?: number;
}

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
