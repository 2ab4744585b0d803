// The setup wizard protects the workspace (issue #16 item 9), in Chromium against the Okta and SCIM fakes: a failed
// directory test blocks Continue (saying why) and "Skip for now" moves on with applying still paused; "Test & save"
// never replaces a working token with a bogus one; coming back shows the saved connection (its base URL was blank);
// the dry run waits for an app and a rule and says why; the Okta grants are spelled out; and the wizard and the
// Apps page tell the admin to run no CLI command — the probe is a button.
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import type { SchedulerStatus } from '../../shared/api/methods-sync';
import type { SetupStatus } from '../../shared/api/methods-setup';
import { startOktaFake, type OktaFake } from '../fakes/okta/server';
import { startScimFake, type ScimFake } from '../fakes/scim/server';
import { expectAxeClean } from './axe-check';
import { expect, test as base } from './fixtures/test';

const GOOD = `ssws-wizard-${randomUUID()}`;
const BOGUS = `ssws-bogus-${randomUUID()}`;
/** A sentence that sends the admin to the command line ("run `lanyard apps probe`", "lanyard config apply …"). */
const CLI_TEXT = /\blanyard (apps|sync|config|directory|secrets|review|offboard|offboarding|audit|runs)\b/i;

const test = base.extend<{ okta: OktaFake; scim: ScimFake }>({
  okta: async ({}, use) => {
    const fake = await startOktaFake({ apiTokens: [GOOD] });
    try {
      const everyone = fake.state.addGroup('Everyone', null).id;
      for (let i = 0; i < 6; i++) {
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
  scim: async ({}, use) => {
    const fake = await startScimFake({ token: `scim-wizard-${randomUUID()}` });
    try {
      await use(fake);
    } finally {
      await fake.close();
    }
  },
});

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

const openSetup = async (page: Page): Promise<void> => {
  await page.goto(`${new URL(page.url()).origin}/#/setup`);
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('Set up Lanyard');
};
const stepHeading = (page: Page): Locator => page.locator('#setup-step-title');
const continueButton = (page: Page): Locator => page.getByRole('button', { name: 'Continue', exact: true });
const dirForm = (page: Page): Locator => page.getByRole('form', { name: 'Directory connection' });
const dirResult = (page: Page): Locator => page.getByRole('region', { name: 'Directory test' });

const fillOkta = async (page: Page, okta: OktaFake, token: string, label = 'API token') => {
  await dirForm(page).getByLabel('Name', { exact: true }).fill('Acme Okta');
  await dirForm(page).getByLabel('Base URL', { exact: true }).fill(okta.url);
  await dirForm(page).getByLabel(label, { exact: true }).fill(token);
};

/** No sentence on screen sends the admin to the command line. */
const expectNoCliText = async (page: Page, where: string): Promise<void> => {
  const text = await page.getByRole('main').innerText();
  expect(CLI_TEXT.exec(text)?.[0] ?? null, `CLI command shown on ${where}`).toBeNull();
};

test('a failed directory test blocks Continue; Skip for now moves on and keeps applying paused', async ({
  app,
  okta,
}, testInfo) => {
  const page = app.page;
  await app.open();
  await openSetup(page);

  // What Okta must grant is spelled out, for a token and for a service app.
  const needs = page.getByRole('region', { name: 'What Okta must grant Lanyard' });
  await expect(needs).toContainText('Read-only Administrator role');
  await dirForm(page).getByLabel('Sign-in').selectOption('oauth');
  for (const scope of ['okta.users.read', 'okta.groups.read', 'okta.logs.read', 'okta.users.manage'])
    await expect(needs).toContainText(scope);
  await expect(needs).toContainText('every poll fails');
  await dirForm(page).getByLabel('Sign-in').selectOption('token');

  // A bogus token: explained once, in words, and not saved.
  await fillOkta(page, okta, BOGUS);
  await dirForm(page).getByRole('button', { name: 'Test & save' }).click();
  await expect(dirResult(page).getByRole('alert')).toHaveText(
    'Not saved: the connection test failed. Nothing was stored.',
  );
  const failures = dirResult(page).getByRole('listitem').filter({ hasText: 'E0000011' });
  await expect(failures).toHaveCount(1);
  await expect(failures).toContainText('Okta rejected the credentials');

  // Continue is unavailable and says why; pressing it stays on the step.
  await expect(continueButton(page)).toHaveAttribute('aria-disabled', 'true');
  await expect(continueButton(page)).toHaveAccessibleDescription(/The connection test failed/);
  // Playwright will not click a button marked unavailable: press it the keyboard way, as an admin could.
  await continueButton(page).focus();
  await page.keyboard.press('Enter');
  await expect(stepHeading(page)).toHaveText('Connect your directory');
  await app.screenshot(testInfo, 'setup-continue-blocked');
  await expectAxeClean(page, 'Setup, a failed directory test');

  // Skip for now: on to the app, told that applying stays paused — and it does.
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await expect(stepHeading(page)).toHaveText('Add a first app');
  await expect(page.getByRole('status').filter({ hasText: 'Skipped' })).toContainText(
    'Skipped “Connect your directory” for now. Applying stays paused',
  );
  await expect(
    page
      .getByRole('navigation', { name: 'Setup steps' })
      .getByRole('button', { name: /Connect your directory/ }),
  ).toHaveAccessibleName('Connect your directory (skipped)');
  expect((await rpc<SchedulerStatus>(page, 'sync.status')).applying).toBe('awaiting-first-review');
  expect((await rpc<SetupStatus>(page, 'setup.status')).directory.configured).toBe(false);

  // The dry run waits for a directory, an app and a rule, and says why.
  await page
    .getByRole('navigation', { name: 'Setup steps' })
    .getByRole('button', { name: /Dry run/ })
    .click();
  const run = page.getByRole('button', { name: 'Run the dry run' });
  await expect(run).toHaveAttribute('aria-disabled', 'true');
  await expect(run).toHaveAccessibleDescription(
    /needs a connected directory and at least one app and at least one access rule/,
  );
  await run.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('This was a dry run')).toHaveCount(0);
  await expect(page.getByRole('note')).toContainText('You skipped: Connect your directory');
  await expect(page.getByRole('note')).toContainText('Applying stays paused');
  await app.screenshot(testInfo, 'setup-dry-run-waits');
  await expectAxeClean(page, 'Setup, dry run waiting');
});

test('Test & save never replaces a working token, and coming back shows the saved connection', async ({
  app,
  okta,
}) => {
  const page = app.page;
  await app.open();
  await openSetup(page);
  await fillOkta(page, okta, GOOD);
  await dirForm(page).getByRole('button', { name: 'Test & save' }).click();
  await expect(dirResult(page).getByText('Passed')).toBeVisible();
  await expect(continueButton(page)).toHaveAttribute('aria-disabled', 'true');
  await expect(continueButton(page)).toHaveAccessibleDescription(/now Pull the directory/);
  await dirResult(page).getByRole('button', { name: 'Pull the directory' }).click();
  await expect(page.getByRole('region', { name: 'Directory read' })).toContainText('People');
  await expect(continueButton(page)).not.toHaveAttribute('aria-disabled', 'true');

  // Back in the wizard later: the saved connection, base URL included, and the stored token's status.
  await app.reload();
  await openSetup(page);
  await expect(dirForm(page).getByLabel('Base URL', { exact: true })).toHaveValue(okta.url);
  await expect(dirForm(page).getByLabel('Name', { exact: true })).toHaveValue('Acme Okta');
  await expect(dirForm(page).getByLabel('Keychain entry', { exact: true })).toHaveValue('okta-token');
  await expect(dirForm(page)).toContainText('In use: keychain:okta-token (OS keychain) Set');
  await expect(continueButton(page)).not.toHaveAttribute('aria-disabled', 'true');

  // A bogus replacement is tested first and refused: the good token stays, the next read works.
  await dirForm(page).getByLabel('New API token', { exact: true }).fill(BOGUS);
  await dirForm(page).getByRole('button', { name: 'Test & save' }).click();
  await expect(dirResult(page).getByRole('alert')).toContainText(
    'The saved connection and the keychain keep what they had',
  );
  await expect(continueButton(page)).toHaveAttribute('aria-disabled', 'true');
  expect(await rpc(page, 'directory.pull', { full: true })).toMatchObject({ stored: true, people: 6 });
});

test('the wizard and the Apps page send nobody to the command line: the probe is a button', async ({
  app,
  okta,
  scim,
}) => {
  const page = app.page;
  await app.open();
  await openSetup(page);
  await fillOkta(page, okta, GOOD);
  await dirForm(page).getByRole('button', { name: 'Test & save' }).click();
  await dirResult(page).getByRole('button', { name: 'Pull the directory' }).click();
  await expect(page.getByRole('region', { name: 'Directory read' })).toBeVisible();
  await expectNoCliText(page, 'the directory step');
  await continueButton(page).click();

  // The generic SCIM preset's notes used to say "run `lanyard apps probe APP`".
  const appForm = page.getByRole('form', { name: 'Add an app' });
  await appForm.getByLabel('Preset', { exact: true }).selectOption('generic');
  await expect(page.getByRole('complementary', { name: /What to know about/ })).toContainText(
    'probe the app',
  );
  await expectNoCliText(page, 'the app step (preset notes)');
  await appForm.getByLabel('Name', { exact: true }).fill('Acme HR');
  await appForm.getByLabel('Base URL', { exact: true }).fill(scim.url);
  await appForm.locator('input[name="credential"]').fill(scim.options.token);
  await appForm.getByRole('button', { name: 'Save app' }).click();

  // A failed app test blocks Continue too; once it passes, the probe is a button in the step.
  const appTest = page.getByRole('region', { name: 'App test' });
  await expect(continueButton(page)).toHaveAccessibleDescription(/Test the app before you continue/);
  await appTest.getByRole('button', { name: 'Test the app' }).click();
  await expect(appTest.getByText('Test passed')).toBeVisible();
  await appTest.getByRole('button', { name: 'Probe (read-only)' }).click();
  await expect(appTest.getByRole('group', { name: 'Probe result' })).toContainText('What Acme HR supports');
  await expectNoCliText(page, 'the app step (tested and probed)');
  await continueButton(page).click();
  await expectNoCliText(page, 'the rule step');
  await page.getByRole('form', { name: 'First rule' }).getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByText('Rule saved.')).toBeVisible();
  await continueButton(page).click();
  await page.getByRole('button', { name: 'Run the dry run' }).click();
  await expect(page.getByRole('region', { name: 'Dry run' }).getByRole('note')).toHaveText(
    /nothing was applied/,
  );
  await expectNoCliText(page, 'the dry run');
  expect(scim.store.users.size).toBe(0);

  // The Apps page: the app's detail offers Test and Probe as buttons, and no command line.
  await app.navigate('Apps');
  await expectNoCliText(page, 'the Apps list');
  await page.getByRole('rowheader').getByRole('button', { name: 'Acme HR', exact: true }).click();
  const detail = page.getByRole('region', { name: 'Acme HR' });
  await expect(detail.getByRole('button', { name: 'Probe (read-only)' })).toBeVisible();
  await expectNoCliText(page, 'the app’s page');
});
