// A role change decided in an access review over access a rule grants: carried out through the gate, recorded as an
// access exception with the decided role, and never reverted by the next sync (the rule's role would otherwise
// come back). A later revoke of the same access replaces the role exception. Real core, Okta and SCIM fakes.
import { describe, expect, it } from 'vitest';
import { scimUsers, worldPerTest } from '../sync-engine/kit';

const setup = worldPerTest();

describe('a role change from an access review', () => {
  it('is carried out once, recorded as an exception with the role, and the next sync keeps it', async () => {
    const { w, t } = await setup(12, { github: false });
    await t.call('sync.run', {});
    const roleOf = (login: string) =>
      scimUsers(w)
        .find((u) => u.userName === `${login}@example.com`)
        ?.roles?.map((r) => r.value) ?? [];
    expect(roleOf('user4')).toEqual(['member']);

    const c = await t.call('reviews.start', {
      name: 'Q1',
      dueAt: '2030-03-31',
      apps: ['acme'],
      assign: ['named'],
      fallback: 'it@example.com',
    });
    const { items } = await t.call('reviews.items', { campaignId: c.id, limit: 100 });
    const item = items.find((i) => i.person === 'user4@example.com' && i.appId === 'acme')!;
    await t.call('reviews.decide', {
      campaignId: c.id,
      decisions: [{ itemId: item.id, decision: 'change-role', role: 'viewer', comment: 'read only' }],
    });
    const closed = await t.call('reviews.close', { campaignId: c.id, confirm: true });
    expect([closed.done, closed.held, closed.failed]).toEqual([1, 0, 0]);
    expect(closed.exceptionsAdded.map((e) => [e.appId, e.person, e.role])).toEqual([
      ['acme', 'user4@example.com', 'viewer'],
    ]);
    expect(roleOf('user4')).toEqual(['viewer']);

    // The next sync neither re-sets the rule's role nor plans anything for the person.
    const plan = await t.call('sync.plan', {});
    expect(plan.ops.filter((o) => o.target.startsWith('user4'))).toEqual([]);
    await t.call('sync.run', {});
    expect(roleOf('user4')).toEqual(['viewer']);
    const why = await t.call('sync.explain', { person: 'user4@example.com' });
    expect(JSON.stringify(why)).toContain('role viewer (decided in an access review');

    // The exception is listed, exported in the workspace file, and audited with the decided role.
    const listed = await t.call('reviews.exceptions', {});
    expect(listed.map((e) => [e.person, e.role, e.campaignId])).toEqual([
      ['user4@example.com', 'viewer', c.id],
    ]);
    const yaml = (await t.call('config.export', {})).yaml;
    expect(yaml).toMatch(/person: user4@example.com\n\s+role: viewer/);
    const events = (await t.call('audit.list', { action: 'review.exception.added' })).events;
    expect(events[0]!.result).toBe(
      `ok: user4@example.com keeps Acme with role viewer, not the rules' role (access review ${c.id})`,
    );

    // Removing the exception lets the rule decide again: the next plan sets the rule's role back.
    await t.call('reviews.removeException', { appId: 'acme', person: 'user4@example.com' });
    const again = await t.call('sync.plan', {});
    expect(again.ops.filter((o) => o.target.startsWith('user4')).map((o) => o.kind)).toEqual(['set-role']);
  });

  it('a later revoke of the same access replaces the role exception, and the rules do not grant it back', async () => {
    const { w, t } = await setup(12, { github: false });
    await t.call('sync.run', {});
    const decideAndClose = async (decision: 'change-role' | 'revoke') => {
      const c = await t.call('reviews.start', {
        name: decision,
        dueAt: '2030-03-31',
        apps: ['acme'],
        assign: ['named'],
        fallback: 'it@example.com',
      });
      const { items } = await t.call('reviews.items', { campaignId: c.id, limit: 100 });
      const item = items.find((i) => i.person === 'user5@example.com' && i.appId === 'acme')!;
      await t.call('reviews.decide', {
        campaignId: c.id,
        decisions: [{ itemId: item.id, decision, ...(decision === 'change-role' ? { role: 'viewer' } : {}) }],
      });
      return t.call('reviews.close', { campaignId: c.id, confirm: true });
    };
    await decideAndClose('change-role');
    const revoked = await decideAndClose('revoke');
    expect(revoked.exceptionsAdded.map((e) => [e.person, e.role])).toEqual([['user5@example.com', null]]);
    expect((await t.call('reviews.exceptions', {})).map((e) => e.role)).toEqual([null]);
    const account = () => scimUsers(w).find((u) => u.userName === 'user5@example.com')!;
    expect(account().active).toBe(false);
    await t.call('sync.run', {});
    expect(account().active).toBe(false);
    const why = await t.call('sync.explain', { person: 'user5@example.com' });
    expect(why.apps.find((a) => a.appId === 'acme')).toMatchObject({
      access: false,
      why: 'in Everyone (rule 1), but an access review revoked it (exception in the workspace)',
    });
  });
});
