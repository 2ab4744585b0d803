// Access rules end to end: a directory in the Okta fake and a SCIM app (the SCIM fake) applied through the CLI, then
// in the browser an admin adds "Engineering → Acme HR", sees who it would add before saving, saves, and finds the
// rule listed — with nothing sent to the app (saving never applies).
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
/** Active Engineering people the rule should add (one more is suspended and must not be). */
const ENGINEERS = 4;

let okta: OktaFake;
let scim: ScimFake;
let dataDir: string;
let server: LanyardServer;

test.beforeEach(async () => {
  okta = await startOktaFake({ apiTokens: [OKTA_TOKEN] });
  scim = await startScimFake({ token: SCIM_TOKEN });
  const eng = okta.state.addGroup('Engineering', null).id;
  const sales = okta.state.addGroup('Sales', null).id;
  for (let i = 0; i < ENGINEERS + 3; i++) {
    const engineer = i <= ENGINEERS;
    const email = `person${i}@acme.test`;
    const u = okta.state.addUser(
      {
        firstName: `Person${i}`,
        lastName: 'Acme',
        login: email,
        email,
        department: engineer ? 'Engineering' : 'Sales',
      },
      i === ENGINEERS ? 'SUSPENDED' : 'ACTIVE',
    );
    okta.state.addMember(engineer ? eng : sales, u.id, true);
  }
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'lanyard-e2e-rules-'));
  const file = path.join(dataDir, 'workspace.yaml');
  await fs.writeFile(
    file,
    `directory:
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
schedule:
  paused: true
`,
  );
  const cli = (...args: string[]) =>
    run(process.execPath, [CLI, ...args, '--data-dir', dataDir], { env: { ...process.env, ...env } });
  await cli('config', 'apply', file);
  await cli('directory', 'pull');
  server = await startLanyardServe({ dataDir, env });
});

test.afterEach(async () => {
  await server?.stop();
  await okta?.close();
  await scim?.close();
});

test('adds a rule, previews who it adds, and saves it without applying anything', async ({
  page,
}, testInfo) => {
  const app = new LanyardApp(page, server.url);
  await app.open();
  await app.navigate('Access rules');
  await expect(page.getByText('No rules yet')).toBeVisible();
  await app.screenshot(testInfo, 'rules-empty');

  await page.getByRole('button', { name: 'Add rule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a rule' });
  await expect(dialog.getByLabel('App', { exact: true })).toHaveValue('hr');
  await dialog.getByRole('button', { name: 'Add rule' }).click();
  await expect(dialog.getByText('Pick at least one group')).toBeVisible();
  await dialog.getByRole('checkbox', { name: 'Engineering' }).check();
  await dialog.getByLabel('Role').fill('member');
  await app.screenshot(testInfo, 'rules-dialog', { fullPage: false });
  await dialog.getByRole('button', { name: 'Add rule' }).click();
  await expect(dialog).toBeHidden();

  const impact = page.getByRole('region', { name: 'Impact' });
  await expect(impact.getByTestId('impact-summary')).toHaveText(`adds ${ENGINEERS}changes 0removes 0`);
  await impact.getByText('show who').click();
  await expect(impact.getByRole('listitem')).toHaveCount(ENGINEERS);
  await expect(impact.getByRole('listitem').first()).toContainText('rule 1');
  await app.screenshot(testInfo, 'rules-impact');
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot(testInfo, 'rules-impact-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved 1 rule' })).toBeVisible();
  const row = page.getByRole('row', { name: /Acme HR/ });
  await expect(row).toContainText('Engineering');
  await expect(row).toContainText('member');
  await app.reload();
  await expect(page.getByRole('row', { name: /Acme HR/ })).toContainText('Engineering');
  await app.screenshot(testInfo, 'rules-saved');
  // Saving stored the rule; nothing was sent to the app.
  expect(scim.count('POST')).toBe(0);
  expect(scim.store.users.size).toBe(0);
});

test('asks before deleting a rule', async ({ page }) => {
  const app = new LanyardApp(page, server.url);
  await app.open();
  await app.navigate('Access rules');
  await page.getByRole('button', { name: 'Add rule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a rule' });
  await dialog.getByRole('checkbox', { name: 'Sales' }).check();
  await dialog.getByRole('button', { name: 'Add rule' }).click();
  await page.getByRole('button', { name: 'Delete rule 1 (Acme HR)' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete rule 1?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Delete rule' }).click();
  await expect(page.getByText('No rules yet')).toBeVisible();
});
