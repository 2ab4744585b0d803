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
  'audit.list': method<AuditPage>()({
    input: auditFilterSchema
      .extend({
        limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
        /** Events with a seq below this one (from the previous page's nextCursor). */
        cursor: z.number().int().min(1).optional(),
      })
      .strict(),
    summary: 'Audit events, newest first, filtered by person, app, action and time',
  }),
  'audit.verify': method<AuditVerifyResult>()({
    input: z.object({}).strict(),
    summary: 'Check the audit hash chain and name the first tampered event',
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
