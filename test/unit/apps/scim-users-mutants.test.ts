// SCIM user operations, request by request: which lookups a create makes and what it adopts, when an update reads
// the user first and sends If-Match, when a refused value path falls back to whole lists and when a refusal is the
// admin's to see, and the exact sentence an admin reads when an app answers something Lanyard cannot use. The
// strict fake is the app; a proxy in front of it reshapes or refuses single answers where a real app would.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { URN } from '../../fakes/scim/store';
import type { ScimFake } from '../../fakes/scim/server';
import { fake, seedUsers, stopFakesAfterEach } from './fake-kit';
import { person, scimConnector } from './harness';
import { startScimProxy, type ProxyHooks, type ProxiedRequest, type ScimProxy } from './scim-proxy';

stopFakesAfterEach();
const proxies: ScimProxy[] = [];
const servers: http.Server[] = [];
afterEach(async () => {
  for (const p of proxies.splice(0)) await p.close();
  for (const server of servers.splice(0)) await new Promise((r) => server.close(r));
});

const PATCH_CAPS = { update: 'patch', filter: true, etag: false, enterpriseExtension: true } as const;

/** A connector with known capabilities (no discovery requests), straight to the fake or through a proxy. */
const connect = async (f: ScimFake, caps: Record<string, unknown> = {}, hooks: ProxyHooks | null = null) => {
  let url = f.url;
  let proxy: ScimProxy | null = null;
  if (hooks) {
    proxy = await startScimProxy(f.url, hooks);
    proxies.push(proxy);
    url = proxy.url;
  }
  return { c: scimConnector(url, f.options.token, { stored: { ...PATCH_CAPS, ...caps } }), proxy };
};

const scimError = (status: number, scimType?: string, detail?: string) => ({
  status,
  body: {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    ...(detail ? { detail } : {}),
  },
});

const isFilterQuery = (r: ProxiedRequest) => r.path === '/Users' && r.query.has('filter');
const userReads = (f: ScimFake, id: string) => f.count('GET', `/Users/${id}`);
const stateOf = <T>(r: { manual: boolean; state?: T }): T => {
  if (r.manual || r.state === undefined) throw new Error('manual');
  return r.state;
};

/** A user the app already has, with a work and a home email and two roles. */
const seedRich = (f: ScimFake, over: Record<string, unknown> = {}) =>
  f.store.createUser({
    schemas: [URN.user],
    userName: 'ana@acme.io',
    externalId: 'dir-ana',
    emails: [
      { value: 'ana@acme.io', type: 'work', primary: true },
      { value: 'ana@home.example', type: 'home' },
    ],
    roles: [{ value: 'member', primary: true }, { value: 'billing' }],
    ...over,
  }).id;

describe('looking up an existing account after a 409', () => {
  it('asks for the externalId, then the userName, each with one exact filtered request', async () => {
    const f = await fake();
    f.store.createUser({ userName: 'user5@example.com' });
    const { c } = await connect(f);
    await c.create(person(5));
    const lookups = f.requests.filter((r) => r.method === 'GET' && r.path === '/Users');
    expect(
      lookups.map((r) => [r.query.get('filter'), r.query.get('startIndex'), r.query.get('count')]),
    ).toEqual([
      ['externalId eq "dir-5"', '1', '10'],
      ['userName eq "user5@example.com"', '1', '10'],
    ]);
  });

  it('does not list every user when a filter finds nothing', async () => {
    const f = await fake({ failWhen: (m, p) => (m === 'POST' && p === '/Users' ? 409 : null) });
    seedUsers(f, 3);
    const { c } = await connect(f);
    await expect(c.create(person(6))).rejects.toMatchObject({ kind: 'conflict' });
    expect(f.count('GET', '/Users')).toBe(2);
    expect(c.session.filterBroken).toBe(false);
  });

  it('matches an externalId exactly and a userName in any case, when it has to list', async () => {
    const f = await fake({ noFilter: 'ignore' });
    // Someone else's externalId in another case, then the account with this person's userName in capitals.
    f.store.createUser({ userName: 'other@example.com', externalId: 'DIR-7' });
    const numeric = f.store.createUser({ userName: 'numeric@example.com' });
    f.store.users.set(numeric.id, { ...numeric, userName: 7 });
    const mine = f.store.createUser({ userName: 'USER7@example.com' });
    const { c } = await connect(f);
    const r = await c.create(person(7));
    expect(r).toMatchObject({ adopted: true, state: { remoteId: mine.id, externalId: 'dir-7' } });
    expect(c.session.filterBroken).toBe(true);
    // Once the filter is known to be ignored, the userName lookup lists without one.
    expect(f.requests.filter((q) => q.query.has('filter'))).toHaveLength(1);
  });

  it('lists without a filter when the app does not filter', async () => {
    const f = await fake();
    const existing = f.store.createUser({ userName: 'user19@example.com', externalId: 'dir-19' });
    f.store.createUser({ userName: 'blocker@example.com' });
    f.set({ failWhen: (m, p) => (m === 'POST' && p === '/Users' ? 409 : null) });
    const { c } = await connect(f, { filter: false });
    expect(await c.create(person(19))).toMatchObject({ adopted: true, state: { remoteId: existing.id } });
    expect(f.requests.filter((q) => q.query.has('filter'))).toHaveLength(0);
  });

  it.each([400, 403, 501])('lists every user when the filter answers %i', async (status) => {
    const f = await fake();
    const existing = f.store.createUser({ userName: 'user8@example.com', externalId: 'dir-8' });
    f.store.createUser({ userName: 'blocker@example.com' });
    const { c, proxy } = await connect(
      f,
      {},
      {
        answer: (req) => (isFilterQuery(req) ? scimError(status) : null),
      },
    );
    // The POST is refused as a duplicate: the lookup has to find dir-8 by listing.
    f.set({ failWhen: (m, p) => (m === 'POST' && p === '/Users' ? 409 : null) });
    const r = await c.create(person(8));
    expect(r).toMatchObject({ adopted: true, state: { remoteId: existing.id } });
    expect(c.session.filterBroken).toBe(true);
    expect(proxy!.requests.filter(isFilterQuery)).toHaveLength(1);
  });

  it('fails the create, without listing, when the filtered lookup hits a server error', async () => {
    const f = await fake({ failWhen: (m, p) => (m === 'POST' && p === '/Users' ? 409 : null) });
    const { c, proxy } = await connect(
      f,
      {},
      {
        answer: (req) => (isFilterQuery(req) ? scimError(500) : null),
      },
    );
    await expect(c.create(person(9))).rejects.toMatchObject({
      status: 500,
      message: 'Acme had a server error (500) when trying to look up externalId dir-9.',
    });
    expect(
      proxy!.requests.filter((r) => r.method === 'GET' && r.path === '/Users' && !r.query.has('filter')),
    ).toHaveLength(0);
  });

  it('names the lookup in the error when the listing it falls back to is malformed', async () => {
    const f = await fake({ failWhen: (m, p) => (m === 'POST' && p === '/Users' ? 409 : null) });
    const { c } = await connect(
      f,
      {},
      {
        answer: (req) =>
          req.path !== '/Users' || req.method !== 'GET'
            ? null
            : isFilterQuery(req)
              ? scimError(400, 'invalidFilter')
              : { status: 200, body: { Resources: [{ userName: 'no-id' }] } },
      },
    );
    await expect(c.create(person(10))).rejects.toMatchObject({
      kind: 'malformed',
      message:
        'Acme sent a malformed SCIM response when trying to look up externalId dir-10 (listing every user) (page 1): a resource has no id.',
    });
  });
});

describe('creating a user', () => {
  it('finds the new user by its externalId when the create answers without an id', async () => {
    const f = await fake();
    const { c, proxy } = await connect(
      f,
      {},
      {
        rewrite: (req, body) => {
          if (req.method !== 'POST') return body;
          const { id: _id, ...rest } = body as Record<string, unknown>;
          return rest;
        },
      },
    );
    const r = stateOf(await c.create(person(11)));
    expect(f.store.users.get(r.remoteId)).toMatchObject({ externalId: 'dir-11' });
    expect(proxy!.requests.filter(isFilterQuery).map((q) => q.query.get('filter'))).toEqual([
      'externalId eq "dir-11"',
    ]);
  });

  it('is not an adoption when the app creates the user', async () => {
    const f = await fake();
    const { c } = await connect(f);
    const r = await c.create(person(20));
    expect(r).toMatchObject({ manual: false, state: { userName: 'user20@example.com' } });
    expect(r).not.toHaveProperty('adopted');
  });

  it.each([
    ['null', null],
    ['a string', 'Created'],
  ])('finds the new user by its externalId when the create answers %s', async (_what, answer) => {
    const f = await fake();
    const { c } = await connect(f, {}, { rewrite: (req, body) => (req.method === 'POST' ? answer : body) });
    const r = stateOf(await c.create(person(21)));
    expect(f.store.users.get(r.remoteId)).toMatchObject({ externalId: 'dir-21' });
  });

  it('says so when a 409 has no body and no account can be found', async () => {
    const f = await fake();
    const { c } = await connect(
      f,
      {},
      {
        answer: (req) => (req.method === 'POST' ? { status: 409, body: undefined } : null),
      },
    );
    await expect(c.create(person(22))).rejects.toMatchObject({
      kind: 'conflict',
      message:
        'Acme says user22@example.com already exists (409), but no account with that userName or externalId can be found.',
    });
  });

  it('says so when the create answers without the user and it cannot be found', async () => {
    const f = await fake();
    const { c } = await connect(
      f,
      {},
      {
        answer: (req) => (req.method === 'POST' ? { status: 201, body: { schemas: [URN.user] } } : null),
      },
    );
    await expect(c.create(person(12))).rejects.toMatchObject({
      kind: 'malformed',
      message:
        'Acme sent a malformed SCIM response when trying to create user12@example.com: the create answered without the new user, and it cannot be found.',
    });
  });

  it('leaves the detail out of a 409 that has none', async () => {
    const f = await fake();
    const { c } = await connect(
      f,
      {},
      {
        answer: (req) => (req.method === 'POST' ? scimError(409, 'uniqueness') : null),
      },
    );
    await expect(c.create(person(13))).rejects.toMatchObject({
      kind: 'conflict',
      message:
        'Acme says user13@example.com already exists (409), but no account with that userName or externalId can be found.',
    });
  });

  it('never hands over an account whose externalId names someone else', async () => {
    const f = await fake();
    const taken = f.store.createUser({ userName: 'user14@example.com', externalId: 'dir-former' });
    const { c } = await connect(f);
    await expect(c.create(person(14))).rejects.toMatchObject({
      kind: 'conflict',
      status: 409,
      message:
        "Acme already has user14@example.com, and it belongs to someone else (externalId dir-former): Lanyard never gives one person's account to another.",
      hint: 'If user14@example.com should take over that account and its data, approve the account takeover in the plan; otherwise give them a different userName in Acme.',
    });
    expect(f.store.users.get(taken.id)).toMatchObject({ externalId: 'dir-former' });
    expect(f.count('PATCH')).toBe(0);
  });

  it.each([
    ['their userName, in another case', 'USER15@example.com'],
    ['their email', 'mail15@example.com'],
    ['their directory id in another case', 'DIR-15'],
  ])('adopts an account whose externalId is %s', async (_what, externalId) => {
    const f = await fake();
    const taken = f.store.createUser({ userName: 'user15@example.com', externalId });
    const { c } = await connect(f);
    const r = await c.create({ ...person(15), email: 'mail15@example.com' });
    expect(r).toMatchObject({ adopted: true, state: { remoteId: taken.id, externalId: 'dir-15' } });
  });

  it('adopts an inactive account as inactive without writing when asked to create it inactive', async () => {
    const f = await fake();
    const taken = f.store.createUser({ userName: 'user16@example.com', externalId: 'dir-16', active: false });
    const { c } = await connect(f);
    const r = await c.create({ ...person(16), active: false });
    expect(r).toMatchObject({ adopted: true, state: { remoteId: taken.id, active: false } });
    expect(f.count('PATCH')).toBe(0);
  });

  it.each([
    ['reactivates an adopted account', false, undefined, true],
    ['deactivates an adopted account created inactive', true, false, false],
  ])('%s', async (_what, was, want, now) => {
    const f = await fake();
    const taken = f.store.createUser({ userName: 'user17@example.com', externalId: 'dir-17', active: was });
    const { c } = await connect(f);
    const r = await c.create({ ...person(17), ...(want === undefined ? {} : { active: want }) });
    expect(r).toMatchObject({ adopted: true, state: { remoteId: taken.id, active: now } });
    expect(f.store.users.get(taken.id)).toMatchObject({ active: now });
  });

  it('names the adoption in the error when its update fails', async () => {
    const f = await fake();
    const taken = f.store.createUser({ userName: 'user18@example.com' });
    f.set({ failWhen: (m) => (m === 'PATCH' ? 403 : null) });
    const { c } = await connect(f);
    await expect(c.create(person(18))).rejects.toMatchObject({
      status: 403,
      message: `Acme refused to adopt user ${taken.id}: 403 — Injected failure.`,
    });
  });
});

describe('updating a user', () => {
  it('writes to an id that needs escaping in the URL', async () => {
    const f = await fake();
    const u = f.store.createUser({ userName: 'odd@acme.io' });
    f.store.users.delete(u.id);
    f.store.users.set('a b/c', { ...u, id: 'a b/c' });
    const { c } = await connect(f);
    const r = stateOf(await c.update('a b/c', { displayName: 'Odd' }));
    expect(r).toMatchObject({ remoteId: 'a b/c', displayName: 'Odd' });
    expect(f.store.users.get('a b/c')).toMatchObject({ displayName: 'Odd' });
  });

  it('sends a plain change as one PATCH, without reading the user or If-Match, when the app has no ETags', async () => {
    const f = await fake();
    const [id] = seedUsers(f, 1);
    const { c } = await connect(f);
    await c.update(id!, { displayName: 'X' });
    expect(f.requests.map((r) => r.method)).toEqual(['PATCH']);
    expect(f.requests[0]!.headers['if-match']).toBeUndefined();
  });

  it('reads the user for an email change but sends no If-Match when the app has no ETags', async () => {
    const f = await fake();
    const id = seedRich(f);
    const { c } = await connect(f);
    await c.update(id, { email: 'ana.s@acme.io' });
    expect(f.requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect(f.requests[1]!.headers['if-match']).toBeUndefined();
  });

  it('reads the user for a role change and changes only the primary role', async () => {
    const f = await fake();
    const id = seedRich(f);
    const { c } = await connect(f);
    const r = stateOf(await c.update(id, { role: 'owner' }));
    expect(r.role).toBe('owner');
    expect(f.store.users.get(id)!.roles).toEqual([{ value: 'owner', primary: true }, { value: 'billing' }]);
    expect(f.requests.map((q) => q.method)).toEqual(['GET', 'PATCH']);
  });

  it.each([
    ['with ETags', true, 1],
    ['without ETags', false, 1],
  ])(
    'sends nothing when no change applies to the app, reading the user once (%s)',
    async (_l, etag, reads) => {
      const f = await fake({ etag });
      const [id] = seedUsers(f, 1);
      const { c } = await connect(f, { etag, enterpriseExtension: false });
      const r = stateOf(await c.update(id!, { department: 'Ops' }));
      expect(r.remoteId).toBe(id);
      expect(f.count('PATCH')).toBe(0);
      expect(userReads(f, id!)).toBe(reads);
    },
  );

  it('retries a PATCH after a server error (replacing attributes is idempotent)', async () => {
    const f = await fake();
    const [id] = seedUsers(f, 1);
    const { c } = await connect(f);
    f.set({ failNext: 1, failStatus: 503 });
    const r = stateOf(await c.update(id!, { displayName: 'After 503' }));
    expect(r.displayName).toBe('After 503');
    expect(f.requests.map((q) => [q.method, q.status])).toEqual([
      ['PATCH', 503],
      ['PATCH', 200],
    ]);
  });

  it('gives up after a second 412 and says the account changed meanwhile', async () => {
    const f = await fake({ etag: true, failWhen: (m) => (m === 'PATCH' ? 412 : null) });
    const [id] = seedUsers(f, 1);
    const { c } = await connect(f, { etag: true });
    await expect(c.update(id!, { displayName: 'X' })).rejects.toMatchObject({
      status: 412,
      message: `Acme says the account changed meanwhile (412 precondition failed) when trying to update user ${id}.`,
    });
    expect(f.count('PATCH')).toBe(2);
  });

  it('does not retry a PATCH the app rejected', async () => {
    const f = await fake({ failWhen: (m) => (m === 'PATCH' ? 400 : null) });
    const [id] = seedUsers(f, 1);
    const { c } = await connect(f);
    await expect(c.update(id!, { displayName: 'X' })).rejects.toMatchObject({ status: 400 });
    expect(f.count('PATCH')).toBe(1);
  });

  it('takes the account from the PATCH answer without reading it again', async () => {
    const f = await fake();
    const [id] = seedUsers(f, 1);
    const { c } = await connect(f);
    const r = stateOf(await c.update(id!, { displayName: 'From the answer' }));
    expect(r.displayName).toBe('From the answer');
    expect(userReads(f, id!)).toBe(0);
  });

  it.each([
    ['null', null],
    ['a string', 'Updated'],
  ])('reads the user back when a PATCH answers %s', async (_what, answer) => {
    const f = await fake();
    const [id] = seedUsers(f, 1);
    const { c } = await connect(f, {}, { rewrite: (req, body) => (req.method === 'PATCH' ? answer : body) });
    const r = stateOf(await c.update(id!, { displayName: 'Read back' }));
    expect(r.displayName).toBe('Read back');
    expect(userReads(f, id!)).toBe(1);
  });

  it('says which user the app answered without a userName for', async () => {
    const f = await fake();
    const [id] = seedUsers(f, 1);
    const { c } = await connect(
      f,
      {},
      {
        rewrite: (req, body) => (req.method === 'PATCH' ? { ...(body as object), userName: '' } : body),
      },
    );
    await expect(c.update(id!, { displayName: 'X' })).rejects.toMatchObject({
      kind: 'malformed',
      message: `Acme sent a malformed SCIM response when trying to update user ${id}: a user has no id or userName.`,
    });
  });

  it.each([
    ['null', null],
    ['a string', 'ok'],
  ])('says the answer is not a User when reading it gives %s', async (_what, body) => {
    const f = await fake();
    const id = seedRich(f);
    const { c } = await connect(
      f,
      {},
      {
        answer: (req) => (req.method === 'GET' && req.path === `/Users/${id}` ? { status: 200, body } : null),
      },
    );
    await expect(c.update(id, { email: 'x@acme.io' })).rejects.toMatchObject({
      kind: 'malformed',
      message: `Acme sent a malformed SCIM response when trying to update user ${id}: the answer is not a User.`,
    });
  });

  describe('PUT-only apps', () => {
    it.each([
      ['with the version read when the app has ETags', true],
      ['without If-Match when it has none', false],
    ])('re-send the user as read %s', async (_l, etag) => {
      const f = await fake({ putOnly: true, etag });
      const id = seedRich(f);
      const version = f.store.users.get(id)!.meta.version;
      const { c } = await connect(f, { update: 'put-only', etag });
      const r = stateOf(await c.update(id, { displayName: 'Put' }));
      expect(r.displayName).toBe('Put');
      const put = f.requests.find((q) => q.method === 'PUT')!;
      expect(put.headers['if-match']).toBe(etag ? version : undefined);
      expect(f.store.users.get(id)!.emails).toHaveLength(2);
    });
  });
});

describe('a server that does not take PATCH value paths', () => {
  const refuse = (answer: { status: number; body: unknown }) => ({
    answer: (req: ProxiedRequest) =>
      req.method === 'PATCH' &&
      (req.body as { Operations: { path?: string }[] }).Operations.some((op) => op.path?.includes('['))
        ? answer
        : null,
  });

  it.each([
    ['400 noTarget', scimError(400, 'noTarget')],
    ['400 invalidFilter', scimError(400, 'invalidFilter')],
    ['400 invalidSyntax', scimError(400, 'invalidSyntax')],
    ['400 invalidPath', scimError(400, 'invalidPath')],
    ['501', scimError(501)],
  ])('gets the whole email list after a %s, and from then on only that', async (_what, answer) => {
    const f = await fake({ etag: true });
    const id = seedRich(f);
    const version = f.store.users.get(id)!.meta.version;
    const { c, proxy } = await connect(f, { etag: true }, refuse(answer));
    const r = stateOf(await c.update(id, { email: 'new@acme.io' }));
    expect(r.emails).toContain('new@acme.io');
    expect(f.store.users.get(id)!.emails).toEqual([
      { value: 'new@acme.io', type: 'work', primary: true },
      { value: 'ana@home.example', type: 'home' },
    ]);
    const patches = proxy!.requests.filter((q) => q.method === 'PATCH');
    expect(patches).toHaveLength(2);
    // Both carry the version as read: the refused one changed nothing.
    expect(patches.map((q) => q.headers['if-match'])).toEqual([version, version]);
    // The next change goes straight to whole lists: one PATCH.
    await c.update(id, { role: 'owner' });
    expect(proxy!.requests.filter((q) => q.method === 'PATCH')).toHaveLength(3);
    expect(f.store.users.get(id)!.roles).toEqual([{ value: 'owner', primary: true }, { value: 'billing' }]);
  });

  it('shows the admin a refusal of the change itself (400 invalidValue), without retrying', async () => {
    const f = await fake();
    const id = seedRich(f);
    const { c, proxy } = await connect(f, {}, refuse(scimError(400, 'invalidValue', 'email is not allowed')));
    await expect(c.update(id, { email: 'new@acme.io' })).rejects.toMatchObject({
      status: 400,
      message: `Acme rejected the request to update user ${id}: 400 invalidValue — email is not allowed.`,
    });
    expect(proxy!.requests.filter((q) => q.method === 'PATCH')).toHaveLength(1);
    expect(c.session.valuePathsBroken).toBe(false);
  });

  it('sends the whole list when the app answers OK but does not show the new email', async () => {
    const f = await fake();
    const id = seedRich(f);
    const before = { ...f.store.users.get(id)! };
    const { c, proxy } = await connect(f, {}, refuse({ status: 200, body: before }));
    const r = stateOf(await c.update(id, { email: 'seen@acme.io' }));
    expect(r.emails).toContain('seen@acme.io');
    expect(c.session.valuePathsBroken).toBe(true);
    expect(proxy!.requests.filter((q) => q.method === 'PATCH')).toHaveLength(2);
  });

  it('keeps value paths when the app shows the change', async () => {
    const f = await fake();
    const id = seedRich(f);
    const { c } = await connect(f);
    await c.update(id, { email: 'kept@acme.io', role: 'owner' });
    expect(c.session.valuePathsBroken).toBe(false);
    expect(f.count('PATCH')).toBe(1);
    expect(f.requests.find((q) => q.method === 'PATCH')!.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'kept@acme.io' },
        { op: 'replace', path: 'roles[primary eq true].value', value: 'owner' },
      ],
    });
  });
});

describe('deleting a user', () => {
  it('sends no If-Match when the app has no ETags', async () => {
    const f = await fake();
    const [id] = seedUsers(f, 1);
    const { c } = await connect(f);
    await c.delete(id!);
    expect(f.requests.map((q) => q.method)).toEqual(['DELETE']);
    expect(f.requests[0]!.headers['if-match']).toBeUndefined();
    expect(f.store.users.has(id!)).toBe(false);
  });

  it('takes a plain-text 200 to a DELETE as done', async () => {
    // Some apps answer a DELETE with 200 and a word of text instead of 204.
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('Deleted');
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
    const c = scimConnector(url, 't', { stored: PATCH_CAPS });
    expect(stateOf(await c.delete('u1'))).toEqual({ remoteId: 'u1', effect: 'deleted', alreadyGone: false });
    expect(seen).toEqual(['DELETE /scim/v2/Users/u1']);
  });

  it('fails, without deleting, when reading the version is refused', async () => {
    const f = await fake({ etag: true, failWhen: (m) => (m === 'GET' ? 403 : null) });
    const [id] = seedUsers(f, 1);
    const { c } = await connect(f, { etag: true });
    await expect(c.delete(id!)).rejects.toMatchObject({
      status: 403,
      message: `Acme refused to delete user ${id}: 403 — Injected failure.`,
    });
    expect(f.count('DELETE')).toBe(0);
  });

  it('deletes an id that needs escaping in the URL', async () => {
    const f = await fake();
    const u = f.store.createUser({ userName: 'odd@acme.io' });
    f.store.users.delete(u.id);
    f.store.users.set('x/y z', { ...u, id: 'x/y z' });
    const { c } = await connect(f);
    expect(stateOf(await c.delete('x/y z'))).toEqual({
      remoteId: 'x/y z',
      effect: 'deleted',
      alreadyGone: false,
    });
    expect(f.store.users.has('x/y z')).toBe(false);
  });

  it('names the deactivation in the error when an app without DELETE refuses it', async () => {
    const f = await fake({ failWhen: (m) => (m === 'PATCH' ? 403 : null) });
    const [id] = seedUsers(f, 1);
    const { c } = await connect(f, { deleteMeans: 'unsupported' });
    await expect(c.delete(id!)).rejects.toMatchObject({
      message: `Acme refused to deactivate (DELETE not offered) user ${id}: 403 — Injected failure.`,
    });
  });
});
