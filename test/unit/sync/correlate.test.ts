// Correlation of app accounts to directory people, and orphans.
import { describe, expect, it } from 'vitest';
import { correlate, indexPeople, linkedAccount } from '../../../electron/sync/correlate';
import type { AppConfig, SyncAccount, SyncPerson } from '../../../electron/sync/types';
import { buildPlan } from '../../../electron/sync/plan';
import { accountOf, github, input, person, slack } from './fixtures';

const link = (app: AppConfig, accounts: SyncAccount[], people: SyncPerson[]) => {
  const index = indexPeople(people);
  const c = correlate(app, accounts, index);
  return {
    get: (id: string) => linkedAccount(c, index, id),
    size: c.linked.filter(Boolean).length,
    orphans: c.orphans,
  };
};

describe('correlation', () => {
  it('links by externalId first, even when the userName names someone else', () => {
    const ana = person('ana');
    const bob = person('bob');
    const acc = accountOf(ana, { userName: 'bob@acme.io', emails: [] });
    const linked = link(slack(), [acc], [ana, bob]);
    expect(linked.get(ana.id)).toBe(acc);
    expect(linked.get(bob.id)).toBeNull();
    expect(linked.orphans).toEqual([]);
  });

  it('then links by userName or email, case-insensitively', () => {
    const ana = person('ana', { login: 'ana.silva', email: 'Ana@Acme.io' });
    const bob = person('bob');
    const byMail = accountOf(ana, { externalId: null, userName: 'whatever', emails: ['ANA@ACME.IO'] });
    const byName = accountOf(bob, { externalId: null, userName: 'BOB@acme.io', emails: [] });
    const linked = link(slack(), [byMail, byName], [ana, bob]);
    expect(linked.get(ana.id)).toBe(byMail);
    expect(linked.get(bob.id)).toBe(byName);
  });

  it('links GitHub members by the login in the configured directory attribute', () => {
    const ana = person('ana', { attributes: { gh: 'AnaCodes' } });
    const acc = accountOf(ana, { remoteId: 'anacodes', userName: 'anacodes', externalId: null, emails: [] });
    expect(link(github({ usernameAttribute: 'gh' }), [acc], [ana]).get(ana.id)).toBe(acc);
  });

  it('reports accounts no person matches as orphans and plans nothing for them', () => {
    const ana = person('ana', { status: 'suspended' });
    const stranger = accountOf(person('zed'), { externalId: null, remoteId: 'z1' });
    const plan = buildPlan(
      input({
        people: [ana],
        apps: [slack()],
        rules: [{ app: 'slack', groups: ['Everyone'] }],
        accounts: { slack: [stranger] },
      }),
    );
    expect(plan.ops).toEqual([]);
    expect(plan.orphans).toEqual([
      {
        appId: 'slack',
        remoteId: 'z1',
        userName: 'zed@acme.io',
        reason: 'no directory person has this externalId, userName or email',
      },
    ]);
  });

  it('reports a second account of the same person as an orphan instead of touching it', () => {
    const ana = person('ana');
    const first = accountOf(ana);
    const second = accountOf(ana, { externalId: null, remoteId: 'dup' });
    const linked = link(slack(), [second, first], [ana]);
    expect(linked.get(ana.id)).toBe(first);
    expect(linked.orphans).toMatchObject([
      { remoteId: 'dup', reason: `another account (ana@acme.io) is already linked to ana@acme.io` },
    ]);
  });

  it('does not guess when two directory people share an email', () => {
    const old = person('ana', { id: 'old', status: 'deleted' });
    const rehire = person('ana', { id: 'new' });
    const acc = accountOf(old, { externalId: null });
    const linked = link(slack(), [acc], [old, rehire]);
    expect(linked.size).toBe(0);
    expect(linked.orphans[0]!.reason).toBe('its userName or email belongs to more than one directory person');
  });
});
