// The rule dialog's draft ↔ rule conversion (renderer side, pure): what an admin picks becomes the rule stored,
// and a draft that says nothing about who it matches is refused with a message saying how to fix it.
import { describe, expect, it } from 'vitest';
import { appConfigSchema, type AppConfig } from '../../../shared/config/workspace';
import { draftOf, emptyDraft, ruleOf, whoText } from '../../../renderer/src/pages/rules/rules-format';

const github: AppConfig = appConfigSchema.parse({
  id: 'gh',
  name: 'GitHub',
  kind: 'github',
  org: 'acme',
  auth: { type: 'bearer', token: 'env:GH' },
});

describe('rule drafts', () => {
  it('turns groups, attributes, role, teams and priority into a rule and back', () => {
    const draft = {
      ...emptyDraft('gh'),
      match: 'all' as const,
      groups: ['Engineering', 'Admins'],
      attributes: 'department = Engineering, Platform\ncity = Lisbon',
      role: 'admin',
      entitlements: 'platform, oncall',
      priority: '10',
    };
    const { rule, errors } = ruleOf(draft, github);
    expect(errors).toEqual({});
    expect(rule).toEqual({
      app: 'gh',
      allGroups: ['Engineering', 'Admins'],
      attributes: { department: ['Engineering', 'Platform'], city: 'Lisbon' },
      role: 'admin',
      teams: ['platform', 'oncall'],
      priority: 10,
    });
    expect(ruleOf(draftOf(rule!), github).rule).toEqual(rule);
    expect(whoText(rule!)).toEqual([
      'all of Engineering, Admins',
      'department = Engineering or Platform',
      'city = Lisbon',
    ]);
  });

  it('refuses a rule that matches nobody in particular, or a malformed condition', () => {
    expect(ruleOf(emptyDraft('gh'), github).errors.who).toContain('Pick at least one group');
    expect(ruleOf({ ...emptyDraft('gh'), attributes: 'department' }, github).errors.attributes).toContain(
      'attribute = value',
    );
    expect(
      ruleOf({ ...emptyDraft('gh'), groups: ['A'], priority: '1.5' }, github).errors.priority,
    ).toBeDefined();
  });
});
