// The ledger's hash: SHA-256 over a canonical serialization of every field of a row except the hash itself.
// The serialization is a JSON array in a fixed order, so no field can bleed into another (a "," inside `actor`
// cannot imitate a field boundary) and the same row always gives the same bytes.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** Changing this (or the field order) makes every existing ledger fail verification: never do it in place. */
const SCHEME = 'lanyard-audit-v1';

/** A row of audit_events exactly as stored (before/after are the stored JSON text). */
export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  app_id: string | null;
  person_id: string | null;
  run_id: number | null;
  case_id: number | null;
  before: string | null;
  after: string | null;
  result: string;
  prev_hash: string;
  hash: string;
}

export type UnhashedRow = Omit<AuditRow, 'hash'>;

export const canonicalRow = (r: UnhashedRow): string =>
  JSON.stringify([
    SCHEME,
    r.seq,
    r.at,
    r.actor,
    r.action,
    r.app_id,
    r.person_id,
    r.run_id,
    r.case_id,
    r.before,
    r.after,
    r.result,
    r.prev_hash,
  ]);

export const rowHash = (r: UnhashedRow): string => createHash('sha256').update(canonicalRow(r)).digest('hex');
