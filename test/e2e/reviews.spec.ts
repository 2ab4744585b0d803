// Access reviews (issue #13 item 6), in Chromium against `lanyard serve`: an admin starts a campaign from the
// Reviews page, decides in the grid (one by one, a role change with a comment, and in bulk after a confirmation),
// sends the app owner their sheet and imports it back (a tampered sheet is refused row by row and records nothing),
// closes the campaign — revocations go through the gate and the SCIM app really loses the accounts — and opens the
// printable report; the revoked rule-granted access shows as an exception on the Access rules page. Axe-clean in
// light and dark; at 1280×800 the pages fit without a sideways scroll.
import fs from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Page } from '@playwright/test';
import { expectAxeClean } from './axe-check';
import { expect } from './fixtures/test';
import { reviewsWorldTest } from './fixtures/reviews-world-test';

const test = reviewsWorldTest();

test.use({ viewport: { width: 1280, height: 800 } });

const DECISION = 'decision (keep | revoke | change-role | not-mine)';

const fitsWidth = async (page: Page, where: string) =>
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    `${where} scrolls sideways at 1280×800`,
  ).toBeLessThanOrEqual(0);

test('a quarter’s review: start, decide, a returned sheet, close through the gate, the printable report', async ({
  app,
  world,
}, testInfo) => {
  test.setTimeout(240_000);
  const page = app.page;
  await app.open();

  // Start a campaign from the Reviews page.
  await app.navigate('Access reviews');
  await expect(page.getByText('No access review yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Start a campaign…' }).click();
  const start = page.getByRole('dialog', { name: 'Start an access review' });
  await start.getByLabel('Name', { exact: true }).fill('Q1 access review');
  await expect(start.getByRole('checkbox', { name: /Acme · owner dmitri/ })).toBeChecked();
  await expect(start.getByRole('checkbox', { name: /Office badge · no owner/ })).toBeChecked();
  await start.getByLabel('Fallback reviewer').fill(world.email.ana);
  await expectAxeClean(page, 'start campaign dialog');
  await start.getByRole('button', { name: 'Start campaign' }).click();

  await expect(page).toHaveURL(/#\/reviews\/\d+$/);
  await expect(app.heading()).toHaveText('Q1 access review');
  // Six people in two apps and the orphan in Acme.
  await expect(page.getByTestId('campaign-progress')).toHaveText('0 of 13 items decided (0%)');
  const grid = page.getByRole('table', { name: 'Items to review' });
  const row = (name: string) => grid.getByRole('row').filter({ has: page.getByRole('button', { name }) });
  // The owner reviews Acme, but not his own account: that goes to the fallback.
  await expect(row('Keep: Dmitri Manager in Acme')).toContainText(world.email.ana);
  await expect(row('Keep: Dmitri Manager in Acme')).toContainText('own access → fallback');
  await expect(row('Keep: Ben Builder in Office badge')).toContainText('manager');
  await expect(row(`Keep: Orphan: ${world.orphan} in Acme`)).toContainText('no rule: orphan');

  // The fallback's open items, kept in bulk after a confirmation.
  await page.getByLabel('Reviewer', { exact: true }).selectOption(world.email.ana);
  await page.getByLabel('Undecided only').check();
  await expect(grid.getByRole('row')).toHaveCount(6);
  await grid.getByRole('checkbox', { name: 'Select all 5 items shown' }).check();
  await page.getByRole('button', { name: 'Keep selected' }).click();
  const bulk = page.getByRole('dialog', { name: 'Keep 5 items?' });
  await expect(bulk).toContainText('A decision already recorded is replaced.');
  await bulk.getByRole('button', { name: 'Keep 5 items' }).click();
  await expect(page.getByText('No item matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Show all items' }).click();

  // One by one: keep, revoke, and a role change with a comment.
  await page.getByRole('button', { name: 'Keep: Ben Builder in Acme' }).click();
  await expect(page.getByRole('button', { name: 'Keep: Ben Builder in Acme' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByRole('button', { name: 'Revoke: Farid Field in Acme' }).click();
  await expect(row('Revoke: Farid Field in Acme')).toContainText('Revoke');
  await page.getByRole('button', { name: 'More: Chloé Sales in Office badge' }).click();
  const decide = page.getByRole('dialog', { name: 'Chloé Sales in Office badge' });
  await decide.getByRole('radio', { name: 'Change role' }).check();
  await decide.getByLabel('New role').fill('visitor');
  await decide.getByLabel('Comment (optional)').fill('works remotely now');
  await expectAxeClean(page, 'decision dialog');
  await decide.getByRole('button', { name: 'Save decision' }).click();
  await expect(row('Keep: Chloé Sales in Office badge')).toContainText('Change role → visitor');
  await expect(row('Keep: Chloé Sales in Office badge')).toContainText('works remotely now');
  await expect(page.getByTestId('campaign-progress')).toHaveText('7 of 13 items decided (53%)');
  await fitsWidth(page, 'the campaign page');
  await app.screenshot(testInfo, 'reviews-campaign');
  await expectAxeClean(page, 'campaign page');

  // The owner's sheet, as the app exports it; Dmitri fills it in with a spreadsheet.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Export CSV: ${world.email.dmitri}` }).click(),
  ]);
  const exported = await fs.readFile(await download.path(), 'utf8');
  const rows = parse(exported, { columns: true, bom: true }) as Record<string, string>[];
  expect(rows.map((r) => r.account).sort()).toContain(world.orphan);
  const orphanAt = rows.findIndex((r) => r.account === world.orphan);
  const filled = rows.map((r) =>
    r.account === world.orphan
      ? { ...r, [DECISION]: 'revoke', comment: 'contract ended in 2025' }
      : r.account === world.email.esther && r.app === 'Acme'
        ? { ...r, [DECISION]: 'keep' }
        : r,
  );
  const write = async (name: string, records: Record<string, string>[]) => {
    const file = testInfo.outputPath(name);
    await fs.writeFile(file, stringify(records, { header: true, columns: Object.keys(rows[0]!) }));
    return file;
  };

  // A sheet whose orphan row had its role changed is refused with the row number; nothing is recorded.
  const sheet = page.getByRole('region', { name: 'Import sheet' });
  const tampered = filled.map((r, i) => (i === orphanAt ? { ...r, role: 'admin' } : r));
  await sheet.getByLabel('Returned sheet (CSV)').setInputFiles(await write('tampered.csv', tampered));
  const errors = sheet.getByRole('table');
  await expect(sheet).toContainText('1 row refused. Nothing was recorded.');
  await expect(errors.getByRole('row').nth(1)).toContainText(String(orphanAt + 2));
  await expect(errors).toContainText('the account columns were changed');
  await expect(sheet.getByRole('button', { name: 'Record decisions' })).toHaveCount(0);
  await expectAxeClean(page, 'sheet import errors');
  await expect(page.getByTestId('campaign-progress')).toHaveText('7 of 13 items decided (53%)');

  // The sheet as Dmitri returned it: checked, then recorded as coming from a sheet.
  await sheet.getByLabel('Returned sheet (CSV)').setInputFiles(await write('dmitri.csv', filled));
  await sheet.getByRole('button', { name: 'Record decisions' }).click();
  await expect(sheet.getByRole('status')).toContainText('Recorded 2 decisions from dmitri.csv');
  await expect(page.getByTestId('campaign-progress')).toHaveText('9 of 13 items decided (69%)');
  const orphanRow = row(`Keep: Orphan: ${world.orphan} in Acme`);
  await expect(orphanRow).toContainText('from a sheet');
  await expect(orphanRow).toContainText('contract ended in 2025');

  // The Overview says a review is open.
  await app.navigate('Overview');
  await expect(page.getByTestId('overview-reviews-open')).toHaveText('1');
  await page.getByRole('region', { name: 'Access reviews' }).getByRole('link', { name: 'open' }).click();
  const list = page.getByRole('table', { name: /campaigns/ });
  await expect(list.getByRole('row', { name: /Q1 access review/ })).toContainText('Acme, Office badge');
  await expect(list.getByRole('row', { name: /Q1 access review/ })).toContainText('9 of 13 items decided');
  await fitsWidth(page, 'the campaign list');
  await expectAxeClean(page, 'campaign list');
  await list.getByRole('link', { name: 'Q1 access review' }).click();

  // Close: the revocations go through the gate; the SCIM app loses both accounts.
  expect(world.scimActive(world.email.farid)).toBe(true);
  await page.getByRole('button', { name: 'Close campaign…' }).click();
  const close = page.getByRole('dialog', { name: 'Close “Q1 access review”?' });
  await expect(close).toContainText('go to the gate');
  await expect(close).toContainText('may wait in the review queue');
  await expectAxeClean(page, 'close dialog');
  await close.getByRole('button', { name: 'Close campaign' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Campaign closed.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Campaign', exact: true })).toContainText('Closed');
  await expect(page.getByRole('button', { name: /^Keep: / })).toHaveCount(0);
  await expect.poll(() => world.scimActive(world.email.farid)).toBe(false);
  expect(world.scimActive(world.orphan)).toBe(false);
  expect(world.scimActive(world.email.ben)).toBe(true);

  // The printable report, in the app.
  await page.getByRole('link', { name: 'Report' }).click();
  await expect(page).toHaveURL(/#\/reviews\/\d+\/report$/);
  const report = page.getByRole('article', { name: /Report of access review/ });
  const itemRow = (text: string) => report.getByRole('row').filter({ hasText: text });
  await expect(itemRow(world.orphan)).toContainText('from a sheet');
  await expect(itemRow(world.orphan)).toContainText('contract ended in 2025');
  await expect(itemRow(world.orphan)).toContainText(/deactivate op #\d+: done · audit #\d+/);
  await expect(itemRow(world.email.farid).filter({ hasNotText: 'Office badge' })).toContainText('Done');
  await expect(report).toContainText('Audit ledger anchor');
  await expectAxeClean(page, 'printable report');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.sidebar')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // The revoked rule-granted access and the changed role are exceptions the next sync honours; they can be removed.
  await app.navigate('Access rules');
  const exceptions = page.getByRole('region', { name: 'Exceptions' });
  const farid = exceptions.getByRole('row', { name: new RegExp(world.email.farid) });
  await expect(farid).toContainText('Acme');
  await expect(farid).toContainText('No access');
  await expect(exceptions.getByRole('row', { name: new RegExp(world.email.chloe) })).toContainText(
    'Role visitor',
  );
  await expectAxeClean(page, 'access rules with an exception');
  await exceptions.getByRole('button', { name: `Remove exception: ${world.email.farid} in Acme` }).click();
  await page
    .getByRole('dialog', { name: 'Remove this exception?' })
    .getByRole('button', { name: 'Remove exception' })
    .click();
  await expect(exceptions.getByRole('status')).toContainText(
    `Removed: the rules may grant ${world.email.farid}`,
  );
  await expect(farid).toHaveCount(0);
  await expect(exceptions.getByRole('row')).toHaveCount(2); // the header and Chloe's role
});
