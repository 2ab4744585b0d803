// The People page's read API against a real SQLite store, seeded through the same repos a directory pull and an
// accounts read use: the whole matrix in one call (10,000 people), groups and accounts per person, orphans,
// pending changes, and a clear not_found for someone the directory does not know.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { createKeychainStore } from '../../../electron/secrets/keychain';
import { createDirectorySnapshotRepo } from '../../../electron/store/directory-snapshot-repo';
import { createAccountsRepo } from '../../../electron/store/accounts-repo';
import type { DirectoryPerson, PersonStatus } from '../../../electron/directory/types';
import { appConfigSchema } from '../../../shared/config/workspace';
import type { PeopleList, PersonDetail } from '../../../shared/api/methods-people';
import type { AppAccount } from '../../../shared/api/methods-apps';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

const PEOPLE = 10_000;
const STATUSES: PersonStatus[] = ['active', 'active', 'active', 'suspended', 'deprovisioned', 'staged'];
const statusOf = (i: number): PersonStatus => STATUSES[i % STATUSES.length]!;
const personId = (i: number) => `00u${String(i).padStart(6, '0')}`;

const person = (i: number): DirectoryPerson => ({
  id: personId(i),
  login: `user${i}@acme.test`,
  email: `user${i}@acme.test`,
  givenName: `Given${i}`,
  familyName: `Family${i}`,
  displayName: i === 0 ? null : `Person ${String(i).padStart(5, '0')}`,
  department: i % 2 ? 'Engineering' : 'Sales',
  title: 'Engineer',
  manager: null,
  employeeNumber: String(i),
  status: statusOf(i),
  vendorStatus: statusOf(i).toUpperCase(),
  statusChangedAt: '2026-11-01T09:00:00.000Z',
  attributes: { costCenter: `cc-${i % 7}`, city: 'Lisbon' },
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

let core: Lanyard;
let dataDir: string;
const call = (method: string, input: unknown) =>
  dispatch(core.handlers, method, input, { actor: 'test' }, createLogger(memorySink()));

beforeEach(() => {
  dataDir = makeTempDir('people');
  core = createLanyard({
    dataDir,
    secrets: createKeychainStore(`Lanyard-test-${randomUUID()}`),
    log: createLogger(memorySink()),
    env: {},
  });
});
afterEach(() => {
  core.close();
  removeDir(dataDir);
});

/** A directory of 10,000 people in 4 groups, two apps with accounts, one orphan, one pending create. */
const seed = async () => {
  const { db, repos } = core.context;
  await repos.workspace.setDirectory({
    kind: 'okta',
    name: 'Acme Okta',
    baseUrl: 'https://acme.okta.com',
    auth: { type: 'token', token: 'env:OKTA_TOKEN' },
  });
  const groups = ['Everyone', 'Engineering', 'Sales', 'Admins'].map((name, i) => ({
    id: `00g${i}`,
    name,
    description: i === 3 ? 'Org admins' : null,
  }));
  const memberships: [string, string][] = [];
  for (let i = 0; i < PEOPLE; i++) {
    memberships.push(['00g0', personId(i)]);
    memberships.push([i % 2 ? '00g1' : '00g2', personId(i)]);
    if (i % 1000 === 0) memberships.push(['00g3', personId(i)]);
  }
  const snapshot = createDirectorySnapshotRepo(core.context.store);
  await core.context.store.tx(() =>
    snapshot.replaceAll(
      {
        people: Array.from({ length: PEOPLE }, (_, i) => person(i)),
        groups,
        memberships,
        cursor: null,
        requests: 1,
      },
      '2026-11-28T10:00:00.000Z',
    ),
  );
  await repos.workspace.setApps(
    [
      { id: 'slack', name: 'Slack', kind: 'manual' },
      { id: 'github', name: 'GitHub', kind: 'manual' },
    ].map((a) => appConfigSchema.parse(a)),
  );
  const accounts = createAccountsRepo(core.context.store);
  // Every third person has Slack; every 10th is an admin there; person 3 is deactivated.
  const slack: AppAccount[] = [];
  for (let i = 0; i < PEOPLE; i += 3)
    slack.push(
      account(`U${i}`, {
        externalId: personId(i),
        role: i % 10 === 0 ? 'admin' : null,
        active: i !== 3,
      }),
    );
  slack.push(account('U-stranger', { emails: ['stranger@elsewhere.test'], role: 'member' }));
  await accounts.replaceSnapshot('slack', slack, '2026-11-28T10:05:00.000Z');
  await accounts.replaceSnapshot(
    'github',
    [account('invitation:42', { emails: ['user1@acme.test'], pending: true })],
    '2026-11-28T10:05:00.000Z',
  );
  // A journaled create for person 2 in GitHub that has not run yet.
  db.prepare(
    `INSERT INTO runs (id, kind, trigger, status, started_at) VALUES (1, 'manual', 'test', 'running', '2026-11-28T10:06:00.000Z')`,
  ).run();
  db.prepare(
    `INSERT INTO plan_ops (run_id, app_id, person_id, kind, status, reason, idempotency_key, created_at, updated_at)
     VALUES (1, 'github', ?, 'create', 'held', 'in Engineering (rule 1)', 'k1', '2026-11-28T10:06:00.000Z', '2026-11-28T10:06:00.000Z')`,
  ).run(personId(2));
};

const list = async (): Promise<PeopleList> => {
  const r = await call('people.list', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value as PeopleList;
};

describe('people.list', () => {
  it('says no directory is connected yet, with nobody in it, before any workspace is applied', async () => {
    expect(await list()).toEqual({ directory: null, people: [], groups: [], apps: [], orphans: [] });
  });

  it('returns all 10,000 people with their groups and app accounts in one call', async () => {
    await seed();
    const result = await list();

    expect(result.directory).toMatchObject({ name: 'Acme Okta', kind: 'okta', health: 'unknown' });
    expect(result.people).toHaveLength(PEOPLE);
    expect(new Set(result.people.map((p) => p.id)).size).toBe(PEOPLE);
    expect(result.groups.map((g) => g.name)).toEqual(['Admins', 'Engineering', 'Everyone', 'Sales']);
    expect(result.apps).toEqual([
      { id: 'slack', name: 'Slack', kind: 'manual' },
      { id: 'github', name: 'GitHub', kind: 'manual' },
    ]);

    const byId = new Map(result.people.map((p) => [p.id, p]));
    const p1000 = byId.get(personId(1000))!;
    expect(p1000).toMatchObject({
      login: 'user1000@acme.test',
      email: 'user1000@acme.test',
      displayName: 'Person 01000',
      department: 'Sales',
      title: 'Engineer',
      status: 'deprovisioned',
    });
    expect(p1000.groups.sort()).toEqual(['00g0', '00g2', '00g3']);
    expect(byId.get(personId(7))!.groups.sort()).toEqual(['00g0', '00g1']);

    // Accounts: role, deactivated, none, a pending invitation, a pending (held) create.
    expect(byId.get(personId(30))!.accounts).toEqual([
      { appId: 'slack', active: true, role: 'admin', pending: false },
    ]);
    expect(byId.get(personId(3))!.accounts).toEqual([
      { appId: 'slack', active: false, role: null, pending: false },
    ]);
    expect(byId.get(personId(4))!.accounts).toEqual([]);
    expect(byId.get(personId(1))!.accounts).toEqual([
      { appId: 'github', active: true, role: null, pending: true },
    ]);
    expect(byId.get(personId(2))!.accounts).toEqual([
      { appId: 'github', active: false, role: null, pending: true },
    ]);
    const withSlack = result.people.filter((p) => p.accounts.some((a) => a.appId === 'slack'));
    expect(withSlack).toHaveLength(Math.ceil(PEOPLE / 3));

    expect(result.orphans).toEqual([
      {
        appId: 'slack',
        remoteId: 'U-stranger',
        userName: 'U-stranger',
        email: 'stranger@elsewhere.test',
        active: true,
        role: 'member',
      },
    ]);
  });

  it('keeps every status, including people the directory no longer lists (kept as deleted)', async () => {
    await seed();
    await createDirectorySnapshotRepo(core.context.store).applyChanges(
      [{ kind: 'person-removed', personId: personId(5) }],
      '2026-11-28T11:00:00.000Z',
    );
    const counts: Record<string, number> = {};
    for (const p of (await list()).people) counts[p.status] = (counts[p.status] ?? 0) + 1;
    const expected: Record<string, number> = { deleted: 1 };
    for (let i = 0; i < PEOPLE; i++) if (i !== 5) expected[statusOf(i)] = (expected[statusOf(i)] ?? 0) + 1;
    expect(counts).toEqual(expected);
    const removed = (await list()).people.find((p) => p.id === personId(5))!;
    expect(removed).toMatchObject({
      status: 'deleted',
      statusChangedAt: '2026-11-28T11:00:00.000Z',
      groups: [],
    });
  });

  it('sorts by the name people see, falling back to given and family name', async () => {
    await seed();
    const people = (await list()).people;
    // Person 0 has no display name: "Given0 Family0" sorts before every "Person …".
    expect(people[0]).toMatchObject({ id: personId(0), displayName: 'Given0 Family0' });
    expect(people[1]!.displayName).toBe('Person 00001');
    expect(people.at(-1)!.displayName).toBe('Person 09999');
  });
});

describe('people.get', () => {
  it('returns the full profile with attributes, groups and accounts', async () => {
    await seed();
    const r = await call('people.get', { id: personId(1000) });
    expect(r.ok).toBe(true);
    const detail = (r as { value: PersonDetail }).value;
    expect(detail).toMatchObject({
      id: personId(1000),
      givenName: 'Given1000',
      familyName: 'Family1000',
      employeeNumber: '1000',
      vendorStatus: 'DEPROVISIONED',
      attributes: { costCenter: 'cc-6', city: 'Lisbon' },
    });
    expect(detail.groups).toEqual([
      { id: '00g3', name: 'Admins', description: 'Org admins' },
      { id: '00g0', name: 'Everyone', description: null },
      { id: '00g2', name: 'Sales', description: null },
    ]);
    expect(detail.accounts).toEqual([]);

    const withAccount = (await call('people.get', { id: personId(30) })) as { value: PersonDetail };
    expect(withAccount.value.accounts).toEqual([
      expect.objectContaining({
        appId: 'slack',
        appName: 'Slack',
        remoteId: 'U30',
        role: 'admin',
        active: true,
      }),
    ]);
  });

  it('answers not_found with a hint for someone the directory does not know', async () => {
    await seed();
    const r = await call('people.get', { id: '00u-nobody' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('00u-nobody'), hint: expect.any(String) },
    });
  });

  it('refuses an empty id as bad input', async () => {
    expect(await call('people.get', { id: '' })).toMatchObject({
      ok: false,
      error: { code: 'bad_input', path: 'id' },
    });
  });
});
