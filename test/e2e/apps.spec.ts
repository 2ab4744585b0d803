// Apps promises (issue #7 point 3): an admin connects a SCIM app with a preset and a write-only token, tests it,
// probes it and sees its accounts (the orphan report); edits and removals are confirmed and show up in the
// workspace file (config export). Runs against a real SCIM fake on 127.0.0.1 and a real `lanyard serve`.
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { startScimFake, type ScimFake } from '../fakes/scim/server';
import { URN } from '../fakes/scim/store';
import { expect, test as base } from './fixtures/test';

const test = base.extend<{ scim: ScimFake }>({
  scim: async ({}, use) => {
    const fake = await startScimFake({ token: `scim-e2e-${randomUUID()}` });
    try {
      await use(fake);
    } finally {
      await fake.close();
    }
  },
});

const seed = (fake: ScimFake, n: number): void => {
  for (let i = 0; i < n; i++) {
    fake.store.createUser({
      schemas: [URN.user],
      userName: `seed${i}@example.com`,
      emails: [{ value: `seed${i}@example.com`, primary: true }],
      active: true,
    });
  }
};

/** A contract call with the page's session cookie, as a script or another window would make it. */
const rpc = async <T>(page: Page, method: string, input: unknown = {}): Promise<T> => {
  const response = await page.request.post(new URL(`/api/rpc/${method}`, page.url()).href, { data: input });
  const body = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.value;
};

const appRow = (page: Page, name: string) =>
  page.locator('tr', { has: page.getByRole('rowheader').getByRole('button', { name, exact: true }) });

test('connects a SCIM app with a preset and a write-only token, tests, probes and lists its accounts', async ({
  app,
  scim,
}, testInfo) => {
  seed(scim, 3);
  const token = scim.options.token;
  const page = app.page;
  const apiBodies: Promise<string>[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/rpc/')) apiBodies.push(r.text().catch(() => ''));
  });

  await app.open();
  await app.navigate('Apps');
  await expect(page.getByRole('heading', { name: 'Connect your first app' })).toBeVisible();
  await app.screenshot(testInfo, 'apps-empty');

  await page.getByRole('button', { name: 'Add app', exact: true }).click();
  const form = page.getByRole('form', { name: 'Add an app' });
  await expect(page.getByRole('heading', { name: 'Add an app' })).toBeFocused();
  await expect(form.getByRole('radio', { name: /SCIM 2.0/ })).toBeChecked();

  // The preset fills the base URL template and shows what the vendor documents, with sources.
  const preset = form.getByLabel('Preset', { exact: true });
  const baseUrl = form.getByLabel('Base URL', { exact: true });
  await preset.selectOption('slack');
  await expect(baseUrl).toHaveValue('https://api.slack.com/scim/v2');
  await expect(form.getByRole('complementary', { name: 'What to know about Slack' })).toContainText(
    'deactivates',
  );
  await preset.selectOption('generic');
  await expect(baseUrl).toHaveValue('https://{host}/scim/v2');
  const notes = form.getByRole('complementary', { name: 'What to know about Generic SCIM 2.0' });
  await expect(notes.getByRole('link', { name: 'www.rfc-editor.org' }).first()).toBeVisible();

  await form.getByLabel('Name', { exact: true }).fill('Acme HR');
  await expect(form.getByLabel('App id', { exact: true })).toHaveValue('acme-hr');
  await expect(form.getByLabel('Keychain entry', { exact: true })).toHaveValue('acme-hr-scim');
  const tokenInput = form.getByLabel('Bearer token', { exact: true });
  await expect(tokenInput).toHaveAttribute('type', 'password');
  await tokenInput.fill(token);

  // Saved with the template left in: the server's error sits under the field, and nothing is stored.
  await form.getByRole('button', { name: 'Save app' }).click();
  await expect(form.getByRole('status')).toHaveText('App not saved: fix the highlighted fields.');
  await expect(baseUrl).toHaveAttribute('aria-invalid', 'true');
  await expect(baseUrl).toHaveAccessibleDescription(/replace \{host\}/);
  expect((await rpc<{ apps: unknown[] }>(page, 'workspace.get')).apps).toEqual([]);

  await baseUrl.fill(scim.url);
  await expect(baseUrl).not.toHaveAttribute('aria-invalid', 'true');
  await app.screenshot(testInfo, 'apps-add-form');
  expect(await page.content()).not.toContain(token);
  await form.getByRole('button', { name: 'Save app' }).click();

  // Saved: the detail opens, and the list says the credential is set (never what it is).
  const detail = page.getByRole('region', { name: 'Acme HR' });
  await expect(page.getByRole('heading', { name: 'Acme HR', level: 2 })).toBeFocused();
  const row = appRow(page, 'Acme HR');
  await expect(row).toContainText('Set');
  await expect(row).not.toContainText('Not set');
  await expect(row).toContainText('Generic SCIM 2.0');
  await expect(row).toContainText('Deactivate');
  await expect(row).toContainText('Automatic, no review');
  await expect(row).toContainText('Not read yet');

  await detail.getByRole('button', { name: 'Test connection' }).click();
  const lines = detail.getByRole('list', { name: 'Test results' });
  await expect(detail.getByText('Connection works')).toBeVisible();
  await expect(lines).toContainText('Authenticated; 3 account(s) readable.');

  await detail.getByRole('button', { name: 'Probe (read-only)' }).click();
  await expect(detail.getByText('Probe finished')).toBeVisible();
  await expect(detail.getByRole('list', { name: 'Probe steps' })).toContainText('auth');
  const caps = detail.getByRole('definition').filter({ hasText: 'PATCH' });
  await expect(caps).toBeVisible();

  await detail.getByRole('button', { name: 'Read accounts now' }).click();
  await expect(detail.getByText(/3 accounts/)).toBeVisible();
  const orphans = detail.getByRole('table', { name: /Orphans/ });
  for (let i = 0; i < 3; i++) await expect(orphans).toContainText(`seed${i}@example.com`);
  await expect(row).toContainText('3 orphans');
  await app.screenshot(testInfo, 'apps-detail');
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot(testInfo, 'apps-detail-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The token went to the keychain: never in the page, never in an API answer, only its reference in the export.
  expect(await page.content()).not.toContain(token);
  for (const body of await Promise.all(apiBodies)) expect(body).not.toContain(token);
  const exported = await rpc<{ yaml: string }>(page, 'config.export');
  expect(exported.yaml).toContain('token: keychain:acme-hr-scim');
  expect(exported.yaml).not.toContain(token);

  // Removing asks first (Escape cancels), then removes.
  await row.getByRole('button', { name: 'Remove Acme HR' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove Acme HR?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('No access rules grant it.');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await app.screenshot(testInfo, 'apps-remove-dialog', { fullPage: false });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(1);

  await row.getByRole('button', { name: 'Remove Acme HR' }).click();
  await dialog.getByRole('button', { name: 'Remove app' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Connect your first app' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add app', exact: true })).toBeFocused();
});

const WORKSPACE = `
apps:
  - id: github
    name: GitHub
    kind: github
    org: acme
    auth: { type: bearer, token: env:LANYARD_E2E_UNSET_GITHUB_TOKEN }
  - id: badge
    name: Office badge
    kind: manual
    assignee: Facilities
rules:
  - app: github
    groups: [Engineering]
  - app: github
    groups: [Platform Leads]
    role: admin
  - app: badge
    groups: [Everyone]
`;

test('edits an app in place and removes it with the rules that grant it, as the workspace file shows', async ({
  app,
}, testInfo) => {
  const page = app.page;
  await app.open();
  await rpc(page, 'config.apply', { yaml: WORKSPACE });
  await app.navigate('Apps');

  const github = appRow(page, 'GitHub');
  await expect(github).toContainText('org acme');
  await expect(github).toContainText('Not set');
  await expect(appRow(page, 'Office badge')).toContainText('None needed');
  await app.screenshot(testInfo, 'apps-list');

  // Edit: the kind and id are fixed, the credential shows where it is read from, and the change is stored in place.
  await github.getByRole('button', { name: 'Edit GitHub' }).click();
  const form = page.getByRole('form', { name: 'Edit GitHub' });
  await expect(form.getByLabel('App id', { exact: true })).toHaveAttribute('readonly', '');
  await expect(form.getByRole('radio', { name: /GitHub organization/ })).toBeDisabled();
  await expect(form).toContainText('environment variable LANYARD_E2E_UNSET_GITHUB_TOKEN');
  await form.getByLabel('Review', { exact: true }).selectOption('required');
  await form.getByLabel('When someone leaves', { exact: true }).selectOption('later');
  await form.getByLabel('Delete after', { exact: true }).fill('0');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByLabel('Delete after', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await app.screenshot(testInfo, 'apps-edit-error');
  await form.getByLabel('Delete after', { exact: true }).fill('14');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toBeHidden();
  await expect(github).toContainText('Held for admin review');
  await expect(github).toContainText('Deactivate, delete after 14 d');

  const yaml = (await rpc<{ yaml: string }>(page, 'config.export')).yaml;
  expect(yaml).toMatch(
    /id: github[\s\S]*deprovision: \{ ?deactivateThenDeleteAfterDays: 14 ?\}\s+review: required/,
  );
  expect(yaml).toContain('token: env:LANYARD_E2E_UNSET_GITHUB_TOKEN');

  await github.getByRole('button', { name: 'Remove GitHub' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove GitHub?' });
  await expect(dialog).toContainText('2 access rules that grant it will be removed too.');
  await dialog.getByRole('button', { name: 'Remove app' }).click();
  await expect(dialog).toBeHidden();
  await expect(github).toHaveCount(0);
  await expect(appRow(page, 'Office badge')).toHaveCount(1);

  const after = await rpc<{ apps: { id: string }[]; rules: { app: string }[] }>(page, 'workspace.get');
  expect(after.apps.map((a) => a.id)).toEqual(['badge']);
  expect(after.rules.map((r) => r.app)).toEqual(['badge']);
});
