// What an app reports it has, for the rule editor: GitHub's fixed org roles and its teams, a SCIM app's roles as seen
// on its accounts and the groups it lists, and nothing at all for manual apps — with "unknown" kept apart from
// "none", so a rule is never flagged against a list Lanyard does not have.
import { describe, expect, it } from 'vitest';
import { appVocabulary } from '../../../electron/sync/app-vocabulary';
import { ruleTermWarnings, unknownTermMessage } from '../../../shared/config/rule-terms';
import { appConfigSchema } from '../../../shared/config/workspace';

const github = appConfigSchema.parse({
  id: 'github',
  name: 'GitHub',
  kind: 'github',
  org: 'acme',
  auth: { type: 'bearer', token: 'env:GH' },
});
const slack = appConfigSchema.parse({
  id: 'slack',
  name: 'Slack',
  kind: 'scim',
  baseUrl: 'https://api.slack.com/scim/v2',
  auth: { type: 'bearer', token: 'env:SLACK' },
});
const badge = appConfigSchema.parse({ id: 'badge', name: 'Office badge', kind: 'manual' });
const acct = (role: string | null, groups: string[] = []) => ({ role, groups });

describe('app vocabulary', () => {
  it('offers GitHub its two org roles always, and its teams once listed (a team nobody is in is on no account)', () => {
    const never = appVocabulary(github, null);
    expect(never.roles).toEqual(['member', 'admin']);
    expect(never.groups).toBeNull();
    expect(appVocabulary(github, [acct('member', ['eng'])]).groups).toBeNull();
    const v = appVocabulary(
      github,
      [acct('member', ['eng']), acct('admin', ['eng', 'leads'])],
      [{ remoteId: 'oncall', displayName: 'On call', members: [] }],
    );
    expect(v.groups).toEqual(['eng', 'leads', 'oncall']);
    expect(v.accounts).toBe(2);
  });

  it("takes a SCIM app's roles from its accounts and its group names only from a listing", () => {
    const v = appVocabulary(slack, [acct('member'), acct('Admin'), acct('admin'), acct(null)]);
    expect(v.roles).toEqual(['Admin', 'member']);
    expect(v.rolesFrom).toBe('roles seen on 4 accounts');
    // Account groups are remote ids, not names: without a listing the names are unknown.
    expect(v.groups).toBeNull();
    const listed = appVocabulary(
      slack,
      [acct('member')],
      [{ remoteId: 'g1', displayName: 'Engineers', members: null }],
    );
    expect(listed.groups).toEqual(['Engineers']);
  });

  it('treats an app never read, or read with no accounts, as unknown rather than as having no roles', () => {
    expect(appVocabulary(slack, null).roles).toBeNull();
    expect(appVocabulary(slack, []).roles).toBeNull();
    expect(
      ruleTermWarnings({ app: 'slack', groups: ['X'], role: 'anything' }, appVocabulary(slack, [])),
    ).toEqual([]);
  });

  it('reports a listing that failed, and then checks no team names', () => {
    const v = appVocabulary(
      github,
      [acct('member', ['eng'])],
      new Error('Could not list the teams of GitHub: 401'),
    );
    expect(v.groupsError).toBe('Could not list the teams of GitHub: 401');
    expect(v.groups).toBeNull();
    expect(ruleTermWarnings({ app: 'github', groups: ['E'], teams: ['anything'] }, v)).toEqual([]);
  });

  it('has no vocabulary for manual apps: their roles are free text', () => {
    const v = appVocabulary(badge, [acct('keyholder')]);
    expect([v.roles, v.groups]).toEqual([null, null]);
    expect(ruleTermWarnings({ app: 'badge', groups: ['X'], role: 'admni' }, v)).toEqual([]);
  });
});

describe('unknown-role warnings', () => {
  it("warns that GitHub does not report a role 'admni', naming the known roles and the likely one", () => {
    const warnings = ruleTermWarnings(
      { app: 'github', groups: ['Eng'], role: 'admni' },
      appVocabulary(github, null),
    );
    expect(warnings).toEqual([
      {
        field: 'role',
        value: 'admni',
        message: "GitHub does not report a role 'admni'; known roles: member, admin. Did you mean 'admin'?",
      },
    ]);
  });

  it('accepts known names in any case, and flags each unknown team or group by name', () => {
    const gh = appVocabulary(
      github,
      [acct('member', ['eng'])],
      [{ remoteId: 'platform', displayName: 'Platform', members: [] }],
    );
    expect(ruleTermWarnings({ app: 'github', groups: ['E'], role: 'ADMIN', teams: ['Eng'] }, gh)).toEqual([]);
    expect(
      ruleTermWarnings({ app: 'github', groups: ['E'], teams: ['eng', 'plaform', 'design'] }, gh).map(
        (w) => w.message,
      ),
    ).toEqual([
      "GitHub does not report a team 'plaform'; known teams: eng, platform. Did you mean 'platform'?",
      "GitHub does not report a team 'design'; known teams: eng, platform.",
    ]);
    const sl = appVocabulary(
      slack,
      [acct('member')],
      [{ remoteId: 'g1', displayName: 'Engineers', members: null }],
    );
    expect(ruleTermWarnings({ app: 'slack', groups: ['E'], appGroups: ['Enginers'] }, sl)[0]!.message).toBe(
      "Slack does not report a group 'Enginers'; known groups: Engineers. Did you mean 'Engineers'?",
    );
  });

  it('says "none" when the app reports none, and shortens a long list', () => {
    expect(unknownTermMessage('Slack', 'role', 'owner', [])).toBe(
      "Slack does not report a role 'owner'; known roles: none.",
    );
    const many = Array.from({ length: 20 }, (_, i) => `team-${String(i).padStart(2, '0')}`);
    expect(unknownTermMessage('GitHub', 'team', 'zzz', many)).toContain('team-11 and 8 more.');
  });
});
