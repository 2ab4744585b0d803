// Live views (issue #16 item 10): a person's panel stays open and current while the core changes things — a
// deactivation that arrives by a poll (here: Sync now in another window) shows the new IdP status and access
// without closing or reopening the panel — and a change that waits for approval says so and links to the held op
// in the review queue, where it is selected. Axe clean in light and dark; no sideways scrolling on a laptop.
import type { Page } from '@playwright/test';
import { expectAxeClean } from './axe-check';
import { expect, test } from './fixtures/offboarding-test';
import { OffboardingUi } from './pages/offboarding-page';
import { PeoplePageObject } from './pages/people-page';

/** No sideways page scroll on a small and a common laptop screen. */
const expectFits = async (page: Page) => {
  for (const size of [
    { width: 1024, height: 700 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(fits, `no sideways scroll at ${size.width}x${size.height}`).toBe(true);
  }
};

test('the person panel follows a deactivation that arrives by poll, and links the held removal to its approval', async ({
  app,
  world,
}, testInfo) => {
  const { ana } = world.people;
  const people = new PeoplePageObject(app.page);
  await app.open();
  await app.navigate('People');
  await people.search.fill(ana.email);
  await expect(people.rows).toHaveCount(1);
  await people.rows.first().focus();
  await app.page.keyboard.press('Enter');
  const panel = people.panel;
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(ana.name);
  const idpStatus = panel.locator('.fact').filter({ hasText: 'Status in the IdP' });
  await expect(idpStatus).toContainText('ACTIVE');
  const apps = panel.getByRole('region', { name: 'Apps and why' });
  const acme = apps
    .getByRole('listitem')
    .filter({ has: app.page.locator('.person-app-name', { hasText: /^Acme$/ }) });
  await expect(acme).toContainText(/Access/);
  await expect(acme).not.toContainText('No access');

  // The directory deactivates Ana; a poll runs in another window (the scheduler would do the same).
  world.okta.state.setStatus(ana.id, 'DEPROVISIONED');
  const other = await app.page.context().newPage();
  try {
    await other.goto(new URL(app.page.url()).origin + '/#/');
    await new OffboardingUi(other).syncNow();
  } finally {
    await other.close();
  }

  // The same panel, never closed: the new status, no access, and what waits for an approval.
  await expect(panel).toBeVisible();
  await expect(idpStatus).toContainText('DEPROVISIONED');
  await expect(acme).toContainText('No access');
  // The pending GitHub account says what waits, and links to where it is approved.
  const github = apps
    .getByRole('listitem')
    .filter({ has: app.page.locator('.person-app-name', { hasText: /^GitHub$/ }) });
  await expect(github).toContainText('Pending: Remove from the GitHub org — waits for approval');
  await expect(github).not.toContainText(/deactivate/i);
  await app.screenshot(testInfo, 'people-panel-live', { fullPage: false });
  await expectAxeClean(app.page, 'person panel after a deactivation');
  await expectFits(app.page);

  // "Open" goes to the held op in the review queue, selected and ready to approve.
  await github.getByRole('link', { name: /Open the approval of “Remove from the GitHub org”/ }).click();
  await expect(app.page).toHaveURL(/#\/sync\?op=\d+$/);
  const review = app.page.getByRole('region', { name: 'Waiting for review' });
  const op = review.getByRole('checkbox', { name: `${ana.email} — Remove from the GitHub org` });
  await expect(op).toBeChecked();
  await expect(review.locator('.sync-op-linked')).toContainText('Remove from the GitHub org');
  await expectAxeClean(app.page, 'review queue with a linked op');
  await expectFits(app.page);
});
