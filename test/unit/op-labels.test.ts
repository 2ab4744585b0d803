// Every op says exactly what the app will do: the words come from one function (shared/ops/op-labels.ts) over the
// op's payload and its app's kind, preset and deprovision mode — for ops the real planner makes, and for the
// offboarding steps built from them. GitHub has no deactivated member: removing one is never called "Deactivate".
import { describe, expect, it } from 'vitest';
import { opConsequence, opLabel, type LabelPayload } from '../../shared/ops/op-labels';
import { buildPlan } from '../../electron/sync/plan';
import { createOpLabeller, labelApp } from '../../electron/sync/op-label';
import { planOffboarding } from '../../electron/offboarding/task-plan';
import { taskWords } from '../../electron/offboarding/task-effect';
import type { AppConfig, SyncAccount } from '../../electron/sync/types';
import { accountOf, app, badge, github, input, NOW, person, slack } from './sync/fixtures';

const zoom = app({
  id: 'zoom',
  name: 'Zoom',
  kind: 'scim',
  preset: 'zoom',
  baseUrl: 'https://zoom.test/scim/v2',
  auth: { type: 'bearer', token: 'env:Z' },
  deprovision: 'delete',
});
const jira = app({
  id: 'jira',
  name: 'Jira',
  kind: 'scim',
  preset: 'atlassian',
  baseUrl: 'https://jira.test/scim/v2',
  auth: { type: 'bearer', token: 'env:J' },
});
const notion = app({
  id: 'notion',
  name: 'Notion',
  kind: 'scim',
  preset: 'notion',
  baseUrl: 'https://notion.test/scim/v2',
  auth: { type: 'bearer', token: 'env:N' },
});

/** The labels of the ops the planner makes for `apps` given who is where. */
const labelsOf = (
  apps: AppConfig[],
  people: ReturnType<typeof person>[],
  accounts: Record<string, SyncAccount[]>,
) => {
  const rules = apps.map((a) => ({
    app: a.id,
    groups: ['Everyone'],
    role: a.id === 'jira' ? 'admin' : undefined,
  }));
  const plan = buildPlan(input({ people, apps, rules, accounts }));
  const words = createOpLabeller(apps);
  return plan.ops.map((op) => words.label(op));
};

describe('labels of the ops the planner makes', () => {
  const leaver = person('leo', { status: 'deprovisioned' });
  const joiner = person('jo');

  it('removes a GitHub member from the org and cancels a pending invitation, and never calls either Deactivate', () => {
    const gh = github();
    const member = accountOf(leaver, { remoteId: '101', userName: 'leo-gh' });
    const invited = person('ivy', { status: 'deprovisioned' });
    const invitation = accountOf(invited, { remoteId: 'invitation:77', userName: 'ivy-gh' });
    const labels = labelsOf([gh], [leaver, invited], { github: [member, invitation] });
    expect(labels.sort()).toEqual(['Cancel the GitHub invitation', 'Remove from the GitHub org']);
    for (const mode of ['deactivate', 'delete', { deactivateThenDeleteAfterDays: 30 }]) {
      const l = labelsOf([github({ deprovision: mode })], [leaver], { github: [member] });
      expect(l).toEqual(['Remove from the GitHub org']);
      expect(l.join()).not.toMatch(/deactivate/i);
    }
  });

  it('gives GitHub removals reasons that say remove or cancel, in every deprovision mode', () => {
    const member = accountOf(leaver, { remoteId: '101', userName: 'leo-gh' });
    const invited = person('ivy', { status: 'deprovisioned' });
    const invitation = accountOf(invited, { remoteId: 'invitation:77', userName: 'ivy-gh' });
    for (const mode of ['deactivate', 'delete']) {
      const apps = [github({ deprovision: mode })];
      const rules = [{ app: 'github', groups: ['Everyone'] }];
      const ops = buildPlan(
        input({ people: [leaver, invited], apps, rules, accounts: { github: [member, invitation] } }),
      ).ops;
      const reasons = ops.map((o) => o.reason).sort();
      expect(reasons[0]).toMatch(/^cancel the GitHub invitation of ivy@acme\.io: /);
      expect(reasons[1]).toMatch(/^remove leo@acme\.io from the GitHub org: /);
    }
  });

  it('deactivates in a SCIM app, or says when it deletes later', () => {
    const acc = accountOf(leaver);
    expect(labelsOf([slack()], [leaver], { slack: [acc] })).toEqual(['Deactivate in Slack']);
    expect(
      labelsOf([slack({ deprovision: { deactivateThenDeleteAfterDays: 30 } })], [leaver], { slack: [acc] }),
    ).toEqual(['Deactivate in Slack, then delete after 30 days']);
  });

  it('deletes from an app whose delete deletes, and says deactivate where the vendor only deactivates', () => {
    expect(labelsOf([zoom], [leaver], { zoom: [accountOf(leaver)] })).toEqual(['Delete from Zoom']);
    const slackDelete = slack({ preset: 'slack', deprovision: 'delete' });
    expect(labelsOf([slackDelete], [leaver], { slack: [accountOf(leaver)] })).toEqual([
      'Deactivate in Slack (its SCIM delete only deactivates)',
    ]);
  });

  it('creates, invites and sets roles in words that name the app', () => {
    expect(labelsOf([notion], [joiner], {})).toEqual(['Create in Notion']);
    expect(labelsOf([github()], [person('gia', { attributes: { githubUsername: 'gia' } })], {})).toEqual([
      'Invite to the GitHub org',
    ]);
    const withRole = labelsOf([jira], [joiner], { jira: [accountOf(joiner, { role: 'member' })] });
    expect(withRole).toEqual(['Set role to admin in Jira']);
  });

  it('turns a manual app’s revocation into a task that says so', () => {
    const l = labelsOf([badge()], [leaver], { badge: [accountOf(leaver, { remoteId: leaver.login })] });
    expect(l).toEqual(['Task: deactivate the account in Office badge']);
  });
});

describe('labels of every payload kind', () => {
  const scim = labelApp(slack());
  const gh = labelApp(github());
  const cases: [LabelPayload, ReturnType<typeof labelApp> | null, string][] = [
    [{ kind: 'create', spec: { role: 'admin' } }, scim, 'Create in Slack with role admin'],
    [
      { kind: 'update', changes: { department: 'Sales', title: 'Lead' } },
      scim,
      'Update the profile in Slack (department, title)',
    ],
    [{ kind: 'set-role', role: 'member', previous: 'admin' }, gh, 'Set the GitHub org role to member'],
    [{ kind: 'add-to-group', groupName: 'eng' }, gh, 'Add to the team eng in GitHub'],
    [{ kind: 'remove-from-group', groupName: 'Design' }, scim, 'Remove from the group Design in Slack'],
    [{ kind: 'reactivate', remoteId: 'r1' }, scim, 'Reactivate in Slack'],
    [{ kind: 'reactivate', remoteId: 'invitation:9' }, gh, 'Send the GitHub invitation again'],
    [{ kind: 'delete', remoteId: '5' }, gh, 'Remove from the GitHub org'],
    [{ kind: 'idp-suspend' }, null, 'Suspend in the identity provider'],
    [{ kind: 'idp-revoke-sessions' }, null, 'End all sessions and tokens in the identity provider'],
    [
      { kind: 'manual-task', action: 'created' },
      labelApp(badge()),
      'Task: create the account in Office badge',
    ],
    [{ kind: 'checklist', title: 'Take back the badge' }, null, 'Task: take back the badge'],
  ];
  it.each(cases)('%j in %j → %s', (payload, labelApp, expected) => {
    expect(opLabel(payload, labelApp)).toBe(expected);
  });

  it('says what a removal means for the person in confirmations', () => {
    expect(opConsequence({ kind: 'deactivate', remoteId: '5' }, gh)).toMatch(/new invitation/);
    expect(opConsequence({ kind: 'delete', remoteId: 'r' }, labelApp(zoom))).toMatch(/cannot be undone/);
    expect(opConsequence({ kind: 'deactivate', remoteId: 'r' }, scim)).toMatch(/can be reactivated/);
  });
});

describe('offboarding steps use the same words', () => {
  it('titles each task with its effect and the account, GitHub as a removal from the org', () => {
    const ana = person('ana', { status: 'suspended' });
    const drafts = planOffboarding({
      person: ana,
      activeInDirectory: false,
      why: 'suspended in the directory',
      apps: [slack(), github(), badge()],
      accounts: {
        slack: [accountOf(ana)],
        github: [accountOf(ana, { remoteId: '42', userName: 'ana-gh' })],
        badge: [accountOf(ana, { remoteId: ana.login })],
      },
      killSessions: true,
      openedAt: NOW.toISOString(),
      checklist: ['Take back the badge'],
      guardrails: null,
      now: NOW,
    });
    expect(drafts.map((d) => d.title)).toEqual([
      'End all sessions and tokens in the identity provider (ana@acme.io)',
      'Deactivate in Slack (ana@acme.io)',
      'Remove from the GitHub org (ana-gh)',
      'Task: deactivate the account in Office badge (ana@acme.io)',
      'Take back the badge',
      'Verify: re-read every automated app and prove the accounts are inactive',
    ]);
    expect(drafts.map((d) => d.detail.effect)).toContain('Task: take back the badge');
    expect(drafts.some((d) => /deactivate/i.test(d.title) && d.appId === 'github')).toBe(false);
  });
});

describe('cases planned before labels existed', () => {
  it('read truthfully: an old "Deactivate … in GitHub" task says it removes from the org', () => {
    const w = taskWords(
      { kind: 'app', title: "Deactivate ana@acme.io's account in GitHub" },
      { opKind: 'deactivate', remoteId: '42', userName: 'ana-gh' },
      github(),
    );
    expect(w).toMatchObject({
      title: 'Remove from the GitHub org (ana-gh)',
      effect: 'Remove from the GitHub org',
    });
    expect(w.consequence).toMatch(/new invitation/);
    const badgeTask = taskWords(
      { kind: 'manual', title: "Deactivate ana@acme.io's account in Office badge" },
      { opKind: 'manual:deactivated', remoteId: 'ana@acme.io', userName: 'ana@acme.io' },
      badge(),
    );
    expect(badgeTask.effect).toBe('Task: deactivate the account in Office badge');
    expect(taskWords({ kind: 'checklist', title: 'Take back the badge' }, {}, null)).toMatchObject({
      title: 'Take back the badge',
      effect: 'Task: take back the badge',
    });
  });
});
