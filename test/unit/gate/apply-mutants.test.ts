// The gate's execute step for one app, against the Okta and SCIM fakes on loopback and a real core on SQLite: each
// outcome is in the ledger with what the admin needs (rejected by the app, or the app unreachable), only failures
// to reach the app in a row quarantine it, and then its remaining creates and updates are held while its remaining
// revocations stay planned. (Ops left running by a crash: reread-mutants.test.ts.)
import { describe, expect, it } from 'vitest';
import { ruleSchema } from '../../../shared/config/workspace';
import { scimUsers, worldPerTest, type TestCore, type World, storeRows } from '../sync-engine/kit';

const newWorld = worldPerTest();

const start = async (n: number, opts: { quarantineAfter?: number } = {}) => {
  const { w, t } = await newWorld(n, { github: false, ...opts });
  await t.call('settings.set', {
    guardrails: { maxDeprovisionPercent: 100, maxDeprovisionPercentPerWindow: 100 },
  });
  await t.call('sync.run', {});
  return { w, t };
};
const idOf = (w: World, i: number): string =>
  scimUsers(w).find((u) => u.userName === `user${i}@example.com`)!.id;
const join = (w: World, name: string) => {
  const u = w.okta.state.addUser({ login: `${name}@example.com`, email: `${name}@example.com` });
  w.okta.state.addMember(w.groupIds.get('Everyone')!, u.id);
  return u.id;
};
/** The fields of the core's warnings with this message, oldest first. */
const logged = (t: TestCore, message: string): Record<string, unknown>[] =>
  t.logs
    .filter((l) => l.startsWith('warn [') && l.includes(`] ${message} {`))
    .map(
      (l) => JSON.parse(l.slice(l.indexOf(`] ${message} `) + message.length + 3)) as Record<string, unknown>,
    );
const ledger = async (t: TestCore, action: string) =>
  (await t.call('audit.list', { action, limit: 100 })).events.sort((a, b) => a.seq - b.seq);

describe('applying one app’s ops', () => {
  it('records each failure with the op and whether the app refused it or could not be reached', async () => {
    const { w, t } = await start(6);
    const leaver = idOf(w, 1);
    w.scim.set({
      failWhen: (method, p) =>
        method === 'POST' && p === '/Users' ? 400 : method === 'PATCH' && p.includes(leaver) ? 503 : null,
    });
    w.okta.state.setStatus(w.people[1]!, 'SUSPENDED');
    join(w, 'new0');
    const r = await t.call('sync.run', {});
    expect(r.failed.map((o) => o.kind).sort()).toEqual(['create', 'deactivate']);
    const failed = await ledger(t, 'op.failed');
    const dep = r.failed.find((o) => o.kind === 'deactivate')!;
    const cre = r.failed.find((o) => o.kind === 'create')!;
    expect(failed).toMatchObject([
      {
        actor: 'test',
        app: 'acme',
        person: w.people[1],
        run: r.run.id,
        case: expect.any(Number),
        before: { op: dep.id, kind: 'deactivate', target: 'user1@example.com', reason: dep.reason },
        result: expect.stringMatching(/^failed \(app unreachable or erroring\): .*503/),
      },
      {
        app: 'acme',
        before: { op: cre.id, kind: 'create', target: 'new0@example.com' },
        result: expect.stringMatching(/^failed \(rejected by the app\): /),
      },
    ]);
    expect(dep.error).toMatch(/503/);
    expect(logged(t, 'sync op failed')).toEqual([
      { app: 'acme', op: dep.id, kind: 'deactivate', failure: 'transport', error: dep.error },
      { app: 'acme', op: cre.id, kind: 'create', failure: 'rejection', error: cre.error },
    ]);
  });

  it('quarantines only after failures to reach the app in a row: a success in between starts the count over', async () => {
    const { w, t } = await start(12, { quarantineAfter: 2 });
    // Deactivations run in plan order: user1 fails, user2 succeeds, user4 fails.
    const failing = new Set([idOf(w, 1), idOf(w, 4)]);
    w.scim.set({
      failWhen: (method, p) => (method === 'PATCH' && failing.has(p.split('/')[2]!) ? 503 : null),
    });
    for (const i of [1, 2, 4]) w.okta.state.setStatus(w.people[i]!, 'SUSPENDED');
    const r = await t.call('sync.run', {});
    expect(r.run.stats!.apps.acme).toMatchObject({ status: 'ok', failed: 2, applied: 1 });
    expect((await t.call('sync.status', {})).quarantined).toEqual([]);
  });

  it('never quarantines an app for refusing single ops, however many in a row', async () => {
    const { w, t } = await start(6, { quarantineAfter: 2 });
    w.scim.set({ failWhen: (method, p) => (method === 'POST' && p === '/Users' ? 400 : null) });
    for (const name of ['new0', 'new1', 'new2']) join(w, name);
    const r = await t.call('sync.run', {});
    expect(r.run.stats!.apps.acme).toMatchObject({ status: 'ok', failed: 3 });
    expect((await t.call('sync.status', {})).quarantined).toEqual([]);
  });

  it('records each applied op in the ledger with the op, its reason and the offboarding case it serves', async () => {
    const { w, t } = await start(6);
    w.okta.state.setStatus(w.people[2]!, 'SUSPENDED');
    const r = await t.call('sync.run', {});
    const dep = (await t.core.sync.service.deps.journal.ofRun(r.run.id)).find(
      (o) => o.kind === 'deactivate',
    )!;
    expect(dep.caseId).toEqual(expect.any(Number));
    const applied = (await ledger(t, 'op.applied')).filter((e) => e.run === r.run.id && e.app === 'acme');
    expect(applied).toMatchObject([
      {
        actor: 'test',
        person: w.people[2],
        case: dep.caseId,
        before: { op: dep.id, kind: 'deactivate', target: 'user2@example.com', reason: dep.reason },
        after: { remoteId: idOf(w, 2), active: false },
        result: 'ok',
      },
    ]);
  });

  it('when quarantined, holds the remaining creates with the reason and leaves the remaining revocations planned', async () => {
    const { w, t } = await start(12, { quarantineAfter: 2 });
    w.scim.set({ failWhen: (method) => (method === 'GET' ? null : 503) });
    for (const i of [1, 2, 4]) w.okta.state.setStatus(w.people[i]!, 'SUSPENDED');
    join(w, 'new0');
    const posts = () => w.scim.requests.filter((x) => x.method === 'POST').length;
    const before = posts();
    const r = await t.call('sync.run', {});
    expect(r.run.stats!.apps.acme).toMatchObject({ status: 'quarantined', failed: 2, held: 1 });
    // The create is held with the quarantine's reason, audited; the third deactivation was not tried and waits.
    expect(r.held).toMatchObject([
      {
        kind: 'create',
        target: 'new0@example.com',
        heldReason: expect.stringMatching(
          /^held: app quarantined: 2 operations in a row could not reach the app or got a server error; the last: /,
        ),
      },
    ]);
    const held = await ledger(t, 'op.held');
    expect(held).toMatchObject([
      {
        app: 'acme',
        run: r.run.id,
        after: { op: r.held[0]!.id, kind: 'create', target: 'new0@example.com', reason: r.held[0]!.reason },
        result: r.held[0]!.heldReason,
      },
    ]);
    const deactivations = await storeRows<{ status: string }>(
      t.core,
      `SELECT status FROM plan_ops WHERE kind = 'deactivate' ORDER BY id`,
    );
    expect(deactivations.map((d) => d.status)).toEqual(['failed', 'failed', 'planned']);
    expect(posts()).toBe(before);
    expect(logged(t, 'app quarantined')).toEqual([
      { app: 'acme', reason: r.held[0]!.heldReason!.replace(/^held: app quarantined: /, '') },
    ]);
  });

  it('says in the ledger when a manual task was issued rather than an account changed', async () => {
    const { t } = await newWorld(10, { github: false });
    await t.call('sync.run', {});
    const applied = await ledger(t, 'op.applied');
    const results = (app: string) => applied.filter((e) => e.app === app).map((e) => e.result);
    // People 0 and 5 are in Office: their badges are tasks for a person.
    expect(results('badge')).toEqual(['ok: manual task issued', 'ok: manual task issued']);
    expect(new Set(results('acme'))).toEqual(new Set(['ok']));
    expect(results('acme')).toHaveLength(10);
  });

  it('records group memberships it changed on the accounts it knows, keeping their other groups', async () => {
    const { w, t } = await newWorld(7, { github: false });
    const group = (displayName: string) =>
      (
        w.scim.store.createGroup({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
          displayName,
        }) as { id: string }
      ).id;
    const eng = group('Eng Team');
    const office = group('Office Team');
    await t.core.context.repos.workspace.setRules(
      [
        { app: 'acme', groups: ['Everyone'] },
        { app: 'acme', groups: ['Engineering'], appGroups: ['Eng Team'] },
        { app: 'acme', groups: ['Office'], appGroups: ['Office Team'] },
      ].map((r) => ruleSchema.parse(r)),
    );
    const groupsOf = async (i: number) =>
      (
        JSON.parse(
          (
            await storeRows<{ groups: string }>(
              t.core,
              `SELECT groups FROM accounts WHERE app_id = 'acme' AND user_name = ?`,
              `user${i}@example.com`,
            )
          )[0]!.groups,
        ) as string[]
      ).sort();
    const groupsOfEach = async (ids: number[]) => {
      const out: string[][] = [];
      for (const i of ids) out.push(await groupsOf(i));
      return out;
    };
    // One run creates the accounts and adds them to the groups: what Lanyard knows comes from those ops.
    await t.call('sync.run', {});
    expect(await groupsOfEach([0, 1, 3, 5, 6])).toEqual([[eng, office].sort(), [], [eng], [office], [eng]]);
    // Person 0 leaves Engineering: removed from Eng Team, still in Office Team.
    w.okta.state.removeMember(w.groupIds.get('Engineering')!, w.people[0]!);
    await t.call('sync.run', {});
    expect(await groupsOfEach([0, 3, 5, 6])).toEqual([[office], [eng], [office], [eng]]);
  });

  it('reports its progress op by op up to the last one', async () => {
    const { w, t } = await newWorld(12, { github: false });
    await t.call('sync.run', {});
    const progress = t.events
      .filter((e) => e.event === 'sync.progress')
      .map((e) => e.data as { phase: string; done: number; total: number });
    const apply = progress.filter((p) => p.phase === 'apply');
    // 12 accounts and 3 badge tasks: at 10, and at the last.
    expect(apply.map((p) => [p.done, p.total])).toEqual([
      [10, 15],
      [15, 15],
    ]);
    expect(scimUsers(w)).toHaveLength(12);
  });
});
