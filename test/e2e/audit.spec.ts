// Audit promises: what the admin does is in the ledger, newest first and attributed to the admin by name (the OS
// user's, as `audit.actor` says, until one is set in Settings); filters narrow it and
// live in the URL (a filtered view survives a reload and can be bookmarked); a row opens to its before/after;
// the chain verifies; an export downloads exactly the rows the ledger holds.
import fs from 'node:fs/promises';
import { expect, test } from './fixtures/test';
import { AuditPageObject, rpc } from './pages/audit-page';
import type { LanyardApp } from './pages/lanyard-app';

const WORKSPACE = `
apps:
  - id: badge
    name: Office badge
    kind: manual
guardrails:
  maxDeprovisionsPerRun: 6
offboarding:
  checklist: [Collect laptop]
`;

/** A small history made the way the UI makes it: settings twice, a secret set and deleted, a workspace import. */
const makeHistory = async (app: LanyardApp): Promise<void> => {
  await rpc(app.page, 'settings.set', { guardrails: { maxDeprovisionsPerRun: 5 } });
  await rpc(app.page, 'settings.set', { schedule: { pollSeconds: 120 } });
  await rpc(app.page, 'secrets.set', { name: 'audit-e2e', value: 'not-a-real-token' });
  await rpc(app.page, 'secrets.delete', { name: 'audit-e2e' });
  await rpc(app.page, 'config.apply', { yaml: WORKSPACE });
};

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; rows end in CRLF. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
};

test('explains what gets recorded while the ledger is empty', async ({ app }, testInfo) => {
  await app.open();
  await app.navigate('Audit');
  const audit = new AuditPageObject(app.page);
  await audit.waitLoaded();
  await expect(app.page.getByText('Nothing recorded yet.')).toBeVisible();
  await expect(app.page.getByText('a secret is set or deleted', { exact: false })).toBeVisible();
  await app.screenshot(testInfo, 'audit-empty');
});

test('lists what the admin did newest first, filters by action from the URL, and opens a row', async ({
  app,
}, testInfo) => {
  await app.open();
  await makeHistory(app);
  await app.navigate('Audit');
  const audit = new AuditPageObject(app.page);
  await audit.waitLoaded();

  await expect(audit.rows).toHaveCount(5);
  expect(await audit.seqs()).toEqual([5, 4, 3, 2, 1]);
  await expect(audit.summaries.first()).toContainText('config.applied');
  await expect(audit.summaries.last()).toContainText('settings.changed');
  const { actor } = await rpc(app.page, 'audit.actor', {});
  expect(actor).not.toBe('ui');
  for (const summary of await audit.summaries.all())
    await expect(summary.locator('.audit-actor')).toHaveText(actor);
  await app.screenshot(testInfo, 'audit-list');

  // Filter by action prefix: only the two secret events, and the filter is in the address.
  await audit.filter('Action').selectOption({ label: 'Any secret change' });
  await audit.applyFilters();
  await expect(audit.rows).toHaveCount(2);
  expect(await audit.seqs()).toEqual([4, 3]);
  await expect(audit.summaries.nth(0)).toContainText('secret.deleted');
  await expect(audit.summaries.nth(1)).toContainText('secret.set');
  expect(new URL(app.page.url()).hash).toBe('#/audit?action=secret.*');

  // A bookmark of the filtered view opens filtered.
  await app.reload();
  await audit.waitLoaded();
  await expect(audit.filter('Action').locator('option:checked')).toHaveText('Any secret change');
  await expect(audit.rows).toHaveCount(2);

  // A time the core cannot read is shown under its field.
  await audit.filter('Since').fill('last tuesday');
  await audit.applyFilters();
  await expect(audit.filter('Since')).toHaveAttribute('aria-invalid', 'true');
  await expect(audit.filter('Since')).toHaveAccessibleDescription(/not a date, time or age/);
  await app.screenshot(testInfo, 'audit-filter-error');

  await audit.filters.getByRole('button', { name: 'Clear' }).click();
  await expect(audit.rows).toHaveCount(5);
  expect(new URL(app.page.url()).hash).toBe('#/audit');

  // The first settings change opens to its redacted before/after and its hashes; the keyboard can do it.
  const first = audit.row(1);
  const toggle = first.getByRole('button');
  await toggle.focus();
  await app.page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const details = first.getByRole('region', { name: 'Details of event 1' });
  await expect(details.getByLabel('Before (JSON)')).toContainText('"maxDeprovisionsPerRun": 10');
  await expect(details.getByLabel('After (JSON)')).toContainText('"maxDeprovisionsPerRun": 5');
  await expect(details).toContainText('Previous hash');
  await expect(details.locator('.audit-hash').first()).toHaveText(/^[0-9a-f]{64}$/);
  // ↑ from the last row moves focus to the one above it.
  await app.page.keyboard.press('ArrowUp');
  await expect(audit.row(2).getByRole('button')).toBeFocused();
  await first.scrollIntoViewIfNeeded();
  await app.screenshot(testInfo, 'audit-expanded');

  // Verify: OK, every event counted, the head hash offered for copying.
  await app.page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(app.page.getByText('Chain intact: 5 events verified.')).toBeVisible();
  await expect(app.page.locator('.audit-head-hash code')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(app.page.getByRole('button', { name: 'Copy head hash' })).toBeVisible();
  await app.screenshot(testInfo, 'audit-verified');
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot(testInfo, 'audit-verified-dark');
});

test('exports a CSV whose rows are the ledger’s events', async ({ app }, testInfo) => {
  await app.open();
  await makeHistory(app);
  await app.navigate('Audit');
  const audit = new AuditPageObject(app.page);
  await audit.waitLoaded();
  await expect(audit.rows).toHaveCount(5);
  const ledger = (await rpc(app.page, 'audit.list', {})).events;

  const download = app.page.waitForEvent('download');
  await app.page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^lanyard-audit-.*\.csv$/);
  const rows = parseCsv(await fs.readFile(await file.path(), 'utf8'));
  const [header, ...data] = rows;
  expect(header).toEqual([
    'seq',
    'at',
    'actor',
    'action',
    'app',
    'person',
    'run',
    'case',
    'before',
    'after',
    'result',
    'prev_hash',
    'hash',
    'person_name',
    'person_email',
  ]);
  // Oldest first in the file; the same events, field for field, as the ledger's newest-first list.
  const expected = [...ledger].reverse();
  expect(data).toHaveLength(expected.length);
  data.forEach((row, i) => {
    const e = expected[i]!;
    expect(row[0]).toBe(String(e.seq));
    expect(row[1]).toBe(e.at);
    expect(row[2]).toBe(e.actor);
    expect(row[3]).toBe(e.action);
    expect(row[8] ? JSON.parse(row[8]) : null).toEqual(e.before);
    expect(row[9] ? JSON.parse(row[9]) : null).toEqual(e.after);
    expect(row[10]).toBe(e.result);
    expect(row[12]).toBe(e.hash);
  });
  await expect(app.page.getByText(/Downloaded 5 events as lanyard-audit-/)).toBeVisible();

  // With a filter, the export holds only what the filter shows.
  await audit.filter('Action').selectOption({ label: 'Settings changed' });
  await audit.applyFilters();
  await expect(audit.rows).toHaveCount(2);
  const filteredDownload = app.page.waitForEvent('download');
  await app.page.getByRole('button', { name: 'Export JSON' }).click();
  const json = JSON.parse(await fs.readFile(await (await filteredDownload).path(), 'utf8')) as {
    seq: number;
    action: string;
  }[];
  expect(json.map((e) => [e.seq, e.action])).toEqual([
    [1, 'settings.changed'],
    [2, 'settings.changed'],
  ]);
  await app.screenshot(testInfo, 'audit-exported');
});
