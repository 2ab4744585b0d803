// Accessibility promise (issue #7): axe finds no serious or critical WCAG 2.1 A/AA violation on any page, in the
// light and the dark color scheme (contrast differs), with real content on screen and the dialogs open. The data is
// the Offboarding world (people, apps, rules, runs, a case, audit events), served by a real `lanyard serve`.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/offboarding-test';
import { test as firstRunTest } from './fixtures/test';
import { AuditPageObject } from './pages/audit-page';
import type { LanyardApp } from './pages/lanyard-app';
import { OffboardingUi } from './pages/offboarding-page';
import { PeoplePageObject } from './pages/people-page';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One axe pass over what is on screen; a readable line per serious or critical violation and node. */
const seriousViolations = async (page: Page, where: string): Promise<string[]> => {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `[${where}] ${v.id} (${v.impact ?? '?'}): ${v.help}\n` +
        v.nodes
          .map(
            (n) =>
              `    ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`,
          )
          .join('\n'),
    );
};

/** Opens a page fresh from its address (no dialog left over from the previous one) and waits until it is ready. */
const visit = async (app: LanyardApp, hash: string): Promise<void> => {
  await app.page.goto(`${new URL(app.page.url()).origin}/${hash}`);
  await app.reload();
};

/** Each page with the state worth checking: its content loaded and, where it has one, its dialog open. */
const PAGES: { name: string; show(app: LanyardApp): Promise<void> }[] = [
  {
    name: 'Overview',
    show: async (app) => {
      await visit(app, '#/');
      await expect(new OffboardingUi(app.page).overviewApprovals()).toHaveText('1');
      await expect(new OffboardingUi(app.page).overviewManualTasks()).toHaveText('1');
    },
  },
  {
    name: 'People',
    show: async (app) => {
      await visit(app, '#/people');
      await new PeoplePageObject(app.page).waitLoaded(6);
    },
  },
  {
    name: 'People, person panel open',
    show: async (app) => {
      const people = new PeoplePageObject(app.page);
      await people.rows.first().focus();
      await app.page.keyboard.press('Enter');
      await expect(people.panel.getByRole('region', { name: 'Apps and why' })).toBeVisible();
    },
  },
  {
    name: 'Apps',
    show: async (app) => {
      await visit(app, '#/apps');
      await expect(app.page.getByText('Office badge').first()).toBeVisible();
    },
  },
  {
    name: 'Apps, add-app dialog open',
    show: async (app) => {
      await app.page.getByRole('button', { name: 'Add app', exact: true }).click();
      await expect(app.page.getByRole('form', { name: 'Add an app' })).toBeVisible();
    },
  },
  {
    name: 'Access rules, rule dialog open',
    show: async (app) => {
      await visit(app, '#/rules');
      await app.page.getByRole('button', { name: 'Add rule' }).click();
      await expect(app.page.getByRole('dialog', { name: 'Add a rule' })).toBeVisible();
    },
  },
  {
    name: 'Sync, after a preview',
    show: async (app) => {
      await visit(app, '#/sync');
      await app.page.getByRole('button', { name: 'Preview', exact: true }).click();
      await expect(app.page.getByTestId('sync-plan')).toBeVisible();
    },
  },
  {
    name: 'Offboarding',
    show: async (app) => {
      await visit(app, '#/offboarding');
      await expect(new OffboardingUi(app.page).caseCard(/Ana Leaver/)).toBeVisible();
    },
  },
  {
    name: 'Offboarding, Offboard dialog open',
    show: async (app) => {
      await visit(app, '#/offboarding?new=1');
      const dialog = new OffboardingUi(app.page).dialog();
      await dialog.getByLabel('Who is leaving?').fill('ben');
      await dialog.getByRole('option', { name: /Ben Urgent/ }).click();
      await expect(dialog.getByRole('table', { name: 'Tasks this offboard creates' })).toBeVisible();
    },
  },
  {
    name: 'Audit, a row expanded',
    show: async (app) => {
      await visit(app, '#/audit');
      const audit = new AuditPageObject(app.page);
      await audit.waitLoaded();
      await audit.summaries.first().click();
      await expect(audit.summaries.first()).toHaveAttribute('aria-expanded', 'true');
    },
  },
  {
    name: 'Settings',
    show: async (app) => {
      await visit(app, '#/settings');
      await app.waitSettingsLoaded();
    },
  },
  {
    name: 'Setup',
    show: async (app) => {
      await visit(app, '#/setup');
      await expect(app.heading()).toHaveText('Set up Lanyard');
    },
  },
];

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical accessibility violation on any page (${colorScheme})`, async ({
    app,
    world,
  }) => {
    test.setTimeout(180_000);
    await app.page.emulateMedia({ colorScheme });
    await app.open();
    // A leaver in the directory, picked up by Sync now: an open case, runs and audit events to show.
    world.okta.state.setStatus(world.people.ana.id, 'DEPROVISIONED');
    await new OffboardingUi(app.page).syncNow();

    const found: string[] = [];
    for (const { name, show } of PAGES) {
      await test.step(name, async () => {
        await show(app);
        found.push(...(await seriousViolations(app.page, name)));
      });
    }
    expect(found, `axe found serious or critical violations:\n${found.join('\n')}`).toEqual([]);
  });
}

// A brand-new installation looks different: the setup banner on Overview and the setup page's empty directory form.
for (const colorScheme of ['light', 'dark'] as const) {
  firstRunTest(
    `no serious or critical accessibility violation on first run (${colorScheme})`,
    async ({ app }) => {
      await app.page.emulateMedia({ colorScheme });
      await app.open();
      await expect(app.page.getByRole('complementary', { name: 'Setup' })).toBeVisible();
      const found = await seriousViolations(app.page, 'Overview, first run');
      await visit(app, '#/setup');
      await expect(app.page.getByRole('form', { name: 'Directory connection' })).toBeVisible();
      found.push(...(await seriousViolations(app.page, 'Setup, first run')));
      expect(found, `axe found serious or critical violations:\n${found.join('\n')}`).toEqual([]);
    },
  );
}
