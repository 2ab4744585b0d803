// GitHub accounts in the store: linked to people by the same rule as the planner (the login in the directory
// attribute the app names), pending invitations included, and an invitation's team membership is not re-planned
// on every run while it waits to be accepted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../electron/store/database';
import { createAccountsRepo } from '../../../electron/store/accounts-repo';
import { createSqliteStore } from '../../../electron/store/store';
import { createDirectorySnapshotRepo } from '../../../electron/store/directory-snapshot-repo';
import { createPeopleReadRepo } from '../../../electron/store/people-read-repo';
import { createWorkspaceRepo } from '../../../electron/store/workspace-repo';
import { loadPeople } from '../../../electron/sync/engine/plan-input';
import { buildPlan } from '../../../electron/sync/plan';
import { explain } from '../../../electron/sync/explain';
import type { DirectoryPerson } from '../../../electron/directory/types';
import type { AppAccount } from '../../../shared/api/methods-apps';
import { appConfigSchema, ruleSchema, type AppConfig } from '../../../shared/config/workspace';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

const AT = '2026-11-28T10:00:00.000Z';

const person = (name: string, githubLogin: string): DirectoryPerson => ({
  id: `00u${name}`,
  login: `${name}@acme.test`,
  email: `${name}@acme.test`,
  givenName: name,
  familyName: 'Doe',
  displayName: `${name} Doe`,
  department: null,
  title: null,
  manager: null,
  employeeNumber: null,
  status: 'active',
  vendorStatus: 'ACTIVE',
  statusChangedAt: null,
  attributes: { ghLogin: githubLogin },
});

const member = (login: string, p: Partial<AppAccount> = {}): AppAccount => ({
  remoteId: login,
  userName: login,
  emails: [],
  externalId: null,
  active: true,
  role: 'member',
  groups: [],
  displayName: null,
  ...p,
});

const github: AppConfig = appConfigSchema.parse({
  id: 'github',
  name: 'GitHub',
  kind: 'github',
  org: 'acme',
  usernameAttribute: 'ghLogin',
  auth: { type: 'bearer', token: 'env:GH' },
});

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = makeTempDir('fixes-github');
  db = openDatabase(dir);
  const workspace = createWorkspaceRepo(createSqliteStore(db));
  await workspace.setDirectory({
    kind: 'okta',
    name: 'Acme Okta',
    baseUrl: 'https://acme.okta.com',
    auth: { type: 'token', token: 'env:OKTA_TOKEN' },
  });
  await workspace.setApps([github]);
  await workspace.setRules([ruleSchema.parse({ app: 'github', groups: ['Everyone'], teams: ['platform'] })]);
  const snapshot = createDirectorySnapshotRepo(createSqliteStore(db));
  await createSqliteStore(db).tx(() =>
    snapshot.replaceAll(
      {
        people: [person('ada', 'ada-gh'), person('bob', 'BobCodes'), person('cyd', 'cyd-invited')],
        groups: [{ id: '00g1', name: 'Everyone', description: null }],
        memberships: [
          ['00g1', '00uada'],
          ['00g1', '00ubob'],
          ['00g1', '00ucyd'],
        ],
        cursor: null,
        requests: 1,
      },
      AT,
    ),
  );
});
afterEach(() => {
  closeDatabase(db);
  removeDir(dir);
});

describe('GitHub accounts in the store', () => {
  it('links org members and pending invitations to people by the login in the app’s username attribute', async () => {
    const accounts = createAccountsRepo(createSqliteStore(db));
    const { linked } = await accounts.replaceSnapshot(
      'github',
      [
        member('ada-gh'),
        member('bobcodes'),
        member('invitation:7', { userName: 'cyd-invited', pending: true }),
        member('stranger'),
      ],
      AT,
    );
    expect(linked).toBe(3);
    const byRemote = Object.fromEntries((await accounts.list('github')).map((a) => [a.remoteId, a.personId]));
    expect(byRemote).toEqual({
      'ada-gh': '00uada',
      bobcodes: '00ubob',
      'invitation:7': '00ucyd',
      stranger: null,
    });
    const page = await createPeopleReadRepo(createSqliteStore(db)).list();
    expect(page.orphans.map((o) => o.remoteId)).toEqual(['stranger']);
  });

  it('links an invitation sent to an email address to the person with that email', async () => {
    const accounts = createAccountsRepo(createSqliteStore(db));
    await accounts.replaceSnapshot(
      'github',
      [member('invitation:8', { userName: 'bob@acme.test', emails: ['bob@acme.test'], pending: true })],
      AT,
    );
    expect((await accounts.get('github', 'invitation:8'))?.personId).toBe('00ubob');
  });

  it('links one account recorded after a write by the same rule', async () => {
    const accounts = createAccountsRepo(createSqliteStore(db));
    expect((await accounts.upsert('github', member('BOBCODES'), AT)).personId).toBe('00ubob');
    expect((await accounts.upsert('github', member('nobody-here'), AT)).personId).toBeNull();
  });

  it('keeps an invitation pending, so its team add is not planned again on every run', async () => {
    const accounts = createAccountsRepo(createSqliteStore(db));
    await accounts.replaceSnapshot(
      'github',
      [
        member('ada-gh', { groups: ['platform'] }),
        member('BobCodes', { groups: ['platform'] }),
        member('invitation:7', { userName: 'cyd-invited', pending: true }),
      ],
      AT,
    );
    expect((await accounts.get('github', 'invitation:7'))?.pending).toBe(true);
    const workspace = createWorkspaceRepo(createSqliteStore(db));
    const plan = buildPlan({
      people: await loadPeople(createDirectorySnapshotRepo(createSqliteStore(db))),
      apps: await workspace.listApps(),
      rules: await workspace.listRules(),
      accounts: { github: await accounts.list('github') },
      now: new Date(AT),
    });
    expect(plan.ops).toEqual([]);
  });
});

describe('explaining a pending invitee', () => {
  it('says their teams wait until the invitation is accepted', () => {
    const people = [
      {
        id: '00ucyd',
        login: 'cyd@acme.test',
        email: 'cyd@acme.test',
        status: 'active' as const,
        statusChangedAt: null,
        groups: ['Everyone'],
        attributes: { ghLogin: 'cyd-invited' },
      },
    ];
    const result = explain(
      {
        people,
        apps: [github],
        rules: [ruleSchema.parse({ app: 'github', groups: ['Everyone'], teams: ['platform'] })],
        accounts: { github: [member('invitation:7', { userName: 'cyd-invited', pending: true })] },
        now: new Date(AT),
      },
      '00ucyd',
    );
    expect(result.apps[0]!.why).toMatch(/wait until the invitation is accepted/);
  });
});
