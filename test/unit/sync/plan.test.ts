// The plan: desired access vs the apps' accounts → explained ops.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../electron/sync/plan';
import { accountOf, badge, github, input, person, slack } from './fixtures';

const everyone = [{ app: 'slack', groups: ['Everyone'] }];

describe('the sync plan', () => {
  it('creates an account for a person a rule matches, with the rule as the reason', () => {
    const ana = person('ana');
    const plan = buildPlan(input({ people: [ana], apps: [slack()], rules: everyone }));
    expect(plan.ops).toHaveLength(1);
    expect(plan.ops[0]).toMatchObject({
      appId: 'slack',
      personId: ana.id,
      kind: 'create',
      destructive: false,
      reason: 'create ana@acme.io in Slack: in Everyone (rule 1)',
      payload: {
        kind: 'create',
        spec: { externalId: ana.id, userName: 'ana@acme.io', email: 'ana@acme.io', active: true },
      },
    });
  });

  it('updates only the attributes that differ, emails compared case-insensitively', () => {
    const ana = person('ana', { displayName: 'Ana Silva', department: 'Platform', title: 'SRE' });
    const acc = accountOf(ana, {
      emails: ['ANA@acme.io'],
      displayName: 'Ana S',
      attributes: { department: 'Engineering', givenName: 'Ana' },
    });
    const plan = buildPlan(
      input({ people: [ana], apps: [slack()], rules: everyone, accounts: { slack: [acc] } }),
    );
    expect(plan.ops.map((o) => o.kind)).toEqual(['update']);
    expect(plan.ops[0]!.payload).toEqual({
      kind: 'update',
      remoteId: acc.remoteId,
      changes: { displayName: 'Ana Silva', department: 'Platform' },
    });
    expect(plan.ops[0]!.reason).toBe(
      'update ana@acme.io in Slack: displayName "Ana S" → "Ana Silva", department "Engineering" → "Platform"',
    );
  });

  it('sets the role when the winning rule gives a different one', () => {
    const ana = person('ana', {
      groups: ['Engineering', 'Platform Leads'],
      attributes: { githubUsername: 'ana-gh' },
    });
    const acc = accountOf(ana, {
      userName: 'ana-gh',
      remoteId: 'ana-gh',
      externalId: null,
      emails: [],
      role: 'member',
    });
    const plan = buildPlan(
      input({
        people: [ana],
        apps: [github()],
        rules: [
          { app: 'github', groups: ['Engineering'], role: 'member' },
          { app: 'github', groups: ['Platform Leads'], role: 'admin', priority: 5 },
        ],
        accounts: { github: [acc] },
      }),
    );
    expect(plan.ops).toHaveLength(1);
    expect(plan.ops[0]).toMatchObject({
      kind: 'set-role',
      payload: { kind: 'set-role', remoteId: 'ana-gh', role: 'admin', previous: 'member' },
      reason: "set ana@acme.io's role in GitHub to admin (was member): in Platform Leads (rule 2)",
    });
  });

  it('batches group membership: one add op and one remove op per group, each with many members', () => {
    const eng = ['ana', 'bob', 'cy'].map((n) =>
      person(n, { groups: ['Engineering'], attributes: { githubUsername: `${n}-gh` } }),
    );
    const dan = person('dan', { groups: ['Sales'], attributes: { githubUsername: 'dan-gh' } });
    const accounts = [
      accountOf(eng[0]!, { remoteId: 'ana-gh', userName: 'ana-gh', externalId: null }),
      accountOf(dan, {
        remoteId: 'dan-gh',
        userName: 'dan-gh',
        externalId: null,
        groups: ['eng', 'sales', 'hand-made'],
      }),
    ];
    const plan = buildPlan(
      input({
        people: [...eng, dan],
        apps: [github()],
        rules: [
          { app: 'github', groups: ['Engineering'], teams: ['eng'] },
          { app: 'github', groups: ['Sales'], teams: ['sales'] },
        ],
        accounts: { github: accounts },
      }),
    );
    const adds = plan.ops.filter((o) => o.kind === 'add-to-group');
    const removes = plan.ops.filter((o) => o.kind === 'remove-from-group');
    expect(adds).toHaveLength(1);
    expect(adds[0]!.payload).toMatchObject({
      groupId: 'eng',
      members: [
        { personId: '00uana', remoteId: 'ana-gh' },
        { personId: '00ubob', remoteId: null, userName: 'bob-gh' },
        { personId: '00ucy', remoteId: null, userName: 'cy-gh' },
      ],
    });
    expect(adds[0]!.reason).toBe('add 3 people to eng in GitHub: ana-gh, bob-gh and cy-gh, per rule 1');
    expect(removes).toHaveLength(1);
    expect(removes[0]).toMatchObject({
      destructive: true,
      reason: 'remove dan-gh from eng in GitHub: no longer in Engineering (rule 1)',
      payload: { groupId: 'eng', members: [{ personId: dan.id, remoteId: 'dan-gh' }] },
    });
  });

  it("resolves SCIM app groups named in rules to the app's group ids", () => {
    const ana = person('ana');
    const plan = buildPlan(
      input({
        people: [ana],
        apps: [slack()],
        rules: [{ app: 'slack', groups: ['Everyone'], appGroups: ['All Staff', 'Missing'] }],
        accounts: { slack: [accountOf(ana)] },
        appGroups: { slack: [{ remoteId: 'G123', displayName: 'All Staff', members: [] }] },
      }),
    );
    expect(plan.ops.map((o) => [o.kind, o.payload.kind === 'add-to-group' && o.payload.groupId])).toEqual([
      ['add-to-group', 'G123'],
    ]);
    expect(plan.warnings).toEqual([
      'Slack has no group "Missing" (rule 1): create it in Slack or fix the rule',
    ]);
  });

  it('deactivates the account of a suspended person, saying since when', () => {
    const ana = person('ana', { status: 'suspended', statusChangedAt: '2026-11-28T14:02:11Z' });
    const plan = buildPlan(
      input({ people: [ana], apps: [slack()], rules: everyone, accounts: { slack: [accountOf(ana)] } }),
    );
    expect(plan.ops).toHaveLength(1);
    expect(plan.ops[0]).toMatchObject({
      kind: 'deactivate',
      destructive: true,
      deprovision: true,
      reason: 'deactivate ana@acme.io in Slack: suspended in the directory since 14:02',
    });
  });

  it('names the day when the status changed on an earlier day', () => {
    const ana = person('ana', { status: 'deprovisioned', statusChangedAt: '2026-11-20T09:05:00Z' });
    const plan = buildPlan(
      input({ people: [ana], apps: [slack()], rules: everyone, accounts: { slack: [accountOf(ana)] } }),
    );
    expect(plan.ops[0]!.reason).toBe(
      'deactivate ana@acme.io in Slack: deprovisioned in the directory since 2026-11-20 09:05',
    );
  });

  it('deprovisions an active person no longer matched by any rule, naming the rule they left', () => {
    const ana = person('ana', { groups: ['Contractors'] });
    const plan = buildPlan(
      input({ people: [ana], apps: [slack()], rules: everyone, accounts: { slack: [accountOf(ana)] } }),
    );
    expect(plan.ops[0]).toMatchObject({
      kind: 'deactivate',
      reason: 'deactivate ana@acme.io in Slack: no longer in Everyone (rule 1)',
    });
  });

  it("deletes instead when the app's deprovision mode is delete", () => {
    const ana = person('ana', { status: 'deleted' });
    const plan = buildPlan(
      input({
        people: [ana],
        apps: [slack({ deprovision: 'delete' })],
        rules: everyone,
        accounts: { slack: [accountOf(ana)] },
      }),
    );
    expect(plan.ops.map((o) => [o.kind, o.reason])).toEqual([
      ['delete', 'delete ana@acme.io in Slack: deleted in the directory'],
    ]);
  });

  it('reactivates the inactive account of a rehired person instead of creating a duplicate', () => {
    const ana = person('ana', { statusChangedAt: '2026-11-28T09:15:00Z' });
    const acc = accountOf(ana, { active: false, deactivatedAt: '2026-06-01T00:00:00Z' });
    const plan = buildPlan(
      input({ people: [ana], apps: [slack()], rules: everyone, accounts: { slack: [acc] } }),
    );
    expect(plan.ops.map((o) => o.kind)).toEqual(['reactivate']);
    expect(plan.ops[0]!.reason).toBe(
      'reactivate ana@acme.io in Slack: in Everyone (rule 1), active since 09:15',
    );
  });

  it('turns the ops of a manual app into checklist tasks carrying the task text', () => {
    const ana = person('ana');
    const bob = person('bob', { status: 'suspended' });
    const plan = buildPlan(
      input({
        people: [ana, bob],
        apps: [badge({ assignee: 'Front desk' })],
        rules: [{ app: 'badge', groups: ['Everyone'] }],
        accounts: {
          badge: [accountOf(bob, { remoteId: 'bob@acme.io', userName: 'bob@acme.io', externalId: null })],
        },
      }),
    );
    expect(plan.ops.map((o) => o.kind)).toEqual(['manual-task', 'manual-task']);
    expect(plan.ops[0]!.payload).toMatchObject({
      action: 'created',
      task: { title: 'Create an account for ana@acme.io in Office badge', assignee: 'Front desk' },
    });
    expect(plan.ops[1]).toMatchObject({
      destructive: true,
      deprovision: true,
      reason: 'deactivate bob@acme.io in Office badge: suspended in the directory',
    });
    expect(plan.ops[1]!.payload).toMatchObject({ action: 'deactivated', remoteId: 'bob@acme.io' });
  });

  it('leaves an app without access rules alone and says so', () => {
    const ana = person('ana', { status: 'suspended' });
    const plan = buildPlan(
      input({ people: [ana], apps: [slack()], rules: [], accounts: { slack: [accountOf(ana)] } }),
    );
    expect(plan.ops).toEqual([]);
    expect(plan.warnings).toEqual(['Slack has no access rules: Lanyard leaves its 1 accounts alone']);
  });

  it('gives the same ops the same idempotency keys when replanned', () => {
    const people = [person('ana'), person('bob', { status: 'suspended' })];
    const inp = input({
      people,
      apps: [slack()],
      rules: everyone,
      accounts: { slack: [accountOf(people[1]!)] },
    });
    const a = buildPlan(inp);
    const b = buildPlan(structuredClone(inp));
    expect(b.ops.map((o) => o.key)).toEqual(a.ops.map((o) => o.key));
    expect(new Set(a.ops.map((o) => o.key)).size).toBe(a.ops.length);
  });

  it('counts ops per app and kind', () => {
    const people = [person('ana'), person('bob'), person('cy', { status: 'suspended' })];
    const plan = buildPlan(
      input({ people, apps: [slack()], rules: everyone, accounts: { slack: [accountOf(people[2]!)] } }),
    );
    expect(plan.summary.apps[0]).toMatchObject({
      appId: 'slack',
      inScope: 2,
      accounts: 1,
      activeAccounts: 1,
      ops: { create: 2, deactivate: 1 },
    });
    expect(plan.summary.total).toEqual({ create: 2, deactivate: 1 });
  });
});
