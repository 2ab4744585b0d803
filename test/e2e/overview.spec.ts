// The Overview after a sync: directory and app health, revocations waiting for approval apart from tasks by hand,
// and the 30-day chart of changes and revocations — in light and dark.
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
  // GitHub's revocation waits for approval; the office badge is a task by hand.
  await expect(ui.overviewApprovals()).toHaveText('1');
  await expect(ui.overviewManualTasks()).toHaveText('1');

  const apps = app.page.getByRole('region', { name: 'Apps' });
  for (const name of ['Acme', 'GitHub', 'Office badge'])
    await expect(apps.getByRole('listitem').filter({ hasText: name })).toContainText('OK');
  const health = app.page.getByRole('region', { name: 'Health' });
  for (const part of ['Directory', 'Database', 'OS keychain'])
    await expect(health.getByRole('listitem').filter({ hasText: part })).toContainText('OK');
  // This world's schedule is paused (the test syncs by hand): Health says so rather than "OK".
  await expect(health.getByRole('listitem').filter({ hasText: 'Sync scheduler' })).toContainText('Paused');

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
