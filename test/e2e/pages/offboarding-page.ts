// Page object for the Offboarding page, the Offboard dialog and the Overview cards: selectors live here so the
// specs read as an admin's steps.
import { expect, type Locator, type Page } from '@playwright/test';

export class OffboardingUi {
  constructor(readonly page: Page) {}

  pendingCount(): Locator {
    return this.page.getByTestId('pending-count');
  }

  caseCard(name: string | RegExp): Locator {
    return this.page
      .getByTestId('offboarding-case')
      .filter({ has: this.page.getByRole('heading', { name }) });
  }

  task(card: Locator, text: string | RegExp): Locator {
    return card.getByTestId('offboarding-task').filter({ hasText: text });
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** Overview: Sync now, then the run's one-line result. */
  async syncNow(): Promise<void> {
    const card = this.page.getByRole('region', { name: 'Directory and sync' });
    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card.getByRole('status')).toContainText(/Sync #\d+/, { timeout: 30_000 });
  }

  /** Overview: revocations waiting for approval (a decision), apart from tasks to do by hand (work). */
  overviewApprovals(): Locator {
    return this.page.getByTestId('overview-approvals');
  }

  overviewManualTasks(): Locator {
    return this.page.getByTestId('overview-manual-tasks');
  }
}
