// Layouts for laptops (issue #16 item 8), in Chromium against `lanyard serve` serving a company with 32 apps: every
// page — each one in the navigation, an app's details, a case's evidence, a review campaign, the sync preview, the
// setup — fits 1024×700 and 1280×800 in light and dark without a sideways page scroll, and no action in it is cut
// off. The People grid stays usable with 30+ apps: a column chooser (remembered per browser) and a per-app filter.
// The sidebar collapses to icons by keyboard, below ~1100 px on its own, and remembers the choice.
import type { Page, TestInfo } from '@playwright/test';
import { expectAxeClean } from './axe-check';
import { expect, test as base } from './fixtures/test';
import { startLanyardServe } from './fixtures/lanyard-serve';
import { startManyAppsWorld, type ManyAppsWorld } from './fixtures/many-apps-world';
import { layoutProblems } from './layout-check';
import type { LanyardApp } from './pages/lanyard-app';
import { PeoplePageObject } from './pages/people-page';

let world: ManyAppsWorld;

const test = base.extend({
  server: async ({}, use, testInfo) => {
    const server = await startLanyardServe({ dataDir: await world.copyDataDir(), env: world.env });
    try {
      await use(server);
    } finally {
      await server.stop();
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('lanyard-serve.stderr', { body: server.stderr(), contentType: 'text/plain' });
    }
  },
});

test.beforeAll(async () => {
  test.setTimeout(240_000);
  world = await startManyAppsWorld();
});
test.afterAll(async () => world?.close());

// The sidebar as each size starts (collapsed below 1100 px), and 1024 px with the admin's choice of expanded.
const SIZES = [
  { width: 1024, height: 700, sidebar: 'collapsed' },
  { width: 1024, height: 700, sidebar: 'expanded' },
  { width: 1280, height: 800, sidebar: 'expanded' },
] as const;

/** Nothing in the page is still loading: no skeleton, nothing aria-busy. */
const settled = async (page: Page): Promise<void> => {
  await expect(page.locator('main .skeleton')).toHaveCount(0);
  await expect(page.locator('main [aria-busy="true"], [data-app-state][aria-busy="true"]')).toHaveCount(0);
};

const visit = async (app: LanyardApp, hash: string): Promise<void> => {
  await app.page.goto(`${new URL(app.page.url()).origin}/${hash}`);
  await app.waitReady();
  await expect(app.heading()).toBeVisible();
};

/** The views beyond the navigation's own pages, each opened the way an admin gets there. */
const DETAIL_VIEWS: { name: string; show(app: LanyardApp): Promise<void> }[] = [
  {
    name: 'app details',
    show: async (app) => {
      await visit(app, '#/apps');
      await app.page.getByRole('button', { name: 'Atlassian Jira Service Management', exact: true }).click();
      await expect(app.page.locator('#apps-detail')).toBeVisible();
    },
  },
  {
    name: 'sync preview',
    show: async (app) => {
      await visit(app, '#/sync');
      await app.page.getByRole('button', { name: 'Preview', exact: true }).click();
      await expect(app.page.getByTestId('sync-plan')).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    name: 'run detail',
    show: async (app) => {
      await visit(app, '#/sync');
      // The newest run: the sync that revoked the leaver's accounts in every app.
      await app.page.getByTestId('run-history').getByRole('rowheader').getByRole('button').first().click();
      await expect(app.page.getByRole('region', { name: /^Run #\d+$/ })).toBeVisible();
    },
  },
  {
    name: 'offboarding evidence',
    show: async (app) => {
      await visit(app, '#/offboarding');
      await app.page
        .getByRole('link', { name: /evidence/i })
        .first()
        .click();
      await expect(app.page).toHaveURL(/#\/offboarding\/[^/]+\/evidence$/);
      await expect(app.heading()).toBeVisible();
    },
  },
  {
    name: 'review campaign',
    show: async (app) => {
      await visit(app, '#/reviews');
      await app.page.getByRole('link', { name: 'Q1 access review' }).click();
      await expect(app.heading()).toHaveText('Q1 access review');
    },
  },
  {
    name: 'setup',
    show: async (app) => visit(app, '#/setup'),
  },
];

/** Checks the current view in light and dark; a screenshot of each for the record. */
const checkView = async (app: LanyardApp, name: string, testInfo: TestInfo, size: string) => {
  await settled(app.page);
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await app.page.emulateMedia({ colorScheme });
    found.push(...(await layoutProblems(app.page)).map((p) => `[${name}, ${size}, ${colorScheme}] ${p}`));
  }
  await app.page.emulateMedia({ colorScheme: 'light' });
  await app.page.screenshot({
    path: testInfo.outputPath(`${name.replace(/\W+/g, '-').toLowerCase()}.png`),
  });
  return found;
};

for (const size of SIZES) {
  const label = `${size.width}×${size.height}, sidebar ${size.sidebar}`;
  test.describe(label, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test(`every page fits ${label} in light and dark, with its actions in view`, async ({
      app,
    }, testInfo) => {
      test.setTimeout(240_000);
      await app.open();
      // Below ~1100 px the sidebar starts collapsed, leaving the width to the page; the admin may expand it.
      const toggle = app.page.getByRole('button', { name: 'Sidebar' });
      await expect(toggle).toHaveAttribute('aria-expanded', String(size.width >= 1100));
      if (size.width >= 1100 !== (size.sidebar === 'expanded')) await toggle.click();
      await expect(toggle).toHaveAttribute('aria-expanded', String(size.sidebar === 'expanded'));
      // Every page in the navigation (pages added later are checked too), then the views behind them.
      const links = await app.nav.getByRole('link').all();
      const pages: { name: string; hash: string }[] = [];
      for (const link of links)
        pages.push({
          name: (await link.getAttribute('title')) ?? (await link.innerText()),
          hash: (await link.getAttribute('href'))!,
        });
      expect(pages.length).toBeGreaterThanOrEqual(9);

      const found: string[] = [];
      for (const { name, hash } of pages) {
        await test.step(name, async () => {
          await visit(app, hash);
          found.push(...(await checkView(app, name, testInfo, label)));
        });
      }
      for (const { name, show } of DETAIL_VIEWS) {
        await test.step(name, async () => {
          await show(app);
          found.push(...(await checkView(app, name, testInfo, label)));
        });
      }
      expect(found, `layout problems:\n${found.join('\n')}`).toEqual([]);
    });
  });
}

test.describe('People with 32 apps', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('shows the most used apps that fit, lets the admin choose columns and filter by one app; a reload keeps the columns', async ({
    app,
  }, testInfo) => {
    const page = app.page;
    const people = new PeoplePageObject(page);
    const appColumn = (name: string) => people.grid.getByRole('columnheader', { name, exact: true });
    await app.open();
    await app.navigate('People');
    await people.waitLoaded(world.people);

    // Not 32 squeezed columns: the apps everyone has, as many as fit, and no sideways scroll anywhere.
    const chooser = page.getByRole('button', { name: /^Columns: \d+ of 32 apps$/ });
    const shown = Number((await chooser.innerText()).match(/(\d+) of/)![1]);
    expect(shown).toBeGreaterThanOrEqual(2);
    expect(shown).toBeLessThan(8);
    await expect(appColumn('Slack')).toBeVisible();
    await expect(appColumn('Workday Human Capital Management')).toHaveCount(0);
    expect(await people.scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    // The chooser: most used first with their counts; a search narrows the list; Escape closes it.
    await expect(chooser).toHaveAttribute('aria-expanded', 'false');
    await chooser.click();
    const panel = page.getByRole('group', { name: 'App columns' });
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('checkbox', { name: 'Slack' })).toBeChecked();
    await expect(panel.getByRole('checkbox', { name: 'Slack' })).toHaveAccessibleDescription('40 accounts');
    await expectAxeClean(page, 'People, column chooser open');
    await app.screenshot(testInfo, 'people-column-chooser', { fullPage: false });
    await panel.getByLabel('Find an app').fill('workday');
    await expect(panel.getByRole('checkbox')).toHaveCount(1);
    await panel.getByRole('checkbox', { name: 'Workday Human Capital Management' }).check();
    await panel.getByLabel('Find an app').fill('');
    await panel.getByRole('checkbox', { name: 'Slack' }).uncheck();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(chooser).toBeFocused();
    await expect(chooser).toHaveText(`Columns: ${shown} of 32 apps`);
    await expect(appColumn('Workday Human Capital Management')).toBeVisible();
    await expect(appColumn('Slack')).toHaveCount(0);

    // Filter by one app (Jira Software goes to Engineering: 7 of 40): its column shows even though not chosen.
    await page.getByLabel('App', { exact: true }).selectOption({ label: 'Jira Software' });
    await expect(people.count).toHaveText('Showing 7 of 40 people');
    await expect(appColumn('Jira Software')).toBeVisible();
    await page.getByLabel('In that app').selectOption({ label: 'No account' });
    await expect(people.count).toHaveText('Showing 33 of 40 people');
    // The first cells after Status, Department and Groups are Jira's.
    for (const row of (await people.rows.all()).slice(0, 5))
      await expect(row.getByRole('gridcell').nth(3)).toContainText('None');
    await page.getByLabel('In that app').selectOption({ label: 'Deactivated account' });
    await expect(people.count).toHaveText('Showing 0 of 40 people');
    await expect(page.getByRole('heading', { name: 'No one matches' })).toBeVisible();
    // Drift: the office badges the rules want but nobody has confirmed yet are pending checklist tasks.
    await page.getByLabel('App', { exact: true }).selectOption({ label: 'Office badge' });
    await page.getByLabel('In that app').selectOption({ label: 'Pending change (drift)' });
    await expect(people.count).toHaveText(/^Showing [1-9]\d* of 40 people$/);
    // (A manual app's pending change is a checklist task: the cell names it, not "None".)
    await expect(people.rows.first().getByRole('gridcell').nth(3)).not.toContainText('None');
    expect(await layoutProblems(page)).toEqual([]);
    await app.screenshot(testInfo, 'people-many-apps');

    // The columns are remembered in this browser; the filters are not.
    await app.reload();
    await people.waitLoaded(world.people);
    await expect(chooser).toHaveText(`Columns: ${shown} of 32 apps`);
    await expect(appColumn('Workday Human Capital Management')).toBeVisible();
    await expect(appColumn('Slack')).toHaveCount(0);

    // Back to the default in one step.
    await chooser.click();
    await panel.getByRole('button', { name: 'Most used that fit' }).click();
    await expect(appColumn('Slack')).toBeVisible();
    await expect(appColumn('Workday Human Capital Management')).toHaveCount(0);
  });
});

test.describe('Sidebar', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('collapses to icons with the keyboard, keeps every link named, starts collapsed below 1100 px and remembers', async ({
    app,
  }) => {
    const page = app.page;
    const toggle = page.getByRole('button', { name: 'Sidebar' });
    const navWidth = async () => (await app.nav.boundingBox())!.width;
    await app.open();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(await navWidth()).toBeGreaterThan(150);

    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(toggle).toBeFocused();
    expect(await navWidth()).toBeLessThan(80);
    // Icons only, yet each link keeps its name (and a tooltip), so keyboard and screen-reader use is unchanged.
    await expect(app.nav.getByRole('link', { name: 'Access rules', exact: true })).toHaveAttribute(
      'title',
      'Access rules',
    );
    await app.navigate('People');
    await expectAxeClean(page, 'collapsed sidebar');

    // Remembered across a reload.
    await app.reload();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');

    // A laptop-sized window starts collapsed, whatever was chosen on the wide one…
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    // …and the laptop choice is its own: expanded here stays expanded here, after a reload too.
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await app.reload();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(await layoutProblems(page)).toEqual([]);
  });
});
