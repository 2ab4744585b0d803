// The first-run flow (issue #8 point 2): from an EMPTY data folder to a successful dry run, in Chromium, the way a
// new admin would do it: the Overview offers setup; the wizard connects Okta (the token typed into a write-only
// field), tests and pulls it, adds a SCIM app from the generic preset and tests it, saves the suggested rule
// (the largest group → the app) and runs a dry run that says nothing was applied — and the SCIM app is untouched.
// Safe start: the wizard ends with applying paused until the first plan is reviewed, the Overview says so, and only
// the admin applying that plan on the Sync page turns applying on.
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { SchedulerStatus } from '../../shared/api/methods-sync';
import { startOktaFake, type OktaFake } from '../fakes/okta/server';
import { startScimFake, type ScimFake } from '../fakes/scim/server';
import { expect, test as base } from './fixtures/test';

const OKTA_TOKEN = `ssws-first-run-${randomUUID()}`;
const AWAITING = 'Lanyard is reading and planning but changes nothing until you review the first plan';

/** Active people of `people` (every 40th, from the 8th, is suspended). */
const activeOf = (people: number) => people - Math.ceil((people - 7) / 40);

const test = base.extend<{ people: number; okta: OktaFake; scim: ScimFake }>({
  people: [240, { option: true }],
  okta: async ({ people }, use) => {
    const fake = await startOktaFake({ apiTokens: [OKTA_TOKEN] });
    try {
      const everyone = fake.state.addGroup('Everyone', null).id;
      const engineering = fake.state.addGroup('Engineering', null).id;
      for (let i = 0; i < people; i++) {
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

/** sync.status as the page's own session sees it (the same cookie, the same HTTP front door). */
const syncStatus = (page: Page): Promise<SchedulerStatus> =>
  page.evaluate(async () => {
    const r = await fetch('/api/rpc/sync.status', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    const body = (await r.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!body.ok) throw new Error(`sync.status failed: ${body.error?.message ?? r.status}`);
    return body.value as SchedulerStatus;
  });

/** Steps 1–3 of the wizard, from the Overview's setup banner: Okta, a SCIM app (tested), the suggested rule. */
const setUpDirectoryAppAndRule = async (
  page: Page,
  { okta, scim, people }: { okta: OktaFake; scim: ScimFake; people: number },
  screenshot: (name: string) => Promise<void> = async () => undefined,
) => {
  const banner = page.getByRole('complementary', { name: 'Setup' });
  await expect(banner.getByRole('heading', { name: 'Finish setting up Lanyard' })).toBeVisible();
  await screenshot('overview-banner');
  await banner.getByRole('link', { name: 'Start setup' }).click();
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('Set up Lanyard');

  // 1. The directory: Okta, the fake's URL, the token typed into the write-only field.
  const dirForm = page.getByRole('form', { name: 'Directory connection' });
  await expect(dirForm.getByRole('radio', { name: /Okta/ })).toBeChecked();
  await dirForm.getByLabel('Name', { exact: true }).fill('Acme Okta');
  await dirForm.getByRole('button', { name: 'Test & save' }).click();
  const baseUrl = dirForm.getByLabel('Base URL', { exact: true });
  await expect(baseUrl).toHaveAttribute('aria-invalid', 'true');
  await expect(dirForm.getByRole('status')).toHaveText('Directory not saved: fix the highlighted fields.');
  await screenshot('directory-error');

  await baseUrl.fill(okta.url);
  const token = dirForm.getByLabel('API token', { exact: true });
  await token.fill(OKTA_TOKEN);
  await screenshot('directory-form');
  await dirForm.getByRole('button', { name: 'Test & save' }).click();
  const testResult = page.getByRole('region', { name: 'Directory test' });
  await expect(testResult.getByText('Passed')).toBeVisible();
  // Saved: the write-only field is empty again, now offering to replace the stored token.
  await expect(dirForm.getByLabel('New API token', { exact: true })).toHaveValue('');
  await testResult.getByRole('button', { name: 'Pull the directory' }).click();
  const read = page.getByRole('region', { name: 'Directory read' });
  await expect(read.getByRole('definition').first()).toHaveText(String(people));
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
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Dry run', level: 2 })).toBeVisible();
};

/** The wizard's last words: applying waits for the first reviewed plan, and the way to it. */
const wizardEnd = (page: Page) =>
  page.getByRole('region', { name: 'Applying is paused until you review the first plan' });

test('walks a new admin from an empty data folder to a dry run that applies nothing', async ({
  app,
  okta,
  scim,
  people,
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
  await setUpDirectoryAppAndRule(page, { okta, scim, people }, screenshot);

  // 4. The dry run: creates for the active people, said plainly that nothing was applied.
  await page.getByRole('button', { name: 'Run the dry run' }).click();
  const dryRun = page.getByRole('region', { name: 'Dry run' });
  await expect(dryRun.getByRole('note')).toHaveText(/nothing was applied/);
  await expect(dryRun.getByRole('definition').first()).toHaveText(String(activeOf(people)));
  await expect(wizardEnd(page).getByRole('link', { name: 'Review the plan on the Sync page' })).toBeVisible();
  await screenshot('dry-run');

  expect(scim.store.users.size).toBe(0);
  for (const body of await Promise.all(apiBodies)) {
    expect(body).not.toContain(OKTA_TOKEN);
    expect(body).not.toContain(scim.options.token);
  }
});

test.describe('safe start', () => {
  // Few people: the point is what gets applied and when, not the volume.
  test.use({ people: 12 });

  test('ends the first run with applying paused, and applying starts once the admin applies the first plan', async ({
    app,
    okta,
    scim,
    people,
  }, testInfo) => {
    const page = app.page;
    await app.open();
    await setUpDirectoryAppAndRule(page, { okta, scim, people });

    // The wizard ends saying nothing will be applied until the first plan is reviewed.
    await expect(wizardEnd(page)).toContainText('changes nothing in any app until you review a plan');
    expect((await syncStatus(page)).applying).toBe('awaiting-first-review');
    await app.screenshot(testInfo, 'setup-applying-paused');

    // The Overview says so too, and nothing has reached the app.
    await app.navigate('Overview');
    const applying = page.getByRole('complementary', { name: AWAITING });
    await expect(applying).toBeVisible();
    await app.screenshot(testInfo, 'overview-awaiting-first-review');
    expect(scim.store.users.size).toBe(0);

    // From the banner to the first plan: the Sync page previews it on arrival, and the admin applies it.
    await applying.getByRole('link', { name: 'Review the first plan' }).click();
    await expect(app.heading()).toHaveText('Sync');
    const active = activeOf(people);
    const plan = page.getByTestId('sync-plan');
    await expect(plan).toContainText(`${active} changes: ${active} new accounts`);
    expect(scim.store.users.size).toBe(0);
    await plan.getByRole('button', { name: 'Apply all…' }).click();
    const confirm = page.getByRole('dialog', { name: `Apply ${active} changes?` });
    await expect(confirm).toContainText('This is the first plan you apply');
    await confirm.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('sync-progress')).toContainText(/Run #\d+ finished \(ok\)/);
    expect(scim.store.users.size).toBe(active);

    // Applying is on now: the core says so, and the banners are gone.
    expect((await syncStatus(page)).applying).toBe('on');
    await expect(page.getByRole('complementary', { name: AWAITING })).toHaveCount(0);
    await app.navigate('Overview');
    await expect(
      page.getByRole('region', { name: 'Directory and sync' }).getByRole('button', { name: 'Sync now' }),
    ).toBeVisible();
    await expect(page.getByRole('complementary', { name: AWAITING })).toHaveCount(0);
  });
});
