// The task inbox against a real core on loopback fakes (Okta, SCIM, GitHub, the office badge as a manual app):
// a joiner's badge is one open task however often sync runs, Done records the account with the admin's name and
// note in the journal and the ledger, Undo puts it back until the next sync run; a leaver's badge revoke is a
// task of the case, undone only while the case is open.
import { describe, expect, it } from 'vitest';
import { offboardingWorldForTest, type OffboardingCore } from '../../integration/offboarding-kit';
import type { OffboardingEvidence } from '../../../shared/api/methods-offboarding';

const start = () => offboardingWorldForTest();

const ledger = async (t: OffboardingCore) =>
  (await t.call('audit.list', { limit: 500 } as never)) as unknown as {
    events: {
      action: string;
      actor: string;
      app: string | null;
      person: string | null;
      after: unknown;
      before: unknown;
    }[];
  };

const opResult = async (t: OffboardingCore, id: string) => {
  const row = await t.core.context.store
    .q()
    .selectFrom('plan_ops')
    .select('result')
    .where('id', '=', Number(id.slice(3)))
    .executeTakeFirstOrThrow();
  return JSON.parse(String(row.result)) as {
    confirmed?: { by: string; note: string };
    reopened?: { by: string }[];
  };
};

const badgeCell = async (t: OffboardingCore, personId: string) =>
  (await t.call('people.list', {})).people
    .find((p) => p.id === personId)!
    .accounts.find((a) => a.appId === 'badge');

describe('the task inbox: a joiner in a manual app', () => {
  it('lists the badge to create once, however often sync runs, and the preview can tell it is already issued', async () => {
    const { w, t } = await start();
    w.okta.state.addMember(w.groupIds.get('Office')!, w.people[1]!);
    await t.call('sync.run', {});
    await t.call('sync.run', {});
    const list = await t.call('tasks.list', {});
    const mine = list.open.filter((x) => x.personId === w.people[1]);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      side: 'joiner',
      action: 'created',
      appId: 'badge',
      appName: 'Office badge',
      title: 'Create an account for user1@example.com in Office badge',
      status: 'open',
      caseId: null,
    });
    expect(mine[0]!.instructions).not.toMatch(/mark it done here/i);
    expect(mine[0]!.instructions).toMatch(/Tasks/);
    // The preview plans the same task again: its key says it is the one already in the inbox.
    const plan = await t.call('sync.plan', {});
    const planned = plan.ops.filter((o) => o.appId === 'badge' && o.personId === w.people[1]);
    expect(planned.map((o) => o.key)).toEqual([mine[0]!.opKey]);
    // Filtered by app (the app page's list).
    expect((await t.call('tasks.list', { appId: 'acme' })).open).toEqual([]);
    expect((await t.call('tasks.list', { appId: 'badge' })).open.map((x) => x.id)).toContain(mine[0]!.id);
  });

  it('Done records the account with the admin and the note (journal + ledger); Undo puts it back until the next sync run', async () => {
    const { w, t } = await start();
    const person = w.people[1]!;
    w.okta.state.addMember(w.groupIds.get('Office')!, person);
    await t.call('sync.run', {});
    const task = (await t.call('tasks.list', {})).open.find((x) => x.personId === person)!;
    // People say "to do by hand", not access: nobody has issued the badge yet.
    expect(await badgeCell(t, person)).toEqual({
      appId: 'badge',
      active: false,
      role: null,
      pending: true,
      byHand: true,
    });

    const done = await t.call('tasks.done', { id: task.id, note: 'badge #0042 handed over' });
    expect(done).toMatchObject({ status: 'done', doneBy: 'admin@acme.io', note: 'badge #0042 handed over' });
    expect(done.undo).toEqual({ allowed: true, until: 'until the next sync run confirms it' });
    expect(await badgeCell(t, person)).toEqual({ appId: 'badge', active: true, role: null, pending: false });
    expect((await opResult(t, task.id)).confirmed).toMatchObject({
      by: 'admin@acme.io',
      note: 'badge #0042 handed over',
    });
    const completed = (await ledger(t)).events.find((e) => e.action === 'task.completed')!;
    expect(completed).toMatchObject({ actor: 'admin@acme.io', app: 'badge', person });
    expect(completed.after).toMatchObject({ note: 'badge #0042 handed over' });
    let list = await t.call('tasks.list', {});
    expect(list.open.some((x) => x.id === task.id)).toBe(false);
    expect(list.recentlyDone.map((x) => x.id)).toEqual([task.id]);
    expect(t.events.some((e) => e.event === 'tasks.changed')).toBe(true);
    await expect(t.call('tasks.done', { id: task.id, note: '' })).rejects.toMatchObject({ code: 'conflict' });

    const undone = await t.call('tasks.undo', { id: task.id });
    expect(undone).toMatchObject({ status: 'open', doneBy: null, note: null });
    expect(await badgeCell(t, person)).toMatchObject({ active: false, byHand: true });
    expect((await opResult(t, task.id)).reopened).toEqual([expect.objectContaining({ by: 'admin@acme.io' })]);
    const reopened = (await ledger(t)).events.find((e) => e.action === 'task.reopened')!;
    expect(reopened).toMatchObject({ actor: 'admin@acme.io', app: 'badge', person });
    expect(reopened.before).toMatchObject({ note: 'badge #0042 handed over' });
    list = await t.call('tasks.list', {});
    expect(list.open.map((x) => x.id)).toContain(task.id);
    expect(list.recentlyDone).toEqual([]);

    // Done again, then a sync run plans against the recorded account: nothing for the badge, and no more undo.
    await t.call('tasks.done', { id: task.id, note: '' });
    const run = await t.call('sync.run', {});
    expect(run.run.stats?.opsByKind['manual-task'] ?? 0).toBe(0);
    await expect(t.call('tasks.undo', { id: task.id })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/can no longer be undone: sync run #\d+/),
    });
    expect((await t.call('tasks.list', {})).open.some((x) => x.personId === person)).toBe(false);
    expect(await badgeCell(t, person)).toMatchObject({ active: true });
  });

  it('drops a joiner task when the person leaves before getting the account, and refuses unknown ids', async () => {
    const { w, t } = await start();
    w.okta.state.addMember(w.groupIds.get('Office')!, w.people[1]!);
    await t.call('sync.run', {});
    w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
    await t.call('directory.pull', {});
    expect((await t.call('tasks.list', {})).open.some((x) => x.personId === w.people[1])).toBe(false);
    await expect(t.call('tasks.done', { id: 'op:999999', note: '' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(t.call('tasks.undo', { id: 'case-task:999999' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('the task inbox: a leaver with a badge', () => {
  it('is a task of the case; Done with a note reaches the evidence; Undo only while the case is open', async () => {
    const { w, t } = await start();
    const person = w.people[0]!; // in Engineering too: GitHub's revoke waits for review
    w.okta.state.setStatus(person, 'DEPROVISIONED');
    await t.call('sync.run', {});
    const c = (await t.call('offboarding.list', { status: 'open' })).cases[0]!;
    const task = (await t.call('tasks.list', {})).open.find((x) => x.caseId === c.id)!;
    expect(task).toMatchObject({ side: 'leaver', action: 'deactivated', appId: 'badge', personId: person });
    expect(task.id).toMatch(/^case-task:/);
    expect(await badgeCell(t, person)).toMatchObject({ active: true, byHand: true });

    await t.call('tasks.done', { id: task.id, note: 'badge cut up at the desk' });
    expect(await badgeCell(t, person)).toEqual({ appId: 'badge', active: false, role: null, pending: false });
    const ev = JSON.parse(
      (await t.call('offboarding.evidence', { caseId: c.id })).content,
    ) as OffboardingEvidence;
    expect(ev.items.find((i) => i.appName === 'Office badge')).toMatchObject({
      note: 'badge cut up at the desk',
      by: 'admin@acme.io',
    });
    // GitHub still waits for review, so the case is open and the Done can be undone.
    const undone = await t.call('tasks.undo', { id: task.id });
    expect(undone).toMatchObject({ status: 'open', note: null });
    expect(await badgeCell(t, person)).toMatchObject({ active: true, byHand: true });
    const reopened = (await ledger(t)).events.find((e) => e.action === 'offboarding.task.reopened')!;
    expect(reopened).toMatchObject({ actor: 'admin@acme.io', app: 'badge', person });
    expect(
      (await t.call('offboarding.get', { caseId: c.id })).tasks.find((x) => x.appId === 'badge')!.status,
    ).toBe('todo');

    // Approve GitHub, do the badge: the case closes, and its Dones are final.
    await t.call('offboarding.approve', { caseId: c.id });
    await t.call('tasks.done', { id: task.id, note: '' });
    expect((await t.call('offboarding.get', { caseId: c.id })).status).toBe('closed');
    // The evidence tells the Done that counts: the undone one's note went with it.
    const final = JSON.parse(
      (await t.call('offboarding.evidence', { caseId: c.id })).content,
    ) as OffboardingEvidence;
    expect(final.items.find((i) => i.appName === 'Office badge')!.note).toBeNull();
    await expect(t.call('tasks.undo', { id: task.id })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/closed: its tasks can no longer be undone/),
    });
    expect((await t.call('tasks.list', {})).open.some((x) => x.caseId === c.id)).toBe(false);
  });
});
