// Settings promises: secrets are write-only ("set / not set", never the value) and survive a reload; guardrails
// persist; the server's validation error is shown next to the field it is about.
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures/test';
import { LanyardApp } from './pages/lanyard-app';

test('stores a secret in the keychain without the value ever reaching the page', async ({
  app,
}, testInfo) => {
  const name = 'slack-scim';
  const value = `xoxp-e2e-${randomUUID()}`;
  const apiBodies: Promise<string>[] = [];
  app.page.on('response', (response) => {
    // Only RPC answers: the event stream never ends, so its body would never resolve.
    if (new URL(response.url()).pathname.startsWith('/api/rpc/'))
      apiBodies.push(response.text().catch(() => ''));
  });

  await app.open();
  await app.navigate('Settings');
  await app.waitSettingsLoaded();
  await expect(app.secretRow(name)).toHaveCount(0);

  const valueInput = app.page
    .getByRole('form', { name: 'Set a secret' })
    .getByLabel('Value', { exact: true });
  await expect(valueInput).toHaveAttribute('type', 'password');
  await app.page.getByRole('form', { name: 'Set a secret' }).getByLabel('Name', { exact: true }).fill(name);
  await valueInput.fill(value);
  // Typed but not saved: the value lives only in the input, never in the markup.
  expect(await app.page.content()).not.toContain(value);

  await app.setSecret(name, value);
  await expect(valueInput).toHaveValue('');
  await expect(app.secretRow(name)).toContainText('Set');
  await expect(app.secretRow(name)).not.toContainText('Not set');
  await expect(app.secretRow(name)).toContainText('OS keychain');
  await app.screenshot(testInfo, 'settings-secret-set');
  expect(await app.page.content()).not.toContain(value);

  await app.reload();
  await app.waitSettingsLoaded();
  await expect(app.secretRow(name)).toContainText('Set');
  await expect(app.secretRow(name)).not.toContainText('Not set');
  expect(await app.page.content()).not.toContain(value);
  for (const body of await Promise.all(apiBodies)) expect(body).not.toContain(value);

  // Deleting asks first; cancelling keeps it, confirming removes it.
  await app
    .secretRow(name)
    .getByRole('button', { name: `Delete secret ${name}` })
    .click();
  const dialog = app.page.getByRole('dialog', { name: `Delete secret ${name}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await app.screenshot(testInfo, 'settings-delete-dialog', { fullPage: false });
  await app.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(app.secretRow(name)).toHaveCount(1);

  await app
    .secretRow(name)
    .getByRole('button', { name: `Delete secret ${name}` })
    .click();
  await dialog.getByRole('button', { name: 'Delete secret' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.secretRow(name)).toHaveCount(0);
  await app.reload();
  await app.waitSettingsLoaded();
  await expect(app.secretRow(name)).toHaveCount(0);
});

test('keeps a changed guardrail after a reload', async ({ app }) => {
  await app.open();
  await app.navigate('Settings');
  await app.waitSettingsLoaded();

  await app.field('Max deprovisions per run').fill('7');
  await expect(await app.saveGuardrails()).toHaveText('Guardrails saved.');

  await app.reload();
  await app.waitSettingsLoaded();
  await expect(app.field('Max deprovisions per run')).toHaveValue('7');
});

test("shows the server's validation error next to the field and saves once it is fixed", async ({
  app,
}, testInfo) => {
  await app.open();
  await app.navigate('Settings');
  await app.waitSettingsLoaded();

  const percent = app.field('Max deprovision %');
  await percent.fill('150');
  await expect(await app.saveGuardrails()).toHaveText('Guardrails not saved: fix the highlighted field.');
  await expect(percent).toHaveAttribute('aria-invalid', 'true');
  await expect(percent).toHaveAccessibleDescription(/100/);
  await app.screenshot(testInfo, 'settings-validation-error');

  await percent.fill('15');
  await expect(await app.saveGuardrails()).toHaveText('Guardrails saved.');
  await expect(percent).not.toHaveAttribute('aria-invalid', 'true');

  await app.reload();
  await app.waitSettingsLoaded();
  await expect(app.field('Max deprovision %')).toHaveValue('15');
});

test('shows a change made in another window without a reload', async ({ app }) => {
  await app.open();
  await app.navigate('Settings');
  await app.waitSettingsLoaded();

  // A second window on the same session, e.g. the admin's other tab.
  const other = new LanyardApp(await app.page.context().newPage(), app.page.url());
  await other.open();
  await other.waitSettingsLoaded();
  await other.field('Max deprovisions per run').fill('3');
  await expect(await other.saveGuardrails()).toHaveText('Guardrails saved.');

  // The core's settings.changed event refreshes the first window (checked while the other is still in front).
  await expect(app.field('Max deprovisions per run')).toHaveValue('3');
  await other.page.close();
});
