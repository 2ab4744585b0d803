// Settings promises beyond schedule/guardrails/secrets: the offboarding checklist persists; a workspace file with a
// bad field is refused with every problem named by its path and changes nothing; importing asks first, and a valid
// file round-trips through export; the data folder is shown; desktop-only preferences are not faked in a browser.
import fs from 'node:fs/promises';
import { parse } from 'yaml';
import { expect, test } from './fixtures/test';
import { rpc } from './pages/audit-page';
import type { LanyardApp } from './pages/lanyard-app';

const VALID = `apps:
  - id: badge
    name: Office badge
    kind: manual
guardrails:
  maxDeprovisionsPerRun: 4
offboarding:
  killSessions: true
  checklist: [Collect laptop, Transfer files]
schedule:
  pollSeconds: 90
`;

const INVALID = `guardrails:
  maxDeprovisionsPerRun: 4
  maxDeprovisionPercent: 150
schedule:
  pollSeconds: 2
`;

const openSettings = async (app: LanyardApp) => {
  await app.navigate('Settings');
  await app.waitSettingsLoaded();
};

const importSection = (app: LanyardApp) => app.page.getByRole('form', { name: 'Import a workspace' });

/** Applies YAML through the import form (file picker when a name is given), confirming the replacement. */
const importYaml = async (app: LanyardApp, yaml: string, fileName?: string) => {
  const form = importSection(app);
  if (fileName)
    await form
      .getByLabel('Workspace file')
      .setInputFiles({ name: fileName, mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
  else await form.getByLabel(/^YAML/).fill(yaml);
  await form.getByRole('button', { name: 'Apply workspace…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Replace the workspace?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Replace workspace' }).click();
  await expect(dialog).toBeHidden();
};

test('keeps an added, reordered and removed checklist step after a reload', async ({ app }, testInfo) => {
  await app.open();
  await openSettings(app);
  const section = app.page.getByRole('form', { name: 'Offboarding' });
  const steps = section.getByRole('list', { name: 'Checklist' }).getByRole('listitem');
  const newStep = section.getByLabel('New step', { exact: true });
  // The save line in the form's footer (the checklist has its own polite announcer).
  const saveStatus = section.locator('.form-footer').getByRole('status');

  await newStep.fill('Collect laptop');
  await newStep.press('Enter'); // adds the step, does not submit
  await newStep.fill('Transfer files');
  await section.getByRole('button', { name: 'Add step' }).click();
  await newStep.fill('Revoke building access');
  await newStep.press('Enter');
  await expect(steps).toHaveCount(3);
  await section.getByRole('button', { name: 'Move “Revoke building access” up' }).click();
  await expect(section.getByRole('button', { name: 'Move “Revoke building access” up' })).toBeFocused();
  await section.getByLabel('Also end their identity-provider sessions').check();
  await expect(saveStatus).toHaveText('Unsaved changes');
  await section.getByRole('button', { name: 'Save offboarding' }).click();
  await expect(saveStatus).toHaveText('Offboarding saved.');
  await app.screenshot(testInfo, 'settings-offboarding');

  await app.reload();
  await app.waitSettingsLoaded();
  await expect(steps).toHaveText([/Collect laptop/, /Revoke building access/, /Transfer files/]);
  await expect(section.getByLabel('Also end their identity-provider sessions')).toBeChecked();

  await section.getByRole('button', { name: 'Remove “Collect laptop”' }).click();
  await section.getByRole('button', { name: 'Save offboarding' }).click();
  await expect(saveStatus).toHaveText('Offboarding saved.');
  await app.reload();
  await app.waitSettingsLoaded();
  await expect(steps).toHaveText([/Revoke building access/, /Transfer files/]);
  expect((await rpc(app.page, 'settings.get', {})).offboarding.checklist).toEqual([
    'Revoke building access',
    'Transfer files',
  ]);
});

test('refuses a workspace file with bad fields, naming each path, and changes nothing', async ({
  app,
}, testInfo) => {
  await app.open();
  await openSettings(app);
  const before = await rpc(app.page, 'config.export', {});

  // Cancelling the confirmation applies nothing either.
  const form = importSection(app);
  await form.getByLabel(/^YAML/).fill(VALID);
  await form.getByRole('button', { name: 'Apply workspace…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Replace the workspace?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await app.screenshot(testInfo, 'settings-import-confirm', { fullPage: false });
  await app.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await rpc(app.page, 'config.export', {})).toEqual(before);

  // A bad file never gets to the confirmation: its dry run lists the problems.
  await form.getByLabel(/^YAML/).fill(INVALID);
  await form.getByRole('button', { name: 'Apply workspace…' }).click();
  const alert = form.getByRole('alert');
  await expect(alert).toContainText('The workspace file is not valid (2 problems); nothing was applied.');
  await expect(alert.getByRole('listitem')).toHaveCount(2);
  await expect(
    alert.getByRole('listitem').filter({ hasText: 'guardrails.maxDeprovisionPercent' }),
  ).toHaveCount(1);
  await expect(alert.getByRole('listitem').filter({ hasText: 'schedule.pollSeconds' })).toHaveCount(1);
  await alert.scrollIntoViewIfNeeded();
  await app.screenshot(testInfo, 'settings-import-error');

  expect(await rpc(app.page, 'config.export', {})).toEqual(before);
  await app.reload();
  await app.waitSettingsLoaded();
  await expect(app.field('Max deprovisions per run')).toHaveValue('10');
});

test('applies a workspace file after confirming, and exports it back the same', async ({ app }, testInfo) => {
  await app.open();
  await openSettings(app);

  await importYaml(app, VALID, 'workspace.yaml');
  await expect(importSection(app)).toContainText('Workspace applied: no directory, 1 app, 0 rules');
  // The page shows the new settings without a reload.
  await expect(app.field('Max deprovisions per run')).toHaveValue('4');
  await expect(app.field('Poll every')).toHaveValue('90');
  await expect(
    app.page
      .getByRole('form', { name: 'Offboarding' })
      .getByRole('list', { name: 'Checklist' })
      .getByRole('listitem'),
  ).toHaveText([/Collect laptop/, /Transfer files/]);

  const download = app.page.waitForEvent('download');
  await app.page.getByRole('button', { name: 'Export workspace.yaml' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('workspace.yaml');
  const exported = await fs.readFile(await file.path(), 'utf8');
  await expect(app.page.getByText('Downloaded workspace.yaml.')).toBeVisible();

  // Everything the file said is in the export; the export re-applied is a fixed point.
  const doc = parse(exported) as Record<string, Record<string, unknown>>;
  expect(doc.guardrails?.maxDeprovisionsPerRun).toBe(4);
  expect(doc.schedule?.pollSeconds).toBe(90);
  expect(doc.offboarding).toEqual({ killSessions: true, checklist: ['Collect laptop', 'Transfer files'] });
  expect(doc.apps).toEqual([expect.objectContaining({ id: 'badge', name: 'Office badge', kind: 'manual' })]);
  await importYaml(app, exported, 'workspace.yaml');
  expect((await rpc(app.page, 'config.export', {})).yaml).toBe(exported);
  await app.screenshot(testInfo, 'settings-workspace');
});

test('shows the data folder and, in a browser, a note instead of desktop-only switches', async ({
  app,
  server,
}, testInfo) => {
  await app.open();
  await openSettings(app);
  const data = app.page.getByRole('region', { name: 'Data' });
  await expect(data).toContainText(server.dataDir);
  await expect(data).toContainText('LANYARD_DATA_DIR');
  const desktop = app.page.getByRole('region', { name: 'Desktop app' });
  await expect(desktop).toContainText('You are using Lanyard in a browser');
  await expect(desktop.getByRole('checkbox')).toHaveCount(0);
  await data.scrollIntoViewIfNeeded();
  await app.screenshot(testInfo, 'settings-more');
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot(testInfo, 'settings-more-dark');
});
