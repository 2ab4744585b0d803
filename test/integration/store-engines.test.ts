// The store's query layer (electron/store/store.ts, pg/pg-store.ts) behaves the same on SQLite and PostgreSQL:
// transactions commit or roll back as a whole, helpers join the caller's transaction, concurrent write
// transactions (also from a second process or replica) never interleave, and a read snapshot stays consistent.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../electron/store/store';
import { ENGINES, storeFactory } from '../helpers/store-engines';
import { latestSchemaVersion } from '../../electron/store/migrations';

const put = (store: Store, key: string, value: string) =>
  store
    .q()
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();

const get = async (store: Store, key: string): Promise<string | null> =>
  (await store.q().selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value ??
  null;

const tick = () => new Promise((r) => setTimeout(r, 5));

describe.each(ENGINES)('store on %s', (engine) => {
  const open = storeFactory(engine);

  it('commits every write of a transaction together, and a failure inside it leaves nothing', async () => {
    const { store } = await open('commit');
    await store.tx(async () => {
      await put(store, 'a', '1');
      await put(store, 'b', '2');
    });
    expect([await get(store, 'a'), await get(store, 'b')]).toEqual(['1', '2']);

    await expect(
      store.tx(async () => {
        await put(store, 'a', 'changed');
        await put(store, 'c', '3');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect([await get(store, 'a'), await get(store, 'c')]).toEqual(['1', null]);
    expect(store.inTransaction()).toBe(false);
  });

  it('a helper that opens its own transaction joins the caller’s: the caller’s failure undoes the helper’s write', async () => {
    const { store } = await open('join');
    const helper = () => store.tx(async () => put(store, 'helper', 'wrote'));
    await expect(
      store.tx(async () => {
        await helper();
        expect(await get(store, 'helper')).toBe('wrote'); // visible inside
        throw new Error('caller fails');
      }),
    ).rejects.toThrow('caller fails');
    expect(await get(store, 'helper')).toBeNull();
  });

  it('serializes concurrent write transactions of two connections (another process, a replica): read-then-increment loses no update', async () => {
    const { store, another } = await open('serial');
    // On SQLite the second connection waits for the first one's write lock without blocking the event loop
    // (which here is the same thread that has to finish the first transaction).
    const other = await another();
    await put(store, 'n', '0');
    const increment = (s: Store) =>
      s.tx(async () => {
        const n = Number(await get(s, 'n'));
        await tick(); // another writer would get in here if writes were not serialized
        await put(s, 'n', String(n + 1));
      });
    await Promise.all(Array.from({ length: 10 }, (_, i) => increment(i % 2 ? store : other)));
    expect(await get(store, 'n')).toBe('10');
  });

  it('a read snapshot does not see a write committed after it began, and cannot write', async () => {
    const { store, another } = await open('snapshot');
    const other = await another();
    await put(store, 'k', 'before');
    const seen = await store.read(async () => {
      const first = await get(store, 'k');
      await other.tx(async () => put(other, 'k', 'after'));
      const second = await get(store, 'k');
      await expect(store.tx(async () => put(store, 'k', 'inside'))).rejects.toThrow(
        /read snapshot cannot write/,
      );
      return [first, second];
    });
    expect(seen).toEqual(['before', 'before']);
    expect(await get(store, 'k')).toBe('after');
  });

  it('work scheduled inside a transaction that runs after it ended uses the store, not the finished transaction', async () => {
    const { store } = await open('late');
    let later: Promise<string | null> = Promise.resolve(null);
    await store.tx(async () => {
      await put(store, 'late', 'committed');
      later = new Promise((resolve, reject) =>
        setTimeout(() => get(store, 'late').then(resolve, reject), 20),
      );
    });
    expect(store.inTransaction()).toBe(false);
    await expect(later).resolves.toBe('committed');
  });

  it('runs the same typed query and raw SQL on both engines, numbers as numbers', async () => {
    const { store } = await open('typed');
    const r = await sql<{ n: number }>`SELECT count(*) AS n FROM settings`.execute(store.q());
    expect(r.rows[0]!.n).toBe(0);
    const head = await store
      .q()
      .selectFrom('audit_head')
      .select(['count', 'head_seq'])
      .executeTakeFirstOrThrow();
    expect(head).toEqual({ count: 0, head_seq: 0 });
    expect(await store.schemaVersion()).toBe(latestSchemaVersion); // the same number on both engines
  });
});
