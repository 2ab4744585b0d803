// People-first audit (issue #16 item 6): an admin looks for "Ana Kim" — by name or by email — and finds her events,
// shown by name; a name two people share shows both and says so; the action filter is a list of plain names; the
// person field suggests people from the directory. Against the Offboarding world (Okta fake) and `lanyard serve`.
import { expect, test } from './fixtures/offboarding-test';
import { expectAxeClean } from './axe-check';
import { AuditPageObject, rpc } from './pages/audit-page';
import { PeoplePageObject } from './pages/people-page';

test('finds Ana Kim’s events by her name and by her email, names shown, and a shared name shows both', async ({
  app,
  world,
}, testInfo) => {
  // Two people called Ana Kim join the directory; each is offboarded from the UI, so each has events.
  world.okta.state.addUser({
    login: 'ana.kim@acme.test',
    email: 'ana.kim@acme.test',
    firstName: 'Ana',
    lastName: 'Kim',
    displayName: 'Ana Kim',
  });
  world.okta.state.addUser({
    login: 'akim@contractors.test',
    email: 'akim@contractors.test',
    firstName: 'Ana',
    lastName: 'Kim',
    displayName: 'Ana Kim',
  });
  await app.open();
  await rpc(app.page, 'directory.pull', {});
  await rpc(app.page, 'offboarding.start', { person: 'ana.kim@acme.test', confirm: true });
  await rpc(app.page, 'offboarding.start', { person: 'akim@contractors.test', confirm: true });
  await rpc(app.page, 'settings.set', { guardrails: { maxDeprovisionsPerRun: 9 } });

  await app.navigate('Audit');
  const audit = new AuditPageObject(app.page);
  await audit.waitLoaded();

  // By her email: only her events, her name in the list, and the page says whose events these are.
  await audit.filter('Person').fill('ana.kim@acme.test');
  await audit.applyFilters();
  await expect(
    app.page.getByRole('status').filter({ hasText: 'Events of Ana Kim (ana.kim@acme.test)' }),
  ).toBeVisible();
  await expect(audit.rows.first()).toBeVisible();
  const hers = await audit.seqs();
  expect(hers.length).toBeGreaterThan(0);
  for (const summary of await audit.summaries.all())
    await expect(summary.locator('.audit-person')).toHaveText('Ana Kim');
  // The id is still there, in the row's details.
  await audit.summaries.first().click();
  await expect(audit.list.getByRole('region').first()).toContainText(
    /Ana Kim · ana\.kim@acme\.test · directory id/,
  );

  // By her name: both Ana Kims' events, and the page says the name matched two people.
  await audit.filter('Person').fill('Ana Kim');
  await audit.applyFilters();
  const shared = app.page.getByRole('status').filter({ hasText: '“Ana Kim” matches 2 people' });
  await expect(shared).toBeVisible();
  await expect(shared).toContainText('Ana Kim (ana.kim@acme.test)');
  await expect(shared).toContainText('Ana Kim (akim@contractors.test)');
  await expect.poll(async () => (await audit.seqs()).length).toBeGreaterThan(hers.length);
  expect(new URL(app.page.url()).hash).toBe('#/audit?person=Ana+Kim');
  await app.screenshot(testInfo, 'audit-person-shared-name');
  await expectAxeClean(app.page, 'audit filtered by a shared name');

  // The action picker: plain names; "Offboarding started" keeps only the two case openings.
  await audit.filter('Action').selectOption({ label: 'Offboarding started' });
  await audit.applyFilters();
  await expect(audit.rows).toHaveCount(2);
  for (const summary of await audit.summaries.all())
    await expect(summary).toContainText('offboarding.case.opened');
  expect(new URL(app.page.url()).hash).toBe('#/audit?person=Ana+Kim&action=offboarding.case.opened');

  // Suggestions from the directory as the admin types.
  await audit.filters.getByRole('button', { name: 'Clear' }).click();
  await audit.filter('Person').fill('ana.k');
  await expect(app.page.locator('#audit-people option')).toHaveCount(1);
  await expect(app.page.locator('#audit-people option')).toHaveAttribute('value', 'ana.kim@acme.test');
  await audit.filter('Person').fill('kim');
  await expect(app.page.locator('#audit-people option')).toHaveCount(2);
  await expectAxeClean(app.page, 'audit filters');
});

test('People shows the manager by name', async ({ app, world }) => {
  const { ana, ben } = world.people;
  world.okta.state.updateProfile(ben.id, { managerId: ana.id });
  await app.open();
  await rpc(app.page, 'directory.pull', {});
  await app.navigate('People');
  const people = new PeoplePageObject(app.page);
  await people.waitLoaded(6);
  await people.search.fill(ben.email);
  await expect(people.rows).toHaveCount(1);
  await people.rows.first().focus();
  await app.page.keyboard.press('Enter');
  const manager = people.panel.locator('.fact').filter({ hasText: 'Manager' });
  await expect(manager).toContainText(`${ana.name} (${ana.email})`);
  await expect(manager).not.toContainText(ana.id);
});
