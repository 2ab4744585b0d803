// Building the next ledger row from what a caller records: text cleaned and bounded, state redacted (sanitize.ts),
// chained to the previous row and hashed (hash.ts). Shared by the SQLite ledger and the PostgreSQL one, so the same
// events give the same rows and the same hashes on either engine.
import { GENESIS_HASH, rowHash, type AuditRow } from './hash';
import { cleanText, stateText } from './sanitize';

/** What a caller records; the ledger adds seq, time and hashes. */
export interface AuditAppend {
  /** "scheduler", "cli", "ui", … (the caller's CallContext.actor). */
  actor: string;
  /** e.g. "op.applied", "config.applied" (see AuditAction). */
  action: string;
  app?: string | null;
  person?: string | null;
  run?: number | null;
  case?: number | null;
  /** Any JSON-able state; secrets are redacted before storing. */
  before?: unknown;
  after?: unknown;
  /** "ok", "held", "approved", "failed: …", "skipped: …". */
  result: string;
}

const optionalText = (v: string | null | undefined, max: number): string | null =>
  v === undefined || v === null || v === '' ? null : cleanText(v, max);

const optionalInt = (v: number | null | undefined): number | null =>
  v === undefined || v === null ? null : Math.trunc(v);

/** The row that follows `last` (null: the first row) for event `e`, written at `at` (ISO time). */
export const newRow = (e: AuditAppend, last: { seq: number; hash: string } | null, at: string): AuditRow => {
  const unhashed = {
    seq: (last?.seq ?? 0) + 1,
    at,
    actor: cleanText(e.actor || 'unknown', 200),
    action: cleanText(e.action, 100),
    app_id: optionalText(e.app, 200),
    person_id: optionalText(e.person, 320),
    run_id: optionalInt(e.run),
    case_id: optionalInt(e.case),
    before: stateText(e.before),
    after: stateText(e.after),
    result: cleanText(e.result, 2000),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  return { ...unhashed, hash: rowHash(unhashed) };
};
