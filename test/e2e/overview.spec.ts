// The Overview after a sync: directory and app health, the pending deprovisions, and the 30-day chart of changes
// and revocations — in light and dark.
import { expect, test } from './fixtures/offboarding-test';
import { OffboardingUi } from './pages/offboarding-page';

test('shows health, the pending count and the activity chart after a sync', async ({
  app,
  world,
}, testInfo) => {
  const ui = new OffboardingUi(app.page);
  await app.open();
  await expect(app.heading()).toHaveText('Overview');

  world.okta.state.setStatus(world.people.ana.id, 'DEPROVISIONED');
  await ui.syncNow();
  await expect(ui.overviewPending()).toHaveText('2');

  const apps = app.page.getByRole('region', { name: 'Apps' });
  for (const name of ['Acme', 'GitHub', 'Office badge'])
    await expect(apps.getByRole('listitem').filter({ hasText: name })).toContainText('OK');
  const health = app.page.getByRole('region', { name: 'Health' });
  for (const part of ['Database', 'OS keychain', 'Sync scheduler'])
    await expect(health.getByRole('listitem').filter({ hasText: part })).toContainText('OK');

  const chart = app.page.getByRole('img', { name: /in the last 30 days/ });
  await expect(chart).toHaveAttribute('aria-label', /[1-9]\d* revocations? in the last 30 days/);
  await app.page.getByText('Show as a table').click();
  await expect(
    app.page.getByRole('region', { name: /Changes and revocations/ }).getByRole('row'),
  ).not.toHaveCount(1);

  await app.screenshot(testInfo, 'overview-dashboard');
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot(testInfo, 'overview-dashboard-dark');

  // Each card leads to its page.
  await app.page.getByRole('link', { name: 'Offboarding', exact: true }).last().click();
  await expect(app.heading()).toHaveText('Offboarding');
});
