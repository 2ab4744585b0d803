// Exact edges of the deprovision modes. "Delete after N days" counts whole days since Lanyard deactivated the
// account, on the plan's clock (input.now): at N−1 days it waits, at exactly N days it deletes, at N+1 too — a
// `<=` for `<` would delete a day late, a missing floor would delete a day early. The modes that never delete
// must not delete however old the deactivation, and each op's idempotency key must tell a new situation from one
// the journal has already seen.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../electron/sync/plan';
import type { SyncAccount, SyncPerson } from '../../../electron/sync/types';
import { accountOf, input, NOW, person, slack } from './fixtures';

const DAY = 86_400_000;
const rules = [{ app: 'slack', groups: ['Everyone'] }];
const ago = (ms: number): string => new Date(NOW.getTime() - ms).toISOString();

const planFor = (mode: unknown, p: SyncPerson, acc: SyncAccount) =>
  buildPlan(input({ people: [p], apps: [slack({ deprovision: mode })], rules, accounts: { slack: [acc] } }))
    .ops;

const inactiveFor = (ms: number, over: Partial<SyncAccount> = {}) => {
  const ana = person('ana', { status: 'deprovisioned' });
  return { ana, acc: accountOf(ana, { active: false, deactivatedAt: ago(ms), ...over }) };
};

describe.each([1, 30, 365])('deactivate then delete after %i days', (n) => {
  const mode = { deactivateThenDeleteAfterDays: n };

  it(`waits at ${n} − 1 days`, () => {
    const { ana, acc } = inactiveFor((n - 1) * DAY);
    expect(planFor(mode, ana, acc)).toEqual([]);
  });

  it(`waits one millisecond before ${n} whole days`, () => {
    const { ana, acc } = inactiveFor(n * DAY - 1);
    expect(planFor(mode, ana, acc)).toEqual([]);
  });

  it(`deletes at exactly ${n} days`, () => {
    const { ana, acc } = inactiveFor(n * DAY);
    const ops = planFor(mode, ana, acc);
    expect(ops.map((o) => [o.kind, o.payload])).toEqual([
      ['delete', { kind: 'delete', remoteId: acc.remoteId, userName: 'ana@acme.io' }],
    ]);
    expect(ops[0]!.reason).toBe(
      `delete ana@acme.io in Slack: deactivated ${n} days ago and Slack deletes after ${n} days; deprovisioned in the directory`,
    );
  });

  it(`deletes at ${n} + 1 days`, () => {
    const { ana, acc } = inactiveFor((n + 1) * DAY);
    const ops = planFor(mode, ana, acc);
    expect(ops.map((o) => o.kind)).toEqual(['delete']);
    expect(ops[0]!.reason).toContain(`deactivated ${n + 1} days ago`);
  });
});

describe('deprovision modes that never delete, or delete at once', () => {
  it('deactivate: an active account is deactivated, with no deletion announced', () => {
    const ana = person('ana', { status: 'suspended' });
    const acc = accountOf(ana);
    const ops = planFor('deactivate', ana, acc);
    expect(ops.map((o) => o.payload)).toEqual([
      { kind: 'deactivate', remoteId: acc.remoteId, userName: 'ana@acme.io', deleteAfterDays: null },
    ]);
    expect(ops[0]!.reason).toBe('deactivate ana@acme.io in Slack: suspended in the directory');
  });

  it('deactivate: an account deactivated years ago is never deleted', () => {
    const { ana, acc } = inactiveFor(3650 * DAY);
    expect(planFor('deactivate', ana, acc)).toEqual([]);
  });

  it('deactivate-then-delete: an account with an unreadable deactivation time is never deleted', () => {
    const { ana, acc } = inactiveFor(0, { deactivatedAt: 'not a date' });
    expect(planFor({ deactivateThenDeleteAfterDays: 1 }, ana, acc)).toEqual([]);
  });

  it.each([
    ['active', true],
    ['already inactive', false],
  ])('delete: an %s account is deleted at once', (_label, active) => {
    const ana = person('ana', { status: 'deprovisioned' });
    const acc = accountOf(ana, { active });
    const ops = planFor('delete', ana, acc);
    expect(ops.map((o) => o.payload)).toEqual([
      { kind: 'delete', remoteId: acc.remoteId, userName: 'ana@acme.io' },
    ]);
    expect(ops[0]!.reason).toBe('delete ana@acme.io in Slack: deprovisioned in the directory');
  });
});

describe('idempotency keys of deprovision ops', () => {
  it('the same situation replanned gives the same key, so a resumed run recognises its op', () => {
    const ana = person('ana', { status: 'suspended', statusChangedAt: '2026-11-20T00:00:00Z' });
    const acc = accountOf(ana);
    expect(planFor('deactivate', ana, acc)[0]!.key).toBe(planFor('deactivate', ana, { ...acc })[0]!.key);
  });

  it('a second suspension (after a reactivation) is a new deactivation, not the one already done', () => {
    const first = person('ana', { status: 'suspended', statusChangedAt: '2026-11-01T00:00:00Z' });
    const again = { ...first, statusChangedAt: '2026-11-20T00:00:00Z' };
    const acc = accountOf(first);
    expect(planFor('deactivate', again, acc)[0]!.key).not.toBe(planFor('deactivate', first, acc)[0]!.key);
  });

  it('a suspended person who is then deprovisioned gets a new deactivation key', () => {
    const at = '2026-11-01T00:00:00Z';
    const suspended = person('ana', { status: 'suspended', statusChangedAt: at });
    const gone = { ...suspended, status: 'deprovisioned' as const };
    const acc = accountOf(suspended);
    expect(planFor('deactivate', gone, acc)[0]!.key).not.toBe(planFor('deactivate', suspended, acc)[0]!.key);
  });

  it.each(['deactivate', 'delete'])('%s: a new account of the same person gets a new key', (mode) => {
    const ana = person('ana', { status: 'deprovisioned' });
    const old = accountOf(ana);
    const recreated = accountOf(ana);
    expect(recreated.remoteId).not.toBe(old.remoteId);
    expect(planFor(mode, ana, recreated)[0]!.key).not.toBe(planFor(mode, ana, old)[0]!.key);
  });
});
