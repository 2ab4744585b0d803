// Every page is reachable from the navigation, announces itself, and looks right in light and dark themes.
import { expect, test } from './fixtures/test';
import { NAV_PAGES } from './pages/lanyard-app';

test('opens from the printed address and reaches every page from the navigation', async ({
  app,
}, testInfo) => {
  await app.open();
  await expect(app.heading()).toHaveText('Overview');
  await app.screenshot(testInfo, 'overview');

  // Every other page, then back to the first, so each step is a real navigation.
  for (const { label, hash, shot } of [...NAV_PAGES.slice(1), NAV_PAGES[0]]) {
    await app.navigate(label);
    expect(new URL(app.page.url()).hash).toBe(hash);
    // Focus follows navigation, so keyboard and screen-reader users start at the new page's heading.
    await expect(app.heading()).toBeFocused();
    if (label === 'Settings') await app.waitSettingsLoaded();
    if (label !== 'Overview') await app.screenshot(testInfo, shot);
  }
});

test('shows the version, data folder, schema version and healthy parts on the Overview', async ({
  app,
  server,
}, testInfo) => {
  await app.open();
  const installation = app.page.getByRole('region', { name: 'Installation' });
  await expect(
    installation.getByRole('definition').filter({ hasText: server.dataDir }).first(),
  ).toBeVisible();
  await expect(installation).toContainText(/Schema version\s*\d+/);
  await expect(installation).toContainText(/Version\s*\d+\.\d+\.\d+/);

  const health = app.page.getByRole('region', { name: 'Health' });
  for (const part of ['Database', 'OS keychain']) {
    await expect(health.getByRole('listitem').filter({ hasText: part })).toContainText('OK');
  }
  // A new installation has no directory yet: the schedule says what it waits for.
  await expect(health.getByRole('listitem').filter({ hasText: 'Sync scheduler' })).toContainText(
    'Waiting for a directory',
  );
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot(testInfo, 'overview-dark');
  await app.navigate('Settings');
  await app.screenshot(testInfo, 'settings-dark');
});
