// people.list for a large directory: built once and answered from memory until the store changes — through this
// connection (a sync writing accounts) or another (the CLI in a second process) — and never stale.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../electron/store/database';
import { createSqliteStore } from '../../../electron/store/store';
import { createAccountsRepo } from '../../../electron/store/accounts-repo';
import { createDirectorySnapshotRepo } from '../../../electron/store/directory-snapshot-repo';
import { createPeopleReadRepo } from '../../../electron/store/people-read-repo';
import { createWorkspaceRepo } from '../../../electron/store/workspace-repo';
import type { DirectoryPerson } from '../../../electron/directory/types';
import type { AppAccount } from '../../../shared/api/methods-apps';
import { appConfigSchema } from '../../../shared/config/workspace';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

const AT = '2026-11-28T10:00:00.000Z';
const PEOPLE = 2000;

const person = (i: number): DirectoryPerson => ({
  id: `00u${String(i).padStart(5, '0')}`,
  login: `p${i}@acme.test`,
  email: `p${i}@acme.test`,
  givenName: 'P',
  familyName: String(i),
  displayName: null,
  department: i % 2 ? 'Engineering' : 'Sales',
  title: 'Engineer',
  manager: null,
  employeeNumber: null,
  status: 'active',
  vendorStatus: 'ACTIVE',
  statusChangedAt: null,
  attributes: { city: 'Lisbon' },
});

const account = (i: number, p: Partial<AppAccount> = {}): AppAccount => ({
  remoteId: `U${i}`,
  userName: `p${i}@acme.test`,
  emails: [],
  externalId: null,
  active: true,
  role: null,
  groups: [],
  displayName: null,
  ...p,
});

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = makeTempDir('fixes-people');
  db = openDatabase(dir);
  const workspace = createWorkspaceRepo(createSqliteStore(db));
  await workspace.setDirectory({
    kind: 'okta',
    name: 'Acme Okta',
    baseUrl: 'https://acme.okta.com',
    auth: { type: 'token', token: 'env:OKTA_TOKEN' },
  });
  await workspace.setApps([appConfigSchema.parse({ id: 'slack', name: 'Slack', kind: 'manual' })]);
  const groups = [
    { id: '00gz', name: 'Everyone', description: null },
    { id: '00ga', name: 'Sales', description: null },
  ];
  const memberships: [string, string][] = [];
  for (let i = 0; i < PEOPLE; i++) {
    memberships.push(['00ga', person(i).id]);
    memberships.push(['00gz', person(i).id]);
  }
  const snapshot = createDirectorySnapshotRepo(createSqliteStore(db));
  await createSqliteStore(db).tx(() =>
    snapshot.replaceAll(
      {
        people: Array.from({ length: PEOPLE }, (_, i) => person(i)),
        groups,
        memberships,
        cursor: null,
        requests: 1,
      },
      AT,
    ),
  );
  await createAccountsRepo(createSqliteStore(db)).replaceSnapshot('slack', [account(1), account(2)], AT);
});
afterEach(() => {
  closeDatabase(db);
  removeDir(dir);
});

const cellsOf = (list: Awaited<ReturnType<ReturnType<typeof createPeopleReadRepo>['list']>>, i: number) =>
  list.people.find((p) => p.id === person(i).id)!.accounts;

describe('people.list on a large directory', () => {
  it('answers a repeated read without rebuilding the matrix while nothing changed', async () => {
    const repo = createPeopleReadRepo(createSqliteStore(db));
    const first = await repo.list();
    expect(first.people).toHaveLength(PEOPLE);
    expect(await repo.list()).toBe(first);
  });

  it('lists each person’s groups in the groups’ name order', async () => {
    const list = await createPeopleReadRepo(createSqliteStore(db)).list();
    expect(list.groups.map((g) => g.id)).toEqual(['00gz', '00ga']);
    expect(list.people[0]!.groups).toEqual(['00gz', '00ga']);
  });

  it('shows an account written through the same connection on the next read', async () => {
    const repo = createPeopleReadRepo(createSqliteStore(db));
    expect(cellsOf(await repo.list(), 3)).toEqual([]);
    await createAccountsRepo(createSqliteStore(db)).upsert('slack', account(3, { role: 'admin' }), AT);
    expect(cellsOf(await repo.list(), 3)).toEqual([
      { appId: 'slack', active: true, role: 'admin', pending: false },
    ]);
  });

  it('shows an account written by another process on the next read', async () => {
    const repo = createPeopleReadRepo(createSqliteStore(db));
    expect(cellsOf(await repo.list(), 4)).toEqual([]);
    const other = openDatabase(dir);
    try {
      await createAccountsRepo(createSqliteStore(other)).upsert('slack', account(4), AT);
    } finally {
      closeDatabase(other);
    }
    expect(cellsOf(await repo.list(), 4)).toEqual([
      { appId: 'slack', active: true, role: null, pending: false },
    ]);
  });
});
