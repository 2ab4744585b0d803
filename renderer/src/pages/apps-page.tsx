// Apps: connect, test and watch the health of SCIM, GitHub and manual apps (filled in by the app connectors issue).
import { ComingSoon } from '../components/coming-soon';
import { Page } from '../components/page';

export const AppsPage = () => (
  <Page title="Apps" lead="The SaaS apps Lanyard keeps in step with your directory.">
    <ComingSoon
      planned={[
        'Connect apps over SCIM 2.0 (with presets for common vendors), GitHub organisations or manual checklists',
        'Test a connection and see exactly what the app answered',
        'Set credentials through the OS keychain, never stored in the database',
        'Health per app: ok, degraded, quarantined or paused, with the last error and a hint',
      ]}
    />
  </Page>
);
