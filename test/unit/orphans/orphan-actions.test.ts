// Orphan accounts (issue #16 item 11) against the Okta, SCIM and GitHub fakes on loopback and a real core: an admin
// ignores one (left out of the counts, un-ignored later), marks one as a service account (it joins the app's
// protected list and the planner never touches it), links one to a person (the next plan treats it as theirs) and
// removes one through the gate (journaled, in the ledger, held when the app's review policy says so and kept held
// by the next sync). The account Lanyard itself signs in as is shown as such and never removed.
import { describe, expect, it } from 'vitest';
import { appConfigSchema } from '../../../shared/config/workspace';
import { scimUsers, worldPerTest, SCIM_TOKEN } from '../sync-engine/kit';

const setup = worldPerTest();

/** A SCIM user nobody in the directory matches. */
const addScimOrphan = async (url: string, userName: string): Promise<void> => {
  const res = await fetch(`${url}/Users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SCIM_TOKEN}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      active: true,
      emails: [{ value: userName, primary: true }],
    }),
  });
  expect(res.ok).toBe(true);
};

const world = async () => {
  const { w, t } = await setup(6, { github: true });
  w.github!.state.addUser('stranger-gh');
  w.github!.state.addMember('stranger-gh', 'member');
  await addScimOrphan(w.scim.url, 'old.contractor@example.com');
  await addScimOrphan(w.scim.url, 'deploy-bot@example.com');
  await t.call('directory.pull', {});
  await t.call('apps.accounts', { appId: 'acme' });
  await t.call('apps.accounts', { appId: 'github' });
  return { w, t };
};

const remoteIdOf = async (t: Awaited<ReturnType<typeof world>>['t'], appId: string, userName: string) =>
  (await t.call('orphans.list', { appId })).orphans.find((o) => o.userName === userName)!.remoteId;

describe('orphan accounts', () => {
  it('lists orphans with Lanyard’s own GitHub account marked; ignoring one leaves it out of the counts until un-ignored', async () => {
    const { t } = await world();
    const list = await t.call('orphans.list', {});
    expect(list.orphans.map((o) => `${o.appId}:${o.userName}:${o.own}`).sort()).toEqual([
      'acme:deploy-bot@example.com:false',
      'acme:old.contractor@example.com:false',
      'github:octo-admin:true',
      'github:stranger-gh:false',
    ]);
    expect([list.open, list.known, list.perApp]).toEqual([4, 0, { acme: 2, github: 2 }]);
    // Remove is said in the op label's words: GitHub has no deactivated member.
    expect(list.orphans.find((o) => o.userName === 'stranger-gh')?.removeEffect).toBe(
      'Remove from the GitHub org',
    );
    expect(list.orphans.find((o) => o.appId === 'acme')?.removeEffect).toBe('Deactivate in Acme');

    const id = await remoteIdOf(t, 'acme', 'old.contractor@example.com');
    const ignored = await t.call('orphans.ignore', {
      appId: 'acme',
      remoteId: id,
      reason: 'auditor, until June',
    });
    expect([ignored.state, ignored.decision?.reason, ignored.decision?.by]).toEqual([
      'ignored',
      'auditor, until June',
      'test',
    ]);
    const after = await t.call('orphans.list', {});
    expect([after.open, after.known, after.perApp.acme]).toEqual([3, 1, 1]);
    const acme = async () => (await t.call('apps.status', {})).find((a) => a.id === 'acme')?.orphans;
    expect(await acme()).toBe(1);
    // The app's account report agrees, and marks the ignored one as dealt with.
    const report = await t.call('apps.accountReport', { appId: 'acme' });
    expect(report.orphans).toBe(1);
    expect(report.accounts.find((a) => a.remoteId === id)?.settled).toBe('ignored');
    const ledger = await t.call('audit.list', { action: 'orphan.*' });
    expect(ledger.events.map((e) => [e.action, e.actor, e.result])).toEqual([
      [
        'orphan.ignored',
        'test',
        'ok: old.contractor@example.com in Acme is ignored (left out of orphan counts): auditor, until June',
      ],
    ]);

    const back = await t.call('orphans.unignore', { appId: 'acme', remoteId: id });
    expect([back.state, back.decision]).toEqual(['open', null]);
    expect((await t.call('orphans.list', {})).open).toBe(4);
    expect(await acme()).toBe(2);
    const reopened = await t.call('apps.accountReport', { appId: 'acme' });
    expect([reopened.orphans, reopened.accounts.find((a) => a.remoteId === id)?.settled]).toEqual([
      2,
      undefined,
    ]);
    expect((await t.call('audit.list', { action: 'orphan.unignored' })).events).toHaveLength(1);
  });

  it('marks a service account: it joins the app’s protected list and the planner never touches it', async () => {
    const { w, t } = await world();
    const id = await remoteIdOf(t, 'acme', 'deploy-bot@example.com');
    const marked = await t.call('orphans.markService', { appId: 'acme', remoteId: id });
    expect([marked.state, marked.protected]).toEqual(['service', true]);
    const app = (await t.core.context.repos.workspace.getApp('acme'))!;
    expect(app.protected).toEqual(['deploy-bot@example.com']);
    expect((await t.call('config.export', {})).yaml).toContain('- deploy-bot@example.com');
    expect((await t.call('orphans.list', {})).perApp.acme).toBe(1);

    // Even a removal asked for later is refused by the gate's protected check, and no plan names it.
    const plan = await t.call('sync.plan', {});
    expect(plan.ops.filter((o) => o.target === 'deploy-bot@example.com')).toEqual([]);
    expect(plan.protected.map((p) => p.userName)).toContain('deploy-bot@example.com');
    const r = await t.call('orphans.remove', { appId: 'acme', remoteId: id });
    expect(r.message).toMatch(/^Not removed: refused: deploy-bot@example.com is protected/);
    expect(scimUsers(w).find((u) => u.userName === 'deploy-bot@example.com')?.active).not.toBe(false);
  });

  it('links an orphan to a person: the next plan treats it as their account instead of creating one', async () => {
    const { w, t } = await world();
    const person = w.people[2]!;
    const before = await t.call('sync.plan', { appId: 'acme' });
    expect(before.ops.filter((o) => o.personId === person).map((o) => o.kind)).toEqual(['create']);

    const id = await remoteIdOf(t, 'acme', 'old.contractor@example.com');
    await t.call('orphans.link', { appId: 'acme', remoteId: id, personId: person });
    expect((await t.call('orphans.list', { appId: 'acme' })).orphans.map((o) => o.userName)).toEqual([
      'deploy-bot@example.com',
    ]);
    const plan = await t.call('sync.plan', { appId: 'acme' });
    const mine = plan.ops.filter((o) => o.personId === person);
    expect(mine.map((o) => o.kind)).not.toContain('create');
    expect(
      (await t.call('sync.explain', { person })).apps.find((a) => a.appId === 'acme')?.account?.remoteId,
    ).toBe(id);
    // A fresh read of the app keeps the link (the app still reports the old keys).
    await t.call('apps.accounts', { appId: 'acme' });
    expect((await t.call('people.get', { id: person })).accounts.map((a) => a.remoteId)).toContain(id);
    const ledger = await t.call('audit.list', { action: 'orphan.linked' });
    expect(ledger.events.map((e) => [e.actor, e.person])).toEqual([['test', person]]);

    // One account per person and app: a second link to the same person is refused.
    const other = await remoteIdOf(t, 'acme', 'deploy-bot@example.com');
    await expect(
      t.call('orphans.link', { appId: 'acme', remoteId: other, personId: person }),
    ).rejects.toThrow(/already has an account in Acme \(old.contractor@example.com\)/);
  });

  it('removes an orphan through the gate: journaled, carried out, in the ledger and in the run’s detail', async () => {
    const { w, t } = await world();
    // Two org members: one removal is 50 %, over the default limit (the held case is the next test's).
    await t.call('settings.set', {
      guardrails: { maxDeprovisionPercent: 100, maxDeprovisionPercentPerWindow: 100 },
    });
    const id = await remoteIdOf(t, 'github', 'stranger-gh');
    const r = await t.call('orphans.remove', { appId: 'github', remoteId: id });
    expect([r.op?.kind, r.op?.status, r.op?.source, r.op?.heldReason]).toEqual([
      'deactivate',
      'done',
      'orphan-removal',
      null,
    ]);
    expect(w.github!.state.roleOf('stranger-gh')).toBeUndefined();
    const ledger = await t.call('audit.list', { app: 'github', limit: 10 });
    const applied = ledger.events.find((e) => e.action === 'op.applied')!;
    expect(applied.run).toBe(r.runId);
    expect(ledger.events.find((e) => e.action === 'orphan.removalProposed')?.actor).toBe('test');
    const detail = await t.call('runs.get', { id: r.runId! });
    expect(detail.who).toBe('test');
    expect(detail.ops.map((o) => [o.target, o.status, o.ledger.map((e) => e.seq)])).toEqual([
      ['stranger-gh', 'done', [applied.seq]],
    ]);
  });

  it('holds a removal when the app asks for review, keeps it held through the next sync, and carries it out on approval', async () => {
    const { w, t } = await world();
    const ws = t.core.context.repos.workspace;
    await ws.setApps(
      (await ws.listApps()).map((a) =>
        appConfigSchema.parse(a.id === 'acme' ? { ...a, review: 'required' } : a),
      ),
    );
    const id = await remoteIdOf(t, 'acme', 'old.contractor@example.com');
    const r = await t.call('orphans.remove', { appId: 'acme', remoteId: id });
    expect([r.op?.status, r.message]).toEqual(['held', expect.stringMatching(/^Held for review/)]);
    expect(
      (await t.call('orphans.list', { appId: 'acme' })).orphans.find((o) => o.remoteId === id)?.state,
    ).toBe('removing');
    await t.call('sync.run', {});
    const held = (await t.call('review.list', {})).apps
      .flatMap((a) => a.ops)
      .filter((o) => o.target === 'old.contractor@example.com');
    expect(held.map((o) => [o.id, o.status])).toEqual([[r.op!.id, 'held']]);
    const approved = await t.call('review.approve', { ids: [r.op!.id] });
    expect(approved.ops.map((o) => o.status)).toEqual(['done']);
    expect(scimUsers(w).find((u) => u.userName === 'old.contractor@example.com')?.active).toBe(false);
  });

  it('removes nothing in GitHub while it cannot tell which account the token belongs to', async () => {
    const { w, t } = await world();
    const id = await remoteIdOf(t, 'github', 'stranger-gh');
    // The token's secret is gone: GET /user cannot be asked, so "own account" is unknown, not "none".
    const ws = t.core.context.repos.workspace;
    await ws.setApps(
      (await ws.listApps()).map((a) =>
        appConfigSchema.parse(
          a.id === 'github' ? { ...a, auth: { type: 'bearer', token: 'env:LANYARD_TEST_UNSET_TOKEN' } } : a,
        ),
      ),
    );
    const list = await t.call('orphans.list', { appId: 'github' });
    expect(list.ownUnknown.map((u) => u.appId)).toEqual(['github']);
    expect(list.orphans.every((o) => !o.own)).toBe(true);
    await expect(t.call('orphans.remove', { appId: 'github', remoteId: id })).rejects.toThrow(
      /Lanyard could not tell which GitHub account it signs in as .*, so it removes nothing there yet\./,
    );
    expect(w.github!.state.roleOf('stranger-gh')).toBe('member');
    expect((await t.call('audit.list', { action: 'orphan.*' })).events).toEqual([]);
  });

  it('never removes the account Lanyard signs in as', async () => {
    const { w, t } = await world();
    const id = await remoteIdOf(t, 'github', 'octo-admin');
    await expect(t.call('orphans.remove', { appId: 'github', remoteId: id })).rejects.toThrow(
      "octo-admin is Lanyard's own account in GitHub: removing it would lock Lanyard out.",
    );
    expect(w.github!.state.roleOf('octo-admin')).toBe('admin');
    expect((await t.call('audit.list', { action: 'orphan.*' })).events).toEqual([]);
  });
});
