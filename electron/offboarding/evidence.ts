// The evidence of one case, for auditors: each app and step, what was done, by whom, when, the verification
// result, the audit sequence numbers that record it, and the time to revoke per app (from the person's deactivation
// in the directory — or the case's opening for a manual offboard — to the app confirming the revocation).
import type { Db } from '../store/database';
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

export const buildEvidence = (
  db: Db,
  row: CaseRow,
  view: OffboardingCaseView,
  generatedAt: string,
  ledger: LedgerAnchorNote,
): OffboardingEvidence => {
  const caseSeqs = db
    .prepare<[number], { seq: number }>('SELECT seq FROM audit_events WHERE case_id = ? ORDER BY seq')
    .all(row.id)
    .map((r) => r.seq);
  const opSeqs = db.prepare<[number, number], { seq: number }>(
    `SELECT seq FROM audit_events WHERE action LIKE 'op.%'
       AND (json_extract(before, '$.op') = ? OR json_extract(after, '$.op') = ?) ORDER BY seq`,
  );
  const taskSeqs = db.prepare<[number, number, number], { seq: number }>(
    `SELECT seq FROM audit_events WHERE case_id = ? AND (json_extract(after, '$.task') = ? OR json_extract(before, '$.task') = ?)`,
  );
  const from = Date.parse(
    row.trigger === 'directory' && row.key_changed_at ? row.key_changed_at : row.opened_at,
  );

  const items: EvidenceApp[] = view.tasks.map((t) => {
    const seqs = new Set<number>(taskSeqs.all(row.id, t.id, t.id).map((r) => r.seq));
    if (t.opId) for (const r of opSeqs.all(t.opId, t.opId)) seqs.add(r.seq);
    const revoked =
      (t.kind === 'app' || t.kind === 'manual') &&
      t.doneAt &&
      ['done', 'verified', 'flagged'].includes(t.status);
    const ms = revoked ? Date.parse(t.doneAt!) - from : NaN;
    return {
      appId: t.appId,
      appName:
        t.appName ??
        (t.kind.startsWith('idp') ? 'Directory' : t.kind === 'verify' ? 'Verification' : 'Checklist'),
      task: t.title,
      status: t.status,
      action: ACTION[t.kind] ?? t.kind,
      by: t.doneBy ?? (t.status === 'done' || t.status === 'verified' ? row.opened_by : null),
      at: t.doneAt,
      verification: t.verification,
      verifiedAt: t.verifiedAt,
      timeToRevokeMs: Number.isFinite(ms) ? Math.max(0, ms) : null,
      auditSeqs: [...seqs].sort((a, b) => a - b),
    };
  });
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
