// Guardrails: what waits in the review queue, and why.
import { describe, expect, it } from 'vitest';
import { applyGuardrails } from '../../../electron/sync/guard';
import { buildPlan } from '../../../electron/sync/plan';
import type { AppConfig, SyncPerson } from '../../../electron/sync/types';
import { accountOf, github, input, person, slack } from './fixtures';

const guardrails = { maxDeprovisionsPerRun: 10, maxDeprovisionPercent: 100 };
const rules = [
  { app: 'slack', groups: ['Everyone'] },
  { app: 'github', groups: ['Everyone'] },
];

/** `leavers` suspended people with Slack accounts, `joiners` new people, `stayers` in-sync accounts. */
const scenario = (leavers: number, joiners: number, stayers = 0, apps: AppConfig[] = [slack()]) => {
  const gone = Array.from({ length: leavers }, (_, i) => person(`leaver${i}`, { status: 'suspended' }));
  const fresh = Array.from({ length: joiners }, (_, i) => person(`joiner${i}`));
  const kept = Array.from({ length: stayers }, (_, i) => person(`stayer${i}`));
  const accounts = (ps: SyncPerson[]) => ps.map((p) => accountOf(p));
  return buildPlan(
    input({
      people: [...gone, ...fresh, ...kept],
      apps,
      rules: rules.filter((r) => apps.some((a) => a.id === r.app)),
      accounts: { slack: accounts([...gone, ...kept]), github: accounts([...gone, ...kept]) },
    }),
  );
};

describe('guardrails', () => {
  it('holds all 15 deprovisions of a run when the limit is 10 per run', () => {
    const plan = scenario(15, 2);
    const guarded = applyGuardrails(plan, { guardrails, apps: [slack()], suspicious: false });
    const deprovisions = guarded.ops.filter((o) => o.kind === 'deactivate');
    expect(deprovisions).toHaveLength(15);
    expect(deprovisions.every((o) => o.status === 'held')).toBe(true);
    expect(deprovisions[0]!.heldReason).toBe(
      'held: 15 destructive changes in this run exceed the limit of 10 per run',
    );
    expect(guarded.ops.filter((o) => o.kind === 'create').every((o) => o.status === 'planned')).toBe(true);
    expect(guarded.held).toBe(15);
  });

  it('lets 10 deprovisions through when the limit is 10 per run', () => {
    const guarded = applyGuardrails(scenario(10, 0), { guardrails, apps: [slack()], suspicious: false });
    expect(guarded.ops.every((o) => o.status === 'planned')).toBe(true);
  });

  it('holds the deprovisions of an app when they exceed the percentage of its accounts, small apps included', () => {
    const guarded = applyGuardrails(scenario(1, 0, 2), {
      guardrails: { maxDeprovisionsPerRun: 10, maxDeprovisionPercent: 20 },
      apps: [slack()],
      suspicious: false,
    });
    expect(guarded.ops).toHaveLength(1);
    expect(guarded.ops[0]).toMatchObject({
      status: 'held',
      heldReason: 'held: 1 of 3 Slack accounts (33 %) would lose access in this run, over the limit of 20 %',
    });
  });

  it('holds every deprovision when the directory read was flagged suspicious, but lets creates proceed', () => {
    const guarded = applyGuardrails(scenario(3, 2), {
      guardrails,
      apps: [slack()],
      suspicious: { reason: 'suspicious drop' },
    });
    const byKind = (k: string) => guarded.ops.filter((o) => o.kind === k);
    expect(byKind('deactivate').map((o) => o.heldReason)).toEqual(
      Array(3).fill('held: the directory read looked wrong (suspicious drop)'),
    );
    expect(byKind('create').map((o) => o.status)).toEqual(['planned', 'planned']);
  });

  it('holds only the destructive ops of an app whose policy is review: required', () => {
    const apps = [slack({ review: 'required' }), github()];
    const plan = scenario(2, 1, 0, apps);
    const guarded = applyGuardrails(plan, { guardrails, apps, suspicious: false });
    const held = guarded.ops.filter((o) => o.status === 'held');
    expect(held.map((o) => [o.appId, o.kind])).toEqual([
      ['slack', 'deactivate'],
      ['slack', 'deactivate'],
    ]);
    expect(held[0]!.heldReason).toBe('held: Slack requires review');
    expect(
      guarded.ops.filter((o) => o.appId === 'slack' && o.kind === 'create').map((o) => o.status),
    ).toEqual(['planned']);
    expect(guarded.ops.filter((o) => o.appId === 'github').every((o) => o.status === 'planned')).toBe(true);
  });

  it('never drops a held op: the guarded plan has every op of the plan', () => {
    const plan = scenario(15, 3);
    const guarded = applyGuardrails(plan, { guardrails, apps: [slack()], suspicious: true });
    expect(guarded.ops.map((o) => o.key)).toEqual(plan.ops.map((o) => o.key));
  });

  it('names every reason an op is held', () => {
    const apps = [slack({ review: 'required' })];
    const guarded = applyGuardrails(scenario(11, 0), { guardrails, apps, suspicious: true });
    expect(guarded.ops[0]!.heldReason).toBe(
      'held: the directory read looked wrong (flagged suspicious); 11 destructive changes in this run exceed the limit of 10 per run; Slack requires review',
    );
  });

  it('uses the given account counts for the percentage when the caller knows better', () => {
    const guarded = applyGuardrails(scenario(1, 0), {
      guardrails: { maxDeprovisionsPerRun: 10, maxDeprovisionPercent: 20 },
      apps: [slack()],
      accountsCount: { slack: 100 },
      suspicious: false,
    });
    expect(guarded.ops[0]!.status).toBe('planned');
  });

  it('keeps person names in the plan unchanged for the review queue', () => {
    const guarded = applyGuardrails(scenario(1, 0), { guardrails, apps: [slack()], suspicious: true });
    expect(guarded.ops[0]).toMatchObject({
      target: 'leaver0@acme.io',
      reason: 'deactivate leaver0@acme.io in Slack: suspended in the directory',
    });
  });
});
