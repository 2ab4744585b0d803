// Sync end to end: the Okta fake as the directory and the SCIM fake as an app, applied through the CLI with the rule
// "Engineering → Acme HR". In the browser an admin previews (creates with their reasons, nothing sent), applies
// after a confirmation that states the counts, watches the run finish and finds it in the history — and the SCIM
// app now has exactly the engineers.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test, expect } from './fixtures/test';
import { startLanyardServe, type LanyardServer } from './fixtures/lanyard-serve';
import { startOktaFake, type OktaFake } from '../fakes/okta/server';
import { startScimFake, type ScimFake } from '../fakes/scim/server';
import { LanyardApp } from './pages/lanyard-app';

const run = promisify(execFile);
const CLI = path.resolve('bin/lanyard.mjs');
const OKTA_TOKEN = `ssws-e2e-${randomUUID()}`;
const SCIM_TOKEN = `scim-e2e-${randomUUID()}`;
const env = { OKTA_TOKEN, SCIM_TOKEN };
/** Active engineers (one more is suspended; three are in Sales). */
const ENGINEERS = 5;

let okta: OktaFake;
let scim: ScimFake;
let dataDir: string;
let server: LanyardServer;
let engineering: string;

const workspace = (rules: string) => `directory:
  kind: okta
  name: Acme Okta
  baseUrl: ${okta.url}
  auth: { type: token, token: env:OKTA_TOKEN }
apps:
  - id: hr
    name: Acme HR
    kind: scim
    baseUrl: ${scim.url}
    auth: { type: bearer, token: env:SCIM_TOKEN }
    review: required
${rules}
schedule:
  paused: true
`;

const prepare = async (rules: string) => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'lanyard-e2e-sync-'));
  const file = path.join(dataDir, 'workspace.yaml');
  await fs.writeFile(file, workspace(rules));
  await run(process.execPath, [CLI, 'config', 'apply', file, '--data-dir', dataDir], {
    env: { ...process.env, ...env },
  });
  server = await startLanyardServe({ dataDir, env });
};

test.beforeEach(async () => {
  okta = await startOktaFake({ apiTokens: [OKTA_TOKEN] });
  scim = await startScimFake({ token: SCIM_TOKEN });
  const eng = (engineering = okta.state.addGroup('Engineering', null).id);
  const sales = okta.state.addGroup('Sales', null).id;
  for (let i = 0; i < ENGINEERS + 4; i++) {
    const engineer = i <= ENGINEERS;
    const email = `person${i}@acme.test`;
    const u = okta.state.addUser(
      { firstName: `Person${i}`, lastName: 'Acme', login: email, email },
      i === ENGINEERS ? 'SUSPENDED' : 'ACTIVE',
    );
    okta.state.addMember(engineer ? eng : sales, u.id, true);
  }
});

test.afterEach(async () => {
  await server?.stop();
  await okta?.close();
  await scim?.close();
});

test('previews creates with reasons, applies them, and shows the run in the history', async ({
  page,
}, testInfo) => {
  await prepare('rules:\n  - app: hr\n    groups: [Engineering]\n    role: member');
  const app = new LanyardApp(page, server.url);
  await app.open();
  await app.navigate('Sync');
  await expect(page.getByText('No runs yet')).toBeVisible();
  await expect(page.getByText('Nothing is waiting for review.')).toBeVisible();
  await app.screenshot(testInfo, 'sync-start');

  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const plan = page.getByTestId('sync-plan');
  await expect(plan).toContainText(`${ENGINEERS} changes: ${ENGINEERS} new accounts`);
  const hr = plan.getByRole('region', { name: 'Plan for Acme HR' });
  await expect(hr.getByRole('listitem')).toHaveCount(ENGINEERS);
  await expect(hr.getByRole('listitem').first()).toContainText('in Engineering (rule 1)');
  expect(scim.store.users.size).toBe(0);
  await app.screenshot(testInfo, 'sync-preview');
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot(testInfo, 'sync-preview-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await plan.getByRole('button', { name: 'Apply all…' }).click();
  const confirm = page.getByRole('dialog', { name: `Apply ${ENGINEERS} changes?` });
  await expect(confirm).toContainText(`${ENGINEERS} new accounts`);
  await app.screenshot(testInfo, 'sync-confirm', { fullPage: false });
  // A slow app keeps the run going long enough to watch its progress (waits are on what the page shows).
  scim.set({ slowMs: 400, slowPath: /\/Users/ });
  await confirm.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('sync-progress').getByRole('progressbar')).toBeVisible();
  await app.screenshot(testInfo, 'sync-progress', { fullPage: false });

  await expect(page.getByTestId('sync-progress')).toContainText(/Run #\d+ finished \(ok\)/);
  await expect(page.getByTestId('sync-progress')).toContainText(`${ENGINEERS} new accounts`);
  const history = page.getByTestId('run-history');
  await expect(history.getByRole('row')).toHaveCount(2);
  await expect(history.getByRole('row').nth(1)).toContainText(`${ENGINEERS} new accounts`);
  await expect(history.getByRole('row').nth(1)).toContainText('OK');
  expect(scim.store.users.size).toBe(ENGINEERS);
  scim.set({ slowMs: 0, slowPath: null });
  await app.screenshot(testInfo, 'sync-applied');

  // Applied: a second preview finds nothing left to do.
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByTestId('sync-plan')).toContainText('Everything is in step');
});

test('holds a deactivation for review, and applies it once an admin approves', async ({ page }, testInfo) => {
  // Someone in Sales has an account the rules do not give them; the app requires review before removing access.
  const leaver = `person${ENGINEERS + 2}@acme.test`;
  scim.store.createUser({ userName: leaver, emails: [{ value: leaver, primary: true }], active: true });
  await prepare('rules:\n  - app: hr\n    groups: [Engineering]');
  const app = new LanyardApp(page, server.url);
  await app.open();
  await app.navigate('Sync');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const plan = page.getByTestId('sync-plan');
  await expect(plan).toContainText('1 held for review');
  await expect(plan.getByRole('listitem').filter({ hasText: leaver })).toContainText(
    'Acme HR requires review',
  );
  await plan.getByRole('button', { name: 'Apply all…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('sync-progress')).toContainText('1 held for review');

  const review = page.getByRole('region', { name: 'Waiting for review' });
  const op = review.getByRole('checkbox', { name: `${leaver} — Deactivate in` });
  await op.check();
  await app.screenshot(testInfo, 'sync-review');
  await review.getByRole('button', { name: 'Approve…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Approve 1 op?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Approve and apply now' }).click();
  await expect(review.getByText('Nothing is waiting for review.')).toBeVisible();
  // What the approval came to, said where the admin is (focus moves to it).
  const outcome = review.getByRole('region', { name: 'Approved 1: 1 applied.' });
  await expect(outcome.getByRole('heading')).toBeFocused();
  await app.screenshot(testInfo, 'sync-approved');
  const user = [...scim.store.users.values()].find((u) => u.userName === leaver);
  expect(user?.active).toBe(false);
});

test('does not apply an approved deactivation the directory no longer calls for, and says why', async ({
  page,
}, testInfo) => {
  const leaver = `person${ENGINEERS + 2}@acme.test`;
  scim.store.createUser({ userName: leaver, emails: [{ value: leaver, primary: true }], active: true });
  await prepare('rules:\n  - app: hr\n    groups: [Engineering]');
  const app = new LanyardApp(page, server.url);
  await app.open();
  await app.navigate('Sync');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await page.getByTestId('sync-plan').getByRole('button', { name: 'Apply all…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('sync-progress')).toContainText('1 held for review');

  // While the deactivation waits, the person joins Engineering; a preview reads the directory again.
  const person = [...okta.state.users.values()].find((u) => u.profile.login === leaver)!;
  okta.state.addMember(engineering, person.id);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByTestId('sync-plan')).toBeVisible();

  const review = page.getByRole('region', { name: 'Waiting for review' });
  await review.getByRole('checkbox', { name: `${leaver} — Deactivate in` }).check();
  await review.getByRole('button', { name: 'Approve…' }).click();
  await page
    .getByRole('dialog', { name: 'Approve 1 op?' })
    .getByRole('button', { name: 'Approve and apply now' })
    .click();
  const outcome = review.getByTestId('approval-outcome');
  await expect(outcome).toContainText('Approved 1: 1 not applied, no longer called for.');
  await expect(outcome.getByRole('listitem').filter({ hasText: leaver })).toContainText('Acme HR again');
  await app.screenshot(testInfo, 'sync-superseded');
  const user = [...scim.store.users.values()].find((u) => u.userName === leaver);
  expect(user?.active).toBe(true);
});

test('says what to do when no directory is connected yet', async ({ page }, testInfo) => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'lanyard-e2e-sync-'));
  server = await startLanyardServe({ dataDir, env });
  const app = new LanyardApp(page, server.url);
  await app.open();
  await app.navigate('Sync');
  await expect(page.getByText('No directory yet — connect one in')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Settings → Workspace' })).toBeVisible();
  await app.screenshot(testInfo, 'sync-empty');
});
