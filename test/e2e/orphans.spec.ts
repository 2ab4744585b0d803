// Orphan accounts (issue #16 item 11) in Chromium against `lanyard serve`: the Overview's "orphaned accounts" link
// opens the People page on the orphan list; an admin removes the old contractor's account through the gate after a
// confirmation (the SCIM app really deactivates it, and the Audit page shows the proposal and the change), ignores
// another with a reason; and in an app with 3,000 accounts the account search finds one. Axe-clean in light and
// dark; no sideways scroll at 1024×700 or 1280×800.
import { URN } from '../fakes/scim/store';
import { expectAxeClean } from './axe-check';
import { expect } from './fixtures/test';
import { expectFitsLaptops, reviewsWorldTest } from './fixtures/reviews-world-test';

const test = reviewsWorldTest();

test('the Overview link opens the orphan list; an orphan is removed through the gate and shows in the audit', async ({
  app,
  world,
}) => {
  test.setTimeout(120_000);
  const page = app.page;
  await app.open();
  await app.navigate('Overview');
  const link = page.getByRole('link', { name: 'orphaned account' });
  await expect(link.locator('xpath=..')).toContainText('1');
  await link.click();
  await expect(app.heading()).toHaveText('People');
  await expect(page.getByRole('button', { name: /Orphan accounts/ })).toHaveAttribute('aria-pressed', 'true');
  const table = page.getByRole('table', { name: 'Orphan accounts' });
  await expect(table.getByRole('rowheader')).toHaveText([world.orphan]);
  await expectAxeClean(page, 'orphan list');
  await expectFitsLaptops(page, 'the orphan list');

  await table.getByRole('button', { name: `Remove ${world.orphan} in Acme` }).click();
  const dialog = page.getByRole('dialog', { name: `Remove ${world.orphan} in Acme?` });
  await expect(dialog).toContainText('Deactivate in Acme');
  await expectAxeClean(page, 'remove confirmation');
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByText(`${world.orphan} was deactivated in Acme.`)).toBeVisible();
  expect(world.scimActive(world.orphan)).toBe(false);

  // The ledger: the admin's proposal, then the gate's change in the same app.
  await app.navigate('Audit');
  await expect(page.getByRole('button', { name: /orphan\.removalProposed acme ok/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /op\.applied acme ok/ }).first()).toBeVisible();
});

test('an orphan is ignored with a reason, listed apart and left out of the count, and can be un-ignored', async ({
  app,
  world,
}) => {
  const page = app.page;
  await app.open();
  await app.navigate('People');
  await page.getByRole('button', { name: 'Orphan accounts (1)' }).click();
  await page.getByRole('button', { name: `Ignore ${world.orphan} in Acme` }).click();
  const dialog = page.getByRole('dialog', { name: `Ignore ${world.orphan} in Acme?` });
  await expect(dialog.getByRole('button', { name: 'Ignore', exact: true })).toBeDisabled();
  await dialog.getByLabel('Why it can stay').fill('auditor access until June');
  await dialog.getByRole('button', { name: 'Ignore', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Orphan accounts (0)' })).toBeVisible();
  await page.getByRole('button', { name: 'Ignored and service accounts (1)' }).click();
  const known = page.getByRole('table', { name: 'Ignored orphan accounts and service accounts' });
  await expect(known).toContainText('“auditor access until June”');
  await expectAxeClean(page, 'ignored orphans');
  await known.getByRole('button', { name: `Un-ignore ${world.orphan} in Acme` }).click();
  await expect(page.getByRole('button', { name: 'Orphan accounts (1)' })).toBeVisible();
});

test('the account search finds one account among 3,000 in an app, and the pages step through them', async ({
  app,
  world,
}) => {
  test.setTimeout(120_000);
  for (let i = 0; i < 3000; i++)
    world.scim.store.createUser({
      schemas: [URN.user],
      userName: `bulk${String(i).padStart(4, '0')}@acme.test`,
      displayName: `Bulk Person ${i}`,
      active: true,
    });
  const page = app.page;
  await app.open();
  await app.navigate('Apps');
  await page.getByRole('rowheader').getByRole('button', { name: 'Acme', exact: true }).click();
  const detail = page.getByRole('region', { name: 'Acme' });
  await detail.getByRole('button', { name: 'Read again' }).click();
  await expect(detail.getByText(/3,007 accounts/)).toBeVisible({ timeout: 60_000 });
  const orphans = detail.getByRole('table', { name: /Orphans/ });
  await expect(orphans.getByRole('rowheader')).toHaveCount(50);
  await expect(detail.getByText('1–50 of 3,001')).toBeVisible();
  await detail
    .getByRole('navigation', { name: /Pages of orphans/ })
    .getByRole('button', { name: 'Next' })
    .click();
  await expect(detail.getByText('51–100 of 3,001')).toBeVisible();

  await detail.getByLabel('Find an account').fill('bulk2718');
  await expect(detail.getByText('1 account match “bulk2718”.')).toBeVisible();
  await expect(orphans.getByRole('rowheader')).toHaveText(['bulk2718@acme.test Bulk Person 2718']);
  await detail.getByLabel('Find an account').fill('Esther');
  await expect(
    detail.getByRole('table', { name: 'Linked to directory people' }).getByRole('rowheader'),
  ).toHaveCount(1);
  await expectAxeClean(page, 'account search');
  await expectFitsLaptops(page, 'the accounts panel');
});
