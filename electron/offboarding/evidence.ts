// The evidence of one case, for auditors: each app and step, what was done, by whom, when, the verification
// result, the audit sequence numbers that record it, and the time to revoke per app (from the person's deactivation
// in the directory — or the case's opening for a manual offboard — to the app confirming the revocation).
//
// What the admins decided is read back from the audit ledger, the signed record: who approved a held task and
// when, the note left when marking a task done, the reason given for a skip. A held revocation that an admin
// approved is credited to that admin, not to the case's opener; an automatic one stays the opener's.
import { sql, type RawBuilder } from 'kysely';
import type { Store } from '../store/store';
import type {
  EvidenceApp,
  OffboardingCaseView,
  OffboardingEvidence,
} from '../../shared/api/methods-offboarding';
import type { CaseRow } from './cases-repo';
import type { LedgerAnchorNote } from '../audit/ledger';

const ACTION: Record<string, string> = {
  app: 'revoke the account through the app API',
  manual: 'revoke the account by hand (checklist)',
  'idp-suspend': 'suspend the person in the directory',
  'idp-revoke-sessions': 'end sessions and tokens in the directory',
  checklist: 'workspace checklist item',
  verify: 're-read every automated app',
};

interface LedgerFact {
  seq: number;
  at: string;
  actor: string;
  action: string;
  result: string;
  note: string | null;
}

/**
 * A top-level field of a ledger event's JSON column, as text (numbers too, so both engines compare it to the same
 * string): SQLite's json_extract, PostgreSQL's ->> on jsonb (the ledger writes these columns with JSON.stringify).
 */
export const jsonField = (
  store: Pick<Store, 'engine'>,
  column: 'before' | 'after',
  field: string,
): RawBuilder<string | null> =>
  store.engine === 'postgres'
    ? sql<string | null>`(${sql.ref(column)}::jsonb ->> ${field})`
    : sql<string | null>`CAST(json_extract(${sql.ref(column)}, ${`$.${field}`}) AS TEXT)`;

const facts = (store: Store) =>
  store
    .q()
    .selectFrom('audit_events')
    .select(['seq', 'at', 'actor', 'action', 'result', jsonField(store, 'after', 'note').as('note')]);

interface Decisions {
  approvedBy: string | null;
  approvedAt: string | null;
  note: string | null;
  skipReason: string | null;
}

/** The admins' decisions on one task, from its ledger events (the latest of each kind wins). */
const decisions = (facts: LedgerFact[]): Decisions => {
  const out: Decisions = {
    approvedBy: null,
    approvedAt: null,
    note: null,
    skipReason: null,
  };
  // An undone Done (reopened) takes its note with it: the note that counts is the last Done's.
  for (const f of [...facts].sort((a, b) => a.seq - b.seq)) {
    if (f.action === 'offboarding.task.approved' || f.action === 'op.approved') {
      out.approvedBy = f.actor;
      out.approvedAt = f.at;
    } else if (f.action === 'offboarding.task.completed' || f.action === 'offboarding.task.reopened')
      out.note = f.note || null;
    else if (f.action === 'offboarding.task.skipped') out.skipReason = f.result.replace(/^skipped:\s*/, '');
    else if (f.action === 'op.skipped' && out.skipReason === null)
      out.skipReason = f.result.replace(/^skipped:\s*(offboarding:\s*)?/, '');
  }
  return out;
};

export const buildEvidence = async (
  store: Store,
  row: CaseRow,
  view: OffboardingCaseView,
  generatedAt: string,
  ledger: LedgerAnchorNote,
): Promise<OffboardingEvidence> => {
  const caseSeqs = (
    await store
      .q()
      .selectFrom('audit_events')
      .select('seq')
      .where('case_id', '=', row.id)
      .orderBy('seq')
      .execute()
  ).map((r) => r.seq);
  const taskEvents = (taskId: number): Promise<LedgerFact[]> =>
    facts(store)
      .where('case_id', '=', row.id)
      .where((eb) =>
        eb.or([
          eb(jsonField(store, 'after', 'task'), '=', String(taskId)),
          eb(jsonField(store, 'before', 'task'), '=', String(taskId)),
        ]),
      )
      .orderBy('seq')
      .execute();
  const opEvents = (opId: number): Promise<LedgerFact[]> =>
    facts(store)
      .where('action', 'like', 'op.%')
      .where((eb) =>
        eb.or([
          eb(jsonField(store, 'before', 'op'), '=', String(opId)),
          eb(jsonField(store, 'after', 'op'), '=', String(opId)),
        ]),
      )
      .orderBy('seq')
      .execute();
  const from = Date.parse(
    row.trigger === 'directory' && row.key_changed_at ? row.key_changed_at : row.opened_at,
  );

  const items: EvidenceApp[] = [];
  for (const t of view.tasks) {
    const found = [...(await taskEvents(t.id)), ...(t.opId ? await opEvents(t.opId) : [])];
    const seqs = new Set<number>(found.map((r) => r.seq));
    const d = decisions(found);
    const revoked =
      (t.kind === 'app' || t.kind === 'manual') &&
      t.doneAt &&
      ['done', 'verified', 'flagged'].includes(t.status);
    const ms = revoked ? Date.parse(t.doneAt!) - from : NaN;
    items.push({
      appId: t.appId,
      appName:
        t.appName ??
        (t.kind.startsWith('idp') ? 'Directory' : t.kind === 'verify' ? 'Verification' : 'Checklist'),
      task: t.title,
      status: t.status,
      action: t.effect ?? ACTION[t.kind] ?? t.kind,
      // An automatic revocation is the case's (its opener's); a held one is the approver's.
      by: t.doneBy ?? d.approvedBy ?? (t.status === 'done' || t.status === 'verified' ? row.opened_by : null),
      at: t.doneAt,
      approvedBy: d.approvedBy,
      approvedAt: d.approvedAt,
      note: d.note,
      skipReason: d.skipReason ?? (t.status === 'skipped' ? t.detail : null),
      verification: t.verification,
      verifiedAt: t.verifiedAt,
      timeToRevokeMs: Number.isFinite(ms) ? Math.max(0, ms) : null,
      auditSeqs: [...seqs].sort((a, b) => a - b),
    });
  }
  const all = new Set<number>(caseSeqs);
  for (const i of items) for (const s of i.auditSeqs) all.add(s);
  return {
    caseId: row.id,
    person: view.person,
    personId: view.personId,
    displayName: view.displayName,
    trigger: row.trigger,
    reason: row.reason,
    status: row.status,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    closedAt: row.closed_at,
    generatedAt,
    items,
    auditSeqs: [...all].sort((a, b) => a - b),
    ledgerAnchor: ledger.anchor,
    ledgerAnchorNote: ledger.note,
  };
};
