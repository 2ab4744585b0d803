// The first-run flow (issue #8 point 2): from an EMPTY data folder to a successful dry run, in Chromium, the way a
// new admin would do it: the Overview offers setup; the wizard connects Okta (the token typed into a write-only
// field), tests and pulls it, adds a SCIM app from the generic preset and tests it, saves the suggested rule
// (the largest group → the app) and runs a dry run that says nothing was applied — and the SCIM app is untouched.
import { randomUUID } from 'node:crypto';
import { startOktaFake, type OktaFake } from '../fakes/okta/server';
import { startScimFake, type ScimFake } from '../fakes/scim/server';
import { expect, test as base } from './fixtures/test';

const PEOPLE = 240;
const OKTA_TOKEN = `ssws-first-run-${randomUUID()}`;

const test = base.extend<{ okta: OktaFake; scim: ScimFake }>({
  okta: async ({}, use) => {
    const fake = await startOktaFake({ apiTokens: [OKTA_TOKEN] });
    try {
      const everyone = fake.state.addGroup('Everyone', null).id;
      const engineering = fake.state.addGroup('Engineering', null).id;
      for (let i = 0; i < PEOPLE; i++) {
        const login = `person${i}@acme.test`;
        const u = fake.state.addUser(
          { firstName: `Person`, lastName: `${i}`, displayName: `Person ${i}`, login, email: login },
          i % 40 === 7 ? 'SUSPENDED' : 'ACTIVE',
        );
        fake.state.addMember(everyone, u.id, true);
        if (i % 3 === 0) fake.state.addMember(engineering, u.id, true);
      }
      fake.state.logs.length = 0;
      await use(fake);
    } finally {
      await fake.close();
    }
  },
  scim: async ({}, use) => {
    const fake = await startScimFake({ token: `scim-first-run-${randomUUID()}` });
    try {
      await use(fake);
    } finally {
      await fake.close();
    }
  },
});

test('walks a new admin from an empty data folder to a dry run that applies nothing', async ({
  app,
  okta,
  scim,
}, testInfo) => {
  const page = app.page;
  const screenshot = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await app.screenshot(testInfo, `setup-${name}`);
  };
  const apiBodies: Promise<string>[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/rpc/')) apiBodies.push(r.text().catch(() => ''));
  });

  await app.open();
  const banner = page.getByRole('complementary', { name: 'Setup' });
  await expect(banner.getByRole('heading', { name: 'Finish setting up Lanyard' })).toBeVisible();
  await screenshot('overview-banner');
  await banner.getByRole('link', { name: 'Start setup' }).click();
  await expect(app.heading()).toHaveText('Set up Lanyard');

  // 1. The directory: Okta, the fake's URL, the token typed into the write-only field.
  const dirForm = page.getByRole('form', { name: 'Directory connection' });
  await expect(dirForm.getByRole('radio', { name: /Okta/ })).toBeChecked();
  await dirForm.getByLabel('Name', { exact: true }).fill('Acme Okta');
  await dirForm.getByRole('button', { name: 'Save & Test' }).click();
  const baseUrl = dirForm.getByLabel('Base URL', { exact: true });
  await expect(baseUrl).toHaveAttribute('aria-invalid', 'true');
  await expect(dirForm.getByRole('status')).toHaveText('Directory not saved: fix the highlighted fields.');
  await screenshot('directory-error');

  await baseUrl.fill(okta.url);
  const token = dirForm.getByLabel('API token', { exact: true });
  await token.fill(OKTA_TOKEN);
  await screenshot('directory-form');
  await dirForm.getByRole('button', { name: 'Save & Test' }).click();
  const testResult = page.getByRole('region', { name: 'Directory test' });
  await expect(testResult.getByText('Passed')).toBeVisible();
  await expect(token).toHaveValue('');
  await testResult.getByRole('button', { name: 'Pull the directory' }).click();
  const read = page.getByRole('region', { name: 'Directory read' });
  await expect(read.getByRole('definition').first()).toHaveText(String(PEOPLE));
  await expect(read).toContainText('Suspended');
  await screenshot('directory-pulled');

  // 2. A SCIM app from the generic preset, with the fake's URL and token; then its test.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Add a first app', level: 2 })).toBeVisible();
  // The Apps page's own form, reused: it takes focus once its presets are loaded.
  await expect(page.getByRole('heading', { name: 'Add an app' })).toBeFocused();
  const appForm = page.getByRole('form', { name: 'Add an app' });
  await appForm.getByLabel('Preset', { exact: true }).selectOption('generic');
  await appForm.getByLabel('Name', { exact: true }).fill('Acme HR');
  await appForm.getByLabel('Base URL', { exact: true }).fill(scim.url);
  await appForm.locator('input[name="credential"]').fill(scim.options.token);
  await screenshot('app-form');
  await appForm.getByRole('button', { name: 'Save app' }).click();
  const appTest = page.getByRole('region', { name: 'App test' });
  await appTest.getByRole('button', { name: 'Test the app' }).click();
  await expect(appTest.getByText('Test passed')).toBeVisible();
  await screenshot('app-tested');

  // 3. The suggested rule: the largest group (Everyone) → the app just added.
  await page.getByRole('button', { name: 'Continue' }).click();
  const ruleForm = page.getByRole('form', { name: 'First rule' });
  await expect(ruleForm.getByLabel('Group', { exact: true })).toHaveValue('Everyone');
  await expect(ruleForm.getByLabel('App', { exact: true })).toHaveValue('acme-hr');
  await expect(ruleForm).toContainText('Everyone in Everyone gets an account in Acme HR.');
  await ruleForm.getByRole('button', { name: 'Save rule' }).click();
  await expect(ruleForm.getByText('Rule saved.')).toBeVisible();
  await screenshot('rule');

  // 4. The dry run: creates for the active people, said plainly that nothing was applied.
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Run the dry run' }).click();
  const dryRun = page.getByRole('region', { name: 'Dry run' });
  await expect(dryRun.getByRole('note')).toHaveText(/nothing was applied/);
  const active = PEOPLE - Math.ceil((PEOPLE - 7) / 40);
  await expect(dryRun.getByRole('definition').first()).toHaveText(String(active));
  await expect(dryRun.getByRole('link', { name: 'Go to Sync to apply' })).toBeVisible();
  await screenshot('dry-run');

  expect(scim.store.users.size).toBe(0);
  for (const body of await Promise.all(apiBodies)) {
    expect(body).not.toContain(OKTA_TOKEN);
    expect(body).not.toContain(scim.options.token);
  }
});
