// Recurring access reviews (workspace `reviews:`): the scheduler starts one campaign per period — not a second
// one after a restart, nor from a second process — and reviews.status says which definitions are due meanwhile.
// The clock is the core's own (a fake one here); the scheduler runs for real against the loopback fakes.
import { describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../../electron/app/clock';
import { createCampaignsRepo } from '../../../electron/reviews/campaigns-repo';
import { periodOf } from '../../../electron/reviews/recurring';
import { createWorkspaceReviewsRepo } from '../../../electron/reviews/workspace-reviews-repo';
import { reviewDefinitionSchema } from '../../../shared/config/reviews-schema';
import { openTestCore, worldPerTest, type TestCore } from '../sync-engine/kit';

const setup = worldPerTest();

const fakeClock = (iso: string) => {
  let now = Date.parse(iso);
  const clock: Clock = { now: () => new Date(now) };
  return { clock, set: (at: string) => void (now = Date.parse(at)) };
};

/**
 * Runs the scheduler until its first scheduled run is over (done, or failed: a second process finds the run lock
 * taken), then stops it, which waits for the duties that follow the run.
 */
const oneScheduledRound = async (t: TestCore): Promise<void> => {
  let ran = false;
  t.core.events.subscribe((e) => {
    if (e.event === 'sync.planned' || e.event === 'sync.finished') ran = true;
  });
  t.core.sync.startScheduler();
  await vi.waitFor(() => expect(ran || t.logs.some((l) => l.includes('scheduled run failed'))).toBe(true), {
    timeout: 20_000,
    interval: 20,
  });
  await t.core.sync.stopScheduler();
};

const quarterly = reviewDefinitionSchema.parse({
  id: 'soc2',
  name: 'SOC 2 access review',
  every: 'quarter',
  dueDays: 14,
  apps: ['acme'],
  assign: ['owner'],
  fallback: 'it@example.com',
});

describe('calendar periods of recurring reviews', () => {
  it('names the UTC month, quarter, half-year and year a date falls in', () => {
    const at = new Date('2027-05-31T23:59:59Z');
    expect(periodOf('month', at)).toMatchObject({ key: '2027-05', label: 'May 2027' });
    expect(periodOf('quarter', at)).toMatchObject({ key: '2027-Q2', label: 'Q2 2027' });
    expect(periodOf('quarter', new Date('2027-06-30T23:59:59Z')).key).toBe('2027-Q2');
    expect(periodOf('quarter', new Date('2027-07-01T00:00:00Z')).key).toBe('2027-Q3');
    expect(periodOf('half-year', at)).toMatchObject({ key: '2027-H1', label: 'H1 2027' });
    expect(periodOf('year', at)).toMatchObject({ key: '2027', label: '2027' });
    expect(periodOf('quarter', at).start.toISOString()).toBe('2027-04-01T00:00:00.000Z');
  });
});

describe('a quarterly review definition', () => {
  it('starts one campaign per quarter through the scheduler, and none again after a restart', async () => {
    const time = fakeClock('2027-01-10T08:00:00Z');
    const { t } = await setup(12, { github: false, clock: time.clock });
    await createWorkspaceReviewsRepo(t.core.context.store).setDefinitions([quarterly]);
    expect(await t.call('reviews.status', {})).toMatchObject({
      definitionsDue: ['soc2'],
      message: '1 recurring review due to start',
    });

    await oneScheduledRound(t);
    const first = (await t.call('reviews.list', {})).campaigns;
    expect(first.map((c) => [c.name, c.definitionId, c.startedBy, c.dueAt])).toEqual([
      ['SOC 2 access review — Q1 2027', 'soc2', 'scheduler', '2027-01-24T08:00:00.000Z'],
    ]);
    expect((await t.call('reviews.status', {})).definitionsDue).toEqual([]);
    const started = await t.call('audit.list', { action: 'review.started', limit: 10 });
    expect(started.events.map((e) => e.actor)).toEqual(['scheduler']);
    const dataDir = t.dataDir;
    t.close();

    // A restart later in the same quarter: the scheduler runs again, and starts nothing.
    time.set('2027-03-31T23:00:00Z');
    const again = openTestCore(dataDir, undefined, time.clock);
    try {
      await oneScheduledRound(again);
      expect((await again.call('reviews.list', {})).campaigns).toHaveLength(1);
    } finally {
      again.close();
    }

    // The next quarter: one new campaign.
    time.set('2027-04-01T00:30:00Z');
    const q2 = openTestCore(dataDir, undefined, time.clock);
    try {
      await oneScheduledRound(q2);
      const names = (await q2.call('reviews.list', {})).campaigns.map((c) => c.name);
      expect(names).toEqual(['SOC 2 access review — Q2 2027', 'SOC 2 access review — Q1 2027']);
    } finally {
      q2.close();
    }
  });

  it('keeps a period to one campaign in the database, whichever process starts it', async () => {
    const time = fakeClock('2027-04-02T09:00:00Z');
    const { t } = await setup(3, { github: false, clock: time.clock });
    await createWorkspaceReviewsRepo(t.core.context.store).setDefinitions([quarterly]);
    // A second process on the same data folder (a CLI next to the desktop app), both scheduling.
    const other = openTestCore(t.dataDir, undefined, time.clock);
    try {
      await Promise.all([oneScheduledRound(t), oneScheduledRound(other)]);
      expect((await t.call('reviews.list', {})).campaigns).toHaveLength(1);
      // The database itself refuses a second campaign of the same definition and period.
      const repo = createCampaignsRepo(other.core.context.store);
      const row = (await repo.campaigns())[0]!;
      await expect(
        repo.insert(
          {
            name: 'copy',
            definitionId: 'soc2',
            period: '2027-Q2',
            scope: { apps: ['acme'], people: null },
            assign: ['owner'],
            reviewers: {},
            fallback: 'it@example.com',
            dueAt: row.due_at,
            startedAt: row.started_at,
            startedBy: 'test',
            sheetKey: row.sheet_key,
            warnings: [],
          },
          [],
        ),
      ).rejects.toThrow(/UNIQUE|duplicate key/); // SQLite's and PostgreSQL's unique-violation messages
    } finally {
      other.close();
    }
  });

  it('is reported due by reviews.status, which starts nothing (a read never writes)', async () => {
    const time = fakeClock('2027-07-01T09:00:00Z');
    const { t } = await setup(3, { github: false, clock: time.clock });
    await createWorkspaceReviewsRepo(t.core.context.store).setDefinitions([
      quarterly,
      reviewDefinitionSchema.parse({ ...quarterly, id: 'yearly', every: 'year', name: 'Yearly' }),
    ]);
    const status = await t.call('reviews.status', {});
    expect(status.definitionsDue).toEqual(['soc2', 'yearly']);
    expect(status.message).toBe('2 recurring reviews due to start');
    expect((await t.call('reviews.list', {})).campaigns).toEqual([]);
  });
});
