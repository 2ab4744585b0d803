// Protected accounts: an app's `protected` list names accounts Lanyard never changes (break-glass admins, service
// accounts, bots). Each scenario first shows the op the planner plans for an unprotected account, then that the
// same account, once protected, gets no op at all and is listed in plan.protected with what would have happened.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../electron/sync/plan';
import { protectedMatcher } from '../../../electron/sync/protected';
import type { AppConfig, PlanInput, PlanOp, SyncAccount } from '../../../electron/sync/types';
import { accountOf, badge, github, input, person, slack } from './fixtures';

const everyone = [{ app: 'slack', groups: ['Everyone'] }];

/** Every op that would touch the account: by remoteId, as a group member, or as the person's own op. */
const touching = (ops: readonly PlanOp[], account: SyncAccount, personId: string): PlanOp[] =>
  ops.filter((op) => {
    const p = op.payload;
    if (op.personId === personId) return true;
    if (p.kind === 'add-to-group' || p.kind === 'remove-from-group')
      return p.members.some((m) => m.remoteId === account.remoteId || m.personId === personId);
    return 'remoteId' in p && p.remoteId === account.remoteId;
  });

/** The plan without, then with, the account's userName on the app's protected list. */
const bothWays = (
  inp: PlanInput,
  appId: string,
  names: string[],
): { before: ReturnType<typeof buildPlan>; after: ReturnType<typeof buildPlan> } => {
  const before = buildPlan(inp);
  const apps = inp.apps.map((a): AppConfig => (a.id === appId ? { ...a, protected: names } : a));
  return { before, after: buildPlan({ ...inp, apps }) };
};

describe('protectedMatcher', () => {
  const app = slack({ protected: ['Breakglass@Acme.io', 'deploy-bot'] });
  const isProtected = protectedMatcher(app);

  it('matches the userName case-insensitively', () => {
    expect(isProtected({ userName: 'breakglass@acme.io' })).toBe(true);
    expect(isProtected({ userName: 'DEPLOY-BOT' })).toBe(true);
  });

  it("matches any of the account's emails case-insensitively", () => {
    expect(isProtected({ userName: 'bg-admin', emails: ['bg@acme.io', 'BREAKGLASS@ACME.IO'] })).toBe(true);
  });

  it('matches nothing else: not a prefix, not a substring, not a similar email', () => {
    expect(isProtected({ userName: 'deploy-bot2' })).toBe(false);
    expect(isProtected({ userName: 'deploy' })).toBe(false);
    expect(isProtected({ userName: 'ana@acme.io', emails: ['breakglass@acme.io.evil'] })).toBe(false);
    expect(isProtected({ userName: 'ana@acme.io' })).toBe(false);
  });

  it('protects nothing in an app without a list, or with an empty one', () => {
    expect(protectedMatcher(slack())({ userName: 'deploy-bot' })).toBe(false);
    expect(protectedMatcher(slack({ protected: [] }))({ userName: 'deploy-bot' })).toBe(false);
  });

  it('answers 10,000 accounts against a full list of 200 quickly', () => {
    const names = Array.from({ length: 200 }, (_, i) => `svc-${i}@acme.io`);
    const match = protectedMatcher(slack({ protected: names }));
    const accounts = Array.from({ length: 10_000 }, (_, i) => ({
      userName: `user${i}`,
      emails: [`user${i}@acme.io`, i % 100 === 0 ? `SVC-${i / 100}@acme.io` : `u${i}@other.io`],
    }));
    const started = performance.now();
    const hits = accounts.filter(match).length;
    expect(hits).toBe(100);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('the plan never changes a protected account', () => {
  it('when its person leaves the directory: no deactivate, listed with the reason', () => {
    const ana = person('ana', { status: 'suspended', statusChangedAt: '2026-11-28T14:02:11Z' });
    const acc = accountOf(ana);
    const { before, after } = bothWays(
      input({ people: [ana], apps: [slack()], rules: everyone, accounts: { slack: [acc] } }),
      'slack',
      ['ANA@acme.io'],
    );
    expect(before.ops.map((o) => o.kind)).toEqual(['deactivate']);
    expect(after.ops).toEqual([]);
    expect(after.protected).toEqual([
      {
        appId: 'slack',
        remoteId: acc.remoteId,
        userName: 'ana@acme.io',
        personId: ana.id,
        reason:
          'protected in the workspace: left alone; Lanyard would otherwise deactivate ana@acme.io in Slack: ' +
          'suspended in the directory since 14:02',
      },
    ]);
    expect(after.orphans).toEqual([]);
  });

  it('when its person leaves and the app deletes accounts: no delete either', () => {
    const ana = person('ana', { status: 'deprovisioned', statusChangedAt: '2026-11-20T09:05:00Z' });
    const acc = accountOf(ana, { active: false });
    const { before, after } = bothWays(
      input({
        people: [ana],
        apps: [slack({ deprovision: 'delete' })],
        rules: everyone,
        accounts: { slack: [acc] },
      }),
      'slack',
      ['ana@acme.io'],
    );
    expect(before.ops.map((o) => o.kind)).toEqual(['delete']);
    expect(after.ops).toEqual([]);
    expect(after.protected?.[0]?.reason).toMatch(
      /would otherwise delete ana@acme\.io in Slack: deprovisioned/,
    );
  });

  it('when no access rule matches it (a service account): no deactivate', () => {
    const bot = person('deploy-bot', { groups: ['Service Accounts'] });
    const acc = accountOf(bot);
    const { before, after } = bothWays(
      input({ people: [bot], apps: [slack()], rules: everyone, accounts: { slack: [acc] } }),
      'slack',
      ['deploy-bot@acme.io'],
    );
    expect(before.ops.map((o) => o.kind)).toEqual(['deactivate']);
    expect(touching(after.ops, acc, bot.id)).toEqual([]);
    expect(after.protected).toMatchObject([
      {
        remoteId: acc.remoteId,
        personId: bot.id,
        reason:
          'protected in the workspace: left alone; Lanyard would otherwise deactivate deploy-bot@acme.io in Slack: ' +
          'no longer in Everyone (rule 1)',
      },
    ]);
  });

  it("when its role differs from the rule's: no set-role", () => {
    const ana = person('ana', { groups: ['Engineering'], attributes: { githubUsername: 'ana-gh' } });
    const acc = accountOf(ana, { userName: 'ana-gh', remoteId: 'ana-gh', externalId: null, emails: [] });
    const { before, after } = bothWays(
      input({
        people: [ana],
        apps: [github()],
        rules: [{ app: 'github', groups: ['Engineering'], role: 'member' }],
        accounts: { github: [{ ...acc, role: 'admin' }] },
      }),
      'github',
      ['Ana-GH'],
    );
    expect(before.ops.map((o) => o.kind)).toEqual(['set-role']);
    expect(after.ops).toEqual([]);
    expect(after.protected?.[0]?.reason).toContain(
      "would otherwise set ana@acme.io's role in GitHub to member (was admin)",
    );
  });

  it('when its person is in scope but their team membership differs: no add or remove, others still move', () => {
    const ana = person('ana', { groups: ['Engineering'], attributes: { githubUsername: 'ana-gh' } });
    const ben = person('ben', { groups: ['Engineering'], attributes: { githubUsername: 'ben-gh' } });
    const gh = (p: typeof ana, login: string, groups: string[]) =>
      accountOf(p, {
        userName: login,
        remoteId: login,
        externalId: null,
        emails: [],
        role: 'member',
        groups,
      });
    const anaAcc = gh(ana, 'ana-gh', ['sales']);
    const benAcc = gh(ben, 'ben-gh', ['sales']);
    const { before, after } = bothWays(
      input({
        people: [ana, ben],
        apps: [github()],
        rules: [
          { app: 'github', groups: ['Engineering'], role: 'member', teams: ['eng'] },
          { app: 'github', groups: ['Sales'], teams: ['sales'] },
        ],
        accounts: { github: [anaAcc, benAcc] },
      }),
      'github',
      ['ana-gh'],
    );
    expect(touching(before.ops, anaAcc, ana.id).map((o) => o.kind)).toEqual([
      'add-to-group',
      'remove-from-group',
    ]);
    expect(touching(after.ops, anaAcc, ana.id)).toEqual([]);
    // Ben is not protected: his batches are still planned, now with him alone in them.
    expect(after.ops.map((o) => [o.kind, o.personId])).toEqual([
      ['add-to-group', ben.id],
      ['remove-from-group', ben.id],
    ]);
    expect(after.protected?.[0]?.reason).toBe(
      'protected in the workspace: left alone; Lanyard would otherwise add ana-gh to eng in GitHub: in Engineering ' +
        '(rule 1); and remove ana-gh from sales in GitHub: no longer in Sales (rule 2)',
    );
  });

  it('when its profile differs or it is inactive: no update, no reactivate', () => {
    const ana = person('ana', { displayName: 'Ana Silva' });
    const acc = accountOf(ana, { displayName: 'Ana S', active: false });
    const { before, after } = bothWays(
      input({ people: [ana], apps: [slack()], rules: everyone, accounts: { slack: [acc] } }),
      'slack',
      ['ana@acme.io'],
    );
    expect(before.ops.map((o) => o.kind)).toEqual(['reactivate', 'update']);
    expect(after.ops).toEqual([]);
    expect(after.protected?.[0]?.reason).toMatch(/would otherwise reactivate .*; and update ana@acme\.io/);
  });

  it('and gives its person no second account: the protected account is theirs', () => {
    const ana = person('ana', { status: 'active' });
    // Linked by externalId only: its userName differs from anything Lanyard would create.
    const acc = accountOf(ana, { userName: 'ana-breakglass', emails: ['admin@acme.io'], active: false });
    const { after } = bothWays(
      input({ people: [ana], apps: [slack()], rules: everyone, accounts: { slack: [acc] } }),
      'slack',
      ['admin@acme.io'],
    );
    expect(after.ops).toEqual([]);
    expect(after.protected).toMatchObject([{ remoteId: acc.remoteId, personId: ana.id }]);
  });

  it('does not create an account whose name is protected, and says so', () => {
    const ana = person('ana');
    const { before, after } = bothWays(input({ people: [ana], apps: [slack()], rules: everyone }), 'slack', [
      'ana@acme.io',
    ]);
    expect(before.ops.map((o) => o.kind)).toEqual(['create']);
    expect(after.ops).toEqual([]);
    expect(after.protected).toEqual([
      {
        appId: 'slack',
        remoteId: null,
        userName: 'ana@acme.io',
        personId: ana.id,
        reason:
          'protected in the workspace: not created; Lanyard would otherwise create ana@acme.io in Slack: ' +
          'in Everyone (rule 1)',
      },
    ]);
  });

  it('gives manual apps no checklist task for it', () => {
    const ana = person('ana', { status: 'suspended', statusChangedAt: '2026-11-28T14:02:11Z' });
    const acc = accountOf(ana, { remoteId: 'ana@acme.io' });
    const { before, after } = bothWays(
      input({
        people: [ana],
        apps: [badge()],
        rules: [{ app: 'badge', groups: ['Everyone'] }],
        accounts: { badge: [acc] },
      }),
      'badge',
      ['ana@acme.io'],
    );
    expect(before.ops.map((o) => o.kind)).toEqual(['manual-task']);
    expect(after.ops).toEqual([]);
    expect(after.protected?.[0]?.reason).toContain('would otherwise deactivate ana@acme.io in Office badge');
  });

  it('matches the account by email when its userName differs', () => {
    const bot = person('bot', { groups: [] });
    const acc = accountOf(bot, { userName: 'svc-1234', emails: ['Bot@Acme.io'] });
    const { after } = bothWays(
      input({ people: [bot], apps: [slack()], rules: everyone, accounts: { slack: [acc] } }),
      'slack',
      ['BOT@acme.io'],
    );
    expect(after.ops).toEqual([]);
    expect(after.protected).toMatchObject([{ remoteId: acc.remoteId, userName: 'svc-1234' }]);
  });

  it('lists an unlinked protected account instead of reporting it as an orphan', () => {
    const ana = person('ana');
    const admin: SyncAccount = { ...accountOf(ana), userName: 'breakglass', emails: [], externalId: null };
    const { before, after } = bothWays(
      input({ people: [ana], apps: [slack()], rules: everyone, accounts: { slack: [admin] } }),
      'slack',
      ['breakglass'],
    );
    expect(before.orphans.map((o) => o.remoteId)).toEqual([admin.remoteId]);
    expect(after.orphans).toEqual([]);
    expect(after.summary.apps[0]!.orphans).toBe(0);
    expect(after.protected).toEqual([
      {
        appId: 'slack',
        remoteId: admin.remoteId,
        userName: 'breakglass',
        personId: null,
        reason:
          'protected in the workspace: left alone; not linked to anyone (no directory person has this externalId, ' +
          'userName or email)',
      },
    ]);
    // Ana herself is not protected: she still gets her account.
    expect(after.ops.map((o) => [o.kind, o.personId])).toEqual([['create', ana.id]]);
  });

  it('lists protected accounts of an app without rules, where nothing is planned anyway', () => {
    const ana = person('ana');
    const plan = buildPlan(
      input({
        people: [ana],
        apps: [slack({ protected: ['ana@acme.io'] })],
        rules: [],
        accounts: { slack: [accountOf(ana)] },
      }),
    );
    expect(plan.ops).toEqual([]);
    expect(plan.protected?.map((p) => p.reason)).toEqual([
      'protected in the workspace: left alone; Slack has no access rules, so Lanyard changes nothing there yet',
    ]);
  });

  it('says so when a protected account is already as the rules want it', () => {
    const ana = person('ana');
    const plan = buildPlan(
      input({
        people: [ana],
        apps: [slack({ protected: ['ana@acme.io'] })],
        rules: everyone,
        accounts: { slack: [accountOf(ana)] },
      }),
    );
    expect(plan.ops).toEqual([]);
    expect(plan.protected?.[0]?.reason).toBe(
      'protected in the workspace: left alone; nothing about it would change now',
    );
  });

  it('collects every app’s protected accounts, each with its app, and leaves other apps as they were', () => {
    const ana = person('ana', { status: 'suspended' });
    const acc = accountOf(ana);
    const ghAcc = accountOf(ana, { userName: 'ana@acme.io', remoteId: 'ana-gh' });
    const plan = buildPlan(
      input({
        people: [ana],
        apps: [slack({ protected: ['ana@acme.io'] }), github()],
        rules: [...everyone, { app: 'github', groups: ['Everyone'] }],
        accounts: { slack: [acc], github: [ghAcc] },
      }),
    );
    expect(plan.protected?.map((p) => p.appId)).toEqual(['slack']);
    expect(plan.ops.map((o) => [o.appId, o.kind])).toEqual([['github', 'deactivate']]);
  });
});
