// Contract methods of the audit ledger (issue #5 point 7), merged into shared/api/contract.ts, and the plain types
// they return. The ledger itself lives in electron/audit/.
import { z } from 'zod';
import { method } from './define';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Actions the core records. Free-form strings are allowed too (the sync engine may add more), so this list is
 * documentation and autocompletion, not a constraint.
 */
export type AuditAction =
  | 'op.applied'
  | 'op.held'
  | 'op.approved'
  | 'op.failed'
  | 'op.skipped'
  | 'config.applied'
  | 'settings.changed'
  | 'secret.set'
  | 'secret.deleted'
  | (string & {});

/** One ledger row. `hash` = SHA-256 over the canonical form of every other field, chained through `prevHash`. */
export interface AuditEvent {
  seq: number;
  /** ISO 8601, UTC. */
  at: string;
  /** Who did it: "scheduler", "cli", "ui", … */
  actor: string;
  action: AuditAction;
  app: string | null;
  person: string | null;
  run: number | null;
  case: number | null;
  /** State before and after, as JSON; secret-looking values and secret-named keys are "[redacted]". */
  before: JsonValue | null;
  after: JsonValue | null;
  /** "ok", "held", "failed: …", … */
  result: string;
  prevHash: string;
  hash: string;
}

export interface AuditPage {
  /** Newest first. */
  events: AuditEvent[];
  /** Pass as `cursor` for the next (older) page; null when this is the last page. */
  nextCursor: number | null;
}

/** A person as the directory snapshot names them (audit lists and exports show names; ids stay in their column). */
export interface AuditPersonName {
  id: string;
  /** Display name, or given + family name; null when the directory has none. */
  name: string | null;
  email: string | null;
  login: string;
}

export interface AuditListPage extends AuditPage {
  /** The people of this page's events, by directory id (an id missing here is no longer in the directory). */
  people: Record<string, AuditPersonName>;
  /** With a person filter: everyone in the directory it matched by id, email, login or name (may be several). */
  personMatches: AuditPersonName[] | null;
}

export type AuditProblem = 'edited' | 'inserted' | 'deleted' | 'reordered';

export interface AuditVerifyResult {
  ok: boolean;
  /** Events verified: all of them when ok, otherwise those before the first bad one. */
  count: number;
  /** The last good event's seq and hash (0 and 64 zeros when empty): record them elsewhere to anchor the ledger. */
  headSeq: number;
  headHash: string;
  /** The first sequence number where the chain is broken, and how. */
  firstBad?: { seq: number; problem: AuditProblem; detail: string };
  /** This ledger's random id (bound into its seal and anchors). */
  ledgerId: string;
  /** Whether the head is sealed with the key kept outside the database, and what that proves. */
  seal: AuditSealCheck;
  /** Whether the append-only triggers are as Lanyard created them (detail: what was altered). */
  protections: { ok: boolean; detail: string | null };
  /** Present when an anchor was given: does the ledger still contain that head unchanged? */
  anchor?: AuditAnchorCheck;
}

/**
 * - sealed: the seal fits the head and was made with this ledger's key.
 * - behind: the seal is valid but older events than the head: later events were appended without the key.
 * - broken: the seal does not fit (the head, the chain or the seal itself was changed without the key).
 * - wrong-key: the key available is not the one this ledger was sealed with, so the seal cannot be checked.
 * - no-key: no key could be read (keychain locked or unavailable, or the ledger moved to another machine).
 * - not-sealed: sealing never started for this ledger.
 */
export type AuditSealStatus = 'sealed' | 'behind' | 'broken' | 'wrong-key' | 'no-key' | 'not-sealed';

export interface AuditSealCheck {
  status: AuditSealStatus;
  /** The last event the seal covers (0 when none). */
  sealedSeq: number;
  /** When sealing started (ISO), null when it never did. */
  since: string | null;
  /** One plain sentence: what was checked and what it proves. */
  detail: string;
}

/** A signed head, printed by `lanyard audit anchor` and included in evidence: keep it outside Lanyard. */
export interface AuditAnchor {
  format: 'lanyard-audit-anchor-v1';
  ledger: string;
  seq: number;
  count: number;
  hash: string;
  at: string;
  /** Fingerprint of the seal key that signed it; null (and no signature) when the key was not available. */
  keyId: string | null;
  signature: string | null;
}

export const auditAnchorSchema = z
  .object({
    format: z.literal('lanyard-audit-anchor-v1'),
    ledger: z.string().regex(/^[0-9a-f]{32}$/),
    seq: z.number().int().min(0),
    count: z.number().int().min(0),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.string().min(1).max(40),
    keyId: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .nullable(),
    signature: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
  })
  .strict();

/**
 * - matches: the ledger still contains the anchored head unchanged.
 * - missing: the ledger ends before the anchored head (events removed, or the file replaced by an older copy).
 * - differs: the event at the anchored seq is not the anchored one (the ledger was rewritten at or before it).
 * - forged: the anchor's signature is not this ledger's key's.
 * - other-ledger: the anchor belongs to another ledger.
 */
export type AuditAnchorStatus = 'matches' | 'missing' | 'differs' | 'forged' | 'other-ledger';

export interface AuditAnchorCheck {
  status: AuditAnchorStatus;
  /** Whether the anchor's signature was checked with the seal key (false: unsigned, or no key here). */
  signatureChecked: boolean;
  detail: string;
}

export interface AuditExportText {
  format: 'csv' | 'json';
  text: string;
  count: number;
  /** True when more events matched than `limit`; `lanyard audit export` streams any number. */
  truncated: boolean;
}

/** ISO date/time ("2026-11-28", "2026-11-28T10:00:00Z") or an age such as "15m", "24h", "7d". */
const timeSchema = z.string().trim().min(1).max(40);

export const auditFilterSchema = z
  .object({
    person: z.string().min(1).max(320).optional(),
    app: z.string().min(1).max(200).optional(),
    /** Exact action, or a prefix ending in "*" ("op.*"). */
    action: z.string().min(1).max(100).optional(),
    /** An account operation's kind ("deactivate", "create", …), as recorded in its before/after state. */
    kind: z.string().min(1).max(40).optional(),
    /** Inclusive. */
    since: timeSchema.optional(),
    /** Exclusive. */
    until: timeSchema.optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const AUDIT_PAGE_MAX = 1000;
export const AUDIT_EXPORT_TEXT_MAX = 10_000;

export const auditMethods = {
  'audit.list': method<AuditListPage>()({
    input: auditFilterSchema
      .extend({
        limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
        /** Events with a seq below this one (from the previous page's nextCursor). */
        cursor: z.number().int().min(1).optional(),
      })
      .strict(),
    summary:
      'Audit events, newest first, filtered by person (id, email, login or name), app, action and time',
  }),
  'audit.verify': method<AuditVerifyResult>()({
    input: z.object({ anchor: auditAnchorSchema.optional() }).strict(),
    summary: 'Check the audit hash chain, its seal and (optionally) an anchor; name the first tampered event',
  }),
  'audit.anchor': method<AuditAnchor>()({
    input: z.object({}).strict(),
    summary: 'The current head of the audit ledger, signed with its seal key, to keep outside Lanyard',
  }),
  'audit.protect': method<{ restored: string[] }>()({
    input: z.object({}).strict(),
    summary: "Restore the ledger's append-only triggers after `audit verify` found the ledger intact",
  }),
  'audit.actor': method<{ actor: string }>()({
    input: z.object({}).strict(),
    summary: "Who this caller's actions are recorded as in the audit log (the admin's name for the UI)",
  }),
  'audit.export': method<AuditExportText>()({
    input: auditFilterSchema
      .extend({
        format: z.enum(['csv', 'json']),
        limit: z.number().int().min(1).max(AUDIT_EXPORT_TEXT_MAX).optional(),
      })
      .strict(),
    summary: 'Audit events as CSV or JSON text (up to 10,000; the CLI streams any number)',
  }),
} as const;
