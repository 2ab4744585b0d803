// Safer rules end to end (issue #16 item 7): Okta, a SCIM app and a GitHub org as local fakes, the workspace applied
// through the CLI. In the browser an admin types the role "admni" for GitHub and is warned before saving, in the
// dialog and in the preview; picks "admin" and a team from what GitHub reports; names the rule and finds the name in
// the preview and in a person's "why"; folds a legacy priority into list order without changing anyone's access;
// and cannot lose unsaved rules to a stray click. Axe-clean in light and dark; no sideways scrolling on a laptop.
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
import { startGithubFake } from '../fakes/github/server';
import { LanyardApp } from './pages/lanyard-app';
import { PeoplePageObject } from './pages/people-page';
import { expectAxeClean } from './axe-check';
import { layoutProblems } from './layout-check';

const run = promisify(execFile);
const CLI = path.resolve('bin/lanyard.mjs');
const NAME = 'Engineering → GitHub';
const tokens = { okta: `ssws-${randomUUID()}`, scim: `scim-${randomUUID()}`, github: `ghp_${randomUUID()}` };
const env = { OKTA_TOKEN: tokens.okta, SCIM_TOKEN: tokens.scim, GITHUB_TOKEN: tokens.github };

let okta: OktaFake;
let scim: ScimFake;
let github: Awaited<ReturnType<typeof startGithubFake>>;
let dataDir: string;
let server: LanyardServer;

test.beforeEach(async () => {
  okta = await startOktaFake({ apiTokens: [tokens.okta] });
  scim = await startScimFake({ token: tokens.scim });
  github = await startGithubFake({ org: 'acme', tokens: { [tokens.github]: { login: 'lanyard-bot' } } });
  github.state.addMember('lanyard-bot', 'admin');
  github.state.addTeam('Platform', 'platform');
  github.state.addTeam('On call', 'oncall');
  const everyone = okta.state.addGroup('Everyone', null).id;
  const eng = okta.state.addGroup('Engineering', null).id;
  for (let i = 0; i < 5; i++) {
    const email = `person${i}@acme.test`;
    const u = okta.state.addUser({
      firstName: `Person${i}`,
      lastName: 'Acme',
      login: email,
      email,
      githubUsername: `gh-person${i}`,
    });
    github.state.addUser(`gh-person${i}`);
    okta.state.addMember(everyone, u.id, true);
    if (i < 3) okta.state.addMember(eng, u.id, true);
  }
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'lanyard-e2e-rules-safer-'));
  const file = path.join(dataDir, 'workspace.yaml');
  // A file from before list order was the one concept: the Engineering rule wins by priority, not by place.
  await fs.writeFile(
    file,
    `directory: { kind: okta, name: Acme Okta, baseUrl: ${okta.url}, auth: { type: token, token: env:OKTA_TOKEN } }
apps:
  - { id: hr, name: Acme HR, kind: scim, baseUrl: ${scim.url}, auth: { type: bearer, token: env:SCIM_TOKEN } }
  - { id: github, name: GitHub, kind: github, org: acme, baseUrl: ${github.url}, auth: { type: bearer, token: env:GITHUB_TOKEN } }
rules:
  - { app: hr, groups: [Everyone], role: member }
  - { app: hr, groups: [Engineering], role: engineer, priority: 5 }
schedule: { paused: true }
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
  await github?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const expectFits = async (app: LanyardApp) => {
  for (const size of [
    { width: 1024, height: 700 },
    { width: 1280, height: 800 },
  ]) {
    await app.page.setViewportSize(size);
    expect(await layoutProblems(app.page), `${size.width}x${size.height}`).toEqual([]);
  }
};

test('warns about a role GitHub does not report, in the dialog and the preview; picking from the list fixes it; the name shows in reasons and in a person’s why', async ({
  page,
}, testInfo) => {
  const app = new LanyardApp(page, server.url);
  await app.open();
  await app.navigate('Access rules');
  await page.getByRole('button', { name: 'Add rule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a rule' });
  await dialog.getByLabel('App', { exact: true }).selectOption('github');
  await dialog.getByLabel('Name (optional)').fill(NAME);
  await dialog.getByRole('checkbox', { name: 'Engineering' }).check();
  await dialog.getByLabel('Role', { exact: true }).fill('admni');
  await expect(
    dialog.getByText("GitHub does not report a role 'admni'; known roles: member, admin."),
  ).toBeVisible();
  // The teams come from GitHub itself (a read): pick one from the list.
  const teams = dialog.getByRole('group', { name: 'Teams GitHub reports' });
  await teams.getByRole('button', { name: 'platform' }).click();
  await expect(dialog.getByLabel('Teams', { exact: true })).toHaveValue('platform');
  await expect(teams.getByRole('button', { name: 'platform' })).toHaveAttribute('aria-pressed', 'true');
  await app.screenshot(testInfo, 'rules-safer-dialog-warning', { fullPage: false });
  await expectAxeClean(page, 'rule dialog with a warning');
  // A warning, not a block: the admin may still add it, and the preview flags it.
  await dialog.getByRole('button', { name: 'Add rule' }).click();
  await expect(dialog).toBeHidden();
  const impact = page.getByRole('region', { name: 'Impact' });
  await expect(impact.getByTestId('impact-flags')).toContainText(
    `Rule '${NAME}': GitHub does not report a role 'admni'`,
  );
  await expect(page.getByRole('row', { name: new RegExp(NAME) })).toContainText('does not report a role');
  await expect(page.getByText('A rule names a role, team or group its app does not report')).toBeVisible();
  await app.screenshot(testInfo, 'rules-safer-preview-flag');

  // Pick the role from the list instead: the warning goes, the reasons name the rule.
  await page.getByRole('button', { name: `Edit rule '${NAME}' (GitHub)` }).click();
  const edit = page.getByRole('dialog', { name: `Edit rule '${NAME}'` });
  await edit
    .getByRole('group', { name: 'Roles GitHub reports' })
    .getByRole('button', { name: 'admin' })
    .click();
  await expect(edit.getByLabel('Role', { exact: true })).toHaveValue('admin');
  await expect(edit.getByText('does not report')).toHaveCount(0);
  await edit.getByRole('button', { name: 'Update rule' }).click();
  await expect(impact.getByTestId('impact-flags')).toHaveCount(0);
  await impact.getByText('show who').first().click();
  await expect(impact.getByRole('listitem').first()).toContainText(`(rule '${NAME}')`);
  await expectAxeClean(page, 'rules page with a named rule');
  await expectFits(app);

  await page.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved 3 rules' })).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  await app.navigate('People');
  const people = new PeoplePageObject(page);
  await people.waitLoaded(5);
  await people.search.fill('person0@acme.test');
  await expect(people.rows).toHaveCount(1);
  await people.rows.first().focus();
  await page.keyboard.press('Enter');
  const why = page.getByRole('region', { name: 'Apps and why' });
  await expect(why.getByRole('listitem').filter({ hasText: 'GitHub' })).toContainText(
    `Access · rule '${NAME}'`,
  );
  await expect(why.getByRole('listitem').filter({ hasText: 'GitHub' })).toContainText(
    `in Engineering (rule '${NAME}')`,
  );
  // Everything so far only read GitHub: nothing was written.
  expect(github.log.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([]);
});

test('folds a legacy priority into list order without changing anyone’s access', async ({ page }) => {
  const app = new LanyardApp(page, server.url);
  await app.open();
  await app.navigate('Access rules');
  await expect(page.getByText(/Order matters: when someone matches several rules/)).toBeVisible();
  const note = page.getByText('1 rule has a priority from the workspace file');
  await expect(note).toBeVisible();
  await expect(page.getByRole('row', { name: /Acme HR/ }).nth(1)).toContainText('priority 5');
  await page.getByRole('button', { name: 'Put rules in list order' }).click();
  await expect(note).toHaveCount(0);
  // The Engineering rule moved to the top and lost its priority; the preview shows nobody affected.
  await expect(page.getByRole('row', { name: /Acme HR/ }).first()).toContainText('engineer');
  const impact = page.getByRole('region', { name: 'Impact' });
  await expect(impact.getByTestId('impact-summary')).toHaveText('adds 0changes 0removes 0');
  await expectAxeClean(page, 'rules in list order');
  await expectFits(app);
});

test('asks before unsaved rule changes are dropped: leaving the page, cancelling the dialog, closing the window', async ({
  page,
}) => {
  const app = new LanyardApp(page, server.url);
  await app.open();
  await app.navigate('Access rules');
  await page.getByRole('button', { name: 'Edit rule 1 (Acme HR)' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit rule 1' });
  await edit.getByLabel('Role', { exact: true }).fill('staff');
  await edit.getByRole('button', { name: 'Cancel' }).click();
  const discardEdit = page.getByRole('dialog', { name: 'Discard changes to rule 1?' });
  await expect(discardEdit).toBeVisible();
  await discardEdit.getByRole('button', { name: 'Cancel' }).click();
  await expect(edit.getByLabel('Role', { exact: true })).toHaveValue('staff');
  await edit.getByRole('button', { name: 'Update rule' }).click();
  await expect(page.getByText(/· unsaved changes/)).toBeVisible();

  // A link elsewhere waits for an answer; staying keeps the draft.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Apps' }).click();
  const discard = page.getByRole('dialog', { name: 'Discard changes to rule 1?' });
  await expect(discard).toBeVisible();
  await expect(discard.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectAxeClean(page, 'discard question');
  await discard.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.heading()).toHaveText('Access rules');
  await expect(page.getByRole('row', { name: /Acme HR/ }).first()).toContainText('staff');

  // Closing the window asks too (beforeunload).
  const asked = page.waitForEvent('dialog');
  void page.close({ runBeforeUnload: true });
  const question = await asked;
  expect(question.type()).toBe('beforeunload');
  await question.dismiss();
  await expect(app.heading()).toHaveText('Access rules');

  // Discarding goes where the link pointed, and the stored rules are as they were.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Apps' }).click();
  await page
    .getByRole('dialog', { name: 'Discard changes to rule 1?' })
    .getByRole('button', { name: 'Discard changes' })
    .click();
  await expect(app.heading()).toHaveText('Apps');
  await app.navigate('Access rules');
  await expect(page.getByRole('row', { name: /Acme HR/ }).first()).toContainText('member');
  await expect(page.getByText(/· unsaved changes/)).toHaveCount(0);
});
