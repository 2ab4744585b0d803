// Offboarding from the UI, against the real path: the Okta, SCIM and GitHub fakes and a manual app, seeded with
// the CLI, served by `lanyard serve`, driven in Chromium. A leaver in the directory is revoked at once where the app
// allows it; the rest waits for an admin, who completes, verifies and downloads the evidence. And an urgent
// offboard of someone still active, from the dialog.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { OffboardingEvidence } from '../../shared/api/methods-offboarding';
import { expect, test } from './fixtures/offboarding-test';
import { OffboardingUi } from './pages/offboarding-page';

test('a leaver in the directory: SCIM revoked in one poll, GitHub approved and the badge ticked, verified, with evidence', async ({
  app,
  world,
}, testInfo) => {
  const ui = new OffboardingUi(app.page);
  const { ana } = world.people;
  await app.open();
  expect(world.scimActive(ana.email)).not.toBe(false);

  // The directory deactivates Ana; the next poll (Sync now) picks it up.
  world.okta.state.setStatus(ana.id, 'DEPROVISIONED');
  await ui.syncNow();
  expect(world.scimActive(ana.email)).toBe(false);
  // GitHub's revocation waits for approval; the office badge is a task by hand.
  await expect(ui.overviewApprovals()).toHaveText('1');
  await expect(ui.overviewManualTasks()).toHaveText('1');

  await app.navigate('Offboarding');
  await expect(ui.pendingCount()).toHaveText('2');
  const card = ui.caseCard(/Ana Leaver/);
  await expect(ui.task(card, /in Acme/)).toContainText('Done');
  await expect(ui.task(card, /GitHub org/)).toContainText('Needs approval');
  await expect(ui.task(card, /account in Office badge/)).toContainText('To do by hand');
  await app.screenshot(testInfo, 'offboarding-queue');
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot(testInfo, 'offboarding-queue-dark');
  await app.page.emulateMedia({ colorScheme: 'light' });

  // Skipping asks for a reason first (then we cancel: the task is approved instead).
  await ui
    .task(card, 'GitHub')
    .getByRole('button', { name: /^Skip:/ })
    .click();
  await ui.dialog().getByRole('button', { name: 'Skip', exact: true }).click();
  await expect(ui.dialog()).toContainText('Say why this is skipped');
  await ui.dialog().getByRole('button', { name: 'Cancel' }).click();

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
  expect(world.github.state.roleOf(ana.github)).toBeUndefined();
  await expect(ui.pendingCount()).toHaveText('1');

  const badge = ui.task(card, /account in Office badge/);
  await badge.getByRole('textbox').fill('badge handed in at reception');
  await badge.getByRole('checkbox').click();

  // Done: nothing waits, the case is closed and collapsed below.
  await expect(ui.pendingCount()).toHaveText('0');
  await expect(app.page.getByText('No open cases.')).toBeVisible();
  await app.page.getByText(/Closed cases \(1\)/).click();
  await expect(card.getByText('Closed', { exact: true })).toBeVisible();
  await expect(badge.getByRole('checkbox')).toBeChecked();
  await expect(badge.getByRole('checkbox')).toBeDisabled();
  await expect(badge).toContainText('badge handed in at reception');
  await card.getByRole('button', { name: 'Verify' }).click();
  await expect(card.getByRole('status')).toHaveText(/Verification passed/);

  // Evidence: every app with what was done and when.
  const [json] = await Promise.all([
    app.page.waitForEvent('download'),
    card.getByRole('button', { name: 'Evidence (JSON)' }).click(),
  ]);
  const evidence = JSON.parse(await fs.readFile(await json.path(), 'utf8')) as OffboardingEvidence;
  for (const appName of ['Acme', 'GitHub', 'Office badge']) {
    const item = evidence.items.find((i) => i.appName === appName);
    expect(item, appName).toBeDefined();
    expect(item!.at, `${appName} has a time`).toBeTruthy();
  }
  await card.getByText('Timeline', { exact: true }).click();
  await expect(card.getByRole('listitem').filter({ hasText: 'Case opened by' })).toBeVisible();
  await expect(card.getByRole('listitem').filter({ hasText: /Case closed/ })).toBeVisible();
  await app.screenshot(testInfo, 'offboarding-closed');

  // The printable evidence opens in the app, ready to print, with the badge's note; the HTML file is for archives.
  await card.getByRole('link', { name: 'Printable evidence' }).click();
  const printable = app.page.getByRole('article', { name: /Evidence of case/ });
  for (const appName of ['Acme', 'GitHub', 'Office badge'])
    await expect(printable.getByRole('cell', { name: appName, exact: true })).toBeVisible();
  await expect(printable).toContainText('Note: badge handed in at reception');
  await app.page.emulateMedia({ media: 'print' });
  await app.page.screenshot({
    path: path.join(testInfo.project.outputDir, 'pages', 'offboarding-evidence.png'),
    fullPage: true,
  });
  await app.page.emulateMedia({ media: 'screen' });
  const [html] = await Promise.all([
    app.page.waitForEvent('download'),
    app.page.getByRole('button', { name: 'Download HTML' }).click(),
  ]);
  expect(await fs.readFile(await html.path(), 'utf8')).toContain('Note: badge handed in at reception');
});

test('offboards an active person at once from the dialog, with a preview and the kill switch', async ({
  app,
  world,
}, testInfo) => {
  const ui = new OffboardingUi(app.page);
  const { ben } = world.people;
  await app.open();
  await app.page.goto(`${new URL(app.page.url()).origin}/#/offboarding?new=1`);
  const dialog = ui.dialog();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Offboard someone' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Choose a person first' })).toBeDisabled();

  await dialog.getByLabel('Who is leaving?').fill('ben');
  await dialog.getByRole('option', { name: /Ben Urgent/ }).click();
  const preview = dialog.getByRole('table', { name: 'Tasks this offboard creates' });
  await expect(preview.getByRole('row', { name: /GitHub/ })).toContainText('Waits for approval');
  await expect(preview.getByRole('row', { name: /Acme/ })).toContainText('Now');
  await expect(preview.getByRole('row', { name: /Office badge/ })).toContainText('By hand');
  await expect(dialog.getByRole('checkbox', { name: /Kill switch/ })).toBeChecked();
  await app.screenshot(testInfo, 'offboarding-dialog', { fullPage: false });

  await dialog.getByRole('button', { name: 'Offboard now' }).click();
  await expect(dialog.getByRole('heading', { name: /Offboarding Ben Urgent/ })).toBeVisible();
  await expect(dialog.getByRole('progressbar')).toBeVisible();
  await expect(dialog).toContainText(/pending review/);
  expect(world.okta.killSwitch.suspended).toContain(ben.id);
  await expect.poll(() => world.scimActive(ben.email)).toBe(false);
  await app.screenshot(testInfo, 'offboarding-dialog-progress', { fullPage: false });

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  expect(new URL(app.page.url()).hash).toBe('#/offboarding');
  const card = ui.caseCard(/Ben Urgent/);
  await expect(card).toContainText('manual');
  await expect(ui.task(card, /GitHub org/)).toContainText('Needs approval');

  // Approve-all is confirmed first.
  await card.getByRole('button', { name: /^Approve all/ }).click();
  await ui
    .dialog()
    .getByRole('button', { name: /^Approve 1 and run now/ })
    .click();
  await expect(ui.task(card, /GitHub org/)).not.toContainText('Needs approval');
  await expect(ui.pendingCount()).toHaveText('1');
  // The case says what the approval came to.
  await expect(card.getByTestId('case-approval')).toContainText('Approved 1: 1 done.');
});
