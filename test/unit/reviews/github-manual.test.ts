// A campaign over a SCIM app, a GitHub org and a manual app at once (Okta, SCIM and GitHub fakes on loopback): the
// GitHub members (an orphan member included) and the manual app's confirmed accounts are reviewed like any
// other; a GitHub revoke is carried out through the gate (org membership removed, ledger events, no re-grant), and a
// manual-app revoke becomes a checklist task for an admin, the account staying until the task is confirmed.
import { describe, expect, it } from 'vitest';
import { appConfigSchema } from '../../../shared/config/workspace';
import { worldPerTest } from '../sync-engine/kit';

const setup = worldPerTest();

const world = async () => {
  const { w, t } = await setup(30, { github: true });
  const gh = w.github!;
  // Engineering (every third person) is already in the org, and so is someone the directory does not know.
  for (let i = 0; i < 30; i += 3) gh.state.addMember(`gh-user${i}`, 'member');
  gh.state.addUser('stranger-gh');
  gh.state.addMember('stranger-gh', 'member');
  const ws = t.core.context.repos.workspace;
  await ws.setApps(
    (await ws.listApps()).map((a) =>
      appConfigSchema.parse(a.id === 'github' ? { ...a, owner: 'user1@example.com' } : a),
    ),
  );
  await t.call('sync.run', {});
  // The office badge has no API: an admin confirms the accounts they made (Office: every fifth person).
  for (const i of [0, 5, 10, 15, 20, 25]) {
    await t.call('apps.confirmManual', { appId: 'badge', personId: w.people[i]!, action: 'created' });
  }
  return { w, t, gh };
};

describe('an access review over a GitHub org and a manual app', () => {
  it('reviews GitHub members (orphans too) and confirmed manual accounts; a GitHub revoke goes through the gate, a manual revoke becomes a checklist task', async () => {
    const { t, gh } = await world();
    const c = await t.call('reviews.start', {
      name: 'Q2',
      dueAt: '2099-06-30',
      assign: ['owner'],
      fallback: 'it@example.com',
    });
    const { items } = await t.call('reviews.items', { campaignId: c.id, limit: 5000 });
    const github = items.filter((i) => i.appId === 'github');
    expect(
      github
        .filter((i) => i.kind === 'account')
        .map((i) => i.userName)
        .sort(),
    ).toEqual(
      [0, 3, 6, 9, 12, 15, 18, 21, 24, 27].map((i) => `gh-user${i}`).sort((a, b) => a.localeCompare(b)),
    );
    expect(
      github
        .filter((i) => i.kind === 'orphan')
        .map((i) => i.userName)
        .sort(),
    ).toEqual(['octo-admin', 'stranger-gh']);
    expect(github.every((i) => i.reviewer === 'user1@example.com' && i.reviewerBasis === 'owner')).toBe(true);
    const gh3 = github.find((i) => i.userName === 'gh-user3')!;
    expect([gh3.person, gh3.grantedBy]).toEqual(['user3@example.com', 'rule 3: groups Engineering → member']);
    const badge = items.filter((i) => i.appId === 'badge');
    expect(badge).toHaveLength(6);
    expect(badge.every((i) => i.appKind === 'manual' && i.reviewer === 'it@example.com')).toBe(true);
    expect(c.warnings).toEqual([]);

    const badge5 = badge.find((i) => i.person === 'user5@example.com')!;
    await t.call('reviews.decide', {
      campaignId: c.id,
      decisions: [
        { itemId: gh3.id, decision: 'revoke', comment: 'moved to sales' },
        { itemId: badge5.id, decision: 'revoke', comment: 'works remotely now' },
      ],
    });
    const closed = await t.call('reviews.close', { campaignId: c.id, confirm: true });
    expect([closed.proposed, closed.done, closed.tasks, closed.held, closed.failed]).toEqual([2, 1, 1, 0, 0]);
    expect(closed.exceptionsAdded.map((e) => [e.appId, e.person])).toEqual([
      ['github', 'user3@example.com'],
      ['badge', 'user5@example.com'],
    ]);

    // GitHub: the membership is gone, through an op of the gate recorded in the ledger.
    expect(gh.state.roleOf('gh-user3')).toBeUndefined();
    const after = (await t.call('reviews.items', { campaignId: c.id, limit: 5000 })).items;
    const ghOp = after.find((i) => i.id === gh3.id)!.ops;
    expect(ghOp.map((o) => [o.status, o.auditSeqs.length > 0])).toEqual([['done', true]]);
    const ledger = await t.call('audit.list', { app: 'github', action: 'op.*', limit: 20 });
    expect(ledger.events.filter((e) => e.seq === ghOp[0]!.auditSeqs.at(-1))).toHaveLength(1);

    // The manual app: a checklist task worded for the admin; the account stays until they confirm it.
    const badgeOps = after.find((i) => i.id === badge5.id)!.ops;
    expect(badgeOps.map((o) => o.kind)).toEqual(['manual-task']);
    const task = await t.call('audit.list', { app: 'badge', action: 'op.applied', limit: 5 });
    expect(task.events[0]!.result).toBe('ok: manual task issued');
    expect(JSON.stringify(task.events[0]!.after)).toContain(
      "Deactivate user5@example.com's account in Office badge",
    );
    const badgeAccounts = await t.call('apps.accounts', { appId: 'badge' });
    expect(badgeAccounts.accounts.find((a) => a.userName === 'user5@example.com')?.active).toBe(true);
    // Issuing the task is not revoking: the item says a person has it until the account is confirmed gone.
    const outcome = async () =>
      (await t.call('reviews.items', { campaignId: c.id, limit: 5000 })).items.find(
        (i) => i.id === badge5.id,
      )!.outcome;
    expect([await outcome(), after.find((i) => i.id === gh3.id)!.outcome]).toEqual(['task-open', 'done']);
    const counts = (await t.call('reviews.get', { campaignId: c.id })).counts;
    expect([counts.carriedOut, counts.pendingChanges]).toEqual([1, 1]);

    // The next sync grants neither back (the exceptions hold) and issues no second task.
    await t.call('sync.run', {});
    expect(gh.state.roleOf('gh-user3')).toBeUndefined();
    const tasks = await t.call('audit.list', { app: 'badge', action: 'op.applied', limit: 20 });
    const deactivate = tasks.events.filter((e) => JSON.stringify(e.after).includes('Deactivate user5@'));
    expect(deactivate).toHaveLength(1);

    // Someone did it and says so: now the revoke is carried out.
    await t.call('apps.confirmManual', {
      appId: 'badge',
      userName: 'user5@example.com',
      action: 'deactivated',
    });
    expect(await outcome()).toBe('done');
  });
});
