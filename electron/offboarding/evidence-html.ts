// The printable evidence page: one self-contained HTML document (no scripts, no external resources), every value
// HTML-escaped — names, titles and notes come from the directory, apps and admins, so they are untrusted text.
import type { OffboardingEvidence } from '../../shared/api/methods-offboarding';

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const cell = (v: string | number | null | undefined): string =>
  `<td>${v === null || v === undefined || v === '' ? '—' : escapeHtml(String(v))}</td>`;

export const formatDuration = (ms: number | null): string => {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
};

export const evidenceHtml = (e: OffboardingEvidence): string => {
  const rows = e.items
    .map(
      (i) =>
        `<tr>${cell(i.appName)}${cell(i.task)}${cell(i.action)}${cell(i.status)}${cell(i.by)}${cell(i.at)}${cell(
          i.verification,
        )}${cell(formatDuration(i.timeToRevokeMs))}${cell(i.auditSeqs.join(', '))}</tr>`,
    )
    .join('\n');
  const who = e.displayName ? `${e.displayName} <${e.person}>` : e.person;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Offboarding evidence — case ${e.caseId} — ${escapeHtml(e.person)}</title>
<style>
body { font: 13px/1.45 system-ui, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 18px; } dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
dt { font-weight: 600; } table { border-collapse: collapse; width: 100%; margin-top: 1em; }
th, td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eee; } @media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>Offboarding evidence: case ${e.caseId}</h1>
<dl>
<dt>Person</dt><dd>${escapeHtml(who)} (directory id ${escapeHtml(e.personId)})</dd>
<dt>Why</dt><dd>${escapeHtml(e.reason)} (${escapeHtml(e.trigger)})</dd>
<dt>Status</dt><dd>${escapeHtml(e.status)}</dd>
<dt>Opened</dt><dd>${escapeHtml(e.openedAt)} by ${escapeHtml(e.openedBy)}</dd>
<dt>Closed</dt><dd>${escapeHtml(e.closedAt ?? '—')}</dd>
<dt>Generated</dt><dd>${escapeHtml(e.generatedAt)}</dd>
</dl>
<table>
<thead><tr><th>App</th><th>Task</th><th>Action</th><th>Result</th><th>By</th><th>When</th><th>Verification</th><th>Time to revoke</th><th>Audit seq</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>Audit events of this case: ${escapeHtml(e.auditSeqs.join(', ') || 'none')}. Check the ledger with <code>lanyard audit verify</code>.</p>
<h2>Audit ledger anchor</h2>
<p>${escapeHtml(e.ledgerAnchorNote)}</p>
${e.ledgerAnchor ? `<pre>${escapeHtml(JSON.stringify(e.ledgerAnchor, null, 2))}</pre>` : ''}
</body>
</html>
`;
};
