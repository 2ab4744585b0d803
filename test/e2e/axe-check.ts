// One axe pass over what is on screen (WCAG 2.1 A/AA, serious and critical only), as the accessibility spec does,
// for the specs that check their own new views in light and dark.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const expectAxeClean = async (page: Page, where: string): Promise<void> => {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    const found = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `[${where}, ${colorScheme}] ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`,
      );
    expect(found, `axe found serious or critical violations:\n${found.join('\n')}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
};
