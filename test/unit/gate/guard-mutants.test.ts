// The guard's sentences and edge cases, as an admin meets them in the review queue: the exact sentence of each
// limit (singular and plural, with the app's name, or its id when the app is no longer configured), every reason
// an op is held and only those, apps whose accounts were never counted, batches with nothing destructive, ops the
// planner itself holds (account takeovers), adoption before the first review, and the sources that pass.
import { describe, expect, it } from 'vitest';
import { applyGuardrails, guardOps, type LimitContext } from '../../../electron/sync/guard';
import { makeOp } from '../../../electron/sync/ops';
import type { AppConfig, OpPayload, Plan, PlanOp } from '../../../electron/sync/types';
import { guardrailsSchema } from '../../../shared/domain/settings';
import { github, slack } from '../sync/fixtures';

const op = (appId: string, i: number, payload?: OpPayload): PlanOp =>
  makeOp({
    appId,
    personId: `p${i}`,
    target: `user${i}@acme.io`,
    reason: `change user${i}@acme.io`,
    payload: payload ?? {
      kind: 'deactivate',
      remoteId: `r${i}`,
      userName: `user${i}@acme.io`,
      deleteAfterDays: null,
    },
    keyParts: [i],
  });
const many = (appId: string, n: number, from = 0): PlanOp[] =>
  Array.from({ length: n }, (_, i) => op(appId, from + i));
const create = (appId: string, i: number): PlanOp =>
  op(appId, 100 + i, {
    kind: 'create',
    spec: {
      externalId: `n${i}`,
      userName: `new${i}@acme.io`,
      email: null,
      givenName: null,
      familyName: null,
      displayName: null,
    },
  });
const groupRemoval = (appId: string, people: number): PlanOp =>
  makeOp({
    appId,
    personId: null,
    target: 'eng',
    reason: `remove ${people} people from eng`,
    payload: {
      kind: 'remove-from-group',
      groupId: '7',
      groupName: 'eng',
      members: Array.from({ length: people }, (_, i) => ({
        personId: `p${i}`,
        remoteId: `r${i}`,
        userName: `u${i}`,
        reason: 'left Engineering',
      })),
    },
    keyParts: [],
  });

/** Limits that never trip unless a test sets them. */
const ctx = (over: Partial<LimitContext> & { g?: Record<string, number> } = {}): LimitContext => ({
  guardrails: {
    ...guardrailsSchema.parse({}),
    maxDeprovisionsPerRun: 100_000,
    maxDeprovisionPercent: 100,
    maxDeprovisionPercentPerWindow: 100,
    maxDeprovisionsPerWindow: 100_000,
    ...over.g,
  },
  apps: over.apps ?? [slack(), github()],
  activeAccounts: over.activeAccounts ?? { slack: 1000, github: 1000 },
  window: over.window ?? { total: 0, perApp: {} },
  suspicious: over.suspicious ?? false,
  source: over.source ?? 'sync',
  ...(over.adoptionPending ? { adoptionPending: over.adoptionPending } : {}),
});
const reasons = (ops: readonly PlanOp[]) => ops.map((o) => o.heldReason);

describe('the sentence of each limit', () => {
  it('the window in total, plural and singular, with the window length', () => {
    const c = ctx({ g: { maxDeprovisionsPerWindow: 30 }, window: { total: 25, perApp: {} } });
    const r = guardOps(many('slack', 6), c);
    expect(r.tripped).toEqual([
      '6 destructive changes would make 31 in the last 60 minutes, over the limit of 30 per 60 minutes',
    ]);
    expect(r.held).toBe(6);
    const one = guardOps(
      many('slack', 1),
      ctx({ g: { maxDeprovisionsPerWindow: 30, windowMinutes: 15 }, window: { total: 30, perApp: {} } }),
    );
    expect(reasons(one.ops)).toEqual([
      'held: 1 destructive change would make 31 in the last 15 minutes, over the limit of 30 per 15 minutes',
    ]);
  });

  it('names the run limit only, when a batch is over both the run and the window limit', () => {
    const c = ctx({
      g: { maxDeprovisionsPerRun: 5, maxDeprovisionsPerWindow: 30 },
      window: { total: 29, perApp: {} },
    });
    expect(guardOps(many('slack', 6), c).tripped).toEqual([
      '6 destructive changes in this run exceed the limit of 5 per run',
    ]);
  });

  it('an app’s own run limit, and every limit the app is over, in the op and in what tripped', () => {
    const apps: AppConfig[] = [slack({ limits: { maxDeprovisionsPerRun: 2 } })];
    const c = ctx({ apps, g: { maxDeprovisionPercent: 20 }, activeAccounts: { slack: 10 } });
    const r = guardOps(many('slack', 3), c);
    const sentences = [
      '3 destructive changes in Slack exceed its limit of 2 per run',
      '3 of 10 Slack accounts (30 %) would lose access in this run, over the limit of 20 %',
    ];
    expect(r.tripped).toEqual(sentences);
    expect(reasons(r.ops)).toEqual(Array(3).fill(`held: ${sentences.join('; ')}`));
  });

  it('an app no longer configured is named by its id', () => {
    const c = ctx({ apps: [], g: { maxDeprovisionPercent: 20 }, activeAccounts: { legacy: 10 } });
    expect(guardOps(many('legacy', 3), c).tripped).toEqual([
      '3 of 10 legacy accounts (30 %) would lose access in this run, over the limit of 20 %',
    ]);
  });
});

describe('an app whose active accounts were never counted', () => {
  it('counts every deprovision in it as 100 % of its accounts, per run and per window', () => {
    const run = guardOps(many('slack', 1), ctx({ g: { maxDeprovisionPercent: 20 }, activeAccounts: {} }));
    expect(run.tripped).toEqual([
      '1 of 0 Slack accounts (100 %) would lose access in this run, over the limit of 20 %',
    ]);
    const window = guardOps(
      many('slack', 1),
      ctx({ g: { maxDeprovisionPercentPerWindow: 50 }, activeAccounts: { slack: 0 } }),
    );
    expect(window.tripped).toEqual([
      '1 of 0 Slack accounts (100 %) would lose access within 60 minutes, over the limit of 50 %',
    ]);
  });

  it('holds nothing when both percentage limits are 100 % (turned off)', () => {
    const r = guardOps(many('slack', 3), ctx({ activeAccounts: { slack: 0 } }));
    expect(r).toMatchObject({ held: 0, tripped: [] });
  });

  it('is not judged at all when the batch removes nothing in it', () => {
    const c = ctx({ g: { maxDeprovisionPercent: 20 }, activeAccounts: { slack: 1000 } });
    const r = guardOps([...many('slack', 1), create('github', 1)], c);
    expect(r).toMatchObject({ held: 0, tripped: [] });
  });
});

describe('a batch with nothing destructive', () => {
  it('trips nothing even when the window is already over its limit', () => {
    const promotion = op('github', 1, {
      kind: 'set-role',
      remoteId: 'r1',
      role: 'admin',
      previous: 'member',
    });
    const c = ctx({
      g: { maxDeprovisionsPerWindow: 30, maxDeprovisionPercentPerWindow: 10 },
      window: { total: 45, perApp: { slack: 40, github: 5 } },
    });
    const r = guardOps([create('slack', 1), promotion], c);
    expect(r).toEqual({ ops: [create('slack', 1), promotion], held: 0, tripped: [] });
  });
});

describe('ops as they come back', () => {
  it('passes a planned op through as the same object (a cold start has ~160k of them)', () => {
    const ops = many('slack', 3);
    const r = guardOps(ops, ctx());
    r.ops.forEach((o, i) => expect(o).toBe(ops[i]));
  });

  it('plans again an op held earlier once nothing holds it, without changing the input', () => {
    const held: PlanOp = { ...op('slack', 1), status: 'held', heldReason: 'held: Slack requires review' };
    const r = guardOps([held], ctx({ source: 'approval' }));
    expect(r.ops[0]).toEqual({ ...held, status: 'planned', heldReason: null });
    expect(held.status).toBe('held');
    expect(r.held).toBe(0);
  });
});

describe('ops the planner itself holds (an account takeover)', () => {
  const takeover = (): PlanOp => ({
    ...op('slack', 50, { kind: 'update', remoteId: 'r50', changes: { externalId: 'p50' } }),
    destructive: true,
    hold: 'old@acme.io in Slack belonged to Bo Doe; approving gives ana@acme.io that account and its data',
  });

  it('are held with the planner’s reason, and not swept into a bulk limit they do not count toward', () => {
    const c = ctx({ g: { maxDeprovisionsPerRun: 10 } });
    const r = guardOps([...many('slack', 10), takeover()], c);
    expect(r.tripped).toEqual([]);
    expect(r.ops.filter((o) => o.status === 'held').map((o) => o.heldReason)).toEqual([
      'held: old@acme.io in Slack belonged to Bo Doe; approving gives ana@acme.io that account and its data',
    ]);
    const over = guardOps([...many('slack', 11), takeover()], c);
    expect(over.ops.at(-1)!.heldReason).toBe(
      'held: old@acme.io in Slack belonged to Bo Doe; approving gives ana@acme.io that account and its data',
    );
  });

  it('are not held again once approved', () => {
    expect(guardOps([takeover()], ctx({ source: 'approval' })).ops[0]!.status).toBe('planned');
  });
});

describe('adoption before the first review', () => {
  const pendingForAll = () => true;

  it('holds deprovisions only, from a sync or an explicit offboard, never an approved one', () => {
    const demotion = op('github', 2, { kind: 'set-role', remoteId: 'r2', role: 'member', previous: 'admin' });
    const r = guardOps(
      [op('slack', 1), groupRemoval('github', 3), demotion],
      ctx({ adoptionPending: pendingForAll }),
    );
    expect(r.ops.map((o) => o.status)).toEqual(['held', 'planned', 'planned']);
    expect(r.ops[0]!.heldReason).toBe(
      'held: the account existed before Lanyard managed this app and the first plan has not been reviewed yet (it is adopted once it has)',
    );
    const offboard = guardOps(
      [op('slack', 1)],
      ctx({ adoptionPending: pendingForAll, source: 'explicit-offboard' }),
    );
    expect(offboard.held).toBe(1);
    const approved = guardOps([op('slack', 1)], ctx({ adoptionPending: pendingForAll, source: 'approval' }));
    expect(approved.held).toBe(0);
  });

  it('is asked of the whole plan in a preview', () => {
    const plan: Plan = { ops: many('slack', 2), orphans: [], warnings: [], summary: { apps: [], total: {} } };
    const g = applyGuardrails(plan, {
      guardrails: {},
      apps: [slack()],
      accountsCount: { slack: 1000 },
      suspicious: false,
      adoptionPending: (o) => o.personId === 'p1',
    });
    expect(g.ops.map((o) => o.status)).toEqual(['planned', 'held']);
    expect(g.held).toBe(1);
  });
});

describe('the kill switch in the directory (app id "@directory", as the journal and ledger store it)', () => {
  it('counts in the total but against no app’s share', () => {
    const suspend = { ...op('@directory', 1, { kind: 'idp-suspend' }) };
    const c = ctx({ g: { maxDeprovisionsPerRun: 3, maxDeprovisionPercent: 1 }, activeAccounts: {} });
    expect(guardOps([suspend, suspend, suspend], c)).toMatchObject({ held: 0, tripped: [] });
    expect(guardOps([suspend, suspend, suspend, suspend], c).tripped).toEqual([
      '4 destructive changes in this run exceed the limit of 3 per run',
    ]);
  });
});

describe('a whole plan, as a preview sees it', () => {
  const plan = (): Plan => ({
    ops: many('slack', 3),
    orphans: [],
    warnings: [],
    // a plan built by hand (offboarding's guard input) may have no summary for an app
    summary: { apps: [], total: {} },
  });

  it('takes an app missing from the plan summary as having no counted accounts', () => {
    const g = applyGuardrails(plan(), {
      guardrails: { maxDeprovisionPercent: 20 },
      apps: [slack()],
      suspicious: false,
    });
    expect(g.tripped).toEqual([
      '3 of 0 Slack accounts (100 %) would lose access in this run, over the limit of 20 %',
    ]);
    expect(g.held).toBe(3);
  });

  it('lets an approval or an explicit offboard through, as the gate does', () => {
    const opts = {
      guardrails: { maxDeprovisionsPerRun: 0 },
      apps: [slack()],
      accountsCount: { slack: 1000 },
    };
    expect(applyGuardrails(plan(), { ...opts, suspicious: true, source: 'approval' }).held).toBe(0);
    expect(applyGuardrails(plan(), { ...opts, suspicious: false, source: 'explicit-offboard' }).held).toBe(0);
    expect(applyGuardrails(plan(), { ...opts, suspicious: false }).held).toBe(3);
  });
});
