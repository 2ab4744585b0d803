// Settings: the sync schedule, deprovisioning guardrails and the secrets Lanyard uses.
import { useSettings } from '../api/queries';
import { Page } from '../components/page';
import { GuardrailsForm } from '../settings/guardrails-form';
import { ScheduleForm } from '../settings/schedule-form';
import { SecretsSection } from '../settings/secrets-section';

export const SettingsPage = () => {
  const settings = useSettings();
  return (
    <Page
      title="Settings"
      lead="How often Lanyard syncs, the limits on deprovisioning, and the secrets it uses."
    >
      {settings.error ? (
        <p className="callout callout-error" role="alert">
          Could not load settings: {settings.error.message}
        </p>
      ) : null}
      <div className="stack">
        <ScheduleForm current={settings.data?.schedule} />
        <GuardrailsForm current={settings.data?.guardrails} />
        <SecretsSection />
      </div>
    </Page>
  );
};
