// One source of status (issue #16 item 5), as an admin sees it: a directory whose token was revoked fails three
// syncs in a row and is then red with the same words on the Overview, on the Sync page and in status.summary (what
// the tray reads; its line is computed from it here as the desktop app does); a revocation waiting for approval and
// a task to do by hand are counted apart; and when the core stops, the window says so and shows no green
// "Scheduled". The Okta fake is the directory, the SCIM fake the app "Acme" (fixtures/failure-modes-world.ts).
import type { Page } from '@playwright/test';
import type { StatusSummary } from '../../shared/api/methods-status';
import type { SchedulerStatus } from '../../shared/api/methods-sync';
import type { AppInfo } from '../../shared/api/contract';
import type { Settings } from '../../shared/domain/settings';
import { trayStateFrom } from '../../electron/desktop/tray-controller';
import { trayMenuModel, trayStatusLine } from '../../electron/desktop/tray';
import { expectAxeClean } from './axe-check';
import { expect } from './fixtures/test';
import { worldTest } from './fixtures/world-test';
import { test as offboardingTest } from './fixtures/offboarding-test';
import { startFailureModesWorld } from './fixtures/failure-modes-world';
import { OffboardingUi } from './pages/offboarding-page';
import { LanyardApp } from './pages/lanyard-app';

const test = worldTest(startFailureModesWorld);

/** A contract call with the page's session cookie, as a script (or the tray, in process) would make it. */
const rpc = async <T>(page: Page, method: string, input: unknown = {}): Promise<T> => {
  const response = await page.request.post(new URL(`/api/rpc/${method}`, page.url()).href, { data: input });
  const body = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.value;
};

/** The tray's status line and menu, computed from the core's answers exactly as the desktop app does. */
const trayLines = async (page: Page) => {
  const [info, settings, summary, status] = await Promise.all([
    rpc<AppInfo>(page, 'app.info'),
    rpc<Settings>(page, 'settings.get'),
    rpc<StatusSummary>(page, 'status.summary'),
    rpc<SchedulerStatus>(page, 'sync.status'),
  ]);
  const state = trayStateFrom(info, settings, null, summary, status);
  const menu = trayMenuModel(state).items.flatMap((i) => (i.kind === 'status' ? [i.label] : []));
  return { line: trayStatusLine(state), menu, summary };
};

/** No sideways scrolling at the two laptop sizes, and axe clean in light and dark. */
const expectFitsAndAccessible = async (app: LanyardApp, where: string) => {
  for (const size of [
    { width: 1024, height: 700 },
    { width: 1280, height: 800 },
  ]) {
    await app.page.setViewportSize(size);
    // What sticks out past the window, named, so a failure says where to look (empty when the page fits).
    const wide = await app.page.evaluate(() =>
      document.documentElement.scrollWidth <= window.innerWidth
        ? []
        : [...document.querySelectorAll('main *')]
            .filter(
              (el) =>
                el.getBoundingClientRect().right > window.innerWidth + 1 &&
                el.parentElement!.getBoundingClientRect().right <= window.innerWidth + 1,
            )
            .slice(0, 3)
            .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
    );
    expect(wide, `${where} scrolls sideways at ${size.width}x${size.height}`).toEqual([]);
  }
  await expectAxeClean(app.page, where);
};

test('a directory that keeps failing is red with the same words on the Overview, the Sync page and the tray', async ({
  app,
  world,
}, testInfo) => {
  const page = app.page;
  await app.open();
  const health = page.getByRole('region', { name: 'Health' });
  await expect(health.getByText('All good')).toBeVisible();
  const before = await rpc<StatusSummary>(page, 'status.summary');
  expect(before.problems).toEqual([]);

  // The directory's API token is revoked: every Okta request from now on is refused.
  world.okta.faults.add({
    times: Infinity,
    fault: {
      kind: 'status',
      status: 401,
      body: { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] },
    },
  });
  const card = page.getByRole('region', { name: 'Directory and sync' });
  let id = before.lastRun?.id ?? 0;
  for (let i = 0; i < 3; i++) {
    id++;
    await card.getByRole('button', { name: 'Sync now' }).click();
    // The run's title says why it failed, never "0 applied, 0 held, 0 failed".
    await expect(card.getByRole('status')).toContainText(`Sync #${id} failed, nothing was changed:`, {
      timeout: 30_000,
    });
    await expect(card.getByRole('status')).not.toContainText('0 applied');
  }

  const { line, menu, summary } = await trayLines(page);
  const words = 'Acme Okta cannot be read: the last 3 reads failed';
  expect(summary.tone).toBe('error');
  expect(summary.headline).toBe(words);
  expect(summary.problems[0]!.since).not.toBeNull();
  expect(line).toBe(words);
  expect(menu[0]).toMatch(/^Acme Okta cannot be read: the last 3 reads failed \(since /);

  // The Overview: the banner, the Health card and the sync card say it with the same words, in red.
  const banner = page.getByTestId('status-problem').first();
  await expect(banner.getByRole('heading')).toHaveText(words);
  await expect(banner).toHaveAttribute('data-tone', 'error');
  await expect(banner).toContainText('Since ');
  await expect(health.getByText('Needs attention')).toBeVisible();
  await expect(health.getByRole('listitem').filter({ hasText: 'Directory' })).toContainText(words);
  await expect(health.getByRole('listitem').filter({ hasText: 'Directory' })).toContainText('Error');
  await expect(card.getByText('Failing')).toBeVisible();
  await expect(page.getByTestId('overview-directory')).toContainText(words);
  await expect(page.getByTestId('overview-last-run')).toContainText(
    `Sync #${id} failed, nothing was changed`,
  );
  await app.screenshot(testInfo, 'status-overview-directory-failing');
  await expectFitsAndAccessible(app, 'Overview with a failing directory');

  // The Sync page: the same banner and the scheduler card's directory line.
  await app.navigate('Sync');
  await expect(page.getByTestId('status-problem').first().getByRole('heading')).toHaveText(words);
  await expect(page.getByTestId('scheduler-directory')).toHaveText(words);
  await app.screenshot(testInfo, 'status-sync-directory-failing');
  await expectFitsAndAccessible(app, 'Sync page with a failing directory');

  // One more try from the Sync page: its outcome says why it failed, and every count moves on together.
  await page.getByRole('button', { name: 'Sync now', exact: true }).click();
  await page.getByRole('dialog', { name: 'Sync now?' }).getByRole('button', { name: 'Sync now' }).click();
  id++;
  await expect(page.getByTestId('sync-progress')).toContainText(`Sync #${id} failed, nothing was changed:`, {
    timeout: 30_000,
  });
  const four = 'Acme Okta cannot be read: the last 4 reads failed';
  await expect(page.getByTestId('status-problem').first().getByRole('heading')).toHaveText(four);
  await expect(page.getByTestId('scheduler-directory')).toHaveText(four);
  expect((await trayLines(page)).line).toBe(four);

  // The directory answers again: the next sync clears it everywhere.
  world.okta.faults.clear();
  await app.navigate('Overview');
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByRole('status')).toContainText(`Sync #${id + 1} succeeded`, { timeout: 30_000 });
  await expect(health.getByText('All good')).toBeVisible();
  await expect(page.getByTestId('status-problem')).toHaveCount(0);
  // The schedule of this workspace is paused (the test syncs by hand): that is all the tray has left to say.
  expect((await trayLines(page)).line).toBe('Syncing paused');
});

offboardingTest(
  'revocations waiting for approval and tasks to do by hand are counted apart on the Overview and in the tray',
  async ({ app, world }, testInfo) => {
    const ui = new OffboardingUi(app.page);
    await app.open();
    world.okta.state.setStatus(world.people.ana.id, 'DEPROVISIONED');
    await ui.syncNow();
    // GitHub requires review for Ana's removal; the office badge is handed back by hand.
    await expect(ui.overviewApprovals()).toHaveText('1');
    await expect(ui.overviewManualTasks()).toHaveText('1');
    const offboarding = app.page.getByRole('region', { name: 'Offboarding' });
    await expect(offboarding).toContainText('revocation waits for approval');
    await expect(offboarding).toContainText('task to do by hand');
    await expect(offboarding).not.toContainText('pending deprovision');

    const { menu, summary } = await trayLines(app.page);
    expect(summary.pending).toMatchObject({ approvals: { total: 1 }, manualTasks: 1, openCases: 1 });
    expect(menu.slice(0, 2)).toEqual(['1 revocation waits for approval', '1 task to do by hand']);
    await app.screenshot(testInfo, 'status-overview-pending-split');
    await expectFitsAndAccessible(app, 'Overview with approvals and tasks');
  },
);

/** The page may log failed requests to the core once it is stopped; anything else is still an error. */
const stoppable = test.extend<{ app: LanyardApp }>({
  app: async ({ page, server }, use) => {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      // Every request to a stopped core is refused (the API, the event stream, even the favicon).
      if (!msg.text().includes('net::ERR_CONNECTION_REFUSED'))
        problems.push(`console: ${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await use(new LanyardApp(page, server.url));
    expect(problems, 'the page logged errors').toEqual([]);
  },
});

stoppable(
  'when the core stops, the window says so and no green "Scheduled" stays on screen',
  async ({ app, server }, testInfo) => {
    const page = app.page;
    await app.open();
    await app.navigate('Sync');
    const scheduler = page.getByRole('region', { name: 'Scheduler' });
    await scheduler.getByRole('button', { name: 'Resume schedule' }).click();
    await expect(scheduler.getByText('Scheduled', { exact: true })).toBeVisible();
    await expect(page.getByTestId('core-lost')).toHaveCount(0);

    await server.stop();
    const lost = page.getByTestId('core-lost');
    await expect(lost).toContainText('Lanyard’s core is not responding', { timeout: 30_000 });
    await expect(lost).toContainText('Cannot reach the Lanyard core.');
    await expect(scheduler.getByText('Scheduled', { exact: true })).toHaveCount(0);
    await expect(scheduler.getByText('Unknown', { exact: true })).toBeVisible();
    await app.screenshot(testInfo, 'status-core-stopped');
    await expectFitsAndAccessible(app, 'Sync page with the core stopped');

    await app.navigate('Overview');
    await expect(lost).toBeVisible();
    await expect(page.getByRole('region', { name: 'Health' }).getByText('All good')).toHaveCount(0);
  },
);
