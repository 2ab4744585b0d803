// The printable evidence page: one self-contained HTML document (no scripts, no external resources), every value
// HTML-escaped — names, titles and notes come from the directory, apps and admins, so they are untrusted text.
// Times are written in the reader's time zone and locale when the caller gives them (the renderer passes the
// browser's), with the zone named; the JSON evidence keeps the exact UTC instants.
import type { EvidenceApp, OffboardingEvidence } from '../../shared/api/methods-offboarding';

export interface EvidenceTimeOptions {
  /** IANA zone, e.g. "Europe/Paris"; unknown or absent: UTC. */
  timeZone?: string | undefined;
  /** BCP 47 locale, e.g. "en-GB"; unknown or absent: en-GB. */
  locale?: string | undefined;
}

/** A formatter for ISO instants in the given zone and locale (falling back to UTC / en-GB), and the zone used. */
export const evidenceTimeFormat = (
  opts: EvidenceTimeOptions = {},
): { time: (iso: string | null) => string; zone: string } => {
  const make = (locale: string, timeZone: string) =>
    new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = make(opts.locale ?? 'en-GB', opts.timeZone ?? 'UTC');
  } catch {
    fmt = make('en-GB', 'UTC');
  }
  const time = (iso: string | null): string => {
    if (!iso) return '—';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : fmt.format(d);
  };
  return { time, zone: fmt.resolvedOptions().timeZone };
};

/** What the admins decided on a task: approval, note, skip reason ("" when none). */
const decision = (i: EvidenceApp, time: (iso: string | null) => string): string =>
  [
    i.approvedBy ? `Approved by ${i.approvedBy} at ${time(i.approvedAt)}` : '',
    i.skipReason ? `Skipped: ${i.skipReason}` : '',
    i.note ? `Note: ${i.note}` : '',
  ]
    .filter(Boolean)
    .join('\n');

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

export const evidenceHtml = (e: OffboardingEvidence, opts: EvidenceTimeOptions = {}): string => {
  const { time, zone } = evidenceTimeFormat(opts);
  const rows = e.items
    .map(
      (i) =>
        `<tr>${cell(i.appName)}${cell(i.task)}${cell(i.action)}${cell(i.status)}${cell(i.by)}${cell(
          i.at ? time(i.at) : null,
        )}${cell(decision(i, time))}${cell(i.verification)}${cell(formatDuration(i.timeToRevokeMs))}${cell(
          i.auditSeqs.join(', '),
        )}</tr>`,
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
th { background: #eee; } td { white-space: pre-line; } @media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>Offboarding evidence: case ${e.caseId}</h1>
<dl>
<dt>Person</dt><dd>${escapeHtml(who)} (directory id ${escapeHtml(e.personId)})</dd>
<dt>Why</dt><dd>${escapeHtml(e.reason)} (${escapeHtml(e.trigger)})</dd>
<dt>Status</dt><dd>${escapeHtml(e.status)}</dd>
<dt>Opened</dt><dd>${escapeHtml(time(e.openedAt))} by ${escapeHtml(e.openedBy)}</dd>
<dt>Closed</dt><dd>${escapeHtml(time(e.closedAt))}</dd>
<dt>Generated</dt><dd>${escapeHtml(time(e.generatedAt))}</dd>
<dt>Times</dt><dd>shown in ${escapeHtml(zone)}; the JSON evidence has the exact UTC instants</dd>
</dl>
<table>
<thead><tr><th>App</th><th>Task</th><th>Action</th><th>Result</th><th>By</th><th>When</th><th>Approval, note or reason</th><th>Verification</th><th>Time to revoke</th><th>Audit seq</th></tr></thead>
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
