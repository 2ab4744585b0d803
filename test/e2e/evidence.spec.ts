// Evidence and actors (issue #16 item 3): the admin sets their name in Settings; approving GitHub and skipping the
// badge with a reason are then credited to that name — in the audit log and in the printable evidence, which
// opens in the app ready to print, with the skip reason and the approver, and times in the local zone.
import fs from 'node:fs/promises';
import { expect, test } from './fixtures/offboarding-test';
import { expectAxeClean } from './axe-check';
import { AuditPageObject } from './pages/audit-page';
import { OffboardingUi } from './pages/offboarding-page';

// An admin in Tokyo: the evidence's times are theirs, not UTC.
test.use({ timezoneId: 'Asia/Tokyo', locale: 'en-GB' });

test('the printable evidence names the approver and keeps the skip reason', async ({
  app,
  world,
}, testInfo) => {
  const ui = new OffboardingUi(app.page);
  await app.open();

  // "Your name in the audit log", in Settings.
  await app.navigate('Settings');
  const yourName = app.page.getByRole('region', { name: 'Your name' });
  await expect(yourName.getByTestId('audit-actor')).not.toHaveText('');
  await yourName.getByLabel('Your name in the audit log').fill('Dana Admin');
  await yourName.getByRole('button', { name: 'Save your name' }).click();
  await expect(yourName.getByRole('status')).toHaveText('Your name saved.');
  await expect(yourName.getByTestId('audit-actor')).toHaveText('Dana Admin');
  await expectAxeClean(app.page, 'settings, your name');

  // Ana leaves in the directory; GitHub waits for approval, the badge is a task by hand.
  world.okta.state.setStatus(world.people.ana.id, 'DEPROVISIONED');
  await app.navigate('Overview');
  await ui.syncNow();
  await app.navigate('Offboarding');
  const card = ui.caseCard(/Ana Leaver/);
  await ui
    .task(card, 'GitHub')
    .getByRole('button', { name: /^Approve:/ })
    .click();
  // A single approval confirms like Approve all, naming the account, the app and the effect.
  await expect(ui.dialog().getByTestId('confirm-effects')).toContainText('Remove from the GitHub org');
  await ui
    .dialog()
    .getByRole('button', { name: /^Approve 1 and run now/ })
    .click();
  await expect(ui.task(card, /GitHub org/)).not.toContainText('Needs approval');
  await ui
    .task(card, 'Office badge')
    .getByRole('button', { name: /^Skip:/ })
    .click();
  await ui.dialog().getByLabel('Reason (required)').fill('badge was never issued to Ana');
  await ui.dialog().getByRole('button', { name: 'Skip', exact: true }).click();
  await expect(ui.dialog()).toHaveCount(0);

  // Nothing is left: the case closes and is collapsed below. The printable evidence, in the app.
  await app.page.getByText(/Closed cases \(1\)/).click();
  await card.getByRole('link', { name: 'Printable evidence' }).click();
  await expect(app.page).toHaveURL(/#\/offboarding\/\d+\/evidence$/);
  const evidence = app.page.getByRole('article', { name: /Evidence of case/ });
  const row = (appName: string) =>
    evidence.getByRole('row').filter({ has: app.page.getByRole('cell', { name: appName, exact: true }) });
  await expect(row('GitHub')).toContainText('Approved by Dana Admin at');
  await expect(row('GitHub').getByRole('cell').nth(3)).toHaveText('Dana Admin');
  await expect(row('Office badge')).toContainText('Skipped: badge was never issued to Ana');
  await expect(row('Office badge').getByRole('cell').nth(3)).toHaveText('Dana Admin');
  // The case was opened by the directory, and says so; times are local, not raw UTC instants.
  await expect(evidence).toContainText('by directory');
  const facts = evidence.locator('dl, table');
  await expect(facts.first()).toContainText('shown in Asia/Tokyo');
  for (const part of await facts.all()) await expect(part).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  // The archived HTML is written in the same zone.
  const [html] = await Promise.all([
    app.page.waitForEvent('download'),
    app.page.getByRole('button', { name: 'Download HTML' }).click(),
  ]);
  const archived = await fs.readFile(await html.path(), 'utf8');
  expect(archived).toContain('shown in Asia/Tokyo');
  expect(archived).toContain('Skipped: badge was never issued to Ana');
  expect(archived).toContain('Approved by Dana Admin at');
  await expect(app.page.getByRole('button', { name: 'Print' })).toBeEnabled();
  await app.screenshot(testInfo, 'offboarding-evidence-view');
  await expectAxeClean(app.page, 'printable evidence');
  // On paper, only the evidence: no navigation, no buttons.
  await app.page.emulateMedia({ media: 'print' });
  await expect(app.page.locator('.sidebar')).toBeHidden();
  await expect(app.page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(evidence).toBeVisible();
  await app.page.emulateMedia({ media: 'screen' });

  // The audit log credits the same name.
  await app.navigate('Audit');
  const audit = new AuditPageObject(app.page);
  await audit.waitLoaded();
  await audit.filter('Action').selectOption({ label: 'Offboarding task skipped' });
  await audit.applyFilters();
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.summaries.first().locator('.audit-actor')).toHaveText('Dana Admin');
});
