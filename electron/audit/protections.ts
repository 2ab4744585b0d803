// The ledger's append-only protections are triggers (audit_events, audit_head, audit_seal). Someone with the file
// (or the database owner's rights) can drop or rewrite them, and nothing would notice: so every open compares them
// with the ones the migrations create (store-protections.ts, on either engine), and a ledger whose protections were
// removed or changed records nothing (and so Lanyard changes nothing) until an admin has verified it and restored
// them (`lanyard audit protect`). This module holds the SQLite reference and the shared wording.
import Database from 'better-sqlite3';
import { migrations } from '../store/migrations';

interface TriggerRow {
  name: string;
  sql: string;
}

const TRIGGERS_SQL =
  "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('audit_events', 'audit_head', 'audit_seal') ORDER BY name";

let reference: Map<string, string> | null = null;

/** The audit triggers exactly as the migrations create them (built once in memory). */
export const expectedTriggers = (): Map<string, string> => {
  if (!reference) {
    const mem = new Database(':memory:');
    try {
      mem.transaction(() => {
        for (const m of migrations) m.up(mem);
      })();
      reference = new Map(
        mem
          .prepare<[], TriggerRow>(TRIGGERS_SQL)
          .all()
          .map((r) => [r.name, r.sql]),
      );
    } finally {
      mem.close();
    }
  }
  return reference;
};

export interface ProtectionCheck {
  ok: boolean;
  /** Triggers that are gone. */
  missing: string[];
  /** Triggers that exist with different SQL (e.g. a no-op with the same name). */
  changed: string[];
  /** Triggers on the ledger's tables that Lanyard never created. */
  added: string[];
}

/** One sentence for errors and verify: what is wrong with the protections. */
export const protectionProblem = (p: ProtectionCheck): string | null => {
  if (p.ok) return null;
  const parts = [
    p.missing.length ? `removed: ${p.missing.join(', ')}` : '',
    p.changed.length ? `changed: ${p.changed.join(', ')}` : '',
    p.added.length ? `added: ${p.added.join(', ')}` : '',
  ].filter(Boolean);
  return `The audit ledger's append-only protections were altered outside Lanyard (${parts.join('; ')}).`;
};
