// Starting SCIM fakes in a test and stopping them afterwards, plus quick seeding of users and groups.
import { afterEach } from 'vitest';
import { startScimFake, type ScimFake, type ScimFakeOptions } from '../../fakes/scim/server';
import { URN } from '../../fakes/scim/store';

const running: ScimFake[] = [];

/** Registers the afterEach that stops every fake the file started (call once at module level). */
export const stopFakesAfterEach = (): void => {
  afterEach(async () => {
    for (const f of running.splice(0)) await f.close();
  });
};

export const fake = async (o: Partial<ScimFakeOptions> = {}): Promise<ScimFake> => {
  const f = await startScimFake(o);
  running.push(f);
  return f;
};

/** Users made directly in the fake's store (no HTTP), returning their ids. */
export const seedUsers = (f: ScimFake, count: number, from = 0): string[] =>
  Array.from(
    { length: count },
    (_, i) =>
      f.store.createUser({
        schemas: [URN.user],
        userName: `seed${from + i}@example.com`,
        externalId: `dir-seed-${from + i}`,
        emails: [{ value: `seed${from + i}@example.com`, primary: true }],
      }).id,
  );

export const seedGroups = (f: ScimFake, count: number): string[] =>
  Array.from(
    { length: count },
    (_, i) => f.store.createGroup({ schemas: [URN.group], displayName: `Group ${i}` }).id,
  );
