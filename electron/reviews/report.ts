// The campaign report for auditors (JSON, CSV, printable HTML) and the reviewer's printable sheet. HTML pages are
// self-contained, script-free and escape every value (names and comments are untrusted text), like the
// offboarding evidence page. Reading a report changes nothing.
import { stringify } from 'csv-stringify/sync';
import type { AuditAnchor } from '../../shared/api/methods-audit';
import type { AccessExceptionView, ReviewItemView, ReviewReport } from '../../shared/api/methods-reviews';
import { escapeHtml, evidenceTimeFormat, type EvidenceTimeOptions } from '../offboarding/evidence-html';
import type { CampaignRow } from './campaigns-repo';
import type { Views } from './views';

export const buildReport = async (
  c: CampaignRow,
  views: Views,
  exceptions: AccessExceptionView[],
  generatedAt: string,
  anchorNow: () => Promise<{ anchor: AuditAnchor | null; note: string }>,
): Promise<ReviewReport> => {
  const view = await views.campaign(c);
  const items = await views.items(c.id);
  const anchor = c.close_anchor
    ? { anchor: JSON.parse(c.close_anchor) as AuditAnchor, note: c.close_anchor_note ?? '' }
    : c.status === 'closed'
      ? { anchor: null, note: c.close_anchor_note ?? 'No anchor was taken at closing.' }
      : await anchorNow();
  return {
    format: 'lanyard-access-review-v1',
    campaignId: c.id,
    name: c.name,
    status: c.status,
    scope: view.scope,
    snapshotAt: view.snapshotAt,
    dueAt: c.due_at,
    closedAt: c.closed_at,
    closedBy: c.closed_by,
    generatedAt,
    reviewers: view.reviewers,
    counts: view.counts,
    items: items.map((i: ReviewItemView) => ({
      itemId: i.id,
      kind: i.kind,
      appId: i.appId,
      appName: i.appName,
      person: i.person,
      userName: i.userName,
      role: i.role,
      grantedBy: i.grantedBy,
      lastActivity: i.lastActivity,
      reviewer: i.reviewer,
      decision: i.decision?.decision ?? null,
      newRole: i.decision?.role ?? null,
      decidedBy: i.decision?.decidedBy ?? null,
      forReviewer: i.decision?.forReviewer ?? null,
      source: i.decision?.source ?? null,
      decidedAt: i.decision?.decidedAt ?? null,
      comment: i.decision?.comment ?? null,
      decisionSeq: i.decision?.auditSeq ?? null,
      outcome: i.outcome,
      ops: i.ops,
    })),
    open: {
      undecided: items.filter((i) => !i.decision).map((i) => i.id),
      notCarriedOut: items
        .filter((i) => i.outcome !== 'none' && i.outcome !== 'done' && i.outcome !== 'not-needed')
        .map((i) => i.id),
    },
    exceptions: exceptions.filter((e) => e.campaignId === c.id),
    ledgerAnchor: anchor.anchor,
    ledgerAnchorNote: anchor.note,
  };
};

const opsText = (ops: ReviewReport['items'][number]['ops']): string =>
  ops.map((o) => `op ${o.opId} ${o.kind} ${o.status} (ledger ${o.auditSeqs.join(', ') || '—'})`).join('; ');

export const reportCsv = (r: ReviewReport): string =>
  '\uFEFF' +
  stringify(
    [
      [
        'item',
        'kind',
        'app',
        'person',
        'account',
        'role',
        'granted by',
        'last activity',
        'reviewer',
        'decision',
        'new role',
        'decided by',
        'for reviewer',
        'source',
        'decided at',
        'comment',
        'decision ledger seq',
        'outcome',
        'ops',
      ],
      ...r.items.map((i) => [
        i.itemId,
        i.kind,
        i.appName,
        i.person ?? '',
        i.userName,
        i.role ?? '',
        i.grantedBy,
        i.lastActivity ?? '',
        i.reviewer,
        i.decision ?? '',
        i.newRole ?? '',
        i.decidedBy ?? '',
        i.forReviewer ?? '',
        i.source ?? '',
        i.decidedAt ?? '',
        i.comment ?? '',
        i.decisionSeq ?? '',
        i.outcome,
        opsText(i.ops),
      ]),
    ],
    { record_delimiter: '\r\n' },
  );

const td = (v: string | number | null | undefined): string =>
  `<td>${v === null || v === undefined || v === '' ? '—' : escapeHtml(String(v))}</td>`;

const page = (title: string, body: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
body { font: 13px/1.45 system-ui, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 18px; } dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
dt { font-weight: 600; } table { border-collapse: collapse; width: 100%; margin-top: 1em; }
th, td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eee; } @media print { body { margin: 0; } }
</style>
</head>
<body>
${body}
</body>
</html>
`;

export const reportHtml = (r: ReviewReport, opts: EvidenceTimeOptions = {}): string => {
  const { time, zone } = evidenceTimeFormat(opts);
  const rows = r.items
    .map(
      (i) =>
        `<tr>${td(i.itemId)}${td(i.appName)}${td(i.person ?? `${i.userName} (orphan)`)}${td(i.userName)}${td(i.role)}${td(i.grantedBy)}${td(i.reviewer)}${td(i.decision ? `${i.decision}${i.newRole ? ` → ${i.newRole}` : ''}` : 'open')}${td(i.decidedBy)}${td(i.decidedAt ? time(i.decidedAt) : null)}${td(i.comment)}${td(i.decisionSeq)}${td(i.outcome)}${td(opsText(i.ops))}</tr>`,
    )
    .join('\n');
  const reviewers = r.reviewers
    .map((p) => `<tr>${td(p.reviewer)}${td(p.items)}${td(p.decided)}${td(p.open)}</tr>`)
    .join('\n');
  return page(
    `Access review ${r.campaignId} — ${r.name}`,
    `<h1>Access review ${r.campaignId}: ${escapeHtml(r.name)}</h1>
<dl>
<dt>Status</dt><dd>${escapeHtml(r.status)}${r.closedAt ? `, closed ${escapeHtml(time(r.closedAt))} by ${escapeHtml(r.closedBy ?? '')}` : ''}</dd>
<dt>Scope</dt><dd>apps ${escapeHtml(r.scope.apps.join(', '))}${r.scope.people ? `; people ${escapeHtml(JSON.stringify(r.scope.people))}` : ''}</dd>
<dt>Snapshot</dt><dd>${escapeHtml(time(r.snapshotAt))}</dd>
<dt>Due</dt><dd>${escapeHtml(time(r.dueAt))}</dd>
<dt>Items</dt><dd>${r.counts.items}: ${r.counts.decided} decided, ${r.counts.open} open; ${r.counts.revoke} revoke, ${r.counts.changeRole} role change, ${r.counts.carriedOut} carried out</dd>
<dt>Generated</dt><dd>${escapeHtml(time(r.generatedAt))} (times in ${escapeHtml(zone)})</dd>
</dl>
<h2>Reviewers</h2>
<table><thead><tr><th>Reviewer</th><th>Items</th><th>Decided</th><th>Open</th></tr></thead><tbody>
${reviewers}
</tbody></table>
<h2>Items</h2>
<table><thead><tr><th>Item</th><th>App</th><th>Person</th><th>Account</th><th>Role</th><th>Granted by</th><th>Reviewer</th><th>Decision</th><th>Decided by</th><th>When</th><th>Comment</th><th>Ledger seq</th><th>Outcome</th><th>Ops</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>Audit ledger anchor</h2>
<p>${escapeHtml(r.ledgerAnchorNote)}</p>
${r.ledgerAnchor ? `<pre>${escapeHtml(JSON.stringify(r.ledgerAnchor, null, 2))}</pre>` : ''}`,
  );
};

export const sheetHtml = (
  campaign: CampaignRow,
  reviewer: string,
  items: ReviewItemView[],
  opts: EvidenceTimeOptions = {},
): string => {
  const { time } = evidenceTimeFormat(opts);
  const rows = items
    .map(
      (i) =>
        `<tr>${td(i.id)}${td(i.appName)}${td(i.person ?? 'no person (orphan)')}${td(i.userName)}${td(i.role)}${td(i.groups.join(', '))}${td(i.grantedBy)}${td(i.lastActivity ? time(i.lastActivity) : 'unknown')}${td(i.decision?.decision ?? '')}<td></td></tr>`,
    )
    .join('\n');
  return page(
    `Access review ${campaign.id} — ${reviewer}`,
    `<h1>Access review: ${escapeHtml(campaign.name)}</h1>
<p>Reviewer: ${escapeHtml(reviewer)}. Due ${escapeHtml(time(campaign.due_at))}. For each account, decide: <strong>keep</strong>, <strong>revoke</strong>, <strong>change-role</strong> (name the role) or <strong>not-mine</strong> (say who should decide).</p>
<table><thead><tr><th>Item</th><th>App</th><th>Person</th><th>Account</th><th>Role</th><th>Groups</th><th>Granted by</th><th>Last activity</th><th>Decision</th><th>Comment</th></tr></thead><tbody>
${rows}
</tbody></table>`,
  );
};
