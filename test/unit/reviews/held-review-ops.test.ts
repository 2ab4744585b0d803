// A revoke an access review decided for an orphan account is the review's own op: no rule plans it, the decision is
// its reason. Held by the guardrails, it survives the gate's re-plan on approval while the decision stands and the
// account is still there — and is superseded, never executed, once the reviewer changed their mind.
import { describe, expect, it } from 'vitest';
import { appConfigSchema } from '../../../shared/config/workspace';
import { SCIM_TOKEN, scimUsers, worldPerTest } from '../sync-engine/kit';

const setup = worldPerTest();

const addOrphan = async (url: string, userName: string): Promise<void> => {
  const res = await fetch(`${url}/Users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SCIM_TOKEN}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, active: true }),
  });
  expect(res.status).toBe(201);
};

describe('a held access-review revoke of an orphan account', () => {
  it('is carried out on approval while the decision stands, and superseded once the decision is keep', async () => {
    const { w, t } = await setup(10, { github: false });
    // Every removal in Acme waits for an admin.
    const ws = t.core.context.repos.workspace;
    await ws.setApps(
      (await ws.listApps()).map((a) =>
        appConfigSchema.parse(a.id === 'acme' ? { ...a, limits: { maxDeprovisionsPerRun: 0 } } : a),
      ),
    );
    await t.call('sync.run', {});
    await addOrphan(w.scim.url, 'stranger@example.com');
    await addOrphan(w.scim.url, 'contractor@example.com');
    await t.call('apps.accounts', { appId: 'acme' });
    const c = await t.call('reviews.start', {
      name: 'Q3',
      dueAt: '2099-09-30',
      apps: ['acme'],
      assign: ['owner'],
      fallback: 'it@example.com',
    });
    const orphans = (await t.call('reviews.items', { campaignId: c.id, kind: 'orphan' })).items;
    expect(orphans.map((i) => i.userName).sort()).toEqual(['contractor@example.com', 'stranger@example.com']);
    await t.call('reviews.decide', {
      campaignId: c.id,
      decisions: orphans.map((i) => ({ itemId: i.id, decision: 'revoke' as const })),
    });
    const applied = await t.call('reviews.apply', { campaignId: c.id, confirm: true });
    expect([applied.proposed, applied.held]).toEqual([2, 2]);

    // The contractor stays after all: the reviewer changes the decision before the admin approves.
    const contractor = orphans.find((i) => i.userName === 'contractor@example.com')!;
    await t.call('reviews.decide', {
      campaignId: c.id,
      decisions: [{ itemId: contractor.id, decision: 'keep', comment: 'signed a new contract' }],
    });
    const held = (await t.call('review.list', {})).apps.flatMap((a) => a.ops);
    expect(held.map((o) => o.source)).toEqual(['access-review', 'access-review']);
    const approved = await t.call('review.approve', { ids: held.map((o) => o.id) });
    const byTarget = new Map(approved.ops.map((o) => [o.target, o.status]));
    expect(byTarget.get('stranger@example.com')).toBe('done');
    expect(byTarget.get('contractor@example.com')).toBe('superseded');
    const active = (name: string) => scimUsers(w).find((u) => u.userName === name)!.active !== false;
    expect([active('stranger@example.com'), active('contractor@example.com')]).toEqual([false, true]);

    const items = (await t.call('reviews.items', { campaignId: c.id, kind: 'orphan' })).items;
    expect(items.map((i) => [i.userName, i.decision!.decision, i.outcome]).sort()).toEqual([
      ['contractor@example.com', 'keep', 'none'],
      ['stranger@example.com', 'revoke', 'done'],
    ]);
  });
});

describe('a held access-review revoke and the next sync run', () => {
  it('stays held through a sync run while the decision stands, and is superseded by one once it no longer does', async () => {
    const { w, t } = await setup(10, { github: false });
    const ws = t.core.context.repos.workspace;
    await ws.setApps(
      (await ws.listApps()).map((a) =>
        appConfigSchema.parse(a.id === 'acme' ? { ...a, limits: { maxDeprovisionsPerRun: 0 } } : a),
      ),
    );
    await t.call('sync.run', {});
    await addOrphan(w.scim.url, 'stranger@example.com');
    await t.call('apps.accounts', { appId: 'acme' });
    const c = await t.call('reviews.start', {
      name: 'Q4',
      dueAt: '2099-12-31',
      apps: ['acme'],
      assign: ['owner'],
      fallback: 'it@example.com',
    });
    const [orphan] = (await t.call('reviews.items', { campaignId: c.id, kind: 'orphan' })).items;
    await t.call('reviews.decide', {
      campaignId: c.id,
      decisions: [{ itemId: orphan!.id, decision: 'revoke' }],
    });
    expect((await t.call('reviews.apply', { campaignId: c.id, confirm: true })).held).toBe(1);
    const heldOps = async () =>
      (await t.call('review.list', {})).apps
        .flatMap((a) => a.ops)
        .filter((o) => o.source === 'access-review');

    // A scheduled sync sweeps the ops its plan does not name; the review's own op is not the plan's to end.
    await t.call('sync.run', {});
    expect((await heldOps()).map((o) => o.target)).toEqual(['stranger@example.com']);

    // The reviewer changes their mind: the next run ends the op without touching the account.
    await t.call('reviews.decide', {
      campaignId: c.id,
      decisions: [{ itemId: orphan!.id, decision: 'keep' }],
    });
    await t.call('sync.run', {});
    expect(await heldOps()).toEqual([]);
    expect(scimUsers(w).find((u) => u.userName === 'stranger@example.com')!.active).not.toBe(false);
  });
});
