// Settings → Directory (issue #16 item 1), in Chromium against the Okta fake: the directory can be changed after
// setup. The section shows the connection in use (IdP, name, base URL, which keychain entry holds the token and
// that it is set — never the value); a bogus token is tested without being saved and explained in one sentence;
// "Test & save" refuses it, so the good token stays and the next read still works; "Save anyway…" says what would
// follow first; rotating the token replaces the stored one once its test passes. Axe-clean in light and dark.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startOktaFake, type OktaFake } from '../fakes/okta/server';
import { expectAxeClean } from './axe-check';
import { expect, test as base } from './fixtures/test';

const GOOD = `ssws-good-${randomUUID()}`;
const ROTATED = `ssws-rotated-${randomUUID()}`;
const BOGUS = `ssws-bogus-${randomUUID()}`;

const test = base.extend<{ okta: OktaFake }>({
  okta: async ({}, use) => {
    const fake = await startOktaFake({ apiTokens: [GOOD, ROTATED] });
    try {
      const everyone = fake.state.addGroup('Everyone', null).id;
      for (let i = 0; i < 5; i++) {
        const login = `person${i}@acme.test`;
        const u = fake.state.addUser({ firstName: 'Person', lastName: `${i}`, login, email: login });
        fake.state.addMember(everyone, u.id, true);
      }
      fake.state.logs.length = 0;
      await use(fake);
    } finally {
      await fake.close();
    }
  },
});

/** A core method called with the page's own session (the same front door the UI uses). */
const rpc = <T>(page: Page, method: string, input: unknown = {}): Promise<T> =>
  page.evaluate(
    async ([m, i]) => {
      const r = await fetch(`/api/rpc/${m}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(i),
      });
      const body = (await r.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(`${m} failed: ${body.error?.message ?? r.status}`);
      return body.value as T;
    },
    [method, input] as const,
  ) as Promise<T>;

const section = (page: Page): Locator => page.getByRole('region', { name: 'Directory', exact: true });

test('changes the directory after setup: a bogus token is explained and refused, the good one keeps working', async ({
  app,
  okta,
}, testInfo) => {
  const page = app.page;
  const apiBodies: Promise<string>[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/rpc/')) apiBodies.push(r.text().catch(() => ''));
  });
  await app.open();
  await app.navigate('Settings');
  const dir = section(page);
  await expect(dir).toContainText('No directory is connected yet');

  // Connect Okta from Settings: tested, then saved; the token goes to the keychain and is never shown again.
  const form = dir.getByRole('form', { name: 'Directory connection' });
  await form.getByLabel('Name', { exact: true }).fill('Acme Okta');
  await form.getByLabel('Base URL', { exact: true }).fill(okta.url);
  await form.getByLabel('API token', { exact: true }).fill(GOOD);
  await form.getByRole('button', { name: 'Test & save' }).click();
  const result = dir.getByRole('region', { name: 'Directory test' });
  await expect(result.getByText('Passed')).toBeVisible();
  await expect(result).toContainText('Saved. The new credential is in the keychain entry okta-token.');

  // The connection in use: IdP, name, base URL, the keychain entry and that it is set.
  const current = dir.getByRole('definition');
  const now = dir.getByLabel('Current connection');
  await expect(now).toContainText('Okta');
  await expect(now).toContainText('Acme Okta');
  await expect(now).toContainText(okta.url);
  await expect(now).toContainText('keychain:okta-token');
  await expect(current.filter({ hasText: 'keychain:okta-token' })).toContainText('Set');
  await expect(form.getByLabel('New API token', { exact: true })).toHaveValue('');
  // The form comes back filled from the saved connection after a reload.
  await app.reload();
  await expect(section(page).getByRole('form').getByLabel('Base URL', { exact: true })).toHaveValue(okta.url);

  // A bogus token, tested: one sentence saying what is wrong and where to fix it; nothing saved.
  const newToken = form.getByLabel('New API token', { exact: true });
  await newToken.fill(BOGUS);
  await form.getByRole('button', { name: 'Test', exact: true }).click();
  await expect(result.getByText('Failed')).toBeVisible();
  await expect(result).toContainText('Tested only: nothing was saved.');
  await expect(result.getByRole('listitem').filter({ hasText: 'E0000011' })).toHaveCount(1);
  await expect(result.getByRole('listitem').filter({ hasText: 'E0000011' })).toContainText(
    'Okta rejected the credentials (E0000011)',
  );

  // Saving it is refused without an explicit "save anyway": the good token stays in the keychain.
  await form.getByRole('button', { name: 'Test & save' }).click();
  await expect(result.getByRole('alert')).toHaveText(
    'Not saved: the connection test failed. The saved connection and the keychain keep what they had, and the scheduler keeps using them.',
  );
  await app.screenshot(testInfo, 'settings-directory-refused');
  await dir.scrollIntoViewIfNeeded();
  await dir.screenshot({ path: path.join(testInfo.project.outputDir, 'pages', 'settings-directory.png') });

  // "Save anyway…" says first what would follow, and can be cancelled.
  await result.getByRole('button', { name: 'Save anyway…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save a connection that fails its test?' });
  await expect(dialog).toContainText(
    'The scheduler keeps polling the directory every 60 seconds and every poll fails',
  );
  await expect(dialog).toContainText('Applying stays paused');
  await expectAxeClean(page, 'Settings → Directory, save-anyway dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // The next read uses the good token, as the scheduler's next poll would.
  expect(await rpc(page, 'directory.pull', {})).toMatchObject({ stored: true, people: 5 });
  await dir.getByRole('button', { name: 'Test the saved connection' }).click();
  await expect(dir.getByRole('region', { name: 'Saved connection test' })).toContainText('Works');
  await expectAxeClean(page, 'Settings → Directory, after a refused save');

  // Rotation: the new token is tested, then replaces the stored one; the old one can then be revoked in Okta.
  await newToken.fill(ROTATED);
  await form.getByRole('button', { name: 'Test & save' }).click();
  await expect(result).toContainText('Saved. The new credential is in the keychain entry okta-token.');
  await expect(newToken).toHaveValue('');
  okta.revokeApiToken(GOOD);
  expect(await rpc(page, 'directory.pull', { full: true })).toMatchObject({ stored: true });

  // The ledger says the secret changed, by name; no value reached the page or any answer.
  const audit = await rpc<{ events: { action: string; after: unknown }[] }>(page, 'audit.list', {});
  expect(audit.events.filter((e) => e.action === 'secret.set').map((e) => e.after)).toEqual([
    { name: 'okta-token' },
    { name: 'okta-token' },
  ]);
  const content = await page.content();
  for (const secret of [GOOD, ROTATED, BOGUS]) {
    expect(content).not.toContain(secret);
    for (const body of await Promise.all(apiBodies)) expect(body).not.toContain(secret);
  }
});

test('the sync error for a revoked token points at Settings → Directory, which is there', async ({
  app,
  okta,
}) => {
  const page = app.page;
  await app.open();
  await app.navigate('Settings');
  const form = section(page).getByRole('form', { name: 'Directory connection' });
  await form.getByLabel('Base URL', { exact: true }).fill(okta.url);
  await form.getByLabel('API token', { exact: true }).fill(GOOD);
  await form.getByRole('button', { name: 'Test & save' }).click();
  await expect(section(page).getByRole('region', { name: 'Directory test' })).toContainText('Saved.');

  okta.revokeApiToken(GOOD);
  const test = await rpc<{ ok: boolean; details: string[] }>(page, 'directory.test', {});
  expect(test.ok).toBe(false);
  expect(test.details.join(' ')).toContain('in Settings → Directory');
  await expect(page.getByRole('heading', { name: 'Directory', level: 2 })).toBeVisible();
});
