// The run history (issue #16 item 11) in Chromium against `lanyard serve`: polls that found nothing to do — here
// thirty quiet minutes as the scheduler records them — are hidden behind "Show polls with no changes" with their
// count, and a run opens in full: who started it, the directory read, per-app counts, every change with its label,
// outcome and reason, and the ledger events (links to the Audit page). Axe-clean in light and dark; no sideways
// scroll at 1024×700 or 1280×800.
import path from 'node:path';
import Database from 'better-sqlite3';
import { expectAxeClean } from './axe-check';
import { expect } from './fixtures/test';
import { expectFitsLaptops, reviewsWorldTest } from './fixtures/reviews-world-test';

/** What the scheduler writes for a poll that found nothing to do (electron/sync/engine/runs-repo.ts). */
const quietPolls = (dataDir: string, n: number): void => {
  const db = new Database(path.join(dataDir, 'lanyard.db'));
  try {
    const stats = JSON.stringify({
      durationMs: 35,
      opsByKind: {},
      planned: 0,
      applied: 0,
      failed: 0,
      held: 0,
      skipped: 0,
      directory: { mode: 'delta', people: 0, requests: 1, suspicious: false },
      apps: {},
    });
    const insert = db.prepare(
      `INSERT INTO runs (kind, trigger, status, started_at, finished_at, stats) VALUES ('poll', 'schedule', 'ok', ?, ?, ?)`,
    );
    for (let i = 0; i < n; i++) {
      const at = new Date(Date.now() - (n - i) * 60_000).toISOString();
      insert.run(at, at, stats);
    }
  } finally {
    db.close();
  }
};

const test = reviewsWorldTest((world) => quietPolls(world.dataDir, 30));

test('hides polls with no changes, shows them on request, and opens a run in full', async ({ app }) => {
  test.setTimeout(120_000);
  const page = app.page;
  await app.open();
  await app.navigate('Sync');
  const history = page.getByTestId('run-history');
  // Only the sync that created the accounts; the thirty quiet polls are counted, not listed.
  await expect(history.getByRole('rowheader')).toHaveCount(1);
  await expect(page.getByTestId('hidden-polls')).toHaveText('30 polls with no changes hidden');
  await page.getByLabel('Show polls with no changes').check();
  await expect(history.getByRole('rowheader')).toHaveCount(31);
  await expect(page.getByTestId('hidden-polls')).toHaveText('');
  await page.getByLabel('Show polls with no changes').uncheck();
  await expect(history.getByRole('rowheader')).toHaveCount(1);

  await history.getByRole('button', { name: /manual/ }).click();
  const detail = page.getByRole('region', { name: /^Run #\d+$/ });
  await expect(detail).toContainText('Started by');
  await expect(detail.getByRole('table', { name: 'Per app' })).toContainText('Acme');
  const ops = detail.getByRole('table', { name: /changes?$/ });
  await expect(ops).toContainText('ana.admin@acme.test');
  await expect(ops.getByText('Done').first()).toBeVisible();
  await expect(page).toHaveURL(/run=\d+/);
  await expectAxeClean(page, 'run detail');
  await expectFitsLaptops(page, 'the run detail');

  // Each change links to the ledger events that record it.
  await ops
    .getByRole('link', { name: /^#\d+$/ })
    .first()
    .click();
  await expect(app.heading()).toHaveText('Audit');
  await expect(page).toHaveURL(/#\/audit\?app=acme&since=.+&until=/);
  await expect(page.getByRole('button', { name: /op\.applied acme/ }).first()).toBeVisible();
});
