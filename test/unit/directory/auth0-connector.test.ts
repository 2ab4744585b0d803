// Auth0 connector against the fake Management API on loopback: reads past the 1,000 offset cap, roles as groups,
// statuses, change detection, all-or-nothing failures, rate limits, token refresh and the kill switch.
import { afterEach, describe, expect, it } from 'vitest';
import type { LanyardError } from '../../../electron/app/errors';
import type { DirectorySnapshot } from '../../../electron/directory/types';
import { HttpError } from '../../../electron/http';
import { auth0UserId, makeAuth0User, seedAuth0 } from '../../fakes/auth0/state';
import type { Auth0Fake } from '../../fakes/auth0/server';
import { CLIENT_ID, CLIENT_SECRET, connect, startFake } from '../../fakes/auth0/test-kit';

const fakes: Auth0Fake[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});
const fake = async (...args: Parameters<typeof startFake>) => {
  const f = await startFake(...args);
  fakes.push(f);
  return f;
};
const person = (s: DirectorySnapshot, id: string) => s.people.find((p) => p.id === id);
const rol = (r: number) => `rol_${String(r).padStart(16, '0')}`;

describe('Auth0 connector: reading', () => {
  it('reads 2,500 users past the 1,000-record offset cap, with search windows on created_at', async () => {
    const f = await fake();
    seedAuth0(f.state, 2500, 5);
    const snap = await connect(f).readAll();
    expect(snap.people).toHaveLength(2500);
    expect(new Set(snap.people.map((p) => p.id)).size).toBe(2500);
    const pages = f.requests.filter((r) => r.route === 'users');
    // Never asks for a page past the cap, and every answer was a success.
    expect(pages.every((r) => Number(r.query.get('page')) <= 9 && r.status === 200)).toBe(true);
    expect(
      pages.every(
        (r) =>
          r.query.get('per_page') === '100' &&
          r.query.get('sort') === 'created_at:1' &&
          r.query.get('search_engine') === 'v3',
      ),
    ).toBe(true);
    expect(pages[10]!.query.get('q')).toMatch(/^created_at:\["2021-01-01T00:\d\d:\d\d\.000Z" TO \*\]$/);
    // 25 pages is the minimum; each new window re-reads the users sharing the boundary instant.
    expect(pages.length).toBeLessThanOrEqual(25 + 2);
    expect(snap.groups).toHaveLength(5);
    expect(snap.memberships).toHaveLength(2500);
  });

  it('reads 5,000 users and maps roles to groups with checkpoint paging of role members', async () => {
    const f = await fake();
    seedAuth0(f.state, 5000, 20);
    const snap = await connect(f).readAll();
    expect(snap.people).toHaveLength(5000);
    expect(snap.groups[3]).toEqual({ id: rol(3), name: 'Role 3', description: 'Role number 3' });
    expect(snap.memberships).toHaveLength(5000);
    expect(snap.memberships).toContainEqual([rol(7), auth0UserId(27)]);
    const roleUsers = f.requests.filter((r) => r.route === 'role-users');
    expect(roleUsers).toHaveLength(20 * 3); // 250 members per role, take=100
    expect(roleUsers.filter((r) => r.query.get('from')).length).toBe(40);
    expect(f.count('token')).toBe(1);
    expect(snap.requests).toBe(1 + f.count('users') + f.count('roles') + 60);
  });

  it('reads a small tenant with the minimum number of pages', async () => {
    const f = await fake();
    seedAuth0(f.state, 250, 2);
    const snap = await connect(f).readAll();
    expect(snap.people).toHaveLength(250);
    expect(f.count('users')).toBe(3);
    expect(f.requests.filter((r) => r.route === 'users').every((r) => !r.query.has('q'))).toBe(true);
  });

  it('maps blocked to suspended and everything else to active, ignoring email_verified', async () => {
    const f = await fake();
    f.state.addUser(makeAuth0User(1, { email_verified: false }));
    f.state.addUser(makeAuth0User(2, { blocked: true }));
    f.state.addUser(makeAuth0User(3, { email_verified: true }));
    const snap = await connect(f).readAll();
    expect(person(snap, auth0UserId(1))).toMatchObject({ status: 'active', vendorStatus: 'active' });
    expect(person(snap, auth0UserId(2))).toMatchObject({ status: 'suspended', vendorStatus: 'blocked' });
    expect(person(snap, auth0UserId(3))).toMatchObject({ status: 'active' });
    expect(person(snap, auth0UserId(1))).toMatchObject({
      login: 'person1@acme.example',
      givenName: 'Given1',
      displayName: 'Person 1',
      department: 'Sales',
      title: 'Title 1',
      manager: 'person0@acme.example',
      employeeNumber: 'E1',
      attributes: expect.objectContaining({
        connection: 'Username-Password-Authentication',
        'app_metadata.hr.site': 'Berlin',
        'user_metadata.languages': ['de', 'en'],
        emailVerified: false,
      }),
    });
  });

  it('sees a block, a deletion and a role change on the next readChanges, which is a full read', async () => {
    const f = await fake();
    seedAuth0(f.state, 1500, 3);
    const connector = connect(f);
    const before = await connector.readAll();
    expect(before.memberships).toContainEqual([rol(1), auth0UserId(1)]);
    f.state.updateUser(auth0UserId(1200), { blocked: true });
    f.state.deleteUser(auth0UserId(5));
    f.state.unassignRole(rol(1), auth0UserId(1));
    f.state.assignRole(rol(2), auth0UserId(1));
    const changes = await connector.readChanges(before.cursor);
    expect(changes.mode).toBe('full');
    if (changes.mode !== 'full') return;
    expect(changes.reason).toMatch(/no change feed/);
    expect(person(changes.snapshot, auth0UserId(1200))!.status).toBe('suspended');
    expect(person(changes.snapshot, auth0UserId(5))).toBeUndefined();
    expect(changes.snapshot.people).toHaveLength(1499);
    expect(changes.snapshot.memberships).not.toContainEqual([rol(1), auth0UserId(1)]);
    expect(changes.snapshot.memberships).toContainEqual([rol(2), auth0UserId(1)]);
  });

  it('asks for a client-credentials token for the Management API audience and caches it', async () => {
    const f = await fake();
    seedAuth0(f.state, 10, 1);
    const connector = connect(f);
    await connector.readAll();
    await connector.readAll();
    const tokenCalls = f.requests.filter((r) => r.route === 'token');
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0]!.body).toEqual({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      audience: `${f.url}/api/v2/`,
    });
  });
});

describe('Auth0 connector: failures', () => {
  it('throws a specific error and returns nothing when page 7 keeps failing', async () => {
    const f = await fake();
    seedAuth0(f.state, 1500, 2);
    f.faults.add({ route: 'users', page: 7, times: Infinity, kind: 'server-error', status: 503 });
    const err = (await connect(f)
      .readAll()
      .catch((e: unknown) => e)) as HttpError;
    expect(err).toBeInstanceOf(HttpError);
    expect(err.message).toContain(
      'Auth0 (Acme): list users (page 7): Auth0 answered 503 Internal Server Error: An internal server error occurred',
    );
    expect(f.count('roles')).toBe(0);
  });

  it('slows down for a per-second budget and for 429s with and without Retry-After, and loses nothing', async () => {
    const f = await fake({ requestsPerSecond: 15 });
    seedAuth0(f.state, 1200, 3);
    f.faults.add({ route: 'users', page: 2, kind: 'rate-limit', retryAfterSeconds: 0 });
    f.faults.add({ route: 'users', page: 3, times: 2, kind: 'rate-limit-no-retry-after' });
    const snap = await connect(f).readAll();
    expect(snap.people).toHaveLength(1200);
    expect(snap.memberships).toHaveLength(1200);
    expect(f.requests.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(3);
    expect(f.requests.some((r) => r.route !== 'token' && r.status !== 200 && r.status !== 429)).toBe(false);
  });

  it('gets a new token and carries on when the token expires in the middle of paging', async () => {
    const f = await fake();
    seedAuth0(f.state, 1500, 2);
    f.faults.add({ route: 'users', page: 4, kind: 'expire-token' });
    const snap = await connect(f).readAll();
    expect(snap.people).toHaveLength(1500);
    expect(f.count('token')).toBe(2);
    expect(f.requests.filter((r) => r.status === 401)).toHaveLength(1);
  });

  const badResponses = [
    {
      name: 'an HTML page',
      fault: { kind: 'html' as const },
      kind: 'bad-content-type',
      text: 'returned an HTML page instead of JSON',
    },
    {
      name: 'malformed JSON',
      fault: { kind: 'malformed' as const },
      kind: 'bad-json',
      text: 'returned malformed JSON',
    },
    {
      name: 'a persistent 500',
      fault: { kind: 'server-error' as const, times: Infinity },
      kind: 'status',
      text: 'Auth0 answered 500',
    },
    {
      name: 'a persistent 429',
      fault: { kind: 'rate-limit-no-retry-after' as const, times: Infinity },
      kind: 'rate-limited',
      text: 'rate limited (429)',
    },
    {
      name: 'no answer in time',
      fault: { kind: 'slow' as const, delayMs: 400, times: Infinity },
      kind: 'timeout',
      text: 'no complete answer within 100 ms',
    },
    {
      name: 'a body without a roles list',
      fault: { kind: 'status' as const, status: 200, body: { total: 3 } },
      kind: 'upstream',
      text: 'the answer has no "roles" list',
    },
  ];
  it.each(badResponses)(
    'names the directory and the request when the roles list answers with $name',
    async ({ fault, kind, text }) => {
      const f = await fake();
      seedAuth0(f.state, 5, 2);
      f.faults.add({ route: 'roles', page: 1, ...fault });
      const err = (await connect(f, { http: { timeoutMs: 100, maxRetries: 1 } })
        .readAll()
        .catch((e: unknown) => e)) as LanyardError;
      expect(err.message).toContain('Auth0 (Acme): list roles (page 1)');
      expect(err.message).toContain(text);
      expect(err instanceof HttpError ? err.kind : err.code).toBe(kind);
    },
  );

  it('names the missing scope when Auth0 answers 403 insufficient_scope', async () => {
    const f = await fake({ scopes: ['read:users'] });
    seedAuth0(f.state, 5, 2);
    const err = (await connect(f)
      .readAll()
      .catch((e: unknown) => e)) as HttpError;
    expect(err.message).toContain(
      'list roles (page 1): Auth0 answered 403 Forbidden (insufficient_scope): Insufficient scope, expected any of: read:roles',
    );
    expect(err.hint).toMatch(/Grant the application the read:roles scope in Auth0 dashboard/);
  });

  it('says the client secret is wrong, without repeating it', async () => {
    const f = await fake();
    const err = (await connect(f, { secret: 'wrong-secret-value' })
      .readAll()
      .catch((e: unknown) => e)) as HttpError;
    expect(err.message).toContain(
      'Auth0 (Acme): get a Management API token: Auth0 answered 401 (access_denied): Unauthorized',
    );
    expect(err.hint).toMatch(/client ID or secret/);
    expect(JSON.stringify({ m: err.message, h: err.hint })).not.toContain('wrong-secret-value');
  });
});

describe('Auth0 connector: kill switch', () => {
  it('blocks the user, then deletes their refresh tokens and sessions', async () => {
    const f = await fake();
    seedAuth0(f.state, 3, 1);
    const connector = connect(f);
    await connector.suspend(auth0UserId(2));
    await connector.revokeSessions(auth0UserId(2));
    expect(f.state.users.get(auth0UserId(2))!.blocked).toBe(true);
    expect(f.state.killSwitch.map((k) => k.action).sort()).toEqual([
      'block',
      'delete-refresh-tokens',
      'delete-sessions',
    ]);
    const patch = f.requests.find((r) => r.route === 'user-update')!;
    // user ids contain "|", which must be URL-encoded in the path.
    expect(patch).toMatchObject({
      method: 'PATCH',
      path: `/api/v2/users/auth0%7C${auth0UserId(2).slice(6)}`,
      body: { blocked: true },
    });
  });

  it('reports every revoke step that failed, naming the scope', async () => {
    const f = await fake({ scopes: ['read:users', 'update:users'] });
    seedAuth0(f.state, 3, 1);
    const err = (await connect(f)
      .revokeSessions(auth0UserId(1))
      .catch((e: unknown) => e)) as LanyardError;
    expect(err.message).toContain('delete refresh tokens of auth0|');
    expect(err.message).toContain('expected any of: delete:refresh_tokens');
    expect(err.message).toContain('expected any of: delete:sessions');
  });

  it('says the user does not exist when blocking an unknown id', async () => {
    const f = await fake();
    const err = (await connect(f)
      .suspend('auth0|nobody')
      .catch((e: unknown) => e)) as HttpError;
    expect(err.message).toContain(
      'block user auth0|nobody: Auth0 answered 404 Not Found (inexistent_user): The user does not exist.',
    );
  });
});
