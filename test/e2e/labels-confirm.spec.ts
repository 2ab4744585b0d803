// Labels and confirmations (issue #16 items 4 and 11): every change says what it does in its app — GitHub's is
// "Remove from the GitHub org", never "Deactivate" — and every destructive step confirms in the same dialog,
// which names the account, the app and the effect: one task's Approve as much as Approve all. Replacing the
// workspace first shows what the file would remove and changes nothing until confirmed; the Offboard dialog's
// search moves through its results with the arrow keys and picks with Enter.
import type { Page } from '@playwright/test';
import { expectAxeClean } from './axe-check';
import { expect, test } from './fixtures/offboarding-test';
import { rpc } from './pages/audit-page';
import { OffboardingUi } from './pages/offboarding-page';

const expectFits = async (page: Page, where: string) => {
  for (const size of [
    { width: 1024, height: 700 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(fits, `${where}: no sideways scroll at ${size.width}x${size.height}`).toBe(true);
  }
};

test('one task’s Approve confirms in the same dialog as Approve all, naming account, app and effect', async ({
  app,
  world,
}, testInfo) => {
  const ui = new OffboardingUi(app.page);
  const { ana } = world.people;
  await app.open();
  world.okta.state.setStatus(ana.id, 'DEPROVISIONED');
  await ui.syncNow();
  await app.navigate('Offboarding');
  const card = ui.caseCard(/Ana Leaver/);
  const github = ui.task(card, 'GitHub');
  await expect(github).toContainText(`Remove from the GitHub org (${ana.github})`);
  await expect(card.getByTestId('offboarding-task').filter({ hasText: /deactivate.*GitHub/i })).toHaveCount(
    0,
  );

  // One task: a confirmation first, nothing approved yet.
  await github.getByRole('button', { name: /^Approve:/ }).click();
  const one = app.page.getByRole('dialog', { name: /^Approve “Remove from the GitHub org” for Ana Leaver/ });
  const oneEffects = one.getByRole('list', { name: 'What will happen' });
  await expect(oneEffects).toContainText('Remove from the GitHub org');
  await expect(oneEffects).toContainText(`${ana.github} · GitHub`);
  await expect(oneEffects).toContainText('to come back they must accept a new invitation');
  await expect(one.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await app.screenshot(testInfo, 'offboarding-approve-one', { fullPage: false });
  await expectAxeClean(app.page, 'approve one task');
  await expectFits(app.page, 'approve one task');
  const oneText = (await oneEffects.textContent()) ?? '';
  await one.getByRole('button', { name: 'Cancel' }).click();
  await expect(one).toBeHidden();
  await expect(github).toContainText('Needs approval');
  expect(world.github.state.roleOf(ana.github)).toBeDefined();

  // Approve all: the same dialog, the same words.
  await card.getByRole('button', { name: /^Approve all/ }).click();
  const all = app.page.getByRole('dialog', { name: /^Approve every held task of Ana Leaver/ });
  const allEffects = all.getByRole('list', { name: 'What will happen' });
  await expect(allEffects).toHaveText(oneText);
  await all.getByRole('button', { name: /^Approve 1 and run now/ }).click();
  await expect(github).not.toContainText('Needs approval');
  expect(world.github.state.roleOf(ana.github)).toBeUndefined();

  // Skipping confirms in the same dialog too, listing what will not be done.
  await ui
    .task(card, 'Office badge')
    .getByRole('button', { name: /^Skip:/ })
    .click();
  const skip = ui.dialog();
  await expect(skip.getByRole('list', { name: 'Not carried out' })).toContainText(
    'Task: deactivate the account in Office badge',
  );
  await skip.getByRole('button', { name: 'Cancel' }).click();
});

test('replacing the workspace shows what `apps: []` would remove, and nothing changes until confirmed', async ({
  app,
}, testInfo) => {
  await app.open();
  await app.navigate('Settings');
  const before = await rpc(app.page, 'config.export', {});
  const form = app.page.getByRole('form', { name: 'Import a workspace' });
  await form.getByLabel(/^YAML/).fill('apps: []\n');
  await form.getByRole('button', { name: 'Apply workspace…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Replace the workspace?' });
  const changes = dialog.getByTestId('workspace-changes');
  await expect(changes).toContainText('7 items would be removed');
  const appsRemoved = changes.getByRole('region', { name: 'Apps: 3 removed' });
  for (const name of ['Acme (acme)', 'GitHub (github)', 'Office badge (badge)'])
    await expect(appsRemoved.getByRole('listitem').filter({ hasText: `Removed: ${name}` })).toHaveCount(1);
  await expect(changes.getByRole('region', { name: 'Access rules: 3 removed' })).toContainText(
    'rule 2: GitHub ← Engineering',
  );
  await expect(changes).toContainText('Directory: Acme Okta (okta) would be removed');

  // Removals need an explicit tick; cancelling stores nothing.
  const replace = dialog.getByRole('button', { name: 'Replace and remove 7' });
  await expect(replace).toBeDisabled();
  await dialog.getByRole('checkbox', { name: /Yes, remove these 7 items/ }).check();
  await expect(replace).toBeEnabled();
  await app.screenshot(testInfo, 'settings-replace-preview', { fullPage: false });
  await expectAxeClean(app.page, 'replace workspace preview');
  await expectFits(app.page, 'replace workspace preview');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await rpc(app.page, 'config.export', {})).toEqual(before);
});

test('the Offboard dialog’s search moves through results with the arrow keys and picks with Enter', async ({
  app,
}, testInfo) => {
  const ui = new OffboardingUi(app.page);
  await app.open();
  await app.page.goto(`${new URL(app.page.url()).origin}/#/offboarding?new=1`);
  const dialog = ui.dialog();
  const search = dialog.getByRole('combobox', { name: 'Who is leaving?' });
  await search.fill('stays');
  const results = dialog.getByRole('listbox', { name: 'Matching people' });
  await expect(results.getByRole('option')).toHaveCount(2);
  await expect(search).toHaveAttribute('aria-expanded', 'true');

  await search.press('ArrowDown');
  const active = await search.getAttribute('aria-activedescendant');
  await expect(results.locator(`[id="${active}"]`)).toContainText('Dmitri Stays');
  await search.press('ArrowUp');
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(results.getByRole('option', { name: /Dmitri Stays/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(results.getByRole('option', { name: /Chloé Stays/ })).toHaveAttribute(
    'aria-selected',
    'false',
  );
  await expect(search).toBeFocused();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('table', { name: 'Tasks this offboard creates' })).toContainText(
    'Remove from the GitHub org',
  );
  await app.screenshot(testInfo, 'offboarding-dialog-keyboard', { fullPage: false });
  await expectAxeClean(app.page, 'offboard dialog search');
  await expectFits(app.page, 'offboard dialog search');
});
