// The gate's promises through the API, against the Okta, SCIM and GitHub fakes on loopback and a real core on
// SQLite: approvals are re-planned, an app out of seats still gets its revocations, the rolling window holds,
// demotions and team removals count, protected accounts are never touched, and a new workspace applies nothing
// until reviewed. (The mass suspension is in mass-suspension.test.ts.)
import { describe, expect, it } from 'vitest';
import { ruleSchema } from '../../../shared/config/workspace';
import { appsOf, scimUsers, worldPerTest, type World } from '../sync-engine/kit';

const newWorld = worldPerTest();

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Write requests the app and IdP fakes have served so far. */
const writes = (w: World) => ({
  scim: w.scim.requests.filter((r) => WRITES.has(r.method)).length,
  okta: w.okta.requests.filter((r) => WRITES.has(r.method)).length,
  github: w.github ? w.github.log.filter((r) => WRITES.has(r.method)).length : 0,
});
const activeCount = (w: World): number => scimUsers(w).filter((u) => u.active !== false).length;

const start = async (n: number, opts: { github?: boolean; guardrails?: Record<string, number> } = {}) => {
  const { w, t } = await newWorld(n, { github: opts.github ?? false });
  if (opts.guardrails) await t.call('settings.set', { guardrails: opts.guardrails });
  await t.call('sync.run', {});
  return { w, t };
};

describe('approving a held op re-plans it first', () => {
  it('supersedes a deprovision whose person is back in scope, with the reason, and sends nothing for it', async () => {
    const { w, t } = await start(40, { guardrails: { maxDeprovisionsPerRun: 5 } });
    for (let i = 0; i < 8; i++) w.okta.state.setStatus(w.people[i]!, 'SUSPENDED');
    const poll = await t.call('sync.run', {});
    expect(poll.held).toHaveLength(8);
    // One of them is back (the suspension was a mistake) before the admin approves.
    w.okta.state.setStatus(w.people[3]!, 'ACTIVE');
    await t.call('directory.pull', {});
    const back = scimUsers(w).find((u) => u.userName === 'user3@example.com')!;
    const before = w.scim.requests.filter((r) => WRITES.has(r.method) && r.path.includes(back.id)).length;
    const groupReads = () => w.scim.requests.filter((r) => r.path.startsWith('/Groups')).length;
    const groupsBefore = groupReads();

    const r = await t.call('review.approve', { ids: poll.held.map((o) => o.id) });
    // The re-plan reads an app's groups only when its rules name some (these do not).
    expect(groupReads()).toBe(groupsBefore);
    expect(r.superseded).toHaveLength(1);
    expect(r.superseded[0]!.target).toBe('user3@example.com');
    expect(r.superseded[0]!.reason).toMatch(/^superseded: user3@example.com has access to Acme again/);
    const op = r.ops.find((o) => o.target === 'user3@example.com')!;
    expect(op.status).toBe('superseded');
    expect(op.error).toMatch(/has access to Acme again/);
    expect(w.scim.requests.filter((x) => WRITES.has(x.method) && x.path.includes(back.id)).length).toBe(
      before,
    );
    expect(scimUsers(w).find((u) => u.userName === 'user3@example.com')!.active).not.toBe(false);
    expect(r.ops.filter((o) => o.status === 'done')).toHaveLength(7);
    const audit = await t.call('audit.list', { action: 'op.superseded', limit: 10 });
    expect(audit.events).toHaveLength(1);
  });
});

describe('approving while the directory cannot be read', () => {
  it('approves nothing: the re-check needs a fresh read, and the ops stay held', async () => {
    const { w, t } = await start(30, { guardrails: { maxDeprovisionsPerRun: 2 } });
    for (let i = 0; i < 3; i++) w.okta.state.setStatus(w.people[i]!, 'SUSPENDED');
    const poll = await t.call('sync.run', {});
    expect(poll.held).toHaveLength(3);
    w.okta.faults.add({
      match: (r) => r.method === 'GET',
      times: Infinity,
      fault: { kind: 'status', status: 503 },
    });
    const before = writes(w);
    await expect(t.call('review.approve', { ids: poll.held.map((o) => o.id) })).rejects.toThrow(
      /^Nothing was approved: the directory could not be re-read/,
    );
    expect(writes(w)).toEqual(before);
    expect((await t.call('review.list', {})).total).toBe(3);
  });
});

describe('an app out of seats', () => {
  it('still gets this run’s deactivations done, and is not quarantined by rejected creates', async () => {
    const { w, t } = await start(30);
    // Every create is refused (no seats left); 6 newcomers join and 2 people leave.
    w.scim.set({ failWhen: (method, p) => (method === 'POST' && p === '/Users' ? 400 : null) });
    for (let i = 0; i < 6; i++) {
      const u = w.okta.state.addUser({ login: `new${i}@example.com`, email: `new${i}@example.com` });
      w.okta.state.addMember(w.groupIds.get('Everyone')!, u.id);
    }
    w.okta.state.setStatus(w.people[1]!, 'DEPROVISIONED');
    w.okta.state.setStatus(w.people[2]!, 'DEPROVISIONED');

    const r = await t.call('sync.run', { full: true });
    const acme = r.run.stats!.apps.acme!;
    expect(acme.status).toBe('ok');
    expect(acme.failed).toBe(6);
    expect(
      scimUsers(w)
        .filter((u) => u.active === false)
        .map((u) => u.userName)
        .sort(),
    ).toEqual(['user1@example.com', 'user2@example.com']);
    // Revocations ran before the creates.
    const writeOrder = w.scim.requests.filter((x) => WRITES.has(x.method)).slice(-8);
    expect(writeOrder.slice(0, 2).every((x) => x.method !== 'POST')).toBe(true);
    expect((await t.call('sync.status', {})).quarantined).toEqual([]);
  });
});

describe('the rolling window', () => {
  it('holds the third poll’s 9 deprovisions with a per-run limit of 10 and 20 per hour', async () => {
    const { w, t } = await start(60, {
      guardrails: {
        maxDeprovisionsPerRun: 10,
        maxDeprovisionsPerWindow: 20,
        windowMinutes: 60,
        maxDeprovisionPercent: 100,
        maxDeprovisionPercentPerWindow: 100,
      },
    });
    const poll = async (from: number) => {
      for (let i = from; i < from + 9; i++) w.okta.state.setStatus(w.people[i]!, 'SUSPENDED');
      return t.call('sync.run', {});
    };
    const first = await poll(0);
    expect(first.held).toHaveLength(0);
    const second = await poll(9);
    expect(second.held).toHaveLength(0);
    expect(activeCount(w)).toBe(60 - 18);
    const third = await poll(18);
    expect(third.held).toHaveLength(9);
    expect(third.held[0]!.heldReason).toBe(
      'held: 9 destructive changes would make 27 in the last 60 minutes, over the limit of 20 per 60 minutes',
    );
    expect(activeCount(w)).toBe(60 - 18);
    const status = await t.call('sync.status', {});
    expect(status.held.total).toBe(9);
    expect(status.held.reasons[0]).toEqual({ reason: third.held[0]!.heldReason, count: 9 });
  });

  it('lets a batch through at exactly the window limit (limit − 0) and holds one more', async () => {
    const { w, t } = await start(60, {
      guardrails: {
        maxDeprovisionsPerRun: 10,
        maxDeprovisionsPerWindow: 12,
        maxDeprovisionPercent: 100,
        maxDeprovisionPercentPerWindow: 100,
      },
    });
    for (let i = 0; i < 8; i++) w.okta.state.setStatus(w.people[i]!, 'SUSPENDED');
    expect((await t.call('sync.run', {})).held).toHaveLength(0);
    for (let i = 8; i < 12; i++) w.okta.state.setStatus(w.people[i]!, 'SUSPENDED');
    expect((await t.call('sync.run', {})).held).toHaveLength(0);
    w.okta.state.setStatus(w.people[12]!, 'SUSPENDED');
    const over = await t.call('sync.run', {});
    expect(over.held).toHaveLength(1);
    expect(over.held[0]!.heldReason).toMatch(/would make 13 in the last 60 minutes, over the limit of 12/);
  });
});

describe('destructive changes other than deprovisions', () => {
  it('holds GitHub admin → member demotions above the limit', async () => {
    const { w, t } = await start(90, { github: true, guardrails: { maxDeprovisionsPerRun: 2 } });
    for (const id of [...w.github!.state.invitations.keys()]) w.github!.state.accept(id);
    await t.call('sync.run', {});
    const leads = [0, 30, 60].map((i) => `gh-user${i}`);
    expect(leads.map((l) => w.github!.state.roleOf(l))).toEqual(['admin', 'admin', 'admin']);
    const lead = w.groupIds.get('Platform Leads')!;
    for (const i of [0, 30, 60]) w.okta.state.removeMember(lead, w.people[i]!);

    const r = await t.call('sync.run', {});
    const demotions = r.held.filter((o) => o.kind === 'set-role');
    expect(demotions).toHaveLength(3);
    expect(demotions.every((o) => o.destructive)).toBe(true);
    expect(demotions[0]!.heldReason).toBe(
      'held: 3 destructive changes in this run exceed the limit of 2 per run',
    );
    expect(leads.map((l) => w.github!.state.roleOf(l))).toEqual(['admin', 'admin', 'admin']);
  });

  it('holds removing everyone from a team after a group rename, counting each member', async () => {
    const { w, t } = await newWorld(60, { github: true });
    await t.core.context.repos.workspace.setRules(
      [
        { app: 'acme', groups: ['Everyone'] },
        { app: 'github', groups: ['Everyone'], role: 'member' },
        { app: 'github', groups: ['Engineering'], teams: ['eng'] },
      ].map((r) => ruleSchema.parse(r)),
    );
    await t.call('settings.set', { guardrails: { maxDeprovisionsPerRun: 10, maxDeprovisionPercent: 100 } });
    expect(appsOf(w).map((a) => a.id)).toContain('github');
    await t.call('sync.run', {});
    for (const id of [...w.github!.state.invitations.keys()]) w.github!.state.accept(id);
    await t.call('sync.run', {});
    const team = w.github!.state.teams.get('eng')!;
    expect(team.members.size).toBe(20);

    // Someone renames "Engineering" in Okta: 20 people would leave the team.
    w.okta.state.groups.get(w.groupIds.get('Engineering')!)!.profile.name = 'Engineering (old)';
    const r = await t.call('sync.run', { full: true });
    const removal = r.held.filter((o) => o.kind === 'remove-from-group');
    expect(removal).toHaveLength(1);
    expect(removal[0]!.heldReason).toBe(
      'held: 20 destructive changes in this run exceed the limit of 10 per run',
    );
    expect(team.members.size).toBe(20);
  });
});

describe('protected accounts', () => {
  it('are never changed — not a break-glass admin no rule matches, not a leaver’s — and the plan says why', async () => {
    const { w, t } = await newWorld(20, { github: false });
    const glass = w.scim.store.createUser({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'breakglass@example.com',
      active: true,
    }) as { id: string };
    // user5 already had an account, which the workspace protects (a service owner's, say).
    w.scim.store.createUser({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'user5@example.com',
      active: true,
    });
    await t.core.context.repos.workspace.setApps(
      appsOf(w).map((a) =>
        a.id === 'acme' ? { ...a, protected: ['breakglass@example.com', 'USER5@example.com'] } : a,
      ),
    );
    await t.call('sync.run', {});
    w.okta.state.setStatus(w.people[5]!, 'DEPROVISIONED');

    const plan = await t.call('sync.plan', {});
    expect(plan.protected.map((p) => p.userName).sort()).toEqual([
      'breakglass@example.com',
      'user5@example.com',
    ]);
    expect(plan.protected.find((p) => p.userName === 'user5@example.com')!.reason).toMatch(
      /^protected in the workspace: left alone; Lanyard would otherwise deactivate user5@example.com/,
    );
    expect(plan.orphans.map((o) => o.userName)).not.toContain('breakglass@example.com');
    await t.call('sync.run', {});
    const user5 = scimUsers(w).find((u) => u.userName === 'user5@example.com')!;
    const touched = w.scim.requests.filter(
      (r) => WRITES.has(r.method) && (r.path.includes(glass.id) || r.path.includes(user5.id)),
    );
    expect(touched.filter((r) => r.method !== 'POST')).toEqual([]);
    expect(user5.active).not.toBe(false);
  });
});

describe('safe start', () => {
  it('reads and plans but applies nothing until the first plan is reviewed; sync.run starts applying', async () => {
    const { w, t } = await newWorld(10, { github: false });
    const status = await t.call('sync.status', {});
    expect(status.applying).toBe('awaiting-first-review');
    expect(status.applyingDetail).toMatch(/^Review the first plan to start/);
    const plan = await t.call('sync.plan', {});
    expect(plan.ops.filter((o) => o.kind === 'create')).toHaveLength(10);
    await expect(t.call('sync.now', {})).rejects.toThrow(/until the first plan has been reviewed/);
    // The scheduler of a new workspace reads and plans, and applies nothing.
    const planned = new Promise<unknown>((resolve) =>
      t.core.events.subscribe((e) => {
        if (e.event === 'sync.planned') resolve(e.data);
      }),
    );
    t.core.sync.startScheduler();
    expect(await planned).toMatchObject({ ops: plan.ops.length, trigger: 'schedule' });
    await t.core.sync.stopScheduler();
    expect(writes(w).scim).toBe(0);
    expect((await t.call('runs.list', {})).length).toBe(0);

    await t.call('sync.run', {});
    expect((await t.call('sync.status', {})).applying).toBe('on');
    expect(scimUsers(w)).toHaveLength(10);
    const audit = await t.call('audit.list', { action: 'sync.firstPlanReviewed', limit: 5 });
    expect(audit.events.map((e) => e.actor)).toEqual(['test']);
  });

  it('holds the deprovision of a pre-existing account in the first reviewed run, then adopts it', async () => {
    const { w, t } = await newWorld(10, { github: false });
    // An account that was there before Lanyard, of someone who has since left.
    w.okta.state.setStatus(w.people[4]!, 'DEPROVISIONED');
    w.scim.store.createUser({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'user4@example.com',
      active: true,
    });
    const dry = await t.call('sync.plan', {});
    const dep = dry.ops.find((o) => o.kind === 'deactivate')!;
    expect(dep.status).toBe('held');
    expect(dep.heldReason).toMatch(
      /existed before Lanyard managed this app and the first plan has not been reviewed/,
    );

    const first = await t.call('sync.run', {});
    expect(first.held.map((o) => o.target)).toEqual(['user4@example.com']);
    expect(scimUsers(w).find((u) => u.userName === 'user4@example.com')!.active).not.toBe(false);
    // After the first reviewed plan the account is adopted: a later leaver of a pre-existing account is not held
    // for that reason (only approval finishes this one).
    const approved = await t.call('review.approve', { ids: first.held.map((o) => o.id) });
    expect(approved.ops[0]!.status).toBe('done');
    expect(scimUsers(w).find((u) => u.userName === 'user4@example.com')!.active).toBe(false);
  });
});
