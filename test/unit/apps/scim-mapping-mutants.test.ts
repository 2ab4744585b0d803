// The SCIM mapping, attribute by attribute, as the exact bodies Lanyard sends and the accounts it reads: what a
// vendor's odd value reads as (an empty string, a number, "False"), which PatchOp operations an update becomes and
// in what order, and what a PUT-only update sends back. Each case is one place where a slip would write the wrong
// value to an app or read an account as someone else's, active or inactive.
import { describe, expect, it } from 'vitest';
import {
  mergeForPut,
  showsChanges,
  toAppAccount,
  toPatchOps,
  toScimUser,
} from '../../../electron/apps/scim/mapping';
import type { AppAccount } from '../../../electron/apps/types';
import { URN, type ScimUser } from '../../../electron/apps/scim/wire';

const account = (over: Partial<AppAccount> = {}): AppAccount => ({
  remoteId: 'u1',
  userName: 'ana@acme.io',
  emails: [],
  externalId: null,
  active: true,
  role: null,
  groups: [],
  displayName: null,
  ...over,
});

describe('a SCIM User read as an account', () => {
  it.each([
    ['a numeric id', { id: 42, userName: 'ana@acme.io' }, { remoteId: '42' }],
    ['a numeric userName', { id: 'u1', userName: 7 }, { userName: '7' }],
    ['an empty externalId as none', { id: 'u1', userName: 'a', externalId: '' }, { externalId: null }],
    ['a boolean externalId as none', { id: 'u1', userName: 'a', externalId: true }, { externalId: null }],
    [
      'an object displayName as none',
      { id: 'u1', userName: 'a', displayName: { x: 1 } },
      { displayName: null },
    ],
  ])('reads %s', (_what, user, expected) => {
    expect(toAppAccount(user as ScimUser)).toMatchObject(expected);
  });

  it.each([
    ['no id', { userName: 'a' }],
    ['an empty id', { id: '', userName: 'a' }],
    ['no userName', { id: 'u1' }],
    ['a boolean userName', { id: 'u1', userName: true }],
  ])('cannot track a user with %s', (_what, user) => {
    expect(toAppAccount(user as ScimUser)).toBeNull();
  });

  it.each([
    [false, false],
    ['False', false],
    ['FALSE', false],
    ['false', false],
    [true, true],
    ['True', true],
    ['yes', true],
    [undefined, true],
    [null, true],
  ])('reads active %j as %s', (active, expected) => {
    expect(toAppAccount({ id: 'u1', userName: 'a', active })!.active).toBe(expected);
  });

  it('takes the first usable role, the primary one first, skipping empty values', () => {
    const user = {
      id: 'u1',
      userName: 'a',
      roles: [{ value: 'member' }, { value: '', primary: true }, { value: 'owner' }],
    };
    expect(toAppAccount(user)!.role).toBe('member');
    expect(toAppAccount({ ...user, roles: [{ value: '' }, { value: 9 }] })!.role).toBe('9');
    expect(toAppAccount({ ...user, roles: [{ value: '' }] })!.role).toBeNull();
  });

  it('keeps group ids that are strings or numbers and drops empty ones', () => {
    const user = { id: 'u1', userName: 'a', groups: [{ value: 'g1' }, { value: '' }, { value: 3 }, {}] };
    expect(toAppAccount(user)!.groups).toEqual(['g1', '3']);
  });

  it('reads a user whose lists are not arrays as having none', () => {
    const user = { id: 'u1', userName: 'a', emails: 'a@x', roles: {}, groups: 'g' } as unknown as ScimUser;
    expect(toAppAccount(user)).toMatchObject({ emails: [], role: null, groups: [] });
  });
});

describe('the POST /Users body', () => {
  const spec = {
    externalId: 'dir-1',
    userName: 'ana@acme.io',
    email: null,
    givenName: null,
    familyName: null,
    displayName: null,
  };

  it('is the bare minimum for a person with nothing else, active by default', () => {
    expect(toScimUser(spec, { enterprise: true })).toEqual({
      schemas: [URN.user],
      userName: 'ana@acme.io',
      externalId: 'dir-1',
      active: true,
    });
  });

  it('leaves out empty names, display name, title and role', () => {
    const body = toScimUser(
      { ...spec, givenName: '', familyName: '', displayName: '', title: '', role: '', manager: '' },
      { enterprise: true },
    );
    expect(body).toEqual({ schemas: [URN.user], userName: 'ana@acme.io', externalId: 'dir-1', active: true });
  });

  it('writes only the given name when there is no family name, and an empty department as is', () => {
    const body = toScimUser({ ...spec, givenName: 'Ana', department: '' }, { enterprise: true });
    expect(body.name).toEqual({ givenName: 'Ana' });
    expect(body.schemas).toEqual([URN.user, URN.enterprise]);
    expect(body[URN.enterprise]).toEqual({ department: '' });
  });

  it('writes the employee number alone, and nothing of the extension when the app has none', () => {
    expect(toScimUser({ ...spec, employeeNumber: 'E-1' }, { enterprise: true })[URN.enterprise]).toEqual({
      employeeNumber: 'E-1',
    });
    const without = toScimUser({ ...spec, employeeNumber: 'E-1', manager: 'm' }, { enterprise: false });
    expect(without).not.toHaveProperty([URN.enterprise]);
    expect(without.schemas).toEqual([URN.user]);
  });
});

describe('the PatchOp operations of an update', () => {
  const E = URN.enterprise;

  it('replaces what is set and removes what is cleared, in a stable order', () => {
    expect(
      toPatchOps(
        {
          userName: 'u',
          externalId: 'dir-2',
          displayName: 'D',
          title: null,
          givenName: 'G',
          familyName: null,
          active: false,
          department: 'Ops',
          employeeNumber: null,
          manager: null,
        },
        { enterprise: true },
      ),
    ).toEqual([
      { op: 'replace', path: 'userName', value: 'u' },
      { op: 'replace', path: 'externalId', value: 'dir-2' },
      { op: 'replace', path: 'displayName', value: 'D' },
      { op: 'remove', path: 'title' },
      { op: 'replace', path: 'name.givenName', value: 'G' },
      { op: 'remove', path: 'name.familyName' },
      { op: 'replace', path: 'active', value: false },
      { op: 'replace', path: `${E}:department`, value: 'Ops' },
      { op: 'remove', path: `${E}:employeeNumber` },
      { op: 'remove', path: `${E}:manager` },
    ]);
  });

  it('sends the manager as a complex value and nothing of the extension when the app has none', () => {
    expect(toPatchOps({ manager: 'm-1', employeeNumber: 'E-2' }, { enterprise: true })).toEqual([
      { op: 'replace', path: `${E}:employeeNumber`, value: 'E-2' },
      { op: 'replace', path: `${E}:manager`, value: { value: 'm-1' } },
    ]);
    expect(
      toPatchOps({ manager: 'm-1', department: 'x', employeeNumber: 'y' }, { enterprise: false }),
    ).toEqual([]);
  });

  it('reactivates with active true, and sends nothing for an empty change', () => {
    expect(toPatchOps({ active: true }, { enterprise: true })).toEqual([
      { op: 'replace', path: 'active', value: true },
    ]);
    expect(toPatchOps({}, { enterprise: true })).toEqual([]);
  });

  it('leaves emails and roles out when the user was not read first', () => {
    expect(toPatchOps({ email: 'a@x', role: 'admin' }, { enterprise: true })).toEqual([]);
  });

  it('adds a first email as primary, and changes a lone primary email by its value path', () => {
    expect(toPatchOps({ email: 'a@x' }, { enterprise: false, current: {} })).toEqual([
      { op: 'add', path: 'emails', value: [{ value: 'a@x', type: 'work', primary: true }] },
    ]);
    // No work email: Lanyard's is the primary one.
    const current = { emails: [{ value: 'home@x', type: 'home', primary: true }] };
    expect(toPatchOps({ email: 'a@x' }, { enterprise: false, current })).toEqual([
      { op: 'replace', path: 'emails[primary eq true].value', value: 'a@x' },
    ]);
  });

  it('adds a first role as primary, and replaces the primary role by its value path', () => {
    expect(toPatchOps({ role: 'admin' }, { enterprise: false, current: { roles: [] } })).toEqual([
      { op: 'add', path: 'roles', value: [{ value: 'admin', primary: true }] },
    ]);
    const current = { roles: [{ value: 'member', primary: true }, { value: 'billing' }] };
    expect(toPatchOps({ role: 'admin' }, { enterprise: false, current })).toEqual([
      { op: 'replace', path: 'roles[primary eq true].value', value: 'admin' },
    ]);
    expect(toPatchOps({ role: null }, { enterprise: false, current })).toEqual([
      { op: 'remove', path: 'roles[primary eq true]' },
    ]);
  });

  it('sends whole lists, with only Lanyard’s value changed, to a server that refuses value paths', () => {
    const current = {
      emails: [
        { value: 'home@x', type: 'home' },
        { value: 'old@x', type: 'work', primary: true },
      ],
      roles: [{ value: 'member', primary: true }, { value: 'billing' }],
    };
    expect(
      toPatchOps({ email: 'new@x', role: 'admin' }, { enterprise: false, current, wholeLists: true }),
    ).toEqual([
      {
        op: 'replace',
        path: 'emails',
        value: [
          { value: 'home@x', type: 'home' },
          { value: 'new@x', type: 'work', primary: true },
        ],
      },
      { op: 'replace', path: 'roles', value: [{ value: 'admin', primary: true }, { value: 'billing' }] },
    ]);
    expect(
      toPatchOps(
        { email: null, role: null },
        {
          enterprise: false,
          current: { emails: [{ value: 'a', type: 'work' }], roles: [{ value: 'r' }] },
          wholeLists: true,
        },
      ),
    ).toEqual([
      { op: 'remove', path: 'emails' },
      { op: 'remove', path: 'roles' },
    ]);
  });

  it('sends a first email and role as one-item lists, primary, to a server that refuses value paths', () => {
    expect(
      toPatchOps({ email: 'a@x', role: 'admin' }, { enterprise: false, current: {}, wholeLists: true }),
    ).toEqual([
      { op: 'replace', path: 'emails', value: [{ value: 'a@x', type: 'work', primary: true }] },
      { op: 'replace', path: 'roles', value: [{ value: 'admin', primary: true }] },
    ]);
  });
});

describe('whether the app shows Lanyard’s change', () => {
  it.each([
    [
      'the email, in another case',
      { email: 'Ana@Acme.io' },
      account({ emails: ['x@y', 'ana@acme.io'] }),
      true,
    ],
    ['not the email', { email: 'ana@acme.io' }, account({ emails: ['x@y'] }), false],
    ['the role, in another case', { role: 'Admin' }, account({ role: 'admin' }), true],
    ['another role', { role: 'admin' }, account({ role: 'member' }), false],
    ['no role', { role: 'admin' }, account({ role: null }), false],
    [
      'a cleared email and role (not checked)',
      { email: null, role: null },
      account({ emails: ['a'], role: 'r' }),
      true,
    ],
    [
      'the email but not the role',
      { email: 'a', role: 'admin' },
      account({ emails: ['a'], role: null }),
      false,
    ],
  ])('%s', (_what, changes, shown, expected) => {
    expect(showsChanges(shown, changes)).toBe(expected);
  });
});

describe('the PUT body of a PUT-only update', () => {
  const current: ScimUser = {
    schemas: [URN.user],
    id: 'u1',
    userName: 'ana@acme.io',
    externalId: 'dir-1',
    active: true,
    name: { givenName: 'Ana', familyName: 'Silva', formatted: 'Ana Silva' },
    displayName: 'Ana Silva',
    title: 'Engineer',
    emails: [{ value: 'ana@acme.io', type: 'work', primary: true }],
    roles: [{ value: 'member', primary: true }],
    groups: [{ value: 'g1' }],
    phoneNumbers: [{ value: '+1 555', type: 'mobile' }],
    meta: { resourceType: 'User', version: 'W/"1"' },
  };
  const { meta: _m, groups: _g, ...sentBack } = current;

  it('sends the user back as read, without what the server owns, when nothing changes', () => {
    expect(mergeForPut(current, {}, { enterprise: true })).toEqual(sentBack);
  });

  it('lays each change over it and drops what is cleared', () => {
    expect(
      mergeForPut(
        current,
        { userName: 'a2', externalId: 'dir-2', displayName: null, title: null, active: false },
        { enterprise: false },
      ),
    ).toEqual({
      ...sentBack,
      userName: 'a2',
      externalId: 'dir-2',
      active: false,
      displayName: undefined,
      title: undefined,
    });
    const cleared = mergeForPut(current, { displayName: null, title: null }, { enterprise: false });
    expect(Object.keys(cleared)).not.toContain('displayName');
    expect(Object.keys(cleared)).not.toContain('title');
  });

  it('changes one part of the name and keeps the rest, and drops a cleared part', () => {
    expect(mergeForPut(current, { familyName: 'Souza' }, { enterprise: false }).name).toEqual({
      givenName: 'Ana',
      familyName: 'Souza',
      formatted: 'Ana Silva',
    });
    expect(mergeForPut(current, { givenName: null }, { enterprise: false }).name).toEqual({
      familyName: 'Silva',
      formatted: 'Ana Silva',
    });
    expect(mergeForPut({ userName: 'x' }, { givenName: 'G' }, { enterprise: false }).name).toEqual({
      givenName: 'G',
    });
  });

  it('drops the emails and roles lists once Lanyard’s only value is cleared', () => {
    const next = mergeForPut(current, { email: null, role: null }, { enterprise: false });
    expect(Object.keys(next)).not.toContain('emails');
    expect(Object.keys(next)).not.toContain('roles');
    expect(mergeForPut(current, { role: 'owner' }, { enterprise: false }).roles).toEqual([
      { value: 'owner', primary: true },
    ]);
  });

  it('adds the enterprise extension and its schema for a department, keeping what it held', () => {
    const withExt: ScimUser = {
      ...current,
      schemas: [URN.user, URN.enterprise],
      [URN.enterprise]: {
        department: 'Eng',
        employeeNumber: 'E-1',
        manager: { value: 'm' },
        costCenter: 'C',
      },
    };
    expect(mergeForPut(withExt, { department: 'Ops' }, { enterprise: true })).toMatchObject({
      schemas: [URN.user, URN.enterprise],
      [URN.enterprise]: {
        department: 'Ops',
        employeeNumber: 'E-1',
        manager: { value: 'm' },
        costCenter: 'C',
      },
    });
    expect(
      mergeForPut(withExt, { department: null, employeeNumber: null, manager: null }, { enterprise: true })[
        URN.enterprise
      ],
    ).toEqual({ costCenter: 'C' });
    const added = mergeForPut(current, { employeeNumber: 'E-9', manager: 'm2' }, { enterprise: true });
    expect(added.schemas).toEqual([URN.user, URN.enterprise]);
    expect(added[URN.enterprise]).toEqual({ employeeNumber: 'E-9', manager: { value: 'm2' } });
  });

  it('leaves the extension alone when the app has none or nothing of it changes', () => {
    expect(mergeForPut(current, { department: 'Ops' }, { enterprise: false })).toEqual(sentBack);
    expect(mergeForPut(current, { displayName: 'X' }, { enterprise: true }).schemas).toEqual([URN.user]);
  });

  it('names the core schema when the user as read listed none, and adds nothing else', () => {
    expect(mergeForPut({ id: 'u1', userName: 'x' }, {}, { enterprise: true })).toEqual({
      id: 'u1',
      userName: 'x',
      schemas: [URN.user],
    });
    expect(mergeForPut({ id: 'u1', userName: 'x' }, { manager: 'm' }, { enterprise: true }).schemas).toEqual([
      URN.user,
      URN.enterprise,
    ]);
  });
});
