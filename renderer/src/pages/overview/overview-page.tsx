// Overview: directory and app health (last/next sync, failures, quarantine with Resume), pending deprovisions and
// open cases, orphaned accounts, time to revoke, 30 days of changes and revocations, and — as from the start —
// what this installation is and whether its own parts are healthy. Each card links to its page. Above the cards:
// what is wrong in status.summary's words (the Sync page and the tray say the same), whether runs apply anything
// yet, what is held for review and which apps are quarantined (sync.status).
import { useAppInfo, useRpcQuery } from '../../api/queries';
import { Page } from '../../components/page';
import { useOffboardingEvents } from '../../offboarding/use-offboarding-events';
import { ActivityChart } from './activity-chart';
import { AppsCard } from './apps-card';
import { HealthCard, InstallationCard } from './installation-cards';
import { OffboardingCard } from './offboarding-card';
import { ReviewsCard } from './reviews-card';
import { SyncCard } from './sync-card';
import { SetupBanner } from '../../setup/setup-banner';
import { SyncAttention } from '../../sync-state/sync-attention';
import { StatusProblems } from '../../sync-state/status-problems';
import { useStatusSummary } from '../../sync-state/use-status';
import '../../styles/overview.css';

export const OverviewPage = () => {
  const info = useAppInfo();
  const runs = useRpcQuery('runs.list', { limit: 100 });
  const status = useRpcQuery('sync.status', {});
  const summary = useStatusSummary();
  useOffboardingEvents();
  return (
    <Page title="Overview" lead="Is everyone's access right, and is anything waiting for you?">
      <SetupBanner />
      <StatusProblems summary={summary.summary} here="/" />
      <SyncAttention status={status.data} />
      <div className="overview-grid">
        <SyncCard status={summary} />
        <OffboardingCard runs={runs.data} status={summary} />
        <AppsCard />
        <ReviewsCard />
      </div>
      <ActivityChart />
      <div className="grid-2 overview-installation">
        <InstallationCard info={info.data} />
        <HealthCard health={info.data?.health} status={summary} />
      </div>
    </Page>
  );
};
