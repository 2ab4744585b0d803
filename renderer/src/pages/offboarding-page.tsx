// Offboarding: the review queue and manual offboarding (filled in by the offboarding issue).
import { ComingSoon } from '../components/coming-soon';
import { Page } from '../components/page';

export const OffboardingPage = () => (
  <Page title="Offboarding" lead="Take a leaver's access away everywhere, and prove it.">
    <ComingSoon
      planned={[
        'A review queue for deprovisions held by policy or guardrails',
        'Offboard a person across every app at once, with a kill switch for sessions',
        'Checklists for apps that cannot be automated, and a final verification step',
      ]}
    />
  </Page>
);
