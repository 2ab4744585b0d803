// Protected accounts in the Apps form: an admin lists the accounts Lanyard must never change and this app's
// removal limits, a duplicate is refused next to the field naming the entry, and what is saved is exactly what
// `config export` shows and the form shows again. Runs against a real `lanyard serve`.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';

/** A contract call with the page's session cookie, as a script would make it. */
const rpc = async <T>(page: Page, method: string, input: unknown = {}): Promise<T> => {
  const response = await page.request.post(new URL(`/api/rpc/${method}`, page.url()).href, { data: input });
  const body = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.value;
};

const WORKSPACE = `
apps:
  - id: github
    name: GitHub
    kind: github
    org: acme
    auth: { type: bearer, token: env:LANYARD_E2E_UNSET_GITHUB_TOKEN }
`;

test('lists protected accounts and removal limits on an app, round-tripping through the workspace file', async ({
  app,
}) => {
  const page = app.page;
  await app.open();
  await rpc(page, 'config.apply', { yaml: WORKSPACE });
  await app.navigate('Apps');

  const row = page.locator('tr', {
    has: page.getByRole('rowheader').getByRole('button', { name: 'GitHub', exact: true }),
  });
  await row.getByRole('button', { name: 'Edit GitHub' }).click();
  const form = page.getByRole('form', { name: 'Edit GitHub' });
  const list = form.getByLabel('Protected accounts', { exact: true });
  await expect(list).toHaveAccessibleDescription(/never changes these accounts: break-glass admins/);

  // A duplicate (case does not matter) is refused under the field, naming the entry; nothing is stored.
  await list.fill('octo-admin\ndeploy-bot\nOcto-Admin');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(list).toHaveAttribute('aria-invalid', 'true');
  await expect(list).toHaveAccessibleDescription(
    /“Octo-Admin”: listed twice: the same account as “octo-admin”/,
  );
  expect((await rpc<{ yaml: string }>(page, 'config.export')).yaml).not.toContain('protected');

  await list.fill('octo-admin\n\n  deploy-bot  \n');
  await expect(list).not.toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Most removals per run', { exact: true }).fill('2');
  await form.getByRole('button', { name: 'Save changes' }).click();

  const detail = page.getByRole('region', { name: 'GitHub' });
  await expect(detail.getByRole('definition').filter({ hasText: 'octo-admin, deploy-bot' })).toBeVisible();
  await expect(detail.getByRole('definition').filter({ hasText: 'at most 2 per run' })).toBeVisible();
  const exported = (await rpc<{ yaml: string }>(page, 'config.export')).yaml;
  expect(exported).toContain(
    '    limits: {maxDeprovisionsPerRun: 2}\n    protected:\n      - octo-admin\n      - deploy-bot\n',
  );

  // The exported file applies back unchanged, and the form shows the list again, one per line.
  await rpc(page, 'config.apply', { yaml: exported });
  expect((await rpc<{ yaml: string }>(page, 'config.export')).yaml).toBe(exported);
  await app.reload();
  await app.navigate('Apps');
  await row.getByRole('button', { name: 'Edit GitHub' }).click();
  await expect(form.getByLabel('Protected accounts', { exact: true })).toHaveValue('octo-admin\ndeploy-bot');
  await expect(form.getByLabel('Most removals per run', { exact: true })).toHaveValue('2');
  await expect(form.getByLabel('Most removals per window', { exact: true })).toHaveValue('');
});
