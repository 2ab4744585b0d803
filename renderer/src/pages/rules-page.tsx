// Access rules: decide who gets which app and role (filled in by the rules issue).
import { ComingSoon } from '../components/coming-soon';
import { Page } from '../components/page';

export const RulesPage = () => (
  <Page title="Access rules" lead="Who gets which app, and with which role.">
    <ComingSoon
      planned={[
        'Match people by group membership (any or all) and by profile attributes',
        'Grant a role or entitlements per app, with priorities when rules overlap',
        'Preview who a rule would add or remove before saving it',
      ]}
    />
  </Page>
);
