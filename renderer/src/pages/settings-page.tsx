// Settings: the sync schedule, deprovisioning guardrails, offboarding, the secrets Lanyard uses, desktop
// preferences, where the data lives, and the workspace file (export / import).
import { useSettings } from '../api/queries';
import { Page } from '../components/page';
import { DataSection } from '../settings/data-section';
import { DesktopSection } from '../settings/desktop-section';
import { DirectorySection } from '../settings/directory-section';
import { GuardrailsForm } from '../settings/guardrails-form';
import { OffboardingSection } from '../settings/offboarding-section';
import { ScheduleForm } from '../settings/schedule-form';
import { SecretsSection } from '../settings/secrets-section';
import { WorkspaceSection } from '../settings/workspace-section';
import { YourNameSection } from './settings/your-name';
import '../styles/settings-more.css';

export const SettingsPage = () => {
  const settings = useSettings();
  return (
    <Page
      title="Settings"
      lead="The directory connection, how often Lanyard syncs, the limits on deprovisioning, offboarding, secrets, and the workspace file."
    >
      {settings.error ? (
        <p className="callout callout-error" role="alert">
          Could not load settings: {settings.error.message}
        </p>
      ) : null}
      <div className="stack">
        <DirectorySection />
        <ScheduleForm current={settings.data?.schedule} />
        <GuardrailsForm current={settings.data?.guardrails} />
        <OffboardingSection current={settings.data?.offboarding} />
        <YourNameSection current={settings.data?.operator} />
        <SecretsSection />
        <DesktopSection />
        <DataSection />
        <WorkspaceSection />
      </div>
    </Page>
  );
};
