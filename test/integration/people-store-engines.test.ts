// The people side of the store on both engines: the workspace, settings and secret-names repositories, the directory
// snapshot (a full read all or nothing inside the caller's transaction, people missing from a read kept as deleted,
// memberships only between known groups and people), the accounts (linking by login/email and a GitHub app's login
// attribute read from JSON, an admin's link winning), the People matrix (ordered by bytes, the same on both) and
// the task journal — the same answers on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import type { DirectoryPerson } from '../../electron/directory/types';
import { createAccountsRepo } from '../../electron/store/accounts-repo';
import { createDirectorySnapshotRepo } from '../../electron/store/directory-snapshot-repo';
import { createPeopleReadRepo } from '../../electron/store/people-read-repo';
import { createSecretNamesRepo } from '../../electron/store/secret-names-repo';
import { createSettingsRepo } from '../../electron/store/settings-repo';
import type { Store } from '../../electron/store/store';
import { createWorkspaceRepo } from '../../electron/store/workspace-repo';
import { createAppStatusReader } from '../../electron/config/app-status-read';
import { createCapabilitiesRepo } from '../../electron/apps/capabilities-repo';
import type { AppAccount } from '../../shared/api/methods-apps';
import { appConfigSchema, ruleSchema } from '../../shared/config/workspace';
import { defaultSettings } from '../../shared/domain/settings';
import { ENGINES, storeFactory } from '../helpers/store-engines';

const AT = '2027-01-01T09:00:00.000Z';
const LATER = '2027-01-02T09:00:00.000Z';

const person = (id: string, p: Partial<DirectoryPerson> = {}): DirectoryPerson => ({
  id,
  login: `${id}@acme.io`,
  email: `${id}@acme.io`,
  givenName: null,
  familyName: null,
  displayName: null,
  department: null,
  title: null,
  manager: null,
  employeeNumber: null,
  status: 'active',
  vendorStatus: 'ACTIVE',
  statusChangedAt: null,
  attributes: {},
  ...p,
});

const account = (remoteId: string, p: Partial<AppAccount> = {}): AppAccount => ({
  remoteId,
  userName: remoteId,
  emails: [],
  externalId: null,
  active: true,
  role: null,
  groups: [],
  displayName: null,
  ...p,
});

const apps = [
  appConfigSchema.parse({ id: 'slack', name: 'Slack', kind: 'manual' }),
  appConfigSchema.parse({
    id: 'github',
    name: 'GitHub',
    kind: 'github',
    org: 'acme',
    usernameAttribute: 'ghLogin',
    auth: { type: 'bearer', token: 'env:GH' },
  }),
];

const seed = async (store: Store): Promise<void> => {
  const ws = createWorkspaceRepo(store);
  await ws.setDirectory({
    kind: 'okta',
    name: 'Acme Okta',
    baseUrl: 'https://acme.okta.com',
    auth: { type: 'token', token: 'env:OKTA_TOKEN' },
  });
  await ws.setApps(apps);
  await ws.setRules([ruleSchema.parse({ app: 'slack', groups: ['Everyone'] })]);
  const snapshot = createDirectorySnapshotRepo(store);
  await store.tx(async () => {
    await snapshot.replaceAll(
      {
        people: [
          person('ada', {
            displayName: 'ada Lovelace',
            department: 'Eng',
            attributes: { ghLogin: 'Ada-GH' },
          }),
          person('bob', { givenName: 'Bob', familyName: 'Zed', attributes: { ghLogin: 42 } }),
          person('cyd', { displayName: 'Cyd', status: 'suspended' }),
          person('Dee', { displayName: 'Ümit' }),
        ],
        groups: [
          { id: 'g2', name: 'everyone', description: null },
          { id: 'g1', name: 'Eng', description: 'Engineers' },
        ],
        memberships: [
          ['g1', 'ada'],
          ['g2', 'ada'],
          ['g2', 'bob'],
          ['g2', 'nobody'], // a person the read never had: left out
          ['g9', 'ada'], // a group the read never had: left out
          ['g2', 'bob'], // twice: stored once
        ],
        cursor: 'c1',
        requests: 1,
      },
      AT,
    );
    await snapshot.recordRead({ cursor: 'c1', at: AT, goodCount: 4, health: 'ok', detail: null });
  });
};

describe.each(ENGINES)('the people side of the store on %s', (engine) => {
  const open = storeFactory(engine);

  it('stores the workspace, settings and secret names and reads them back in order', async () => {
    const { store } = await open('workspace');
    await seed(store);
    const ws = createWorkspaceRepo(store);
    expect((await ws.listApps()).map((a) => a.id)).toEqual(['slack', 'github']);
    expect((await ws.getApp('github'))?.kind).toBe('github');
    expect(await ws.getApp('nope')).toBeNull();
    expect((await ws.listRules()).map((r) => r.app)).toEqual(['slack']);
    expect((await ws.getDirectory())?.name).toBe('Acme Okta');
    expect(await ws.referencedSecrets()).toEqual([
      { ref: 'env:OKTA_TOKEN', usedBy: 'directory (Acme Okta)' },
      { ref: 'env:GH', usedBy: 'app github' },
    ]);
    await ws.setApps([apps[1]!]);
    expect((await ws.listApps()).map((a) => a.id)).toEqual(['github']);

    const settings = createSettingsRepo(store);
    expect(await settings.get()).toEqual(defaultSettings());
    const changed = { ...defaultSettings(), operator: { name: 'Ana' } };
    await settings.put(changed);
    await settings.put(changed);
    expect((await settings.get()).operator.name).toBe('Ana');

    const names = createSecretNamesRepo(store);
    await names.touch('zeta', AT);
    await names.touch('alpha', AT);
    await names.touch('alpha', LATER);
    expect(await names.names()).toEqual(['alpha', 'zeta']);
    await names.remove('zeta');
    expect(await names.names()).toEqual(['alpha']);

    await createCapabilitiesRepo(store).set('github', { probedAt: AT, writeTested: false } as never);
    expect(await createCapabilitiesRepo(store).get('github')).toMatchObject({ probedAt: AT });
  });

  it('keeps a full read all or nothing, and people missing from the next read as deleted', async () => {
    const { store } = await open('snapshot');
    await seed(store);
    const snapshot = createDirectorySnapshotRepo(store);
    expect(await snapshot.counts()).toEqual({
      people: 4,
      byStatus: { active: 3, staged: 0, suspended: 1, deprovisioned: 0, deleted: 0 },
      groups: 2,
      memberships: 3,
    });
    expect(await snapshot.listMemberships()).toEqual([
      ['g1', 'ada'],
      ['g2', 'ada'],
      ['g2', 'bob'],
    ]);
    expect((await snapshot.listPeople()).find((p) => p.id === 'ada')).toMatchObject({
      department: 'Eng',
      attributes: { ghLogin: 'Ada-GH' },
    });

    // A read that fails halfway stores nothing.
    await expect(
      store.tx(async () => {
        await snapshot.replaceAll(
          { people: [person('ada')], groups: [], memberships: [], cursor: 'c2', requests: 1 },
          LATER,
        );
        throw new Error('the read failed');
      }),
    ).rejects.toThrow('the read failed');
    expect((await snapshot.counts()).people).toBe(4);
    expect((await snapshot.state())?.cursor).toBe('c1');

    await store.tx(() =>
      snapshot.replaceAll(
        {
          people: [person('ada'), person('bob', { status: 'suspended' })],
          groups: [{ id: 'g2', name: 'everyone', description: null }],
          memberships: [['g2', 'ada']],
          cursor: 'c2',
          requests: 1,
        },
        LATER,
      ),
    );
    expect(await snapshot.personStatus('cyd')).toBe('deleted');
    expect(await snapshot.personStatus('bob')).toBe('suspended');
    expect((await snapshot.listPeople()).find((p) => p.id === 'bob')?.statusChangedAt).toBe(LATER);
    expect(await snapshot.listGroups()).toEqual([{ id: 'g2', name: 'everyone', description: null }]);
    expect(await snapshot.listMemberships()).toEqual([['g2', 'ada']]);

    await store.tx(() =>
      snapshot.applyChanges(
        [
          { kind: 'membership-added', groupId: 'g2', personId: 'bob' },
          { kind: 'membership-added', groupId: 'g2', personId: 'bob' },
          { kind: 'membership-added', groupId: 'g2', personId: 'ghost' },
          { kind: 'person-removed', personId: 'ada' },
        ],
        LATER,
      ),
    );
    expect(await snapshot.listMemberships()).toEqual([['g2', 'bob']]);
    expect(await snapshot.personStatus('ada')).toBe('deleted');
  });

  it('links accounts by login, email, the GitHub login attribute and an admin’s link, and replaces a read whole', async () => {
    const { store } = await open('accounts');
    await seed(store);
    const accounts = createAccountsRepo(store);
    const { linked } = await accounts.replaceSnapshot(
      'github',
      [account('ada-gh'), account('42'), account('stranger')],
      AT,
    );
    // Ada by her login attribute (any case); bob's attribute is a number, which links nobody on either engine.
    expect(linked).toBe(1);
    expect((await accounts.list('github')).map((a) => [a.remoteId, a.personId])).toEqual([
      ['42', null],
      ['ada-gh', 'ada'],
      ['stranger', null],
    ]);
    expect((await accounts.upsert('slack', account('BOB@ACME.IO'), AT)).personId).toBe('bob');
    expect(await accounts.activeCount('github')).toBe(3);

    await store
      .q()
      .insertInto('orphan_decisions')
      .values({
        app_id: 'github',
        remote_id: 'stranger',
        user_name: 'stranger',
        kind: 'linked',
        person_id: 'cyd',
        by: 'ana',
        at: AT,
      })
      .execute();
    expect((await accounts.listForPlan('github')).find((a) => a.remoteId === 'stranger')?.externalId).toBe(
      'cyd',
    );
    await accounts.replaceSnapshot('github', [account('stranger')], LATER);
    expect((await accounts.list('github')).map((a) => [a.remoteId, a.personId])).toEqual([
      ['stranger', 'cyd'],
    ]);
    expect(await accounts.remove('github', 'stranger')).toBe(true);
    expect(await accounts.remove('github', 'stranger')).toBe(false);
    expect(await accounts.person('ada')).toEqual({
      id: 'ada',
      login: 'ada@acme.io',
      email: 'ada@acme.io',
      displayName: 'ada Lovelace',
    });
  });

  it('lists the People matrix in the same order on both engines, with groups, cells and orphans', async () => {
    const { store } = await open('people');
    await seed(store);
    await createAccountsRepo(store).replaceSnapshot('slack', [account('ada@acme.io'), account('zz')], AT);
    const list = await createPeopleReadRepo(store).list();
    // By the name people see, lower-cased, byte order: "ada Lovelace", "Bob Zed", "Cyd", "Ümit".
    expect(list.people.map((p) => [p.id, p.displayName])).toEqual([
      ['ada', 'ada Lovelace'],
      ['bob', 'Bob Zed'],
      ['cyd', 'Cyd'],
      ['Dee', 'Ümit'],
    ]);
    expect(list.people[0]).toMatchObject({
      department: 'Eng',
      groups: ['g1', 'g2'],
      accounts: [{ appId: 'slack', active: true, role: null, pending: false }],
    });
    expect(list.groups.map((g) => g.id)).toEqual(['g1', 'g2']);
    expect(list.apps.map((a) => a.id)).toEqual(['slack', 'github']);
    expect(list.orphans.map((o) => o.remoteId)).toEqual(['zz']);
    expect(list.directory).toMatchObject({ name: 'Acme Okta', kind: 'okta', health: 'ok', lastReadAt: AT });

    const ada = await createPeopleReadRepo(store).get('ada');
    expect(ada?.groups.map((g) => g.id)).toEqual(['g1', 'g2']);
    expect(ada?.accounts.map((a) => [a.appName, a.remoteId])).toEqual([['Slack', 'ada@acme.io']]);
    expect(await createPeopleReadRepo(store).get('nobody')).toBeNull();

    const status = await createAppStatusReader(store).statuses(['slack', 'github']);
    expect(status.map((s) => [s.id, s.accounts, s.linked, s.orphans, s.rules])).toEqual([
      ['slack', 2, 1, 1, 1],
      ['github', null, 0, 0, 0],
    ]);
    const report = await createAppStatusReader(store).accountReport('slack');
    expect(report.accounts.map((a) => a.remoteId)).toEqual(['zz', 'ada@acme.io']);
  });
});
