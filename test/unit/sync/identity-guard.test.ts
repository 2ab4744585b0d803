// The identity guard in correlation and planning (pure): an account whose externalId names someone else is never
// linked to a person by userName or email, and that person gets a held takeover instead of a create.
import { describe, expect, it } from 'vitest';
import { correlate, indexPeople } from '../../../electron/sync/correlate';
import { buildPlan } from '../../../electron/sync/plan';
import { ruleSchema } from '../../../shared/config/workspace';
import { accountOf, input, person, slack } from '../sync/fixtures';

const rules = [ruleSchema.parse({ app: 'slack', groups: ['Everyone'] })];

describe('the identity guard', () => {
  it('does not link an account whose externalId names someone no longer in the directory, and reports a conflict', () => {
    const ruiz = person('ana', { id: '00uRuiz' });
    const kims = accountOf(person('ana', { id: '00uKim' }), { active: false });
    const c = correlate(slack(), [kims], indexPeople([ruiz]));
    expect(c.linked).toEqual([undefined]);
    expect(c.orphans[0]!.reason).toBe(
      'its externalId (00uKim) names someone who is no longer in the directory; Lanyard never gives it to another person',
    );
    expect(c.conflicts.get(0)).toEqual({ account: kims, owner: -1 });
  });

  it('reports a conflict when the former owner is still in the directory with the same login', () => {
    const kim = person('ana', { id: '00uKim', status: 'deprovisioned' });
    const ruiz = person('ana', { id: '00uRuiz' });
    const kims = accountOf(kim, { active: false });
    const c = correlate(slack(), [kims], indexPeople([kim, ruiz]));
    expect(c.linked[0]).toBe(kims);
    expect(c.linked[1]).toBeUndefined();
    expect(c.conflicts.get(1)).toEqual({ account: kims, owner: 0 });
  });

  it('links an account whose externalId is the person’s own login or email (another tool wrote it)', () => {
    const ana = person('ana');
    const acct = accountOf(ana, { externalId: 'ANA@acme.io' });
    const c = correlate(slack(), [acct], indexPeople([ana]));
    expect(c.linked[0]).toBe(acct);
    expect(c.conflicts.size).toBe(0);
  });

  it('plans a held takeover, not a create, and says what approving means', () => {
    const ruiz = person('ana', { id: '00uRuiz' });
    const kims = accountOf(person('ana', { id: '00uKim' }), { active: false });
    const plan = buildPlan(input({ people: [ruiz], apps: [slack()], rules, accounts: { slack: [kims] } }));
    expect(plan.ops.map((o) => o.kind)).toEqual(['update']);
    const op = plan.ops[0]!;
    expect(op.payload).toEqual({
      kind: 'update',
      remoteId: kims.remoteId,
      changes: { externalId: '00uRuiz' },
    });
    expect(op.hold).toBe(
      'ana@acme.io in Slack belonged to someone no longer in the directory (externalId 00uKim); approving gives ana@acme.io that account and its data — or give ana@acme.io a different userName in Slack',
    );
    const del = buildPlan(
      input({ people: [ruiz], apps: [slack({ deprovision: 'delete' })], rules, accounts: { slack: [kims] } }),
    );
    expect(del.ops[0]!.hold).toMatch(/, or delete the old account first$/);
  });
});
