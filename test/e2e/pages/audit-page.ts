// Page object for the Audit page and the extra Settings sections, plus a typed RPC helper that acts as the
// browser's own session (page.request shares its cookie), so events it causes are recorded under the admin's name.
import { expect, type Locator, type Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';

export const rpc = async <K extends MethodName>(
  page: Page,
  method: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> => {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`${origin}/api/rpc/${method}`, { data: input });
  const body = (await response.json()) as ApiResult<MethodOutput<K>>;
  if (!body.ok) throw new Error(`${method} failed: ${body.error.code} ${body.error.message}`);
  return body.value;
};

export class AuditPageObject {
  constructor(readonly page: Page) {}

  get filters(): Locator {
    return this.page.getByRole('search', { name: 'Filter the audit ledger' });
  }

  filter(label: 'Person' | 'App' | 'Action' | 'Since' | 'Until'): Locator {
    return this.filters.getByLabel(label, { exact: true });
  }

  async applyFilters(): Promise<void> {
    await this.filters.getByRole('button', { name: 'Apply filters' }).click();
  }

  get list(): Locator {
    return this.page.getByRole('list', { name: 'Audit events, newest first' });
  }

  get rows(): Locator {
    return this.list.getByRole('listitem');
  }

  /** The disclosure button of each loaded row, in screen order. */
  get summaries(): Locator {
    return this.list.locator('.audit-summary');
  }

  async seqs(): Promise<number[]> {
    return (await this.summaries.evaluateAll((els) => els.map((el) => el.getAttribute('data-seq')))).map(
      Number,
    );
  }

  row(seq: number): Locator {
    return this.list.getByRole('listitem').filter({ has: this.page.locator(`[data-seq="${seq}"]`) });
  }

  async waitLoaded(): Promise<void> {
    await expect(this.page.getByText('Loading the ledger…')).toHaveCount(0);
  }
}
