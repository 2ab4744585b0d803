// What lands in a SCIM app, attribute by attribute, for a create, a PATCH update and a PUT-only update — checked
// on the strict fake's stored resource — and how a SCIM User reads back as an account. A dropped or misnamed
// attribute here is a person with the wrong name, email, role or department in the app.
import { describe, expect, it } from 'vitest';
import type { AccountChanges, AccountSpec } from '../../../electron/apps/types';
import { URN } from '../../fakes/scim/store';
import { fake, stopFakesAfterEach } from './fake-kit';
import { scimConnector } from './harness';

stopFakesAfterEach();

const FULL: AccountSpec = {
  externalId: 'dir-1',
  userName: 'ana@acme.io',
  email: 'ana.silva@acme.io',
  givenName: 'Ana',
  familyName: 'Silva',
  displayName: 'Ana Silva',
  title: 'Engineer',
  department: 'Platform',
  employeeNumber: 'E-17',
  manager: 'mgr-9',
  role: 'admin',
};

const stored = (f: Awaited<ReturnType<typeof fake>>, id: string) => {
  const { id: _id, meta: _meta, ...rest } = f.store.users.get(id)!;
  return rest;
};

const connect = async (capabilities: Record<string, unknown> = {}) => {
  const f = await fake();
  const c = scimConnector(f.url, f.options.token, { stored: capabilities });
  return { f, c };
};

const created = async (c: ReturnType<typeof scimConnector>, spec: AccountSpec): Promise<string> => {
  const r = await c.create(spec);
  if (r.manual) throw new Error('manual');
  return r.state.remoteId;
};

describe('SCIM create body', () => {
  it('writes every attribute, the enterprise ones under their URN', async () => {
    const { f, c } = await connect();
    const id = await created(c, FULL);
    expect(stored(f, id)).toEqual({
      schemas: [URN.user, URN.enterprise],
      userName: 'ana@acme.io',
      externalId: 'dir-1',
      active: true,
      name: { givenName: 'Ana', familyName: 'Silva' },
      displayName: 'Ana Silva',
      title: 'Engineer',
      emails: [{ value: 'ana.silva@acme.io', type: 'work', primary: true }],
      roles: [{ value: 'admin', primary: true }],
      [URN.enterprise]: { department: 'Platform', employeeNumber: 'E-17', manager: { value: 'mgr-9' } },
    });
  });

  it('leaves out what the person does not have, and the extension when the app has none', async () => {
    const { f, c } = await connect({ enterpriseExtension: false });
    const id = await created(c, {
      externalId: 'dir-2',
      userName: 'bo@acme.io',
      email: null,
      givenName: null,
      familyName: 'Bo',
      displayName: null,
      title: null,
      department: 'Sales',
      role: null,
    });
    expect(stored(f, id)).toEqual({
      schemas: [URN.user],
      userName: 'bo@acme.io',
      externalId: 'dir-2',
      active: true,
      name: { familyName: 'Bo' },
    });
  });

  it('omits empty enterprise values on create and the whole extension when none is left', async () => {
    const { f, c } = await connect();
    const id = await created(c, { ...FULL, department: null, employeeNumber: null, manager: null });
    expect(stored(f, id)).not.toHaveProperty([URN.enterprise]);
    expect(stored(f, id).schemas).toEqual([URN.user]);
  });

  it('creates a user inactive when asked', async () => {
    const { f, c } = await connect();
    const id = await created(c, { ...FULL, active: false });
    expect(stored(f, id).active).toBe(false);
  });
});

describe.each([
  ['PATCH', {}],
  ['PUT-only', { update: 'put-only' }],
])('SCIM update by %s', (_label, caps) => {
  const cases: [string, AccountChanges, Record<string, unknown>, string[]][] = [
    ['userName', { userName: 'ana.s@acme.io' }, { userName: 'ana.s@acme.io' }, []],
    ['externalId', { externalId: 'dir-1b' }, { externalId: 'dir-1b' }, []],
    ['displayName', { displayName: 'Ana S.' }, { displayName: 'Ana S.' }, []],
    ['title cleared', { title: null }, {}, ['title']],
    ['given name', { givenName: 'Anna' }, { name: { givenName: 'Anna', familyName: 'Silva' } }, []],
    ['family name', { familyName: 'Souza' }, { name: { givenName: 'Ana', familyName: 'Souza' } }, []],
    ['email', { email: 'a@acme.io' }, { emails: [{ value: 'a@acme.io', type: 'work', primary: true }] }, []],
    ['email cleared', { email: null }, {}, ['emails']],
    ['role', { role: 'member' }, { roles: [{ value: 'member', primary: true }] }, []],
    ['role cleared', { role: null }, {}, ['roles']],
    ['active', { active: false }, { active: false }, []],
    [
      'department',
      { department: 'Ops' },
      { [URN.enterprise]: { department: 'Ops', employeeNumber: 'E-17', manager: { value: 'mgr-9' } } },
      [],
    ],
    [
      'employee number cleared',
      { employeeNumber: null },
      { [URN.enterprise]: { department: 'Platform', manager: { value: 'mgr-9' } } },
      [],
    ],
    [
      'manager',
      { manager: 'mgr-1' },
      { [URN.enterprise]: { department: 'Platform', employeeNumber: 'E-17', manager: { value: 'mgr-1' } } },
      [],
    ],
    [
      'manager cleared',
      { manager: null },
      { [URN.enterprise]: { department: 'Platform', employeeNumber: 'E-17' } },
      [],
    ],
  ];

  it.each(cases)('changes only the %s', async (_what, change, expected, gone) => {
    const { f, c } = await connect(caps);
    const id = await created(c, FULL);
    const before = stored(f, id);
    await c.update(id, change);
    const after = stored(f, id);
    const untouched = Object.fromEntries(
      Object.entries(before).filter(([k]) => !(k in expected) && !gone.includes(k)),
    );
    expect(after).toEqual({ ...untouched, ...expected });
    for (const k of gone) expect(after).not.toHaveProperty([k]);
  });

  it('sends no enterprise attributes when the app has no extension', async () => {
    const { f, c } = await connect({ ...caps, enterpriseExtension: false });
    const id = await created(c, FULL);
    await c.update(id, { department: 'Ops', employeeNumber: 'E-1', manager: 'm', displayName: 'X' });
    expect(stored(f, id)).not.toHaveProperty([URN.enterprise]);
    expect(stored(f, id).displayName).toBe('X');
  });
});

describe('a SCIM User read back as an account', () => {
  it('puts the primary email and role first, drops empty values and reads ids as strings', async () => {
    const f = await fake();
    const u = f.store.createUser({
      userName: 'cy@acme.io',
      externalId: 'dir-3',
      displayName: 'Cy',
      active: 'False',
      emails: [{ value: 'old@acme.io' }, { value: '' }, { value: 'cy@acme.io', primary: true }, { value: 5 }],
      roles: [{ value: 'member' }, { value: 'owner', primary: true }],
    });
    const g = f.store.createGroup({ displayName: 'Eng', members: [{ value: u.id }] });
    const [account] = await scimConnector(f.url, f.options.token).listAccounts();
    expect(account).toEqual({
      remoteId: u.id,
      userName: 'cy@acme.io',
      emails: ['cy@acme.io', 'old@acme.io', '5'],
      externalId: 'dir-3',
      active: false,
      role: 'owner',
      groups: [g.id],
      displayName: 'Cy',
    });
  });

  it('reads a user without active as active, and one without roles or emails with none', async () => {
    const f = await fake();
    const u = f.store.createUser({ userName: 'dee@acme.io' });
    delete (u as Record<string, unknown>).active;
    const [account] = await scimConnector(f.url, f.options.token).listAccounts();
    expect(account).toMatchObject({
      active: true,
      role: null,
      emails: [],
      externalId: null,
      displayName: null,
    });
  });

  it('refuses a listed user without a userName', async () => {
    const f = await fake();
    const u = f.store.createUser({ userName: 'eve@acme.io' });
    f.store.users.set(u.id, { ...u, userName: '' });
    await expect(scimConnector(f.url, f.options.token).listAccounts()).rejects.toMatchObject({
      kind: 'malformed',
    });
  });
});
