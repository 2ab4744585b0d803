// Safer rules against a real world on loopback (Okta, a SCIM app and a GitHub org as fakes, a real core): the rule
// editor's vocabulary comes from what each app reports (GitHub's fixed roles and its teams, the SCIM app's roles on
// its accounts and its listed groups), the preview flags a role the app does not report ("admni") before anything is
// saved, named rules are cited by name in plan reasons, and names round-trip through config export / apply — while
// all of it only reads.
import { describe, expect, it } from 'vitest';
import { worldPerTest, type World } from '../sync-engine/kit';
import { ruleSchema } from '../../../shared/config/workspace';

const newWorld = worldPerTest();
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const appWrites = (w: World) =>
  w.scim.requests.filter((r) => WRITES.has(r.method)).length +
  (w.github?.log ?? []).filter((r) => WRITES.has(r.method)).length;

const ENG_GITHUB = { name: 'Engineering → GitHub', app: 'github', groups: ['Engineering'], role: 'admni' };

describe('rules.vocabulary', () => {
  it('offers GitHub its org roles and teams, and a SCIM app the roles on its accounts and its groups', async () => {
    const { w, t } = await newWorld(12);
    w.scim.store.createGroup({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Eng Team',
    });
    const before = await t.call('rules.vocabulary', { appId: 'acme' });
    // Never read: unknown, not "no roles".
    expect([before.accounts, before.roles, before.groups]).toEqual([null, null, null]);

    await t.call('sync.run', { full: true });
    const writes = appWrites(w);
    const scim = await t.call('rules.vocabulary', { appId: 'acme', list: true });
    expect(scim.roles).toEqual(['engineer', 'member']);
    expect(scim.groups).toEqual(['Eng Team']);
    const gh = await t.call('rules.vocabulary', { appId: 'github', list: true });
    expect(gh.roles).toEqual(['member', 'admin']);
    expect(gh.groups).toContain('eng');
    const manual = await t.call('rules.vocabulary', { appId: 'badge', list: true });
    expect([manual.roles, manual.groups]).toEqual([null, null]);
    expect(appWrites(w)).toBe(writes);
  });

  it('reports a listing that fails instead of failing, keeping the fixed roles', async () => {
    const { w, t } = await newWorld(3);
    const ws = t.core.context.repos.workspace;
    await ws.setApps(
      (await ws.listApps()).map((a) =>
        a.id === 'github' ? { ...a, baseUrl: `${w.scim.url}/nothing-here` } : a,
      ),
    );
    const v = await t.call('rules.vocabulary', { appId: 'github', list: true });
    expect(v.groupsError).toMatch(/^Could not list the teams of GitHub: /);
    expect(v.roles).toEqual(['member', 'admin']);
  });

  it('names an app that does not exist', async () => {
    const { t } = await newWorld(1);
    await expect(t.call('rules.vocabulary', { appId: 'nope' })).rejects.toThrow('There is no app "nope".');
  });
});

describe('rules.preview of safer rules', () => {
  it("flags a GitHub role 'admni' before saving, and cites the rule by name in the reasons", async () => {
    const { w, t } = await newWorld(12);
    await t.call('sync.plan', {});
    const writes = appWrites(w);
    // First in the list: its role wins over the stored 'member' rule (one ordering concept).
    const rules = [ENG_GITHUB, ...(await t.core.context.repos.workspace.listRules())];
    const preview = await t.call('rules.preview', { rules });
    expect(preview.ruleWarnings).toEqual([
      {
        rule: 1,
        label: "rule 'Engineering → GitHub'",
        field: 'role',
        value: 'admni',
        message: "GitHub does not report a role 'admni'; known roles: member, admin. Did you mean 'admin'?",
      },
    ]);
    // Nobody has GitHub yet: the preview's invitations carry the new role, and the rule's name.
    const roleOps = preview.ops.filter((o) => o.appId === 'github' && o.kind === 'create');
    expect(roleOps.length).toBeGreaterThan(0);
    expect(roleOps.every((o) => o.reason.includes("(rule 'Engineering → GitHub')"))).toBe(true);
    expect(appWrites(w)).toBe(writes);
  });

  it('names the rule in a batched group change for several people', async () => {
    const { t } = await newWorld(12);
    await t.call('sync.run', { full: true });
    const rules = [
      ...(await t.core.context.repos.workspace.listRules()),
      { name: 'Engineers in Eng Team', app: 'acme', groups: ['Engineering'], appGroups: ['Eng Team'] },
    ];
    const preview = await t.call('rules.preview', { rules });
    const add = preview.ops.find((o) => o.kind === 'add-to-group')!;
    expect(add.reason).toMatch(/^add 4 people to Eng Team in Acme: .+, per rule 'Engineers in Eng Team'$/);
  });

  it('checks SCIM group names once the groups were listed, never against an unknown list', async () => {
    const { w, t } = await newWorld(6);
    w.scim.store.createGroup({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Eng Team',
    });
    await t.call('sync.run', { full: true });
    const rules = [{ app: 'acme', groups: ['Engineering'], role: 'enginer', appGroups: ['Eng Teem'] }];
    const first = await t.call('rules.preview', { rules });
    expect(first.ruleWarnings.map((x) => x.message)).toEqual([
      "Acme does not report a role 'enginer'; known roles: engineer, member. Did you mean 'engineer'?",
    ]);
    await t.call('rules.vocabulary', { appId: 'acme', list: true });
    const second = await t.call('rules.preview', { rules });
    expect(second.ruleWarnings.map((x) => x.field)).toEqual(['role', 'appGroups']);
    expect(second.ruleWarnings[1]!.message).toContain("known groups: Eng Team. Did you mean 'Eng Team'?");
  });

  it('refuses two rules with the same name, pointing at the second', async () => {
    const { t } = await newWorld(1);
    const r = t.call('rules.save', {
      rules: [
        { name: 'Everyone', app: 'acme', groups: ['Everyone'] },
        { name: 'EVERYONE', app: 'badge', groups: ['Everyone'] },
      ],
    });
    await expect(r).rejects.toMatchObject({ code: 'bad_input', path: 'rules.1.name' });
  });
});

describe('rule names elsewhere', () => {
  it('an access review says which named rule granted an account', async () => {
    const { t } = await newWorld(3, { github: false });
    const ws = t.core.context.repos.workspace;
    await ws.setRules(
      (await ws.listRules()).map((r, i) => (i === 0 ? { name: 'Everyone in Acme', ...r } : r)),
    );
    await t.call('sync.run', {});
    const c = await t.call('reviews.start', { name: 'Q1', dueAt: '2030-03-31', fallback: 'it@example.com' });
    const { items } = await t.call('reviews.items', { campaignId: c.id, limit: 100 });
    const item = items.find((i) => i.appId === 'acme' && i.person === 'user1@example.com')!;
    expect(item.grantedBy).toMatch(/^rule 'Everyone in Acme': groups Everyone → member/);
  });
});

describe('rule names in the workspace file', () => {
  it('round-trips name and description through config export and apply', async () => {
    const { t } = await newWorld(1);
    const ws = t.core.context.repos.workspace;
    const named = ruleSchema.parse({
      name: 'Engineering → GitHub',
      description: 'Engineers get the org.\nLeads are admins by the next rule.',
      app: 'github',
      groups: ['Engineering'],
      role: 'member',
    });
    await t.call('rules.save', { rules: [named, ...(await ws.listRules()).slice(1)] });
    const { yaml } = await t.call('config.export', {});
    expect(yaml).toContain('name: Engineering → GitHub');
    const rulesBefore = await ws.listRules();
    await t.call('config.apply', { yaml });
    expect(await ws.listRules()).toEqual(rulesBefore);
    expect((await ws.listRules())[0]).toEqual(named);
    const again = await t.call('config.export', {});
    expect(again.yaml).toBe(yaml);
  });

  it('warns on config apply (and its dry run) about a role the app does not report, and still applies', async () => {
    const { t } = await newWorld(3);
    const { yaml } = await t.call('config.export', {});
    const typo = yaml.replace(/role: admin\n/, 'role: admni\n');
    expect(typo).not.toBe(yaml);
    const line =
      /^rules\[3\]\.role: GitHub does not report a role 'admni'; known roles: member, admin\. Did you mean 'admin'\?$/;
    const dry = await t.call('config.apply', { yaml: typo, dryRun: true });
    expect(dry.warnings).toEqual([expect.stringMatching(line)]);
    const applied = await t.call('config.apply', { yaml: typo });
    expect(applied.warnings).toEqual([expect.stringMatching(line)]);
    expect((await t.core.context.repos.workspace.listRules())[3]!.role).toBe('admni');
  });

  it('refuses a workspace file with two rules of the same name', async () => {
    const { t } = await newWorld(1);
    const { yaml } = await t.call('config.export', {});
    const twice = yaml
      .replace(/rules:\n {2}- /, 'rules:\n  - name: Same\n    ')
      .replace(/(rules:[\s\S]*?\n {2}- [\s\S]*?\n {2}- )/, '$1name: same\n    ');
    await expect(t.call('config.apply', { yaml: twice })).rejects.toThrow(/already named 'same'/);
  });
});
