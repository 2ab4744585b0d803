// The task inbox in Chromium, against the real path (Okta, SCIM and GitHub fakes, the office badge as a manual app,
// `lanyard serve`): a new hire's badge is "to do by hand" in People and a task in Tasks, grouped by app and by the
// app's assignee; Done with a note records the badge (People shows the account), Undo puts the task back; a
// leaver's badge is done from Tasks too, and the note is in the case's evidence. Axe clean in light and dark; the
// page never scrolls sideways at 1024x700 or 1280x800.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import type { OffboardingEvidence } from '../../shared/api/methods-offboarding';
import { expectAxeClean } from './axe-check';
import { startOffboardingWorld } from './fixtures/offboarding-world';
import { expect, test as base } from './fixtures/offboarding-test';
import { OffboardingUi } from './pages/offboarding-page';
import { PeoplePageObject } from './pages/people-page';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(REPO_ROOT, 'bin/lanyard.mjs');
const run = promisify(execFile);

/** The offboarding world, with the badge app's tasks assigned to the front desk (through config as code). */
const test = base.extend({
  world: async ({}, use) => {
    const world = await startOffboardingWorld();
    try {
      const opts = { cwd: REPO_ROOT, env: { ...process.env, ...world.env } };
      const dir = ['--data-dir', world.dataDir];
      const { stdout } = await run(process.execPath, [CLI, 'config', 'export', ...dir], opts);
      const file = path.join(world.dataDir, 'workspace.yaml');
      await fs.writeFile(
        file,
        stdout.replace(/( *)kind: manual\n/, '$1kind: manual\n$1assignee: Front desk\n'),
      );
      await run(process.execPath, [CLI, 'config', 'apply', file, ...dir], opts);
      await fs.rm(file);
      await use(world);
    } finally {
      await world.close();
    }
  },
});

const fitsWithoutSideScroll = async (page: Page, where: string): Promise<void> => {
  for (const size of [
    { width: 1024, height: 700 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth, `${where} at ${size.width}x${size.height}`).toBeLessThanOrEqual(innerWidth);
  }
};

test('a new hire and a leaver in the office badge app: to do by hand, done from Tasks with a note, undone', async ({
  app,
  world,
}, testInfo) => {
  const ui = new OffboardingUi(app.page);
  const people = new PeoplePageObject(app.page);
  const { ana } = world.people;
  const groupId = (name: string) =>
    [...world.okta.state.groups.values()].find((g) => g.profile.name === name)!.id;
  const gaia = world.okta.state.addUser({
    login: 'gaia.newhire@acme.test',
    email: 'gaia.newhire@acme.test',
    firstName: 'Gaia',
    lastName: 'Newhire',
    displayName: 'Gaia Newhire',
  });
  world.okta.state.addMember(groupId('Everyone'), gaia.id);
  world.okta.state.addMember(groupId('Office'), gaia.id);
  world.okta.state.setStatus(ana.id, 'DEPROVISIONED');
  await app.open();
  await ui.syncNow();

  // People: nobody has issued Gaia's badge yet, so it is work, not access.
  await app.navigate('People');
  await people.waitLoaded(7);
  await expect(people.row('Gaia Newhire')).toContainText('To do by hand');
  await expect(people.row('Gaia Newhire')).not.toContainText('Account');

  // The sync preview plans the badges again until someone does them: it says they are already in Tasks.
  await app.navigate('Sync');
  await app.page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(app.page.getByTestId('plan-hand-tasks')).toContainText(
    'to do by hand — already issued and waiting in Tasks',
  );

  // Tasks: by app, then by the app's assignee.
  await app.navigate('Tasks');
  await expect(app.page.getByTestId('tasks-open-count')).toHaveText('2 tasks to do by hand');
  const byApp = app.page.getByRole('region', { name: /^Office badge/ });
  const joiner = byApp
    .getByTestId('hand-task')
    .filter({ hasText: 'Create an account for gaia.newhire@acme.test' });
  await expect(joiner).toContainText('Gaia Newhire');
  await expect(joiner).toContainText('for Front desk');
  await expect(byApp.getByTestId('hand-task').filter({ hasText: 'ana.leaver@acme.test' })).toContainText(
    'offboarding case',
  );
  await app.screenshot(testInfo, 'tasks');
  await expectAxeClean(app.page, 'Tasks');
  await fitsWithoutSideScroll(app.page, 'Tasks');

  await app.page.getByRole('radio', { name: 'Assignee' }).check();
  const byAssignee = app.page.getByRole('region', { name: /^Front desk/ });
  await expect(byAssignee.getByTestId('hand-task')).toHaveCount(2);
  await expect(app.page.getByRole('region', { name: /^Office badge/ })).toHaveCount(0);
  await app.page.getByRole('radio', { name: 'App' }).check();

  // Done with a note: the badge is recorded; People shows the account.
  await joiner.getByRole('textbox').fill('badge #0042 at the front desk');
  await joiner.getByRole('button', { name: /^Done:/ }).click();
  const done = app.page.getByRole('region', { name: /^Done recently/ });
  const doneJoiner = done.getByTestId('hand-task').filter({ hasText: 'gaia.newhire' });
  await expect(doneJoiner).toContainText('note: badge #0042 at the front desk');
  await expect(doneJoiner).toContainText('until the next sync run confirms it');
  await expect(app.page.getByTestId('tasks-open-count')).toHaveText('1 task to do by hand');
  await expectAxeClean(app.page, 'Tasks with a task done');
  await fitsWithoutSideScroll(app.page, 'Tasks with a task done');

  await app.navigate('People');
  await expect(people.row('Gaia Newhire')).toContainText('Account');
  await expect(people.row('Gaia Newhire')).not.toContainText('To do by hand');

  // Undo puts it back: a task again, and no badge in People.
  await app.navigate('Tasks');
  await done
    .getByTestId('hand-task')
    .filter({ hasText: 'gaia.newhire' })
    .getByRole('button', { name: /^Undo/ })
    .click();
  await expect(app.page.getByTestId('tasks-open-count')).toHaveText('2 tasks to do by hand');
  await expect(joiner.getByRole('button', { name: /^Done:/ })).toBeVisible();
  await app.navigate('People');
  await expect(people.row('Gaia Newhire')).toContainText('To do by hand');

  // The leaver's badge, done from Tasks: the note is in the case (still open: GitHub waits for approval).
  await app.navigate('Tasks');
  const leaver = byApp.getByTestId('hand-task').filter({ hasText: 'ana.leaver@acme.test' });
  await leaver.getByRole('textbox').fill('badge cut up at reception');
  await leaver.getByRole('button', { name: /^Done:/ }).click();
  await expect(done.getByTestId('hand-task').filter({ hasText: 'ana.leaver' })).toContainText(
    'while case 1 is open',
  );
  await app.navigate('Offboarding');
  const card = ui.caseCard(/Ana Leaver/);
  await expect(ui.task(card, /account in Office badge/)).toContainText('badge cut up at reception');
  const [json] = await Promise.all([
    app.page.waitForEvent('download'),
    card.getByRole('button', { name: 'Evidence (JSON)' }).click(),
  ]);
  const evidence = JSON.parse(await fs.readFile(await json.path(), 'utf8')) as OffboardingEvidence;
  expect(evidence.items.find((i) => i.appName === 'Office badge')).toMatchObject({
    note: 'badge cut up at reception',
  });
  // Undo from the case while it is open.
  await ui
    .task(card, /account in Office badge/)
    .getByRole('button', { name: /^Undo done:/ })
    .click();
  await expect(ui.task(card, /account in Office badge/)).toContainText('To do by hand');

  // The app page lists the badge's open tasks with the same Done.
  await app.navigate('Apps');
  await app.page.getByRole('button', { name: 'Office badge', exact: true }).click();
  const appTasks = app.page.getByTestId('app-tasks');
  await expect(appTasks).toContainText('2 tasks to do by hand in Office badge.');
  await expect(appTasks.getByRole('button', { name: /^Done:/ })).toHaveCount(2);
  await app.screenshot(testInfo, 'tasks-app-page');
  await expectAxeClean(app.page, 'Apps → Office badge tasks');
  await fitsWithoutSideScroll(app.page, 'Apps → Office badge');
});
