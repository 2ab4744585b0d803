// Sync: plan preview, apply and run history (filled in by the sync issue).
import { ComingSoon } from '../components/coming-soon';
import { Page } from '../components/page';

export const SyncPage = () => (
  <Page title="Sync" lead="Preview what Lanyard would change, apply it, and look back at past runs.">
    <ComingSoon
      planned={[
        'A plan of creates, updates, role changes and deprovisions, each with its reason',
        'Guardrails that hold large deprovisions for review',
        'Run history with per-app results and time from directory change to revocation',
        'Pause and resume the scheduler',
      ]}
    />
  </Page>
);
