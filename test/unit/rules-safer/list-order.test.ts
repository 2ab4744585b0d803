// One ordering concept: a rule's place in the list decides the role when rules disagree. A workspace file written
// with `priority:` still loads and means exactly what it meant (a higher priority wins first), and folding the
// priorities into list order (what the Access rules page offers) gives everyone the same access.
import { describe, expect, it } from 'vitest';
import { compileRules, resolveAccess, ruleMatches, groupSetOf } from '../../../electron/sync/rules';
import { explain } from '../../../electron/sync/explain';
import { toListOrder, withPriority } from '../../../renderer/src/pages/rules/rules-format';
import { parseWorkspaceYaml } from '../../../electron/config/parse-workspace';
import type { RuleConfig } from '../../../shared/config/workspace';
import { github, NOW, person } from '../sync/fixtures';

const GROUPS = ['Everyone', 'Engineering', 'Leads', 'Contractors'];

/** Role and teams each combination of groups gets in `app` under `rules`. */
const accessTable = (rules: RuleConfig[]) =>
  Array.from({ length: 1 << GROUPS.length }, (_, mask) => {
    const p = person(`p${mask}`, { groups: GROUPS.filter((_, i) => mask & (1 << i)) });
    const compiled = compileRules(rules);
    const matched = compiled.filter((r) => ruleMatches(r, p, groupSetOf(p)));
    if (!matched.length) return null;
    const a = resolveAccess(p.id, matched);
    return { role: a.role, groups: [...a.groups].sort() };
  });

const legacy = `
apps:
  - { id: github, name: GitHub, kind: github, org: acme, auth: { type: bearer, token: env:GH } }
rules:
  - { app: github, groups: [Everyone], role: member, teams: [all] }
  - { app: github, groups: [Contractors], role: outside, priority: -5 }
  - { app: github, groups: [Engineering], role: member, teams: [eng] }
  - { app: github, groups: [Leads], role: admin, priority: 10, teams: [leads] }
`;

describe('rule order', () => {
  it('reads a workspace file with priority: as before — the higher priority wins the role over an earlier rule', () => {
    const { rules } = parseWorkspaceYaml(legacy);
    expect(rules.map((r) => r.priority)).toEqual([undefined, -5, undefined, 10]);
    const lead = person('lead', { groups: ['Everyone', 'Leads'] });
    const out = explain({ people: [lead], apps: [github()], rules, now: NOW, timeZone: 'UTC' }, lead.id);
    expect(out.apps[0]).toMatchObject({ role: 'admin', rule: 4 });
    expect(out.apps[0]!.why).toBe('in Leads (rule 4); role admin (rule 4 has the highest priority)');
  });

  it('puts the rules in list order without priorities and changes nobody’s role or teams', () => {
    const { rules } = parseWorkspaceYaml(legacy);
    const ordered = toListOrder(rules);
    expect(withPriority(ordered)).toBe(0);
    expect(ordered.map((r) => r.role)).toEqual(['admin', 'member', 'member', 'outside']);
    expect(accessTable(ordered)).toEqual(accessTable(rules));
  });

  it('says the role comes from the rule first in the list when no priority decided it', () => {
    const rules: RuleConfig[] = [
      { name: 'Leads are admins', app: 'github', groups: ['Leads'], role: 'admin' },
      { app: 'github', groups: ['Everyone'], role: 'member' },
    ];
    const lead = person('lead', { groups: ['Everyone', 'Leads'] });
    const out = explain({ people: [lead], apps: [github()], rules, now: NOW, timeZone: 'UTC' }, lead.id);
    expect(out.apps[0]).toMatchObject({ role: 'admin', rule: 1, ruleLabel: "rule 'Leads are admins'" });
    expect(out.apps[0]!.why).toBe(
      "in Leads (rule 'Leads are admins'); role admin (rule 'Leads are admins' comes first in the list)",
    );
  });
});
