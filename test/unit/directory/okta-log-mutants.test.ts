// Okta System Log polls, against the Okta fake over loopback: what a poll reports (and what it must not replay),
// when the lastUpdated sweep runs, which stored cursors are trusted, and that a failing or malformed read names
// the request that failed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOktaFake, type OktaFake } from '../../fakes/okta/server';
import type { FakeRequest } from '../../fakes/common/http';
import { connectorDeps } from './fixtures';
import { createOktaApi } from '../../../electron/directory/okta/api';
import { OKTA_READ_SCOPES } from '../../../electron/directory/okta/auth';
import {
  decodeOktaCursor,
  readOktaChanges,
  SWEEP_MAX_AGE_MS,
  type OktaCursor,
} from '../../../electron/directory/okta/system-log';
import type { DirectoryChange } from '../../../electron/directory/types';
import type { OktaConfig } from '../../../electron/directory/okta/auth';

const TOKEN = 'ssws-test-token-0123456789';
let fake: OktaFake;
beforeEach(async () => {
  fake = await startOktaFake({ apiTokens: [TOKEN] });
});
afterEach(() => fake.close());

const api = () =>
  createOktaApi(
    {
      kind: 'okta',
      name: 'Acme Okta',
      baseUrl: fake.url,
      auth: { type: 'token', token: 'env:OKTA_TOKEN' },
    } as OktaConfig,
    connectorDeps({ OKTA_TOKEN: TOKEN }),
    OKTA_READ_SCOPES,
  );

const tick = () => new Promise((r) => setTimeout(r, 5));
/** A cursor as a read that started now would leave it (everything before is already in the snapshot). */
const cursorNow = async (): Promise<OktaCursor> => {
  await tick();
  const c = { v: 1 as const, since: new Date().toISOString(), logNext: null, skipped: 0 };
  await tick();
  return c;
};
const poll = async (cursor: OktaCursor, at = new Date()) => readOktaChanges(api(), cursor, at);
const kinds = (changes: DirectoryChange[]) => changes.map((c) => c.kind);
const isLog = (r: FakeRequest) => r.path === '/api/v1/logs';
const failing = (match: (r: FakeRequest) => boolean, skip = 0) =>
  fake.faults.add({ match, skip, times: Infinity, fault: { kind: 'status', status: 500 } });
/** Writes an event to the fake's System Log as Okta would (published now). */
const logEvent = (eventType: string, target?: { id: string; type: string }[]) => {
  const seq = (fake.state.logs.at(-1)?.seq ?? 0) + 1;
  fake.state.logs.push({
    uuid: `evt-x${seq}`,
    published: fake.state.stamp(),
    eventType,
    version: '0',
    severity: 'INFO',
    displayMessage: eventType,
    actor: { id: '00uadmin', type: 'User', alternateId: 'admin@example.com', displayName: 'Admin' },
    outcome: { result: 'SUCCESS' },
    ...(target ? { target: target.map((t) => ({ ...t, alternateId: 'x', displayName: 'x' })) } : {}),
    seq,
  } as (typeof fake.state.logs)[number]);
};
const user = (id: string) => ({ id, type: 'User' });
const group = (id: string) => ({ id, type: 'UserGroup' });

describe('stored Okta cursors', () => {
  const since = '2026-11-28T15:30:00.000Z';
  it('trusts only its own shape; anything else means a full read', () => {
    expect(decodeOktaCursor(JSON.stringify({ v: 1, since, logNext: 'https://o/x', skipped: 3 }))).toEqual({
      v: 1,
      since,
      logNext: 'https://o/x',
      skipped: 3,
    });
    for (const bad of [
      { v: 2, since },
      { since },
      { v: 1, since: 1764343800000 },
      { v: 1, since: [since] },
      { v: 1 },
      { v: 1, since: 'yesterday' },
    ])
      expect(decodeOktaCursor(JSON.stringify(bad))).toBeNull();
    expect(decodeOktaCursor('not json')).toBeNull();
  });

  it('drops a malformed log position and skip count instead of trusting them', () => {
    for (const [logNext, skipped] of [
      [42, -1],
      [null, '9'],
      [{}, null],
    ] as const)
      expect(decodeOktaCursor(JSON.stringify({ v: 1, since, logNext, skipped }))).toEqual({
        v: 1,
        since,
        logNext: null,
        skipped: 0,
      });
  });
});

describe('the lastUpdated sweep on a quiet log', () => {
  it('runs once the last sweep is 10 minutes old, not a millisecond before', async () => {
    fake.seedUsers(2);
    const cursor = await cursorNow();
    const start = Date.parse(cursor.since);

    const before = fake.requests.length;
    const idle = await poll(cursor, new Date(start + SWEEP_MAX_AGE_MS - 1));
    expect(fake.requests.slice(before).map((r) => r.path)).toEqual(['/api/v1/logs']);
    expect(idle.changes).toEqual([]);
    expect(idle.cursor).toMatchObject({ since: cursor.since, skipped: 1 });

    const mid = fake.requests.length;
    const due = new Date(start + SWEEP_MAX_AGE_MS);
    const swept = await poll(cursor, due);
    expect(fake.requests.slice(mid).map((r) => r.path)).toEqual([
      '/api/v1/logs',
      '/api/v1/users',
      '/api/v1/groups',
    ]);
    expect(swept.cursor).toMatchObject({ since: due.toISOString(), skipped: 0 });
  });
});

describe('what a poll reports', () => {
  it('reports a membership removal as a removal', async () => {
    const [a] = fake.seedUsers(1);
    const eng = fake.state.addGroup('Engineering');
    fake.state.addMember(eng.id, a!, true);
    const cursor = await cursorNow();
    fake.state.removeMember(eng.id, a!);
    const { changes } = await poll(cursor);
    expect(changes.filter((c) => c.kind.startsWith('membership'))).toEqual([
      { kind: 'membership-removed', groupId: eng.id, personId: a },
    ]);
  });

  it('re-reads a renamed group and does not replay unchanged groups or drop the renamed one', async () => {
    const old = fake.state.addGroup('Unchanged');
    const eng = fake.state.addGroup('Engineering');
    const cursor = await cursorNow();
    eng.profile.name = 'Platform';
    eng.lastUpdated = fake.state.stamp();
    logEvent('group.profile.update', [group(eng.id)]);

    const before = fake.requests.length;
    const { changes } = await poll(cursor);
    expect(changes).toEqual([
      {
        kind: 'group-upserted',
        group: expect.objectContaining({ id: eng.id, name: 'Platform' }) as unknown,
      },
    ]);
    expect(changes.some((c) => JSON.stringify(c).includes(old.id))).toBe(false);
    // The event names no user: nobody is looked up by id.
    expect(fake.requests.slice(before).filter((r) => /id eq/.test(r.query.filter ?? ''))).toEqual([]);
  });

  it('a membership event of another kind re-reads the user and invents no membership change', async () => {
    const [a] = fake.seedUsers(1);
    const eng = fake.state.addGroup('Engineering');
    const cursor = await cursorNow();
    logEvent('group.user_membership.rule.add_exclusion', [user(a!), group(eng.id)]);
    const { changes } = await poll(cursor);
    expect(changes).toEqual([
      { kind: 'person-upserted', person: expect.objectContaining({ id: a }) as unknown },
    ]);
  });

  it('reports a user the log says was deleted as removed only, even while lists still return them', async () => {
    const [a, b] = fake.seedUsers(2);
    const cursor = await cursorNow();
    fake.state.users.get(a!)!.lastUpdated = fake.state.stamp();
    logEvent('user.lifecycle.delete.completed', [user(a!)]);
    fake.state.updateProfile(b!, { department: 'Moved' });
    const { changes } = await poll(cursor);
    expect(changes).toEqual([
      { kind: 'person-upserted', person: expect.objectContaining({ id: b, department: 'Moved' }) as unknown },
      { kind: 'person-removed', personId: a },
    ]);
  });

  it('reports a group the log says was deleted as removed only, even while the list still returns it', async () => {
    const eng = fake.state.addGroup('Engineering');
    const cursor = await cursorNow();
    eng.lastUpdated = fake.state.stamp();
    logEvent('group.lifecycle.delete', [group(eng.id)]);
    const { changes } = await poll(cursor);
    expect(changes).toEqual([{ kind: 'group-removed', groupId: eng.id }]);
  });

  it('tolerates an event without targets', async () => {
    const [a] = fake.seedUsers(1);
    const cursor = await cursorNow();
    logEvent('user.lifecycle.activate');
    fake.state.updateProfile(a!, { department: 'Moved' });
    const { changes } = await poll(cursor);
    expect(kinds(changes)).toEqual(['person-upserted']);
  });

  it('looks users up by id in batches of at most 20', async () => {
    const ids = fake.seedUsers(25);
    const cursor = await cursorNow();
    for (const id of ids) {
      fake.state.updateProfile(id, { department: 'Moved' });
      fake.state.users.get(id)!.lastUpdated = '2020-01-01T00:00:00.000Z';
    }
    const before = fake.requests.length;
    const { changes } = await poll(cursor);
    expect(changes).toHaveLength(25);
    const batches = fake.requests
      .slice(before)
      .map((r) => r.query.filter ?? '')
      .filter((f) => f.startsWith('id eq'))
      .map((f) => f.split(' or ').length);
    expect(batches).toEqual([20, 5]);
  });
});

describe('a failing poll names the request', () => {
  const errorOf = (cursor: OktaCursor) =>
    poll(cursor).then(
      () => {
        throw new Error('the poll should have failed');
      },
      (e: unknown) => (e as Error).message,
    );

  it('the first log page from a stored next link', async () => {
    fake.seedUsers(1);
    const first = await poll(await cursorNow(), new Date());
    failing(isLog);
    expect(await errorOf(first.cursor)).toMatch(/: read the System Log \(page 1\): answered 500/);
  });

  const busyLog = async () => {
    const ids = fake.seedUsers(20);
    const cursor = await cursorNow();
    for (let round = 0; round < 51; round++)
      for (const id of ids) fake.state.updateProfile(id, { department: `D${round}` });
    return cursor;
  };

  it('the second log page', async () => {
    const cursor = await busyLog();
    failing(isLog, 1);
    expect(await errorOf(cursor)).toMatch(/: read the System Log \(page 2\): answered 500/);
  });

  it('the third log page', async () => {
    const ids = fake.seedUsers(20);
    const cursor = await cursorNow();
    for (let round = 0; round < 101; round++)
      for (const id of ids) fake.state.updateProfile(id, { department: `D${round}` });
    failing(isLog, 2);
    expect(await errorOf(cursor)).toMatch(/: read the System Log \(page 3\): answered 500/);
  });

  it.each([
    ['a list with a null', [null]],
    ['an event without a type', [{ target: [] }]],
    ['an event whose type is not a string', [{ eventType: 5 }]],
    ['an object', { eventType: 'user.lifecycle.create' }],
  ])('a log page that is %s', async (_name, body) => {
    const cursor = await busyLog();
    fake.faults.add({ match: isLog, skip: 1, fault: { kind: 'status', status: 200, body } });
    expect(await errorOf(cursor)).toBe(
      'Okta (Acme Okta): read the System Log (page 2): the answer is not a list of log events',
    );
  });

  it('the changed users, the lookup by id, and the changed groups', async () => {
    const [a] = fake.seedUsers(1);
    const cursor = await cursorNow();
    fake.state.updateProfile(a!, { department: 'Moved' });
    const users = (r: FakeRequest) => r.path === '/api/v1/users';
    failing(users);
    expect(await errorOf(cursor)).toMatch(/: list changed users \(page 1\): answered 500/);
    fake.faults.clear();

    fake.state.users.get(a!)!.lastUpdated = '2020-01-01T00:00:00.000Z';
    failing((r) => users(r) && /id eq/.test(r.url.searchParams.get('filter') ?? ''));
    expect(await errorOf(cursor)).toMatch(/: look up changed users by id \(page 1\): answered 500/);
    fake.faults.clear();

    failing((r) => r.path === '/api/v1/groups');
    expect(await errorOf(cursor)).toMatch(/: list changed groups \(page 1\): answered 500/);
  });
});
