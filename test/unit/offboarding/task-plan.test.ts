// The pure task planning of a case: the same ops (same idempotency keys) the sync planner plans for a leaver, the
// kill switch, the checklist and the verify step; review policy holds; an admin's offboard is not bulk-guarded.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../electron/sync/plan';
import { planOffboarding } from '../../../electron/offboarding/task-plan';
import { ruleSchema } from '../../../shared/config/workspace';
import { NOW, accountOf, badge, github, input, person, slack } from '../sync/fixtures';

const ana = person('ana', { status: 'suspended', statusChangedAt: '2026-11-28T14:02:00Z' });
const apps = [slack(), github({ review: 'required' }), badge()];
const accounts = {
  slack: [accountOf(ana)],
  github: [accountOf(ana, { userName: 'ana-gh' })],
  badge: [accountOf(ana)],
};

const plan = (over: Partial<Parameters<typeof planOffboarding>[0]> = {}) =>
  planOffboarding({
    person: ana,
    activeInDirectory: false,
    why: 'suspended in the directory since 14:02',
    apps,
    accounts,
    killSessions: false,
    openedAt: '2026-11-28T14:05:00.000Z',
    checklist: [],
    guardrails: null,
    now: NOW,
    ...over,
  });

describe('planning an offboarding case', () => {
  it('names the very ops a sync run plans for the same leaver (same idempotency keys)', () => {
    const rules = ['slack', 'github', 'badge'].map((a) => ruleSchema.parse({ app: a, groups: ['Everyone'] }));
    const sync = buildPlan(input({ people: [ana], apps, rules, accounts }));
    const keys = plan().flatMap((d) =>
      d.op && d.kind !== 'idp-suspend' && d.kind !== 'idp-revoke-sessions' ? [d.op.key] : [],
    );
    expect(keys.sort()).toEqual(sync.ops.map((o) => o.key).sort());
  });

  it('revokes per app, holds review-required apps, turns manual apps into checklist tasks and ends with verify', () => {
    const drafts = plan({ checklist: ['Collect the laptop'] });
    expect(drafts.map((d) => [d.kind, d.appId])).toEqual([
      ['app', 'slack'],
      ['app', 'github'],
      ['manual', 'badge'],
      ['checklist', null],
      ['verify', null],
    ]);
    expect(drafts[0]!.op!.status).toBe('planned');
    expect(drafts[1]!.op!.heldReason).toMatch(/GitHub requires review/);
    expect(drafts[2]!.detail.instructions).toMatch(/Deactivate/);
    expect(drafts[0]!.op!.reason).toBe(
      'deactivate ana@acme.io in Slack: suspended in the directory since 14:02',
    );
  });

  it('adds the kill switch: suspend only someone still active, and always end their sessions', () => {
    expect(
      plan({ killSessions: true, activeInDirectory: true })
        .slice(0, 2)
        .map((d) => d.kind),
    ).toEqual(['idp-suspend', 'idp-revoke-sessions']);
    expect(
      plan({ killSessions: true })
        .filter((d) => d.kind.startsWith('idp'))
        .map((d) => d.kind),
    ).toEqual(['idp-revoke-sessions']);
  });

  it('holds a directory-triggered revocation over the percentage guardrail, but not an admin offboard', () => {
    const guarded = plan({
      guardrails: {
        limits: { maxDeprovisionsPerRun: 10, maxDeprovisionPercent: 20 },
        activeAccounts: { slack: 2, github: 100, badge: 100 },
      },
    });
    expect(guarded[0]!.op!.heldReason).toMatch(/over the limit of 20 %/);
    expect(plan()[0]!.op!.heldReason).toBeNull();
  });

  it('plans nothing for an account already inactive and no verify without automated apps', () => {
    const drafts = plan({ apps: [slack()], accounts: { slack: [accountOf(ana, { active: false })] } });
    expect(drafts).toEqual([]);
  });
});
