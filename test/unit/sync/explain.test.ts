// The "why" explainer: per app, whether a person should have access and what decides it.
import { describe, expect, it } from 'vitest';
import { explain } from '../../../electron/sync/explain';
import { LanyardError } from '../../../electron/app/errors';
import { accountOf, badge, github, NOW, person, slack } from './fixtures';

const apps = [slack(), github(), badge()];
const rules = [
  { app: 'slack', groups: ['Everyone'] },
  { app: 'github', groups: ['Engineering'], role: 'member', teams: ['eng'] },
  {
    app: 'github',
    groups: ['Everyone'],
    attributes: { department: 'Engineering' },
    role: 'admin',
    priority: 5,
    teams: ['leads'],
  },
];
const ctx = (people: ReturnType<typeof person>[]) => ({ people, apps, rules, now: NOW, timeZone: 'UTC' });

describe('explain', () => {
  it('says which rule gives access, with the winning role and teams', () => {
    const ana = person('ana', { groups: ['Everyone', 'Engineering'] });
    const out = explain(ctx([ana]), ana.id);
    expect(out.apps[0]).toMatchObject({ appId: 'slack', access: true, rule: 1, why: 'in Everyone (rule 1)' });
    expect(out.apps[1]).toMatchObject({
      appId: 'github',
      access: true,
      rule: 3,
      role: 'admin',
      teams: ['eng', 'leads'],
      why: 'in Everyone and department is Engineering (rule 3); role admin (rule 3 has the highest priority)',
    });
  });

  it('says a person who is not active has no access, and since when', () => {
    const ana = person('ana', { status: 'suspended', statusChangedAt: '2026-11-28T14:02:00Z' });
    const out = explain(ctx([ana]), 'ANA@acme.io');
    expect(out.apps[0]).toMatchObject({ access: false, why: 'not active (suspended since 14:02)' });
  });

  it('names the missing group and the failing attribute condition when no rule matches', () => {
    const bob = person('bob', { groups: ['Sales'], department: 'Sales' });
    const out = explain(ctx([bob]), bob.id);
    expect(out.apps[0]!.why).toBe('no rule matches: needs group Everyone (rule 1)');
    const sam = person('sam', { groups: ['Everyone'], department: 'Sales' });
    expect(explain(ctx([sam]), sam.id).apps[1]).toMatchObject({
      access: false,
      why: 'no rule matches: needs group Engineering (rule 2); department is Sales, rule 3 needs Engineering',
    });
  });

  it('says when an app has no access rule', () => {
    const ana = person('ana');
    expect(explain(ctx([ana]), ana.id).apps[2]).toMatchObject({
      appId: 'badge',
      access: false,
      why: 'no access rule for Office badge: Lanyard leaves its accounts alone',
    });
  });

  it("shows the person's account in each app when accounts are given", () => {
    const ana = person('ana');
    const acc = accountOf(ana, { remoteId: 'U1', active: false });
    const out = explain({ ...ctx([ana]), accounts: { slack: [acc] } }, ana.id);
    expect(out.apps[0]!.account).toEqual({ remoteId: 'U1', userName: 'ana@acme.io', active: false });
    expect(out.apps[1]!.account).toBeNull();
  });

  it('refuses a person the directory does not know', () => {
    expect(() => explain(ctx([]), 'nobody@acme.io')).toThrow(LanyardError);
  });
});
