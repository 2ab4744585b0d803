// The gate's guardrails at their exact edges (limit − 1, limit, limit + 1), over a run and over the rolling
// window, per app and in total, absolute and as a share of an app's active accounts; what counts as destructive
// (demotions, group removals per member, the kill switch); and the sources that pass or do not count.
import { describe, expect, it } from 'vitest';
import { guardOps, IDP_APP_ID, type LimitContext } from '../../../electron/sync/guard';
import { makeOp } from '../../../electron/sync/ops';
import { isDemotion, roleRank } from '../../../electron/sync/roles';
import type { AppConfig, PlanOp } from '../../../electron/sync/types';
import { guardrailsSchema } from '../../../shared/domain/settings';
import { slack, github } from '../sync/fixtures';

const deactivate = (appId: string, i: number): PlanOp =>
  makeOp({
    appId,
    personId: `p${i}`,
    target: `user${i}@acme.io`,
    reason: `deactivate user${i}@acme.io`,
    payload: { kind: 'deactivate', remoteId: `r${i}`, userName: `user${i}@acme.io`, deleteAfterDays: null },
    keyParts: [i],
  });
const create = (appId: string, i: number): PlanOp =>
  makeOp({
    appId,
    personId: `n${i}`,
    target: `new${i}@acme.io`,
    reason: 'create',
    payload: {
      kind: 'create',
      spec: {
        externalId: `n${i}`,
        userName: `new${i}@acme.io`,
        email: null,
        givenName: null,
        familyName: null,
        displayName: null,
      },
    },
    keyParts: [i],
  });
const many = (appId: string, n: number, from = 0): PlanOp[] =>
  Array.from({ length: n }, (_, i) => deactivate(appId, from + i));

const ctx = (over: Partial<LimitContext> & { g?: Record<string, number> } = {}): LimitContext => ({
  guardrails: {
    ...guardrailsSchema.parse({}),
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
const heldCount = (ops: PlanOp[], c: LimitContext) =>
  guardOps(ops, c).ops.filter((o) => o.status === 'held').length;

describe('the per-run limit', () => {
  it.each([
    [9, 0],
    [10, 0],
    [11, 11],
  ])('with a limit of 10, %i deprovisions → %i held (all of them, never the first N)', (n, held) => {
    expect(heldCount(many('slack', n), ctx({ g: { maxDeprovisionsPerRun: 10 } }))).toBe(held);
  });

  it('never holds creates, whatever trips', () => {
    const ops = [...many('slack', 11), create('slack', 1), create('slack', 2)];
    const r = guardOps(ops, ctx({ g: { maxDeprovisionsPerRun: 10 } }));
    expect(r.ops.filter((o) => o.kind === 'create').map((o) => o.status)).toEqual(['planned', 'planned']);
    expect(r.tripped).toEqual(['11 destructive changes in this run exceed the limit of 10 per run']);
  });
});

describe('the percentage limit (per app, per run)', () => {
  it.each([
    // small app: 5 active accounts, 20 % → 1 passes, 2 is 40 %
    [5, 1, 0],
    [5, 2, 2],
    // large app: 1000 accounts, 20 % → 199, 200 pass, 201 held
    [1000, 199, 0],
    [1000, 200, 0],
    [1000, 201, 201],
  ])('%i active accounts, %i deprovisions → %i held', (active, n, held) => {
    const c = ctx({
      g: { maxDeprovisionsPerRun: 100_000, maxDeprovisionPercent: 20 },
      activeAccounts: { slack: active },
    });
    expect(heldCount(many('slack', n), c)).toBe(held);
  });

  it('holds only the app over its share, not the others', () => {
    const c = ctx({
      g: { maxDeprovisionsPerRun: 100, maxDeprovisionPercent: 20 },
      activeAccounts: { slack: 10, github: 100 },
    });
    const r = guardOps([...many('slack', 3), ...many('github', 3, 10)], c);
    expect(r.ops.filter((o) => o.status === 'held').map((o) => o.appId)).toEqual(['slack', 'slack', 'slack']);
    expect(r.ops[0]!.heldReason).toBe(
      'held: 3 of 10 Slack accounts (30 %) would lose access in this run, over the limit of 20 %',
    );
  });
});

describe('the rolling window', () => {
  it.each([
    [9, 0],
    [10, 0],
    [11, 11],
  ])('20 per window with 10 already done: a batch of %i more → %i held', (n, held) => {
    const c = ctx({
      g: { maxDeprovisionsPerRun: 100, maxDeprovisionsPerWindow: 20 },
      window: { total: 10, perApp: { slack: 10 } },
    });
    expect(heldCount(many('slack', n), c)).toBe(held);
  });

  it('counts the window per app as a share of its accounts', () => {
    const c = ctx({
      g: { maxDeprovisionsPerRun: 100, maxDeprovisionPercent: 100, maxDeprovisionPercentPerWindow: 30 },
      activeAccounts: { slack: 100 },
      window: { total: 25, perApp: { slack: 25 } },
    });
    expect(heldCount(many('slack', 5), c)).toBe(0); // 30 %
    const over = guardOps(many('slack', 6), c);
    expect(over.ops.every((o) => o.status === 'held')).toBe(true);
    expect(over.ops[0]!.heldReason).toBe(
      'held: 31 of 100 Slack accounts (31 %) would lose access within 60 minutes, over the limit of 30 %',
    );
  });

  it('applies an app’s own absolute limits (limits: in the workspace) per run and per window', () => {
    const apps: AppConfig[] = [slack({ limits: { maxDeprovisionsPerRun: 2, maxDeprovisionsPerWindow: 4 } })];
    expect(heldCount(many('slack', 2), ctx({ apps }))).toBe(0);
    expect(heldCount(many('slack', 3), ctx({ apps }))).toBe(3);
    const w = ctx({ apps, window: { total: 3, perApp: { slack: 3 } } });
    expect(heldCount(many('slack', 1), w)).toBe(0);
    const r = guardOps(many('slack', 2), w);
    expect(r.ops[0]!.heldReason).toBe(
      'held: 2 destructive changes in Slack would make 5 in the last 60 minutes, over its limit of 4',
    );
  });
});

describe('what counts', () => {
  it('counts a group removal once per member it removes', () => {
    const removal = makeOp({
      appId: 'github',
      personId: null,
      target: 'eng',
      reason: 'remove 12 people from eng',
      payload: {
        kind: 'remove-from-group',
        groupId: '7',
        groupName: 'eng',
        members: Array.from({ length: 12 }, (_, i) => ({
          personId: `p${i}`,
          remoteId: `${i}`,
          userName: `u${i}`,
          reason: 'left Engineering',
        })),
      },
      keyParts: [],
    });
    expect(removal.destructive).toBe(true);
    expect(heldCount([removal], ctx({ g: { maxDeprovisionsPerRun: 12 } }))).toBe(0);
    expect(heldCount([removal], ctx({ g: { maxDeprovisionsPerRun: 11 } }))).toBe(1);
  });

  it('treats demotions as destructive and promotions or same-rank changes as not', () => {
    expect(isDemotion('admin', 'member')).toBe(true);
    expect(isDemotion('owner', 'admin')).toBe(true);
    expect(isDemotion('member', 'viewer')).toBe(true);
    expect(isDemotion('Administrator', 'billing-team')).toBe(true); // away from admin-level, whatever the target
    expect(isDemotion('member', 'admin')).toBe(false);
    expect(isDemotion('member', 'engineer')).toBe(false);
    expect(isDemotion('engineer', 'designer')).toBe(false);
    expect(isDemotion(null, 'member')).toBe(false);
    expect(isDemotion('ADMIN', 'admin')).toBe(false);
    expect(roleRank('read-only')).toBe(1);
    expect(roleRank('nonsense')).toBeNull();
  });

  it('counts the kill switch in the total, but not against any app’s share', () => {
    const kill = makeOp({
      appId: IDP_APP_ID,
      personId: 'p1',
      target: 'user1@acme.io',
      reason: 'suspend user1@acme.io',
      payload: { kind: 'idp-suspend' },
      keyParts: [],
    });
    expect(kill.destructive).toBe(true);
    const c = ctx({ g: { maxDeprovisionsPerRun: 2, maxDeprovisionPercent: 1 }, activeAccounts: {} });
    expect(heldCount([kill, kill], c)).toBe(0);
    expect(heldCount([kill, kill, kill], c)).toBe(3);
  });
});

describe('sources', () => {
  it('lets an explicit offboard of one named person through the bulk limits (policy still applies)', () => {
    const c = ctx({ g: { maxDeprovisionsPerRun: 0 }, source: 'explicit-offboard' });
    expect(heldCount(many('slack', 3), c)).toBe(0);
    const reviewed = ctx({
      g: { maxDeprovisionsPerRun: 0 },
      source: 'explicit-offboard',
      apps: [slack({ review: 'required' })],
    });
    expect(guardOps(many('slack', 1), reviewed).ops[0]!.heldReason).toBe('held: Slack requires review');
  });

  it('does not hold approved ops again: the approval is the review', () => {
    const c = ctx({
      g: { maxDeprovisionsPerRun: 0, maxDeprovisionsPerWindow: 0 },
      source: 'approval',
      apps: [slack({ review: 'required' })],
      suspicious: { reason: 'sudden drop' },
    });
    expect(heldCount(many('slack', 50), c)).toBe(0);
  });

  it('holds every destructive op of a sync batch on a suspicious read, and pre-existing accounts before the first review', () => {
    expect(heldCount(many('slack', 1), ctx({ suspicious: { reason: 'sudden drop' } }))).toBe(1);
    const pending = ctx({ adoptionPending: (op) => op.personId === 'p1' });
    const r = guardOps(many('slack', 3), pending);
    expect(r.ops.map((o) => o.status)).toEqual(['planned', 'held', 'planned']);
    expect(r.ops[1]!.heldReason).toMatch(/existed before Lanyard managed this app/);
  });
});
