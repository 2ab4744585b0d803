// Access rules: who matches, which role wins, which teams and groups a person gets, and who is never in scope.
import { describe, expect, it } from 'vitest';
import { desiredState } from '../../../electron/sync/desired';
import { github, person, slack } from './fixtures';

/** personId → access in the app. */
const access = (
  people: Parameters<typeof desiredState>[0],
  rules: Parameters<typeof desiredState>[2],
  appId = 'github',
) =>
  new Map(
    desiredState(people, [slack(), github()], rules)
      .byApp.get(appId)!
      .flatMap((a) => (a ? [[a.personId, a] as const] : [])),
  );

describe('access rules', () => {
  it('matches a member of any of the groups a rule names, case-insensitively', () => {
    const people = [
      person('ana', { groups: ['engineering'] }),
      person('bob', { groups: ['Sales'] }),
      person('cy', { groups: ['Platform'] }),
    ];
    const got = access(people, [{ app: 'github', groups: ['Engineering', 'Platform'] }]);
    expect([...got.keys()]).toEqual(['00uana', '00ucy']);
  });

  it('requires every group of allGroups', () => {
    const people = [
      person('ana', { groups: ['Engineering', 'Oncall'] }),
      person('bob', { groups: ['Engineering'] }),
    ];
    const got = access(people, [{ app: 'github', allGroups: ['Engineering', 'Oncall'] }]);
    expect([...got.keys()]).toEqual(['00uana']);
  });

  it('applies attribute conditions such as department = Engineering, from profile fields and custom attributes', () => {
    const people = [
      person('ana', { department: 'Engineering', attributes: { costCenter: 'R&D' } }),
      person('bob', { department: 'Sales', attributes: { costCenter: 'R&D' } }),
      person('cy', { department: 'engineering', attributes: { costCenter: 'Ops' } }),
    ];
    const got = access(people, [
      {
        app: 'github',
        groups: ['Everyone'],
        attributes: { department: 'Engineering', costCenter: ['R&D', 'Lab'] },
      },
    ]);
    expect([...got.keys()]).toEqual(['00uana']);
  });

  it('gives a person matching several rules the highest-priority role', () => {
    const ana = person('ana', { groups: ['Engineering', 'Platform Leads'] });
    const got = access(
      [ana],
      [
        { app: 'github', groups: ['Engineering'], role: 'member', teams: ['eng'] },
        { app: 'github', groups: ['Platform Leads'], role: 'admin', priority: 10, teams: ['leads'] },
      ],
    ).get(ana.id)!;
    expect(got).toMatchObject({ role: 'admin', roleRule: 2, rule: 2, rules: [1, 2] });
  });

  it('lets the earlier rule win a priority tie', () => {
    const ana = person('ana', { groups: ['Engineering', 'Platform Leads'] });
    const got = access(
      [ana],
      [
        { app: 'github', groups: ['Engineering'], role: 'member' },
        { app: 'github', groups: ['Platform Leads'], role: 'admin' },
      ],
    ).get(ana.id)!;
    expect(got).toMatchObject({ role: 'member', roleRule: 1 });
  });

  it('gives the union of teams and app groups over all matching rules', () => {
    const ana = person('ana', { groups: ['Engineering', 'Platform Leads'] });
    const got = access(
      [ana],
      [
        { app: 'github', groups: ['Engineering'], teams: ['eng', 'all'] },
        { app: 'github', groups: ['Platform Leads'], teams: ['leads', 'ALL'] },
        { app: 'github', groups: ['Sales'], teams: ['sales'] },
      ],
    ).get(ana.id)!;
    expect(got.groups).toEqual(['eng', 'all', 'leads']);
  });

  it('never puts people whose status is not active in scope', () => {
    const people = (['staged', 'suspended', 'deprovisioned', 'deleted', 'active'] as const).map((status) =>
      person(status, { status }),
    );
    const got = access(people, [{ app: 'slack', groups: ['Everyone'] }], 'slack');
    expect([...got.keys()]).toEqual(['00uactive']);
  });
});
