// Other windows, the tray and the CLI's neighbours learn that an access review changed: one `reviews.changed`
// event per change that happened, none for a read, a repeated decision or a sheet only checked.
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../shared/api/events';
import { worldPerTest } from '../sync-engine/kit';

const setup = worldPerTest();

describe('reviews.changed', () => {
  it('is sent for a start, a new decision, an imported sheet and a close, and not for reads or no-ops', async () => {
    const { t } = await setup(6, { github: false });
    await t.call('sync.run', {});
    const seen: EventEnvelope[] = [];
    t.core.events.subscribe((e) => {
      if (e.event === 'reviews.changed') seen.push(e);
    });
    const changes = () => seen.map((e) => (e.data as { change: string }).change);

    const c = await t.call('reviews.start', {
      name: 'Q1',
      dueAt: '2099-03-31',
      apps: ['acme'],
      assign: ['owner'],
      fallback: 'it@example.com',
    });
    expect(seen.map((e) => e.data)).toEqual([{ campaignId: c.id, change: 'started' }]);

    const [item] = (await t.call('reviews.items', { campaignId: c.id })).items;
    await t.call('reviews.get', { campaignId: c.id });
    await t.call('reviews.decide', { campaignId: c.id, decisions: [{ itemId: item!.id, decision: 'keep' }] });
    await t.call('reviews.decide', { campaignId: c.id, decisions: [{ itemId: item!.id, decision: 'keep' }] });
    expect(changes()).toEqual(['started', 'decided']);

    const sheet = await t.call('reviews.exportSheet', {
      campaignId: c.id,
      reviewer: item!.reviewer,
      format: 'csv',
    });
    await t.call('reviews.importSheet', { csv: sheet.content, dryRun: true });
    await t.call('reviews.importSheet', { csv: sheet.content, dryRun: false }); // nothing new in it
    expect(changes()).toEqual(['started', 'decided']);

    await t.call('reviews.close', { campaignId: c.id, confirm: true });
    expect(changes()).toEqual(['started', 'decided', 'closed']);
  });
});
