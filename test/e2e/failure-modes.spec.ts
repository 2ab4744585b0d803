// Failure modes of issue #12 as an admin sees them: an app whose listing cannot be read completely (degraded, with
// the reason, and a partial run), a login reused by a different person (a held takeover that says what approving
// means) and a protected account (listed in the plan preview with its reason). The Okta fake is the directory and
// the SCIM fake the app "Acme"; the world is prepared with the CLI (fixtures/failure-modes-world.ts) and served
// by a real `lanyard serve`.
import { URN } from '../fakes/scim/store';
import { expect } from './fixtures/test';
import { worldTest } from './fixtures/world-test';
import { PEOPLE, startFailureModesWorld, type FailureModesWorld } from './fixtures/failure-modes-world';
import type { LanyardApp } from './pages/lanyard-app';

const test = worldTest(startFailureModesWorld);

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const writes = (w: FailureModesWorld) => w.scim.requests.filter((r) => WRITES.has(r.method)).length;

/** Sync now from the Sync page's scheduler card, confirmed; resolves once the run's outcome is shown. */
const syncNow = async (app: LanyardApp, status: 'ok' | 'partial') => {
  const page = app.page;
  await page.getByRole('button', { name: 'Sync now', exact: true }).click();
  await page.getByRole('dialog', { name: 'Sync now?' }).getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-progress')).toContainText(
    new RegExp(`Run #\\d+ finished \\(${status}\\)`),
    { timeout: 30_000 },
  );
};

test('an app whose listing cannot be read completely is degraded with the reason, and the run is partial', async ({
  app,
  world,
}, testInfo) => {
  const page = app.page;
  // The server now answers every page with the first one (at most 7 accounts), with the true totalResults.
  world.scim.set({ ignoreStartIndex: true, silentPageCap: 7 });
  // Someone leaves: were the short listing taken as complete, people missing from it would look like leavers too.
  world.okta.state.setStatus(world.people[PEOPLE - 1]!, 'SUSPENDED');
  const before = writes(world);

  await app.open();
  await app.navigate('Sync');
  await syncNow(app, 'partial');
  const latest = page.getByTestId('run-history').getByRole('row').nth(1);
  await expect(latest).toContainText('Partial');
  await expect(latest).toContainText('seems to ignore startIndex');
  expect(writes(world)).toBe(before);
  await app.screenshot(testInfo, 'failure-modes-partial-run');

  await app.navigate('Apps');
  const row = page.locator('tr', {
    has: page.getByRole('rowheader').getByRole('button', { name: 'Acme', exact: true }),
  });
  await expect(row).toContainText('Degraded');
  await row.getByRole('rowheader').getByRole('button', { name: 'Acme', exact: true }).click();
  const detail = page.getByRole('region', { name: 'Acme' });
  const health = detail.getByRole('definition').filter({ hasText: 'Degraded' });
  await expect(health).toContainText('seems to ignore startIndex');
  await expect(health).toContainText('nothing was planned or changed in Acme this run');
  await expect(detail.getByText(/seems to ignore startIndex.*nothing was planned or changed/)).toBeVisible();
  await app.screenshot(testInfo, 'failure-modes-app-degraded');
  expect([...world.scim.store.users.values()].every((u) => u.active !== false)).toBe(true);
});

test('a login reused by a different person is held for review with what approving means', async ({
  app,
  world,
}, testInfo) => {
  const page = app.page;
  const ana = world.people[2]!;
  const login = 'person2@acme.test';
  const account = () => [...world.scim.store.users.values()].find((u) => u.userName === login)!;
  expect(account().externalId).toBe(ana);

  await app.open();
  await app.navigate('Sync');
  // Ana leaves: her account is deactivated.
  world.okta.state.setStatus(ana, 'DEPROVISIONED');
  await syncNow(app, 'ok');
  expect(account().active).toBe(false);

  // Ana is deleted from the directory and her login goes to someone new, whom the rule gives Acme.
  world.okta.state.deleteUser(ana);
  const ruiz = world.okta.state.addUser({ login, email: login, firstName: 'Ana', lastName: 'Ruiz' });
  world.okta.state.addMember(world.everyone, ruiz.id);
  const before = writes(world);
  await syncNow(app, 'ok');
  await expect(page.getByTestId('sync-progress')).toContainText('1 held for review');

  // Nothing was written: the account stays Ana's, inactive; the review queue says what approving would do.
  expect(writes(world)).toBe(before);
  expect(account()).toMatchObject({ externalId: ana, active: false });
  const review = page.getByRole('region', { name: 'Waiting for review' });
  const op = review.getByRole('listitem').filter({ hasText: login });
  await expect(op).toHaveCount(1);
  await expect(
    review.getByRole('checkbox', { name: new RegExp(`^${login} — Update the profile in Acme`) }),
  ).toBeVisible();
  await expect(
    op.getByText(`give ${login} the existing Acme account ${login}, which belonged to`),
  ).toBeVisible();
  const held = op.getByText(
    new RegExp(
      `${login} in Acme belonged to Person2 Acme \\(.+\\); approving gives ${login} that account and its data — or give ${login} a different userName in Acme`,
    ),
  );
  await expect(held).toBeVisible();
  await app.screenshot(testInfo, 'failure-modes-login-reused');
});

test('a protected account is listed in the plan preview with its reason', async ({
  app,
  world,
}, testInfo) => {
  const page = app.page;
  const breakglass = 'breakglass@acme.test';
  world.scim.store.createUser({
    schemas: [URN.user],
    userName: breakglass,
    emails: [{ value: breakglass, primary: true }],
    active: true,
  });

  // The admin protects it on the app (the Apps form writes the workspace's `protected` list).
  await app.open();
  await app.navigate('Apps');
  const row = page.locator('tr', {
    has: page.getByRole('rowheader').getByRole('button', { name: 'Acme', exact: true }),
  });
  await row.getByRole('button', { name: 'Edit Acme' }).click();
  const form = page.getByRole('form', { name: 'Edit Acme' });
  await form.getByLabel('Protected accounts', { exact: true }).fill(breakglass);
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toBeHidden();
  await expect(
    page.getByRole('region', { name: 'Acme' }).getByRole('definition').filter({ hasText: breakglass }),
  ).toBeVisible();

  await app.navigate('Sync');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const shielded = page.getByTestId('sync-protected');
  const summary = shielded.getByText('1 protected account — never changed, whatever the rules say');
  await expect(summary).toBeVisible();
  await summary.click();
  const item = shielded.getByRole('listitem').filter({ hasText: breakglass });
  await expect(item).toContainText(`${breakglass} in Acme`);
  await expect(
    item.getByText(/^protected in the workspace: left alone; not linked to anyone \(.+\)$/),
  ).toBeVisible();
  await shielded.scrollIntoViewIfNeeded();
  await app.screenshot(testInfo, 'failure-modes-protected');
  expect([...world.scim.store.users.values()].find((u) => u.userName === breakglass)?.active).toBe(true);
});
