// A sync over a SCIM app whose listing cannot be read completely plans nothing for it and writes nothing to it:
// the app sits the run out with the reason, the run is partial (the CLI exits non-zero), and no one is
// deprovisioned because they were missing from a page.
import { describe, expect, it } from 'vitest';
import { scimUsers, worldPerTest, storeRows } from '../sync-engine/kit';

const newWorld = worldPerTest();

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('a SCIM app that cannot be listed completely', () => {
  it.each([
    ['ignores startIndex', { ignoreStartIndex: true, silentPageCap: 7 }, /seems to ignore startIndex/],
    [
      'over-reports totalResults',
      { totalResultsOffset: 40, silentPageCap: 7 },
      /came back empty with 30 of 70/,
    ],
  ])('(%s) sits the run out with zero writes and says why', async (_label, quirk, why) => {
    const { w, t } = await newWorld(30, { github: false });
    await t.call('sync.run', {});
    expect(scimUsers(w)).toHaveLength(30);
    // One person left a rule's scope: if the listing were taken as complete, people missing from it would look
    // like leavers too.
    w.okta.state.setStatus(w.people[20]!, 'SUSPENDED');
    w.scim.set(quirk);
    const before = w.scim.requests.filter((r) => WRITES.has(r.method)).length;

    const r = await t.call('sync.run', {});
    expect(r.run.status).toBe('partial');
    expect(r.skippedApps.map((s) => s.appId)).toEqual(['acme']);
    expect(r.skippedApps[0]!.reason).toMatch(why);
    expect(w.scim.requests.filter((x) => WRITES.has(x.method)).length).toBe(before);
    expect(scimUsers(w).every((u) => u.active !== false)).toBe(true);
    // The app's health says why (Apps page, tray), and clears once the app can be read completely again.
    const health = async () =>
      (await storeRows(t.core, "SELECT health, health_detail FROM apps WHERE id = 'acme'"))[0];
    expect(await health()).toMatchObject({ health: 'degraded' });
    expect(((await health()) as { health_detail: string }).health_detail).toMatch(why);
    w.scim.set({ ignoreStartIndex: false, silentPageCap: null, totalResultsOffset: 0 });
    await t.call('sync.run', {});
    expect(await health()).toEqual({ health: 'ok', health_detail: null });
  });

  it('says which quirk the probe detected when the listing fails', async () => {
    const { w, t } = await newWorld(30, { github: false });
    await t.call('sync.run', {});
    w.scim.set({ ignoreStartIndex: true, silentPageCap: 7 });
    const probe = await t.call('apps.probe', { appId: 'acme', write: false });
    expect(probe.steps.find((s) => s.name === 'paging')).toMatchObject({
      status: 'failed',
      detail: 'startIndex is ignored: page 2 repeats page 1.',
    });
    const r = await t.call('sync.run', {});
    expect(r.run.status).toBe('partial');
    const day = t.core.context.clock.now().toISOString().slice(0, 10);
    const [{ detail } = { detail: '' }] = await storeRows<{ detail: string }>(
      t.core,
      "SELECT health_detail AS detail FROM apps WHERE id = 'acme'",
    );
    expect(detail).toMatch(/seems to ignore startIndex\./);
    expect(detail).toContain(`As the probe of ${day} found: startIndex is ignored: page 2 repeats page 1.`);
  });
});
