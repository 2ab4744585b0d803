// The SCIM client against the quirk-switchable SCIM fake: the full account lifecycle, in both update dialects.
import { afterEach, describe, expect, it } from 'vitest';
import { startScimFake, type ScimFake } from '../../fakes/scim/server';
import { person, scimConnector } from './harness';

const fakes: ScimFake[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});
const fake = async (o: Parameters<typeof startScimFake>[0] = {}): Promise<ScimFake> => {
  const f = await startScimFake(o);
  fakes.push(f);
  return f;
};

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe.each([
  ['PATCH', false],
  ['PUT-only', true],
] as const)('SCIM lifecycle against the fake (%s)', (_label, putOnly) => {
  it('creates, updates, adds to a group, deactivates, reactivates and deletes an account', async () => {
    const f = await fake({ putOnly });
    const group = f.store.createGroup({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Engineering',
    });
    const c = scimConnector(f.url, f.options.token);
    expect((await c.capabilities()).update).toBe(putOnly ? 'put-only' : 'patch');

    const created = await c.create({ ...person(1), department: 'R&D', employeeNumber: '42' });
    if (created.manual) throw new Error('unexpected manual outcome');
    const id = created.state.remoteId;
    expect(created.state).toMatchObject({ userName: 'user1@example.com', externalId: 'dir-1', active: true });
    expect(f.store.users.get(id)![ENT]).toMatchObject({ department: 'R&D', employeeNumber: '42' });
    // Something Lanyard does not manage, set by an admin in the app: it must survive updates.
    f.store.users.get(id)!.nickName = 'Bee';

    const updated = await c.update(id, { displayName: 'B. Family', department: 'Platform' });
    expect(!updated.manual && updated.state.displayName).toBe('B. Family');
    expect(f.store.users.get(id)![ENT]).toMatchObject({ department: 'Platform', employeeNumber: '42' });
    expect(f.store.users.get(id)!.nickName).toBe('Bee');

    const added = await c.addToGroup(group.id, [id]);
    expect(!added.manual && added.state.changed).toEqual([id]);
    expect(f.store.groups.get(group.id)!.members).toEqual([{ value: id }]);

    const off = await c.setActive(id, false);
    expect(!off.manual && off.state.active).toBe(false);
    expect(f.store.users.get(id)!.nickName).toBe('Bee');
    const on = await c.setActive(id, true);
    expect(!on.manual && on.state).toMatchObject({ active: true, groups: [group.id] });

    const removed = await c.removeFromGroup(group.id, [id]);
    expect(!removed.manual && removed.state.changed).toEqual([id]);
    expect(f.store.groups.get(group.id)!.members).toEqual([]);

    const gone = await c.delete(id);
    expect(!gone.manual && gone.state).toEqual({ remoteId: id, effect: 'deleted', alreadyGone: false });
    expect(f.store.users.has(id)).toBe(false);
    if (putOnly) expect(f.count('PATCH')).toBe(0);
    else expect(f.count('PUT')).toBe(0);
  });
});
