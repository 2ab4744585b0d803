// People: the directory × apps matrix and the explainer for each account (filled in by the directory and sync issues).
import { ComingSoon } from '../components/coming-soon';
import { Page } from '../components/page';

export const PeoplePage = () => (
  <Page title="People" lead="Everyone in your identity provider, the apps each person has, and why.">
    <ComingSoon
      planned={[
        'A table of every person in the directory against every connected app, virtualised for large teams',
        'For each account, the access rule that grants it — or why the person has none',
        'Filters by status (active, suspended, deprovisioned) and by group',
        'Orphan accounts: app accounts that match nobody in the directory',
      ]}
    />
  </Page>
);
