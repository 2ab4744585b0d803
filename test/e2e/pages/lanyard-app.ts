// Page object for the Lanyard renderer: the selectors live here so the specs read as user steps.
import path from 'node:path';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

export const NAV_PAGES = [
  { label: 'Overview', hash: '#/', shot: 'overview' },
  { label: 'People', hash: '#/people', shot: 'people' },
  { label: 'Apps', hash: '#/apps', shot: 'apps' },
  { label: 'Access rules', hash: '#/rules', shot: 'access-rules' },
  { label: 'Sync', hash: '#/sync', shot: 'sync' },
  { label: 'Offboarding', hash: '#/offboarding', shot: 'offboarding' },
  { label: 'Tasks', hash: '#/tasks', shot: 'tasks' },
  { label: 'Access reviews', hash: '#/reviews', shot: 'access-reviews' },
  { label: 'Audit', hash: '#/audit', shot: 'audit' },
  { label: 'Settings', hash: '#/settings', shot: 'settings' },
] as const;

export type NavLabel = (typeof NAV_PAGES)[number]['label'];

export class LanyardApp {
  constructor(
    readonly page: Page,
    private readonly url: string,
  ) {}

  /** Opens the printed address (which trades the token for a session cookie) and waits for the first app.info. */
  async open(): Promise<void> {
    await this.page.goto(this.url);
    await this.waitReady();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitReady();
  }

  async waitReady(): Promise<void> {
    const settled = this.page.locator('[data-app-state="ready"], [data-app-state="error"]');
    await expect(settled).toHaveCount(1);
    await expect(settled, await settled.innerText()).toHaveAttribute('data-app-state', 'ready');
  }

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  heading(): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 1 });
  }

  /** Goes to a page the keyboard way: focus its link, press Enter. */
  async navigate(label: NavLabel): Promise<void> {
    const link = this.nav.getByRole('link', { name: label, exact: true });
    await link.focus();
    await this.page.keyboard.press('Enter');
    await expect(link).toHaveAttribute('aria-current', 'page');
    await expect(this.heading()).toHaveText(label);
  }

  /** Saves test-results/pages/<name>.png; whole page unless a modal is open (the viewport then shows it best). */
  async screenshot(testInfo: TestInfo, name: string, { fullPage = true } = {}): Promise<void> {
    // A full-page capture keeps the current scroll offset for the sticky sidebar, so start from the top.
    if (fullPage) await this.page.evaluate(() => window.scrollTo(0, 0));
    await this.page.screenshot({
      path: path.join(testInfo.project.outputDir, 'pages', `${name}.png`),
      fullPage,
    });
  }

  // Settings

  /** The forms are rendered (disabled, empty) before settings.get answers; screenshots want the filled state. */
  async waitSettingsLoaded(): Promise<void> {
    await expect(this.field('Max deprovisions per run')).not.toHaveValue('');
    await expect(this.page.getByText('Loading secrets…')).toHaveCount(0);
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  secretRow(name: string): Locator {
    return this.page.locator('tr', { has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  async setSecret(name: string, value: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Set a secret' });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Value', { exact: true }).fill(value);
    await form.getByRole('button', { name: 'Save secret' }).click();
    await expect(form.getByRole('status')).toHaveText(`Saved ${name} to the keychain.`);
  }

  async saveGuardrails(): Promise<Locator> {
    const section = this.page.getByRole('form', { name: 'Guardrails' });
    await section.getByRole('button', { name: 'Save guardrails' }).click();
    return section.getByRole('status');
  }
}
