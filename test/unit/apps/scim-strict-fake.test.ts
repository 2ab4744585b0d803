// The SCIM fake answers like a strict RFC 7643/7644 server, so a client bug that a lax fake would hide (a create
// without `schemas`, a PUT without userName, a PATCH to an attribute that does not exist, a string where a boolean
// belongs, a listing that ends on the first short page) fails here as it would against a real app.
import { describe, expect, it } from 'vitest';
import { URN } from '../../fakes/scim/store';
import { fake, seedUsers, stopFakesAfterEach } from './fake-kit';
import { person, scimConnector } from './harness';

stopFakesAfterEach();

const call = async (
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/scim+json',
): Promise<{ status: number; body: Record<string, unknown> | null }> => {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': contentType }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
};

const user = (over: Record<string, unknown> = {}) => ({
  schemas: [URN.user],
  userName: 'ana@example.com',
  ...over,
});
const patch = (...ops: Record<string, unknown>[]) => ({ schemas: [URN.patch], Operations: ops });

describe('the strict SCIM fake', () => {
  it.each([
    ['a body without schemas', { userName: 'ana@example.com' }, 'invalidSyntax'],
    ['schemas without the core User URN', { schemas: [URN.enterprise], userName: 'a' }, 'invalidSyntax'],
    ['no userName', { schemas: [URN.user], displayName: 'Ana' }, 'invalidValue'],
    ['an empty userName', user({ userName: '' }), 'invalidValue'],
    ['active as a string', user({ active: 'false' }), 'invalidValue'],
    ['emails not an array', user({ emails: 'ana@example.com' }), 'invalidValue'],
    [
      'two primary emails',
      user({
        emails: [
          { value: 'a', primary: true },
          { value: 'b', primary: true },
        ],
      }),
      'invalidValue',
    ],
    ['an unknown attribute', user({ favouriteColour: 'teal' }), 'invalidSyntax'],
    ['an unknown sub-attribute', user({ name: { givenName: 'Ana', nickname: 'A' } }), 'invalidSyntax'],
    [
      'an extension not listed in schemas',
      user({ [URN.enterprise]: { department: 'Eng' } }),
      'invalidSyntax',
    ],
  ])('rejects a create with %s (400 %s)', async (_label, body, scimType) => {
    const f = await fake();
    const r = await call(f.url, f.options.token, 'POST', '/Users', body);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ schemas: [URN.error], status: '400', scimType });
    expect(f.store.users.size).toBe(0);
  });

  it('accepts a well-formed create with the enterprise extension and returns it with its schemas', async () => {
    const f = await fake();
    const r = await call(
      f.url,
      f.options.token,
      'POST',
      '/Users',
      user({ schemas: [URN.user, URN.enterprise], active: true, [URN.enterprise]: { department: 'Eng' } }),
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ schemas: [URN.user, URN.enterprise], userName: 'ana@example.com' });
  });

  it('rejects a replace (PUT) without userName or schemas, and leaves the user as it was', async () => {
    const f = await fake();
    const [id] = seedUsers(f, 1);
    const before = f.store.users.get(id!);
    expect((await call(f.url, f.options.token, 'PUT', `/Users/${id}`, { schemas: [URN.user] })).status).toBe(
      400,
    );
    expect((await call(f.url, f.options.token, 'PUT', `/Users/${id}`, { userName: 'x' })).status).toBe(400);
    expect(f.store.users.get(id!)).toEqual(before);
  });

  it.each([
    [
      'a path that is not in the schema',
      { op: 'replace', path: 'favouriteColour', value: 'x' },
      'invalidPath',
    ],
    ['an unknown sub-attribute', { op: 'replace', path: 'name.nickname', value: 'x' }, 'invalidPath'],
    [
      'an unknown extension attribute',
      { op: 'replace', path: `${URN.enterprise}:shoeSize`, value: '9' },
      'invalidPath',
    ],
    ['a boolean attribute given a string', { op: 'replace', path: 'active', value: 'False' }, 'invalidValue'],
    ['removing the required userName', { op: 'remove', path: 'userName' }, 'invalidValue'],
    ['a read-only attribute', { op: 'replace', path: 'groups', value: [] }, 'mutability'],
    [
      'an unknown attribute inside a path-less value',
      { op: 'replace', value: { activ: false } },
      'invalidPath',
    ],
  ])('rejects a PATCH with %s (400 %s), atomically', async (_label, op, scimType) => {
    const f = await fake();
    const [id] = seedUsers(f, 1);
    const before = f.store.users.get(id!);
    const ops = [{ op: 'replace', path: 'displayName', value: 'Changed' }, op];
    const r = await call(f.url, f.options.token, 'PATCH', `/Users/${id}`, patch(...ops));
    expect(r).toMatchObject({ status: 400, body: { scimType } });
    expect(f.store.users.get(id!)).toEqual(before);
  });

  it('accepts the PATCH paths the RFC allows: sub-attributes, URN-prefixed, value filters', async () => {
    const f = await fake();
    const [id] = seedUsers(f, 1);
    const r = await call(
      f.url,
      f.options.token,
      'PATCH',
      `/Users/${id}`,
      patch(
        { op: 'replace', path: 'name.givenName', value: 'Ana' },
        { op: 'Replace', path: `${URN.enterprise}:department`, value: 'Eng' },
        { op: 'replace', path: 'active', value: false },
        { op: 'replace', value: { displayName: 'Ana D', 'name.familyName': 'D' } },
      ),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      active: false,
      displayName: 'Ana D',
      name: { givenName: 'Ana', familyName: 'D' },
      [URN.enterprise]: { department: 'Eng' },
    });
  });

  it.each([
    ['count=abc', 'count'],
    ['startIndex=x', 'startIndex'],
    ['count=1.5', 'count'],
  ])('rejects %s with 400 invalidValue', async (query, name) => {
    const f = await fake();
    const r = await call(f.url, f.options.token, 'GET', `/Users?${query}`);
    expect(r).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(String(r.body!.detail)).toContain(name);
  });

  it('treats startIndex below 1 as 1 and a negative count as 0 (RFC 7644 §3.4.2.4)', async () => {
    const f = await fake();
    seedUsers(f, 3);
    expect((await call(f.url, f.options.token, 'GET', '/Users?startIndex=-4&count=2')).body).toMatchObject({
      totalResults: 3,
      startIndex: 1,
      itemsPerPage: 2,
    });
    expect((await call(f.url, f.options.token, 'GET', '/Users?count=-1')).body).toMatchObject({
      totalResults: 3,
      itemsPerPage: 0,
    });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded'])(
    'refuses a body sent as %s (415)',
    async (type) => {
      const f = await fake();
      const r = await call(f.url, f.options.token, 'POST', '/Users', user(), type);
      expect(r.status).toBe(415);
      expect(f.store.users.size).toBe(0);
    },
  );

  it('accepts application/json as well as application/scim+json', async () => {
    const f = await fake();
    const r = await call(f.url, f.options.token, 'POST', '/Users', user(), 'application/json; charset=utf-8');
    expect(r.status).toBe(201);
  });

  it('with an unannounced page cap, returns fewer than count per page with a correct totalResults', async () => {
    const f = await fake({ silentPageCap: 7 });
    seedUsers(f, 20);
    const spc = await call(f.url, f.options.token, 'GET', '/ServiceProviderConfig');
    expect(JSON.stringify(spc.body)).not.toContain('"maxResults":7');
    expect((await call(f.url, f.options.token, 'GET', '/Users?startIndex=1&count=10')).body).toMatchObject({
      totalResults: 20,
      startIndex: 1,
      itemsPerPage: 7,
    });
  });
});

describe('the SCIM client against the strict fake', () => {
  it('reads every account when pages are silently capped below what it asks', async () => {
    const f = await fake({ silentPageCap: 7 });
    const ids = seedUsers(f, 53);
    const accounts = await scimConnector(f.url, f.options.token, { config: { pageSize: 10 } }).listAccounts();
    expect(accounts.map((a) => a.remoteId).sort()).toEqual([...ids].sort());
    // 8 pages of at most 7: the last, short page reaches totalResults and ends the listing.
    expect(f.count('GET', '/Users')).toBe(Math.ceil(53 / 7));
  });

  it.each([
    ['with the enterprise extension', {}],
    ['without discovery (preset defaults)', { discovery: 'none' as const }],
  ])('creates, updates, deactivates and deletes a user through the strict checks (%s)', async (_l, o) => {
    const f = await fake(o);
    const c = scimConnector(f.url, f.options.token);
    const created = await c.create(person(1, { department: 'Eng', employeeNumber: 'E1', title: 'Dev' }));
    const id = (created as { state: { remoteId: string } }).state.remoteId;
    expect(f.store.users.get(id)).toMatchObject({
      schemas: expect.arrayContaining([URN.user]),
      userName: 'user1@example.com',
      active: true,
    });
    await c.update(id, { displayName: 'Renamed', title: null, givenName: 'G', department: 'Ops' });
    await c.setActive(id, false);
    expect(f.store.users.get(id)).toMatchObject({ displayName: 'Renamed', active: false });
    expect(f.store.users.get(id)).not.toHaveProperty('title');
    await c.delete(id);
    expect(f.store.users.has(id)).toBe(false);
    const refused = f.requests.filter((r) => r.path.startsWith('/Users') && r.status >= 400);
    expect(refused.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([]);
  });

  it('sends a full, valid resource when the server only takes PUT', async () => {
    const f = await fake({ putOnly: true });
    const [id] = seedUsers(f, 1);
    const c = scimConnector(f.url, f.options.token);
    await c.session.caps();
    const { updateUser } = await import('../../../electron/apps/scim/users');
    await updateUser(c.session, id!, { displayName: 'New Name', active: false });
    expect(f.requests.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([200]);
    expect(f.store.users.get(id!)).toMatchObject({ displayName: 'New Name', active: false });
  });
});
