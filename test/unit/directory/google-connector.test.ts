// Google Workspace connector against the fake Directory API on loopback: reads, statuses, change detection,
// all-or-nothing failures, rate limits, token refresh and the kill switch.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LanyardError } from '../../../electron/app/errors';
import { HttpError } from '../../../electron/http';
import type { DirectorySnapshot } from '../../../electron/directory/types';
import { makeGoogleUser, seedGoogle } from '../../fakes/google/state';
import type { GoogleFake } from '../../fakes/google/server';
import {
  ADMIN,
  KEY_ID,
  SA_EMAIL,
  connect,
  makeKeys,
  startFake,
  type Keys,
} from '../../fakes/google/test-kit';

let keys: Keys;
const fakes: GoogleFake[] = [];
beforeAll(async () => {
  keys = await makeKeys();
});
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});
const fake = async (...args: Parameters<typeof startFake> extends [unknown, ...infer R] ? R : never) => {
  const f = await startFake(keys, ...args);
  fakes.push(f);
  return f;
};
const person = (s: DirectorySnapshot, id: string) => s.people.find((p) => p.id === id);
const uid = (i: number) => makeGoogleUser(i).id;

describe('Google Workspace connector: reading', () => {
  it('reads 5,000 people, their groups and memberships across pages of the documented maximum size', async () => {
    const f = await fake();
    seedGoogle(f.state, 5000, 30);
    const { connector } = connect(f, keys);
    const snap = await connector.readAll();

    expect(snap.people).toHaveLength(5000);
    expect(new Set(snap.people.map((p) => p.id)).size).toBe(5000);
    expect(snap.groups).toHaveLength(30);
    // Every person is in one group; the nested group member of team0 is not a person.
    expect(snap.memberships).toHaveLength(5000);
    const userPages = f.requests.filter((r) => r.route === 'users');
    expect(userPages).toHaveLength(10);
    expect(
      userPages.every(
        (r) =>
          r.query.get('maxResults') === '500' &&
          r.query.get('customer') === 'my_customer' &&
          r.query.get('projection') === 'full',
      ),
    ).toBe(true);
    expect(f.count('token')).toBe(1);
    expect(snap.requests).toBe(1 + 10 + 1 + 30);
    expect(snap.cursor).toBeNull();
  });

  it('maps names, primary organization, manager, employee number and custom schemas', async () => {
    const f = await fake();
    seedGoogle(f.state, 3, 1);
    const snap = await connect(f, keys).connector.readAll();
    expect(person(snap, uid(1))).toMatchObject({
      login: 'user00001@acme.example',
      email: 'user00001@acme.example',
      givenName: 'Given1',
      familyName: 'Family1',
      displayName: 'Given1 Family1',
      department: 'Sales',
      title: 'Title 1',
      manager: 'user00000@acme.example',
      employeeNumber: 'E00001',
      status: 'active',
      vendorStatus: 'active',
    });
    expect(person(snap, uid(1))!.attributes).toMatchObject({
      'Employment.badges': ['a', 'b'],
      'Employment.startYear': 2021,
      'Employment.costCenter': 'CC1',
      orgUnitPath: '/',
    });
    expect(snap.groups[0]).toEqual({
      id: '0g00000',
      name: 'team0@acme.example',
      description: 'Team 0 — Group 0',
    });
  });

  it('maps suspended and archived users to suspended, ignores 2-step enrolment, and leaves deleted users out', async () => {
    const f = await fake();
    f.state.addUser(makeGoogleUser(1, { isEnrolledIn2Sv: false }));
    f.state.addUser(makeGoogleUser(2, { suspended: true, suspensionReason: 'ADMIN' }));
    f.state.addUser(makeGoogleUser(3, { archived: true }));
    f.state.addUser(makeGoogleUser(4));
    f.state.deleteUser(uid(4));
    const snap = await connect(f, keys).connector.readAll();
    expect(person(snap, uid(1))).toMatchObject({ status: 'active', vendorStatus: 'active' });
    expect(person(snap, uid(2))).toMatchObject({
      status: 'suspended',
      vendorStatus: 'suspended',
      attributes: expect.objectContaining({ suspensionReason: 'ADMIN' }),
    });
    expect(person(snap, uid(3))).toMatchObject({ status: 'suspended', vendorStatus: 'archived' });
    expect(person(snap, uid(4))).toBeUndefined();
  });

  it('sees a suspension, a deletion and membership changes on the next readChanges, which is a full read', async () => {
    const f = await fake();
    seedGoogle(f.state, 50, 5);
    const { connector } = connect(f, keys);
    const before = await connector.readAll();
    expect(before.memberships).toContainEqual(['0g00001', uid(1)]);

    f.state.updateUser(uid(7), { suspended: true });
    f.state.deleteUser(uid(8));
    f.state.removeMember('0g00001', uid(1));
    f.state.addMember('0g00002', uid(1));
    const changes = await connector.readChanges(before.cursor);

    expect(changes.mode).toBe('full');
    if (changes.mode !== 'full') return;
    expect(changes.reason).toMatch(/no cheap change feed/);
    expect(person(changes.snapshot, uid(7))!.status).toBe('suspended');
    expect(person(changes.snapshot, uid(8))).toBeUndefined();
    expect(changes.snapshot.memberships).not.toContainEqual(['0g00001', uid(1)]);
    expect(changes.snapshot.memberships).toContainEqual(['0g00002', uid(1)]);
    expect(changes.requests).toBe(changes.snapshot.requests);
  });

  it('signs a JWT assertion for the service account with domain-wide delegation, and reuses the token', async () => {
    const f = await fake();
    seedGoogle(f.state, 10, 2);
    const { connector } = connect(f, keys);
    await connector.readAll();
    await connector.readAll();
    const tokenCalls = f.requests.filter((r) => r.route === 'token');
    expect(tokenCalls).toHaveLength(1);
    const form = tokenCalls[0]!.body as Record<string, string>;
    expect(form.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(decodeProtectedHeader(form.assertion!)).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: KEY_ID });
    const claims = decodeJwt(form.assertion!);
    expect(claims).toMatchObject({ iss: SA_EMAIL, sub: ADMIN, aud: f.tokenUrl });
    expect(String(claims.scope).split(' ').sort()).toEqual([
      'https://www.googleapis.com/auth/admin.directory.group.readonly',
      'https://www.googleapis.com/auth/admin.directory.user.readonly',
    ]);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(3600);
  });
});

describe('Google Workspace connector: failures', () => {
  it('throws a specific error and returns nothing when page 7 keeps failing', async () => {
    const f = await fake();
    seedGoogle(f.state, 1000, 3);
    f.faults.add({ route: 'users', page: 7, times: Infinity, kind: 'server-error', status: 503 });
    const { connector } = connect(f, keys, { config: { pageSize: 100 } });
    const err = await connector.readAll().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(503);
    expect((err as HttpError).message).toContain(
      'Google Workspace (Acme): list users (page 7): Google answered 503 (backendError',
    );
    expect(f.count('groups')).toBe(0);
  });

  it('slows down for rate limits (429 with and without Retry-After, 403 quota reasons) and loses nothing', async () => {
    const f = await fake();
    seedGoogle(f.state, 1200, 4);
    const { googleError } = await import('../../fakes/google/server');
    f.faults.add({ route: 'users', page: 2, kind: 'rate-limit', retryAfterSeconds: 0 });
    f.faults.add({ route: 'users', page: 3, times: 2, kind: 'rate-limit-no-retry-after' });
    f.faults.add({
      route: 'users',
      page: 4,
      kind: 'status',
      status: 403,
      body: googleError(403, 'userRateLimitExceeded', 'User Rate Limit Exceeded'),
    });
    f.faults.add({
      route: 'members',
      times: 2,
      kind: 'status',
      status: 403,
      body: googleError(403, 'quotaExceeded', 'Quota exceeded for quota metric'),
    });
    const snap = await connect(f, keys, { config: { pageSize: 100 } }).connector.readAll();
    expect(snap.people).toHaveLength(1200);
    expect(snap.memberships).toHaveLength(1200);
    expect(f.count('users')).toBe(12 + 4);
    // members: 300 per group in pages of 100 (team0 also holds a nested group: 4 pages), plus 2 quota refusals.
    expect(f.count('members')).toBe(3 + 3 + 3 + 4 + 2);
    expect(snap.requests).toBe(1 + 16 + 1 + 15);
  });

  it('gets a new token and carries on when the token expires in the middle of paging', async () => {
    const f = await fake();
    seedGoogle(f.state, 2000, 2);
    f.faults.add({ route: 'users', page: 3, kind: 'expire-token' });
    const snap = await connect(f, keys).connector.readAll();
    expect(snap.people).toHaveLength(2000);
    expect(f.count('token')).toBe(2);
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
      text: 'Google answered 500',
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
      name: 'a JSON value that is not an object',
      fault: { kind: 'status' as const, status: 200, body: ['users'] },
      kind: 'upstream',
      text: 'the answer is not a JSON object',
    },
  ];
  it.each(badResponses)(
    'names the directory and the request when groups.list answers with $name',
    async ({ fault, kind, text }) => {
      const f = await fake();
      seedGoogle(f.state, 5, 2);
      f.faults.add({ route: 'groups', page: 1, ...fault });
      const { connector } = connect(f, keys, { http: { timeoutMs: 100, maxRetries: 1 } });
      const err = (await connector.readAll().catch((e: unknown) => e)) as LanyardError;
      expect(err.message).toContain('Google Workspace (Acme): list groups (page 1)');
      expect(err.message).toContain(text);
      expect(err instanceof HttpError ? err.kind : err.code).toBe(kind);
    },
  );

  it('explains a 403 "Not Authorized" with the domain-wide delegation hint', async () => {
    const f = await fake();
    seedGoogle(f.state, 5, 2);
    f.denyAdmin('members');
    const err = (await connect(f, keys)
      .connector.readAll()
      .catch((e: unknown) => e)) as HttpError;
    expect(err.message).toMatch(
      /list members of team\d@acme\.example \(page 1\): Google answered 403 \(forbidden: Not Authorized to access this resource\/api\)/,
    );
    expect(err.hint).toMatch(/admin\.directory\.group\.readonly in domain-wide delegation/);
  });

  it('rejects an assertion signed with the wrong key, and says to store a new key', async () => {
    const f = await fake();
    const other = await makeKeys();
    const { connector } = connect(f, other);
    const err = (await connector.readAll().catch((e: unknown) => e)) as HttpError;
    expect(err.message).toContain(
      'get an access token for admin.directory.user.readonly, admin.directory.group.readonly: Google answered 400 (invalid_grant',
    );
    expect(err.hint).toMatch(/Create a new JSON key/);
  });

  it('refuses a key file that is not a service account key, without quoting it', async () => {
    const f = await fake();
    const { connector } = connect(f, keys, {
      key: JSON.stringify({ installed: { client_secret: 'very-secret-value' } }),
    });
    const err = (await connector.readAll().catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/not a service account JSON key/);
    expect(err.message).not.toContain('very-secret-value');
  });
});

describe('Google Workspace connector: kill switch', () => {
  it('suspends the user with PATCH and signs them out of every session', async () => {
    const f = await fake();
    seedGoogle(f.state, 3, 1);
    const { connector } = connect(f, keys);
    await connector.suspend(uid(2));
    await connector.revokeSessions(uid(2));
    expect(f.state.killSwitch).toEqual([
      { action: 'suspend', userKey: uid(2) },
      { action: 'signOut', userKey: uid(2) },
    ]);
    expect(f.state.users.get(uid(2))!.suspended).toBe(true);
    const patch = f.requests.find((r) => r.route === 'user-update')!;
    expect(patch).toMatchObject({ method: 'PATCH', body: { suspended: true } });
    // Each kill-switch call uses a token for its own scope only.
    const scopes = f.requests
      .filter((r) => r.route === 'token')
      .map((r) => decodeJwt((r.body as Record<string, string>).assertion!).scope);
    expect(scopes).toEqual([
      'https://www.googleapis.com/auth/admin.directory.user',
      'https://www.googleapis.com/auth/admin.directory.user.security',
    ]);
  });

  it('says the user does not exist when suspending an unknown id', async () => {
    const f = await fake();
    const err = (await connect(f, keys)
      .connector.suspend('999')
      .catch((e: unknown) => e)) as HttpError;
    expect(err.message).toContain(
      'suspend user 999: Google answered 404 (notFound: Resource Not Found: userKey)',
    );
  });
});
