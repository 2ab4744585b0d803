// The printable evidence of one case (`#/offboarding/7/evidence`): the same facts as the JSON evidence — each app
// and step, who did it and when, who approved it, the admin's note or skip reason, the verification, the time to
// revoke and the audit sequence numbers, and the ledger's signed anchor — laid out for paper, with times in this
// computer's zone and language. Print uses the browser's own dialog; the app's navigation is hidden on paper. The
// downloadable HTML (same contents, times in the same zone) is for archiving outside Lanyard.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { OffboardingEvidence } from '../../../../shared/api/methods-offboarding';
import { unwrap, type ApiCallError } from '../../api/api-error';
import { useClient } from '../../api/client-context';
import { rpcKey } from '../../api/rpc-key';
import { downloadText } from '../../components/download-file';
import { Page } from '../../components/page';
import { formatTime } from '../../offboarding/offboarding-format';
import { EvidenceTable } from './evidence-table';
import '../../styles/evidence.css';

const readerZone = (): { timeZone: string; locale: string } => {
  const o = Intl.DateTimeFormat().resolvedOptions();
  return { timeZone: o.timeZone, locale: o.locale };
};

export const EvidencePage = () => {
  const caseId = Number(useParams().caseId);
  const valid = Number.isInteger(caseId) && caseId > 0;
  const client = useClient();
  const query = useQuery<{ content: string }, ApiCallError>({
    queryKey: rpcKey('offboarding.evidence', { caseId, format: 'json' }),
    enabled: valid,
    queryFn: async () => unwrap(await client.call('offboarding.evidence', { caseId, format: 'json' })),
  });
  const [status, setStatus] = useState('');
  const evidence = query.data ? (JSON.parse(query.data.content) as OffboardingEvidence) : null;
  const zone = readerZone();

  const download = async (format: 'json' | 'html') => {
    try {
      const file = unwrap(await client.call('offboarding.evidence', { caseId, format, ...zone }));
      downloadText(file.content, file.fileName, format === 'json' ? 'application/json' : 'text/html');
      setStatus(`Saved ${file.fileName} to your downloads.`);
    } catch (err) {
      setStatus(`Could not save the evidence: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <Page
      title={`Offboarding evidence — case #${valid ? caseId : '?'}`}
      lead="What was revoked, by whom and when, with the audit events that record it."
    >
      <div className="evidence-toolbar no-print">
        <Link to="/offboarding" className="button button-secondary">
          Back to offboarding
        </Link>
        <button type="button" className="button" onClick={() => window.print()} disabled={!evidence}>
          Print
        </button>
        <button type="button" className="button button-secondary" onClick={() => void download('html')}>
          Download HTML
        </button>
        <button type="button" className="button button-secondary" onClick={() => void download('json')}>
          Download JSON
        </button>
        <p className="muted" role="status">
          {status}
        </p>
      </div>
      {!valid || query.error ? (
        <p className="callout callout-error" role="alert">
          Could not build the evidence: {query.error?.message ?? 'there is no such case.'}
        </p>
      ) : !evidence ? (
        <p className="muted" aria-busy="true">
          Building the evidence…
        </p>
      ) : (
        <article className="evidence" aria-label={`Evidence of case ${evidence.caseId}`}>
          <dl className="evidence-facts">
            <dt>Person</dt>
            <dd>
              {evidence.displayName ? `${evidence.displayName} <${evidence.person}>` : evidence.person}{' '}
              (directory id {evidence.personId})
            </dd>
            <dt>Why</dt>
            <dd>
              {evidence.reason} ({evidence.trigger})
            </dd>
            <dt>Status</dt>
            <dd>{evidence.status}</dd>
            <dt>Opened</dt>
            <dd>
              {formatTime(evidence.openedAt)} by {evidence.openedBy}
            </dd>
            <dt>Closed</dt>
            <dd>{formatTime(evidence.closedAt)}</dd>
            <dt>Generated</dt>
            <dd>{formatTime(evidence.generatedAt)}</dd>
            <dt>Times</dt>
            <dd>shown in {zone.timeZone}; the JSON evidence has the exact UTC instants</dd>
          </dl>
          <EvidenceTable items={evidence.items} />
          <p>
            Audit events of this case: {evidence.auditSeqs.join(', ') || 'none'}. Check the ledger with{' '}
            <code>lanyard audit verify</code>.
          </p>
          <h2>Audit ledger anchor</h2>
          <p>{evidence.ledgerAnchorNote}</p>
          {evidence.ledgerAnchor ? (
            <pre className="evidence-anchor" tabIndex={0} aria-label="Signed ledger anchor (JSON)">
              {JSON.stringify(evidence.ledgerAnchor, null, 2)}
            </pre>
          ) : null}
        </article>
      )}
    </Page>
  );
};
