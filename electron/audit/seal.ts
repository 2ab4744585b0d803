// The ledger's seal: an HMAC over the chain head with a key that is not in the database file (the OS keychain on a
// desktop, a file or environment variable on a server; see seal-key.ts).
//
// The hash chain proves order and integrity only against someone who cannot write the file: anyone who can may
// append a forged event with a correct hash and move the head, or rewrite a stretch and rehash what follows. The
// seal closes that: moving the head (appending, editing, truncating, rehashing) without the key leaves a seal that
// no longer fits the head, and a seal cannot be computed without the key. What it does not prove: that the file
// was not replaced by an older copy of itself (its old seal fits its old head). An anchor kept elsewhere
// (`lanyard audit anchor`) proves that: a later ledger must still contain the anchored head unchanged.
//
// Changing SEAL_SCHEME, ANCHOR_SCHEME or the field order breaks every existing seal and anchor: never in place
// (test/unit/audit/seal-known-answer.test.ts pins them).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const SEAL_SCHEME = 'lanyard-seal-v1';
const ANCHOR_SCHEME = 'lanyard-anchor-v1';
export const ANCHOR_FORMAT = 'lanyard-audit-anchor-v1';

/** What the seal covers: the ledger, where sealing started, and the head at the time of the last sealed append. */
export interface SealedHead {
  ledgerId: string;
  fromSeq: number;
  since: string;
  count: number;
  seq: number;
  hash: string;
}

/** The audit_seal row as stored. */
export interface SealRow {
  ledger_id: string;
  key_id: string | null;
  sealed_from_seq: number | null;
  sealed_since: string | null;
  sealed_count: number;
  sealed_seq: number;
  sealed_hash: string;
  seal: string | null;
}

const hmac = (key: Buffer, parts: unknown[]): string =>
  createHmac('sha256', key).update(JSON.stringify(parts)).digest('hex');

/** Compares two hex MACs in constant time (a length mismatch is simply unequal). */
export const sameMac = (a: string | null | undefined, b: string): boolean => {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
};

/** A short public fingerprint of a key: tells "this is the key the ledger was sealed with" without revealing it. */
export const keyIdOf = (key: Buffer): string =>
  createHash('sha256').update('lanyard-seal-key-id\0').update(key).digest('hex').slice(0, 16);

export const sealOf = (key: Buffer, h: SealedHead): string =>
  hmac(key, [SEAL_SCHEME, h.ledgerId, h.fromSeq, h.since, h.count, h.seq, h.hash]);

/** A head signed with the seal key, to be kept outside Lanyard (ticket, e-mail, evidence, SIEM). */
export interface AuditAnchorFields {
  format: typeof ANCHOR_FORMAT;
  ledger: string;
  seq: number;
  count: number;
  hash: string;
  at: string;
  /** The fingerprint of the key that signed it; null when the key was not available (then unsigned). */
  keyId: string | null;
  signature: string | null;
}

export const anchorSignature = (key: Buffer, a: Omit<AuditAnchorFields, 'keyId' | 'signature'>): string =>
  hmac(key, [ANCHOR_SCHEME, a.ledger, a.seq, a.count, a.hash, a.at]);
