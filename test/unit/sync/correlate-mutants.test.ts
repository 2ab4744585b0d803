// Correlation cases the mutation run found untested: GitHub members linked by their numeric user id, a remembered
// link that yields to the person's own directory attribute, and the identity guard's conflicts (which person's
// create is held because an account that belongs to someone else carries their login).
import { describe, expect, it } from 'vitest';
import { correlate, indexPeople, linkedAccount } from '../../../electron/sync/correlate';
import type { AppConfig, SyncAccount, SyncPerson } from '../../../electron/sync/types';
import { accountOf, github, person, slack } from './fixtures';

const run = (app: AppConfig, accounts: SyncAccount[], people: SyncPerson[]) => {
  const index = indexPeople(people);
  const c = correlate(app, accounts, index);
  return { ...c, owner: (p: SyncPerson) => linkedAccount(c, index, p.id) };
};

/** A GitHub org member as the GitHub client reports it: remoteId = numeric user id, userName = current login. */
const member = (id: string, login: string, over: Partial<SyncAccount> = {}): SyncAccount => ({
  remoteId: id,
  userName: login,
  emails: [],
  externalId: null,
  active: true,
  role: 'member',
  groups: [],
  displayName: null,
  ...over,
});

const gh = (name: string, attr: string | null, over: Partial<SyncPerson> = {}): SyncPerson =>
  person(name, { attributes: attr === null ? {} : { githubUsername: attr }, ...over });

describe('GitHub members by numeric user id', () => {
  it('links a member whose id (not login) is in the directory attribute', () => {
    const bob = gh('bob', 'octo-bob');
    const ana = gh('ana', '5001');
    const acc = member('5001', 'renamed-login');
    const c = run(github(), [acc], [bob, ana]);
    expect(c.owner(ana)).toBe(acc);
    expect(c.owner(bob)).toBeNull();
    expect(c.orphans).toEqual([]);
  });

  it('links by id before login: a login another person typed does not take the member away', () => {
    const ana = gh('ana', '5001');
    const bob = gh('bob', 'octo-x');
    const acc = member('5001', 'octo-x');
    const c = run(github(), [acc], [ana, bob]);
    expect(c.owner(ana)).toBe(acc);
    expect(c.owner(bob)).toBeNull();
  });

  it('does not guess when two people hold the same id, and says so', () => {
    const ana = gh('ana', '5001');
    const bob = gh('bob', '5001');
    const c = run(github(), [member('5001', 'whoever')], [ana, bob]);
    expect(c.linked).toEqual([undefined, undefined]);
    expect(c.orphans.map((o) => o.reason)).toEqual([
      'its userName or email belongs to more than one directory person',
    ]);
  });

  it('never links a pending invitation by the number in its id', () => {
    const ana = gh('ana', '777');
    const inv = member('invitation:777', 'ana@acme.io', { emails: ['ana@acme.io'] });
    const c = run(github(), [inv], [ana]);
    // The invitation still reaches ana by the email it went to, not through the attribute's number.
    expect(c.owner(ana)).toBe(inv);
    const other = gh('bob', '777');
    const c2 = run(github(), [member('invitation:777', 'nobody@else.io')], [other]);
    expect(c2.linked).toEqual([undefined]);
  });
});

describe('a remembered GitHub link yields to the directory attribute', () => {
  it('moves the person to the account their attribute names (by login, any case), orphaning the old one', () => {
    const ana = gh('ana', 'Octo-Ana-NEW');
    const old = member('1', 'octo-ana-old', { externalId: ana.id });
    const fresh = member('2', 'octo-ana-new');
    const c = run(github(), [old, fresh], [ana]);
    expect(c.owner(ana)).toBe(fresh);
    expect(c.orphans).toEqual([
      {
        appId: 'github',
        remoteId: '1',
        userName: 'octo-ana-old',
        reason: 'no directory person has this externalId, userName or email',
      },
    ]);
  });

  it('moves the person to the account their attribute names by id', () => {
    const ana = gh('ana', '2');
    const old = member('1', 'octo-ana-old', { externalId: ana.id });
    const fresh = member('2', 'octo-ana-new');
    const c = run(github(), [old, fresh], [ana]);
    expect(c.owner(ana)).toBe(fresh);
    expect(c.orphans.map((o) => o.remoteId)).toEqual(['1']);
  });

  it('keeps the remembered link when the attribute names that same account, no account, or is unset', () => {
    const ana = gh('ana', 'octo-ana');
    const bob = gh('bob', 'typo-nobody');
    const cy = gh('cy', null);
    const anaAcc = member('1', 'octo-ana', { externalId: ana.id });
    const bobAcc = member('2', 'octo-bob', { externalId: bob.id });
    const cyAcc = member('3', 'octo-cy', { externalId: cy.id });
    const c = run(github(), [anaAcc, bobAcc, cyAcc], [ana, bob, cy]);
    expect(c.linked).toEqual([anaAcc, bobAcc, cyAcc]);
    expect(c.orphans).toEqual([]);
    expect(c.conflicts.size).toBe(0);
  });

  it('in a SCIM app an externalId link is never second-guessed by attributes', () => {
    const ana = person('ana', { attributes: { githubUsername: 'r-2' } });
    const first = accountOf(ana, { remoteId: 'r-1' });
    const c = run(slack(), [first, accountOf(person('zed'), { remoteId: 'r-2', externalId: null })], [ana]);
    expect(c.owner(ana)).toBe(first);
  });
});

describe('identity guard conflicts', () => {
  it('a former employee’s GitHub member named by id in a new hire’s attribute holds the new hire', () => {
    const ana = gh('ana', '9001');
    const kims = member('9001', 'kim-octo', { externalId: '00uKimGone' });
    const c = run(github(), [kims], [ana]);
    expect(c.linked).toEqual([undefined]);
    expect(c.conflicts).toEqual(new Map([[0, { account: kims, owner: -1 }]]));
  });

  it('a shared id in attributes holds every person who typed it', () => {
    const kim = gh('kim', 'kim-octo', { status: 'deprovisioned' });
    const ana = gh('ana', '9001');
    const bob = gh('bob', '9001');
    const kims = member('9001', 'kim-octo', { externalId: kim.id });
    const stranger = member('42', 'someone-else');
    const c = run(github(), [kims, stranger], [kim, ana, bob]);
    expect(c.owner(kim)).toBe(kims);
    expect(c.conflicts).toEqual(
      new Map([
        [1, { account: kims, owner: 0 }],
        [2, { account: kims, owner: 0 }],
      ]),
    );
  });

  it('a member linked by its remembered person stays theirs when another attribute holds its id', () => {
    // Everything links by externalId here, so no attribute index is built; that must not break the check.
    const kim = gh('kim', 'kim-octo');
    const ana = gh('ana', '9001');
    const kims = member('9001', 'kim-octo', { externalId: kim.id });
    const c = run(github(), [kims], [kim, ana]);
    expect(c.owner(kim)).toBe(kims);
    expect(c.owner(ana)).toBeNull();
  });

  it('holds every new person who shares a reused login with its former holder (one without an email)', () => {
    const a1 = person('ana', { id: '00uA1', email: null });
    const a2 = person('ana', { id: '00uA2' });
    const cy = person('cy');
    const kim = person('ana', { id: '00uKim', status: 'deprovisioned' });
    const kims = accountOf(kim, { emails: ['ana@acme.io', 'kim.private@home.io'] });
    const c = run(slack(), [kims], [a1, a2, cy, kim]);
    expect(c.linked).toEqual([undefined, undefined, undefined, kims]);
    expect(c.conflicts).toEqual(
      new Map([
        [0, { account: kims, owner: 3 }],
        [1, { account: kims, owner: 3 }],
      ]),
    );
  });

  it('in GitHub, the attribute decides whom a login names, not another person’s directory login', () => {
    const ana = gh('ana', 'octo');
    const bob = gh('bob', 'octo-bob', { login: 'octo', email: null });
    const kims = member('9001', 'octo', { externalId: '00uKimGone' });
    const c = run(github(), [kims], [ana, bob]);
    expect(c.conflicts).toEqual(new Map([[0, { account: kims, owner: -1 }]]));
  });

  it('a GitHub id is looked up among attributes only, never against a directory login', () => {
    const ana = gh('ana', '9001');
    const bob = gh('bob', 'octo-bob', { login: '9001' });
    const kims = member('9001', 'kim-octo', { externalId: '00uKimGone' });
    const c = run(github(), [kims], [ana, bob]);
    expect(c.conflicts).toEqual(new Map([[0, { account: kims, owner: -1 }]]));
  });

  it('a stale externalId on the login of a person without an email is not theirs', () => {
    const ana = person('ana', { email: null });
    const gone = accountOf(person('ana', { id: '00uGone' }), { emails: [] });
    const c = run(slack(), [gone], [ana]);
    expect(c.linked).toEqual([undefined]);
    expect(c.conflicts).toEqual(new Map([[0, { account: gone, owner: -1 }]]));
  });

  it('the first account found keeps the conflict when two former accounts carry the same login', () => {
    const ana = person('ana');
    const first = accountOf(person('ana', { id: '00uGone1' }), { remoteId: 'r-first' });
    const second = accountOf(person('ana', { id: '00uGone2' }), { remoteId: 'r-second' });
    const c = run(slack(), [first, second], [ana]);
    expect(c.conflicts).toEqual(new Map([[0, { account: first, owner: -1 }]]));
    expect(c.orphans.map((o) => o.remoteId)).toEqual(['r-first', 'r-second']);
  });

  it('a person who already has their own account is not held by a former account carrying their login', () => {
    const ana = person('ana');
    const own = accountOf(ana, { userName: 'ana.new@acme.io', emails: [] });
    const kims = accountOf(person('ana', { id: '00uKimGone' }));
    const c = run(slack(), [own, kims], [ana]);
    expect(c.owner(ana)).toBe(own);
    expect(c.conflicts.size).toBe(0);
  });

  it('an account another tool linked by login does not hold others its secondary emails name', () => {
    const ana = person('ana');
    const bob = person('bob');
    const cy = person('cy');
    const anas = accountOf(ana, { externalId: 'ana@acme.io', emails: ['ana@acme.io', 'bob@acme.io'] });
    const cys = accountOf(cy);
    const c = run(slack(), [anas, cys], [ana, bob, cy]);
    expect(c.owner(ana)).toBe(anas);
    expect(c.owner(cy)).toBe(cys);
    expect(c.conflicts.size).toBe(0);
  });

  it('a stale externalId with no match is just an orphan (no one to hold)', () => {
    const ana = person('ana');
    const bob = person('bob');
    const gone = accountOf(person('zed', { id: '00uGone' }), { remoteId: 'r-zed' });
    const c = run(slack(), [gone], [ana, bob]);
    expect(c.linked).toEqual([undefined, undefined]);
    expect(c.conflicts.size).toBe(0);
    expect(c.orphans.map((o) => o.reason)).toEqual([
      'no directory person has this externalId, userName or email',
    ]);
  });

  it('a stale externalId never goes to the second person who now has that login', () => {
    const ana = person('ana');
    const bob = person('bob');
    const gone = accountOf(person('bob', { id: '00uGone' }));
    const c = run(slack(), [gone], [ana, bob]);
    expect(c.linked).toEqual([undefined, undefined]);
    expect(c.conflicts).toEqual(new Map([[1, { account: gone, owner: -1 }]]));
  });

  it('links a person without an email whose account’s externalId is their login', () => {
    const ana = person('ana', { login: 'ana.silva', email: null });
    const acc = accountOf(ana, { externalId: 'ANA.SILVA', userName: 'ana.silva', emails: [] });
    const c = run(slack(), [acc], [ana]);
    expect(c.owner(ana)).toBe(acc);
    expect(c.orphans).toEqual([]);
  });
});
