// Page object for the People page: the grid, its search and filters, and the person panel.
import { expect, type Locator, type Page } from '@playwright/test';

export class PeoplePageObject {
  constructor(readonly page: Page) {}

  get grid(): Locator {
    return this.page.getByRole('grid', { name: /^People/ });
  }

  /** Body rows only (the header row has aria-rowindex 1). */
  get rows(): Locator {
    return this.grid.locator('[role="row"]:not([aria-rowindex="1"])');
  }

  row(name: string): Locator {
    return this.grid.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  get search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search' });
  }

  get status(): Locator {
    return this.page.getByLabel('Status', { exact: true });
  }

  get count(): Locator {
    return this.page.locator('.people-count');
  }

  /** The person panel (a non-modal dialog); the offboard confirmation is another, modal, dialog. */
  get panel(): Locator {
    return this.page.getByRole('dialog').and(this.page.locator('aside'));
  }

  async waitLoaded(people: number): Promise<void> {
    await expect(this.grid).toHaveAttribute('aria-rowcount', String(people + 1));
    await expect(this.rows.first()).toBeVisible();
  }

  /** The grid's scroll area, for scrolling like a mouse wheel or scroll bar would. */
  get scroller(): Locator {
    return this.page.locator('.people-grid-scroll');
  }
}
