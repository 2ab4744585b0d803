// Audit: the append-only ledger with filters, export and chain verification (filled in by the audit issue).
import { ComingSoon } from '../components/coming-soon';
import { Page } from '../components/page';

export const AuditPage = () => (
  <Page title="Audit" lead="Every change Lanyard made or was asked to make, in a tamper-evident ledger.">
    <ComingSoon
      planned={[
        'Filter the ledger by person, app, action, run and time',
        'Export to CSV or JSON for your auditors',
        'Verify the hash chain to show nothing was altered or removed',
      ]}
    />
  </Page>
);
