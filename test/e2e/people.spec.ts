// People page promises, against a real `lanyard serve` whose directory was pulled from the Okta fake (10,000 people)
// through the CLI: rows show at once, the grid is virtualized yet scrolls to the last person, search finds someone
// by an email fragment as you type, filters narrow the rows, and the person panel opens and closes by keyboard.
import { expect, test as base } from './fixtures/test';
import { startLanyardServe } from './fixtures/lanyard-serve';
import { personAt, seedDirectory, type SeededDirectory } from './fixtures/people-directory';
import { PeoplePageObject } from './pages/people-page';

const PEOPLE = 10_000;
let directory: SeededDirectory;

const test = base.extend<{ people: PeoplePageObject }>({
  // Each test serves its own copy of the pulled directory, with the Okta token in its environment.
  server: async ({}, use, testInfo) => {
    const server = await startLanyardServe({ dataDir: await directory.copyDataDir(), env: directory.env });
    try {
      await use(server);
    } finally {
      await server.stop();
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('lanyard-serve.stderr', { body: server.stderr(), contentType: 'text/plain' });
    }
  },
  people: async ({ app }, use) => use(new PeoplePageObject(app.page)),
});

test.beforeAll(async () => {
  test.setTimeout(180_000);
  directory = await seedDirectory(PEOPLE);
});
test.afterAll(async () => directory?.close());

test('shows 10,000 people at once and scrolls to the last one with only a window of rows in the DOM', async ({
  app,
  people,
}, testInfo) => {
  await app.open();
  await app.navigate('People');
  await people.waitLoaded(PEOPLE);
  await expect(people.count).toHaveText('10,000 people');
  await expect(people.grid.getByRole('columnheader', { name: 'Slack' })).toBeVisible();
  await expect(people.grid.getByRole('columnheader', { name: 'Figma' })).toBeVisible();
  await app.screenshot(testInfo, 'people');

  // Virtualized: a screenful of rows, not ten thousand.
  expect(await people.rows.count()).toBeLessThan(80);

  await people.scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const lastRow = people.grid.locator(`[aria-rowindex="${PEOPLE + 1}"]`);
  await expect(lastRow).toBeVisible();
  expect(await people.rows.count()).toBeLessThan(80);

  // The keyboard reaches both ends too.
  await lastRow.focus();
  await app.page.keyboard.press('Home');
  await expect(people.grid.locator('[aria-rowindex="2"]')).toBeFocused();
  await app.page.keyboard.press('End');
  await expect(lastRow).toBeFocused();
});

test('finds a person by an email fragment as you type, and narrows the rows by status', async ({
  app,
  people,
}, testInfo) => {
  const target = personAt(4242);
  await app.open();
  await app.navigate('People');
  await people.waitLoaded(PEOPLE);

  await people.search.pressSequentially('4242@ac');
  await expect(people.rows).toHaveCount(1);
  await expect(people.rows.first()).toContainText(target.email);
  await expect(people.rows.first().getByRole('rowheader')).toContainText(target.name);
  await expect(people.count).toHaveText('Showing 1 of 10,000 people');
  await app.screenshot(testInfo, 'people-search');

  await people.search.fill('');
  await people.status.selectOption({ label: 'Suspended' });
  await expect(people.count).toHaveText(/^Showing \d+ of 10,000 people$/);
  const shown = Number((await people.count.innerText()).match(/Showing ([\d,]+)/)![1]!.replace(/,/g, ''));
  expect(shown).toBeGreaterThan(100);
  expect(shown).toBeLessThan(PEOPLE / 10);
  await expect(people.grid).toHaveAttribute('aria-rowcount', String(shown + 1));
  for (const row of await people.rows.all()) await expect(row).toContainText('Suspended');

  // A search that finds nobody says so, and one click brings everyone back.
  await people.search.fill('nobody-has-this-name');
  await expect(app.page.getByRole('heading', { name: 'No one matches' })).toBeVisible();
  await app.screenshot(testInfo, 'people-no-match');
  await app.page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(people.count).toHaveText('10,000 people');
});

test('opens a person with Enter to show profile, groups and why each app is granted; Escape closes', async ({
  app,
  people,
}, testInfo) => {
  const admin = personAt(0);
  await app.open();
  await app.navigate('People');
  await people.waitLoaded(PEOPLE);
  await people.search.fill(admin.email);
  await expect(people.rows).toHaveCount(1);
  await expect(people.rows.first()).toContainText('admin');

  await people.rows.first().focus();
  await expect(people.rows.first()).toBeFocused();
  await app.page.keyboard.press('Enter');

  const panel = people.panel;
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(admin.name);
  await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(panel).toContainText(admin.email);
  await expect(panel).toContainText(admin.department);
  await expect(panel).toContainText('10000'); // employee number from people.get
  const groups = panel.getByRole('region', { name: 'Groups' });
  for (const g of ['Everyone', 'Admins', 'Contractors', admin.department])
    await expect(groups.getByRole('listitem').filter({ hasText: g })).toHaveCount(1);

  // The explainer: Slack is granted by the Admins rule with the admin role; Figma is not granted.
  const apps = panel.getByRole('region', { name: 'Apps and why' });
  await expect(apps.getByRole('listitem').filter({ hasText: 'Slack' })).toContainText(/Access · rule 2/);
  await expect(apps.getByRole('listitem').filter({ hasText: 'Figma' })).toContainText('No access');
  await app.screenshot(testInfo, 'people-panel', { fullPage: false });

  // Offboard previews first; Escape closes only the preview, the panel stays.
  await panel.getByRole('button', { name: 'Offboard…' }).click();
  const confirm = app.page.getByRole('dialog', { name: `Offboard ${admin.name}?` });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('listitem').filter({ hasText: 'Slack' }).first()).toBeVisible();
  await app.screenshot(testInfo, 'people-offboard-preview', { fullPage: false });
  await app.page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(panel).toBeVisible();

  await app.page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(people.rows.first()).toBeFocused();

  await app.page.emulateMedia({ colorScheme: 'dark' });
  await app.page.keyboard.press('Enter');
  await expect(panel).toBeVisible();
  await expect(apps.getByRole('listitem').filter({ hasText: 'Slack' })).toContainText(/Access/);
  await app.screenshot(testInfo, 'people-panel-dark', { fullPage: false });
});

base('says what to do next when no directory is connected', async ({ app }, testInfo) => {
  await app.open();
  await app.navigate('People');
  await expect(app.page.getByRole('heading', { name: 'No directory connected yet' })).toBeVisible();
  // The way there is in the app (issue #16): the setup or Settings → Directory, not a command to run.
  await expect(app.page.getByRole('link', { name: 'Set up Lanyard' })).toBeVisible();
  await expect(app.page.getByRole('link', { name: 'Settings → Directory' })).toBeVisible();
  await expect(app.page.getByText(/lanyard (config|directory)/)).toHaveCount(0);
  await app.screenshot(testInfo, 'people-empty');
});
