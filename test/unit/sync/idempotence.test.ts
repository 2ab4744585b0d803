// Idempotence: applying a plan and planning again over the result plans nothing.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../electron/sync/plan';
import { accountOf, applyOps, badge, github, input, person, slack } from './fixtures';

describe('idempotence', () => {
  it('plans nothing the second time, over the applied result of the first plan', () => {
    const gh = (n: string) => ({ githubUsername: `${n}-gh` });
    const ana = person('ana', { groups: ['Everyone', 'Engineering'], attributes: gh('ana') });
    const bob = person('bob', {
      groups: ['Everyone', 'Platform Leads'],
      attributes: gh('bob'),
      displayName: 'Bob New',
    });
    const cy = person('cy', { status: 'suspended', attributes: gh('cy') });
    const dan = person('dan', { groups: ['Contractors'], attributes: gh('dan') });
    const eve = person('eve', { groups: ['Everyone'], attributes: gh('eve') });
    const orphan = accountOf(person('zed'), { externalId: null, remoteId: 'zed' });
    const gha = (p: typeof ana, over = {}) =>
      accountOf(p, {
        remoteId: `${p.attributes!.githubUsername}`,
        userName: `${p.attributes!.githubUsername}`,
        externalId: null,
        emails: [],
        ...over,
      });
    const inp = input({
      people: [ana, bob, cy, dan, eve],
      apps: [slack({ deprovision: { deactivateThenDeleteAfterDays: 30 } }), github(), badge()],
      rules: [
        { app: 'slack', groups: ['Everyone'], appGroups: ['All'] },
        { app: 'github', groups: ['Engineering'], role: 'member', teams: ['eng'] },
        { app: 'github', groups: ['Platform Leads'], role: 'admin', teams: ['leads'] },
        { app: 'badge', groups: ['Everyone'] },
      ],
      accounts: {
        slack: [
          accountOf(bob, { displayName: 'Bob Old', attributes: { department: 'Sales' } }),
          accountOf(cy),
          accountOf(dan, { externalId: null, userName: 'DAN@acme.io' }),
          accountOf(eve, { active: false, deactivatedAt: '2026-01-01T00:00:00Z' }),
          orphan,
        ],
        github: [gha(bob, { role: 'member', groups: ['eng'] }), gha(dan, { groups: ['eng'] })],
        badge: [accountOf(cy, { remoteId: 'cy@acme.io', userName: 'cy@acme.io', externalId: null })],
      },
    });
    const first = buildPlan(inp);
    expect(new Set(first.ops.map((o) => o.kind))).toEqual(
      new Set([
        'create',
        'update',
        'set-role',
        'add-to-group',
        'remove-from-group',
        'deactivate',
        'reactivate',
        'manual-task',
      ]),
    );
    const second = buildPlan({ ...inp, accounts: applyOps(inp, first.ops) });
    expect(second.ops.map((o) => o.reason)).toEqual([]);
    expect(second.orphans).toEqual(first.orphans);
  });
});
