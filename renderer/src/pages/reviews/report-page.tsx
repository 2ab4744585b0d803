// The printable campaign report (`#/reviews/7/report`), like the offboarding evidence: scope and snapshot time,
// reviewers and their completion, every item with its decision, decider, time and comment, the ops that carried out
// each revoke with their ledger sequence numbers, what stayed open, the access exceptions, and the ledger's signed
// head (at closing, or now while the campaign is open) to check against `lanyard audit verify`. Times in this
// computer's zone; on paper only the report. Downloads: HTML (same zone), CSV and JSON.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { ReviewReport } from '../../../../shared/api/methods-reviews';
import { exceptionEffect } from '../../../../shared/domain/exceptions';
import { unwrap, type ApiCallError } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { rpcKey } from '../../api/rpc-key';
import { downloadText } from '../../components/download-file';
import { Page } from '../../components/page';
import { ReportItems } from './report-items';
import { formatTime, plural } from './reviews-format';
import '../../styles/evidence.css';
import '../../styles/reviews.css';

const readerZone = (): { timeZone: string; locale: string } => {
  const o = Intl.DateTimeFormat().resolvedOptions();
  return { timeZone: o.timeZone, locale: o.locale };
};

const TYPES = { html: 'text/html', csv: 'text/csv;charset=utf-8', json: 'application/json' } as const;

export const ReportPage = () => {
  const campaignId = Number(useParams().campaignId);
  const valid = Number.isInteger(campaignId) && campaignId > 0;
  const client = useClient();
  const query = useQuery<{ content: string }, ApiCallError>({
    queryKey: rpcKey('reviews.report', { campaignId, format: 'json' }),
    enabled: valid,
    queryFn: async () => unwrap(await client.call('reviews.report', { campaignId, format: 'json' })),
  });
  const [status, setStatus] = useState('');
  const report = query.data ? (JSON.parse(query.data.content) as ReviewReport) : null;
  const zone = readerZone();

  const download = async (format: 'html' | 'csv' | 'json') => {
    try {
      const file = unwrap(await client.call('reviews.report', { campaignId, format, ...zone }));
      downloadText(file.content, file.fileName, TYPES[format]);
      setStatus(`Saved ${file.fileName} to your downloads.`);
    } catch (err) {
      setStatus(`Could not save the report: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <Page
      title={`Access review report — campaign #${valid ? campaignId : '?'}`}
      lead="Who reviewed which access, what they decided, and how each removal was carried out."
    >
      <div className="evidence-toolbar no-print">
        <Link to={`/reviews/${valid ? campaignId : ''}`} className="button button-secondary">
          Back to the campaign
        </Link>
        <button type="button" className="button" onClick={() => window.print()} disabled={!report}>
          Print
        </button>
        {(['html', 'csv', 'json'] as const).map((f) => (
          <button key={f} type="button" className="button button-secondary" onClick={() => void download(f)}>
            Download {f.toUpperCase()}
          </button>
        ))}
        <p className="muted" role="status">
          {status}
        </p>
      </div>
      {!valid || query.error ? (
        <p className="callout callout-error" role="alert">
          Could not build the report: {query.error?.message ?? 'there is no such campaign.'}
        </p>
      ) : !report ? (
        <p className="muted" aria-busy="true">
          Building the report…
        </p>
      ) : (
        <article className="evidence" aria-label={`Report of access review ${report.campaignId}`}>
          <dl className="evidence-facts">
            <dt>Campaign</dt>
            <dd>
              {report.name} (#{report.campaignId}), {report.status}
            </dd>
            <dt>Scope</dt>
            <dd>
              Apps: {report.scope.apps.join(', ')}
              {report.scope.people ? `; people: ${JSON.stringify(report.scope.people)}` : '; all people'}
            </dd>
            <dt>Snapshot</dt>
            <dd>{formatTime(report.snapshotAt)}</dd>
            <dt>Due</dt>
            <dd>{formatTime(report.dueAt)}</dd>
            <dt>Closed</dt>
            <dd>
              {report.closedAt ? `${formatTime(report.closedAt)} by ${report.closedBy ?? '—'}` : 'not yet'}
            </dd>
            <dt>Generated</dt>
            <dd>{formatTime(report.generatedAt)}</dd>
            <dt>Times</dt>
            <dd>shown in {zone.timeZone}; the JSON report has the exact UTC instants</dd>
            <dt>Items</dt>
            <dd>
              {plural(report.counts.items, 'item')}: {report.counts.decided} decided ({report.counts.keep}{' '}
              keep, {report.counts.revoke} revoke, {plural(report.counts.changeRole, 'role change')}),{' '}
              {report.counts.open} open; {plural(report.counts.carriedOut, 'change')} carried out,{' '}
              {report.counts.pendingChanges} waiting
            </dd>
          </dl>

          <h2>Reviewers</h2>
          <div className="evidence-table-wrap">
            <table className="evidence-table">
              <thead>
                <tr>
                  <th scope="col">Reviewer</th>
                  <th scope="col">Items</th>
                  <th scope="col">Decided</th>
                  <th scope="col">Open</th>
                </tr>
              </thead>
              <tbody>
                {report.reviewers.map((r) => (
                  <tr key={r.reviewer}>
                    <td>{r.reviewer}</td>
                    <td>{r.items}</td>
                    <td>{r.decided}</td>
                    <td>{r.open}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h2>Items</h2>
          <ReportItems items={report.items} />

          <h2>What stayed open</h2>
          <p>
            Undecided items: {report.open.undecided.join(', ') || 'none'}. Decided changes not carried out:{' '}
            {report.open.notCarriedOut.join(', ') || 'none'}.
          </p>

          <h2>Access exceptions</h2>
          {report.exceptions.length ? (
            <ul>
              {report.exceptions.map((e) => (
                <li key={`${e.appId}-${e.person}`}>
                  {exceptionEffect(e)}
                  {e.campaignId ? ` (campaign #${e.campaignId})` : ''}
                  {e.comment ? `: “${e.comment}”` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p>None.</p>
          )}

          <h2>Audit ledger anchor</h2>
          <p>{report.ledgerAnchorNote}</p>
          {report.ledgerAnchor ? (
            <pre className="evidence-anchor" tabIndex={0} aria-label="Signed ledger anchor (JSON)">
              {JSON.stringify(report.ledgerAnchor, null, 2)}
            </pre>
          ) : null}
        </article>
      )}
    </Page>
  );
};
