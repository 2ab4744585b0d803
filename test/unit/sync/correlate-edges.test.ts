// Correlation edge cases the planner relies on: people without an email, two accounts claiming the same
// externalId, a key that is one person's login and another's email, and the remoteId → person map the store
// records (People page, orphan report).
import { describe, expect, it } from 'vitest';
import { accountLinks, correlate, indexPeople, linkedAccount } from '../../../electron/sync/correlate';
import { accountOf, github, person, slack } from './fixtures';

describe('correlation edges', () => {
  it('links a person who has no email by their login', () => {
    const ana = person('ana', { email: null });
    const acc = accountOf(ana, { externalId: null, userName: 'ANA@acme.io', emails: [] });
    const index = indexPeople([ana]);
    expect(linkedAccount(correlate(slack(), [acc], index), index, ana.id)).toBe(acc);
  });

  it("names the person by login in a duplicate account's orphan reason when they have no email", () => {
    const ana = person('ana', { email: null, login: 'ana.silva' });
    const first = accountOf(ana);
    const dup = accountOf(ana, { remoteId: 'dup', externalId: null, userName: 'ana.silva', emails: [] });
    const c = correlate(slack(), [first, dup], indexPeople([ana]));
    expect(c.orphans).toEqual([
      {
        appId: 'slack',
        remoteId: 'dup',
        userName: 'ana.silva',
        reason: 'another account (ana.silva) is already linked to ana.silva',
      },
    ]);
  });

  it('links only the first of two accounts carrying the same externalId; the second is an orphan', () => {
    const ana = person('ana');
    const first = accountOf(ana, { remoteId: 'a1', userName: 'ana-one' });
    const second = accountOf(ana, { remoteId: 'a2', userName: 'ana-two' });
    const index = indexPeople([ana]);
    const c = correlate(slack(), [first, second], index);
    expect(linkedAccount(c, index, ana.id)).toBe(first);
    expect(c.orphans).toEqual([
      {
        appId: 'slack',
        remoteId: 'a2',
        userName: 'ana-two',
        reason: 'another account (ana-one) is already linked to ana@acme.io',
      },
    ]);
  });

  it("does not guess in a SCIM app when an account's userName is one person's login and another's email", () => {
    const ana = person('ana', { login: 'shared@acme.io', email: 'ana@acme.io' });
    const bob = person('bob', { login: 'bob', email: 'shared@acme.io' });
    const acc = accountOf(ana, { externalId: null, userName: 'shared@acme.io', emails: [] });
    const index = indexPeople([ana, bob]);
    const c = correlate(slack(), [acc], index);
    expect(linkedAccount(c, index, ana.id)).toBeNull();
    expect(linkedAccount(c, index, bob.id)).toBeNull();
    expect(c.orphans.map((o) => o.reason)).toEqual([
      'its userName or email belongs to more than one directory person',
    ]);
  });

  it('in GitHub, the configured login attribute decides even where emails are ambiguous', () => {
    const ana = person('ana', { attributes: { gh: 'octo-ana' } });
    const acc = accountOf(ana, { remoteId: 'octo-ana', userName: 'octo-ana', externalId: null, emails: [] });
    const index = indexPeople([ana, person('bob')]);
    expect(linkedAccount(correlate(github({ usernameAttribute: 'gh' }), [acc], index), index, ana.id)).toBe(
      acc,
    );
  });

  it('maps each linked account to its person for the store, leaving orphans out', () => {
    const ana = person('ana');
    const bob = person('bob');
    const cy = person('cy');
    const anaAcc = accountOf(ana, { remoteId: 'r-ana' });
    const bobAcc = accountOf(bob, { remoteId: 'r-bob', externalId: null });
    const stranger = accountOf(person('zed'), { remoteId: 'r-zed', externalId: null });
    expect(accountLinks(slack(), [stranger, bobAcc, anaAcc], [ana, bob, cy])).toEqual(
      new Map([
        ['r-bob', bob.id],
        ['r-ana', ana.id],
      ]),
    );
    expect(accountLinks(slack(), [], [ana])).toEqual(new Map());
  });
});
