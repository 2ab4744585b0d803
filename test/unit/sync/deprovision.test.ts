// Deprovision modes, in particular deactivate-then-delete after N days.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../electron/sync/plan';
import { accountOf, input, NOW, person, slack } from './fixtures';

const rules = [{ app: 'slack', groups: ['Everyone'] }];
const thirtyDays = slack({ deprovision: { deactivateThenDeleteAfterDays: 30 } });
const daysAgo = (n: number): string => new Date(NOW.getTime() - n * 86_400_000).toISOString();

describe('deactivate then delete after N days', () => {
  it('deactivates an active account now and says when it will be deleted', () => {
    const ana = person('ana', { status: 'suspended' });
    const plan = buildPlan(
      input({ people: [ana], apps: [thirtyDays], rules, accounts: { slack: [accountOf(ana)] } }),
    );
    expect(plan.ops.map((o) => o.kind)).toEqual(['deactivate']);
    expect(plan.ops[0]!.payload).toMatchObject({ deleteAfterDays: 30 });
    expect(plan.ops[0]!.reason).toBe(
      'deactivate ana@acme.io in Slack: suspended in the directory; deleted after 30 days',
    );
  });

  it('deletes the account once it has been inactive for N days', () => {
    const ana = person('ana', { status: 'deprovisioned' });
    const acc = accountOf(ana, { active: false, deactivatedAt: daysAgo(31) });
    const plan = buildPlan(input({ people: [ana], apps: [thirtyDays], rules, accounts: { slack: [acc] } }));
    expect(plan.ops.map((o) => o.kind)).toEqual(['delete']);
    expect(plan.ops[0]!.reason).toBe(
      'delete ana@acme.io in Slack: deactivated 31 days ago and Slack deletes after 30 days; deprovisioned in the directory',
    );
  });

  it('waits while the account has been inactive for fewer than N days', () => {
    const ana = person('ana', { status: 'deprovisioned' });
    const acc = accountOf(ana, { active: false, deactivatedAt: daysAgo(29) });
    expect(
      buildPlan(input({ people: [ana], apps: [thirtyDays], rules, accounts: { slack: [acc] } })).ops,
    ).toEqual([]);
  });

  it('never deletes when it does not know since when the account is inactive', () => {
    const ana = person('ana', { status: 'deprovisioned' });
    const acc = accountOf(ana, { active: false });
    expect(
      buildPlan(input({ people: [ana], apps: [thirtyDays], rules, accounts: { slack: [acc] } })).ops,
    ).toEqual([]);
  });

  it('leaves an already inactive account alone when the mode is deactivate', () => {
    const ana = person('ana', { status: 'suspended' });
    const acc = accountOf(ana, { active: false });
    expect(
      buildPlan(input({ people: [ana], apps: [slack()], rules, accounts: { slack: [acc] } })).ops,
    ).toEqual([]);
  });
});
