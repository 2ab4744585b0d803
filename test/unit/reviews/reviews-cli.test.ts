// `lanyard reviews …` through the CLI's main(), on a data folder a real core synced against the Okta and SCIM
// fakes: start, list, show, export a reviewer's sheet to a file, import it back (refused row by row, exit 1, nothing
// recorded; re-import a no-op), decide, apply (a preview first), close (revokes through the gate; held → exit 1)
// and the report in each format. Exit codes: 0 ok, 1 refused / held / failed, 2 bad usage or input.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewCampaignView, ReviewItemView, ReviewReport } from '../../../shared/api/methods-reviews';
import { appConfigSchema } from '../../../shared/config/workspace';
import { runInProcess } from '../cli/run-cli';
import { TEST_ENGINE } from '../../helpers/test-database';
import { tempDirForTest } from '../../helpers/temp-dir';
import { configure, openTestCore, scimUsers, startWorld, worldEnv, type World } from '../sync-engine/kit';

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const env = { ...worldEnv(), LANYARD_LOG_LEVEL: 'error' };
const json = <T>(r: { stdout: string }): T => (JSON.parse(r.stdout) as { value: T }).value;
const OWNER = 'user0@example.com';

/** 30 people synced into Acme (owned by user0), then the core closed: the CLI opens the folder itself. */
const setUp = async () => {
  world = await startWorld(30, { github: false });
  const dataDir = tempDirForTest('reviews-cli');
  const tc = openTestCore(dataDir);
  await configure(tc.core, world);
  const ws = tc.core.context.repos.workspace;
  await ws.setApps(
    (await ws.listApps()).map((a) => appConfigSchema.parse(a.id === 'acme' ? { ...a, owner: OWNER } : a)),
  );
  await tc.call('sync.run', {});
  tc.close();
  const cli = (...args: string[]) => runInProcess([...args, '--data-dir', dataDir], { env });
  const started = await cli(
    'reviews',
    'start',
    '--name',
    'Q1 2027',
    '--due',
    '2099-03-31',
    '--app',
    'acme',
    '--assign',
    'owner',
    '--fallback',
    'it@example.com',
    '--json',
  );
  expect(started.code).toBe(0);
  const campaign = json<ReviewCampaignView>(started);
  const items = async (...filter: string[]) =>
    json<{ items: ReviewItemView[] }>(
      await cli('reviews', 'show', String(campaign.id), '--items', ...filter, '--json'),
    ).items;
  return { w: world, dataDir, cli, id: String(campaign.id), campaign, items };
};

const active = (w: World): number => scimUsers(w).filter((u) => u.active !== false).length;

// The CLI opens a desktop data folder (SQLite) by itself; on the PostgreSQL project the same API is covered through
// the core (campaign.test.ts and the others in this folder).
describe.skipIf(TEST_ENGINE === 'postgres')('lanyard reviews', () => {
  it('starts a campaign, lists and shows it with each reviewer’s progress; bad usage exits 2 and starts nothing', async () => {
    const { cli, id, campaign, items } = await setUp();
    expect(campaign.counts.items).toBe(30);
    expect(campaign.reviewers.map((r) => [r.reviewer, r.items])).toEqual([
      ['it@example.com', 1], // the owner's own account goes to the fallback
      [OWNER, 29],
    ]);
    const missing = await cli('reviews', 'start', '--name', 'X', '--due', '2099-01-01');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--name, --due and --fallback are required\nusage: lanyard reviews start/);
    const unknownApp = await cli(
      'reviews',
      'start',
      '--name',
      'X',
      '--due',
      '2099-01-01',
      '--fallback',
      'it@example.com',
      '--app',
      'nope',
    );
    expect([unknownApp.code, unknownApp.stderr]).toEqual([
      2,
      'lanyard: apps: no app with id "nope" in the workspace\n',
    ]);
    const badDue = await cli(
      'reviews',
      'start',
      '--name',
      'X',
      '--due',
      '2099-13-45',
      '--fallback',
      'it@example.com',
    );
    expect(badDue.code).toBe(2);
    expect(badDue.stderr).toMatch(/dueAt: "2099-13-45" is not a date \(expected e\.g\. 2027-03-31\)/);

    const list = await cli('reviews', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual([
      `#${id} Q1 2027 — open, due 2099-03-31; 0 of 30 items decided, 0 revoke, 0 role change, 0 carried out`,
    ]);
    const show = await cli('reviews', 'show', id);
    expect(show.stdout).toMatch(
      /REVIEWER +ITEMS +DECIDED +OPEN\n +it@example.com +1 +0 +1\n +user0@example.com +29 +0 +29/,
    );
    const own = await items('--reviewer', 'it@example.com');
    expect(own.map((i) => [i.person, i.reviewerBasis])).toEqual([[OWNER, 'self']]);
    expect((await cli('reviews', 'show', '999')).code).toBe(2);
    expect((await cli('reviews', 'show', 'abc')).code).toBe(2);
  });

  it('exports a reviewer’s sheet to a file; a tampered sheet is refused row by row (exit 1, nothing recorded); the returned sheet records once', async () => {
    const { dataDir, cli, id, items } = await setUp();
    const file = path.join(dataDir, 'sheet-user0.csv');
    const exported = await cli('reviews', 'export', id, '--reviewer', OWNER, '--out', file);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(`Wrote ${OWNER}'s sheet of 29 items to ${file} (csv).\n`);
    expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.partial'))).toEqual([]);

    const rows = parse(fs.readFileSync(file, 'utf8'), { bom: true }) as string[][];
    const head = rows[0]!;
    const col = (name: string) => head.findIndex((h) => h.startsWith(name));
    const body = rows.slice(1).map((r) => [...r]);
    body[0]![col('decision')] = 'revoke';
    body[0]![col('comment')] = 'left the project';
    body[1]![col('decision')] = 'keep';
    body[2]![col('decision')] = 'remove'; // not a decision
    body[3]![col('account')] = 'someone-else@example.com'; // an account column changed
    const tampered = path.join(dataDir, 'returned-bad.csv');
    fs.writeFileSync(tampered, stringify([head, ...body]));
    const refused = await cli('reviews', 'import', tampered);
    expect(refused.code).toBe(1);
    expect(refused.stdout.split('\n').slice(0, 3)).toEqual([
      'The sheet was refused: 2 rows in error, so nothing was recorded.',
      `  row 4 (item ${body[2]![col('item')]}): unknown decision "remove": expected keep, revoke, change-role, not-mine (or blank to leave it open)`,
      `  row 5 (item ${body[3]![col('item')]}): the account columns were changed (they must stay as exported)`,
    ]);
    expect((await items('--state', 'decided')).length).toBe(0);

    body[2]![col('decision')] = 'keep';
    body[3] = rows[4]!;
    const returned = path.join(dataDir, 'returned.csv');
    fs.writeFileSync(returned, stringify([head, ...body]));
    const dry = await cli('reviews', 'import', returned, '--dry-run');
    expect([dry.code, dry.stdout]).toEqual([
      0,
      'The sheet is valid: 3 decisions would be recorded, 26 unchanged or blank. Nothing was recorded (--dry-run).\n',
    ]);
    expect((await items('--state', 'decided')).length).toBe(0);
    const ok = await cli('reviews', 'import', returned, '--json');
    expect(json<{ ok: boolean; recorded: number }>(ok)).toMatchObject({ ok: true, recorded: 3 });
    const again = await cli('reviews', 'import', returned);
    expect(again.stdout).toMatch(/: 0 decisions recorded, 29 unchanged or blank/);
    const decided = await items('--state', 'decided');
    expect(decided.map((i) => [i.decision!.decision, i.decision!.source, i.decision!.comment])).toEqual([
      ['revoke', 'sheet', 'left the project'],
      ['keep', 'sheet', null],
      ['keep', 'sheet', null],
    ]);

    // A missing file, or an --out that cannot be written: exit 2, nothing left behind.
    expect((await cli('reviews', 'import', path.join(dataDir, 'nope.csv'))).code).toBe(2);
    const nowhere = path.join(dataDir, 'no-such-dir', 'sheet.csv');
    const failed = await cli('reviews', 'export', id, '--reviewer', OWNER, '--out', nowhere);
    expect(failed.code).toBe(2);
    expect(fs.existsSync(path.dirname(nowhere))).toBe(false);
    const html = await cli('reviews', 'export', id, '--reviewer', OWNER, '--format', 'html');
    expect(html.stdout).toMatch(/^<!doctype html>[\s\S]*Reviewer: user0@example.com/);
    expect((await cli('reviews', 'export', id, '--reviewer', 'nobody@example.com')).code).toBe(2);
  });

  it('decides from the command line; apply previews without --yes; close revokes through the gate (held above the limit: exit 1); the report in every format', async () => {
    const { w, dataDir, cli, id, items } = await setUp();
    const all = (await items()).filter((i) => i.person !== OWNER);
    const two = all.slice(0, 2).map((i) => String(i.id));
    expect((await cli('reviews', 'decide', id, ...two, '--decision', 'approve')).code).toBe(2);
    expect((await cli('reviews', 'decide', id, two[0]!, '--decision', 'change-role')).code).toBe(2);
    const decided = await cli(
      'reviews',
      'decide',
      id,
      ...two,
      '--decision',
      'revoke',
      '--comment',
      'no longer needed',
    );
    expect(decided.code).toBe(0);
    expect(decided.stdout).toMatch(/^Recorded 2, unchanged 0\./);

    const before = active(w);
    const preview = await cli('reviews', 'apply', id);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/Applying would propose 2 changes to the gate/);
    expect(preview.stdout).toMatch(/Nothing was changed\. Run again with --yes/);
    expect(active(w)).toBe(before);
    const applied = await cli('reviews', 'apply', id, '--yes');
    expect([applied.code, active(w)]).toEqual([0, before - 2]);
    expect(applied.stdout).toMatch(/Proposed 2 changes to the gate \(run \d+\): 2 done, 0 held/);
    expect(applied.stdout).toMatch(/exception: user\d+@example.com keeps no access to Acme from the rules/);

    // Twelve more revokes exceed the limit of 10 per run: closing holds them all, and exits 1.
    const twelve = all.slice(2, 14).map((i) => String(i.id));
    expect((await cli('reviews', 'decide', id, ...twelve, '--decision', 'revoke')).code).toBe(0);
    const closed = await cli('reviews', 'close', id, '--yes');
    expect(closed.code).toBe(1);
    expect(closed.stdout).toMatch(/12 held for review/);
    expect(closed.stdout).toMatch(/Ledger head at closing: seq \d+, hash [0-9a-f]{64}/);
    expect(active(w)).toBe(before - 2);
    expect((await cli('reviews', 'close', id, '--yes')).code).toBe(1); // already closed: a conflict
    expect((await cli('reviews', 'decide', id, two[0]!, '--decision', 'keep')).code).toBe(1);

    const out = (f: string) => path.join(dataDir, `report.${f}`);
    for (const format of ['json', 'csv', 'html'])
      expect((await cli('reviews', 'report', id, '--format', format, '--out', out(format))).code).toBe(0);
    const report = JSON.parse(fs.readFileSync(out('json'), 'utf8')) as ReviewReport;
    expect(report.status).toBe('closed');
    expect(report.items.filter((i) => i.outcome === 'done').map((i) => i.comment)).toEqual([
      'no longer needed',
      'no longer needed',
    ]);
    expect(report.open.notCarriedOut).toHaveLength(12);
    const csv = parse(fs.readFileSync(out('csv'), 'utf8'), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(csv.filter((r) => r.outcome === 'done')).toHaveLength(2);
    expect(csv.find((r) => r.outcome === 'done')!.ops).toMatch(/^op \d+ deactivate done \(ledger \d+/);
    expect(fs.readFileSync(out('html'), 'utf8')).toContain(report.ledgerAnchor!.hash);
    expect((await cli('reviews', 'report', id, '--format', 'pdf')).code).toBe(2);
  });
});
