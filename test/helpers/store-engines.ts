// The store on each engine for tests that must hold on both: SQLite in a temporary data folder, and PostgreSQL in
// a throwaway cluster (startPostgres) shared by the test file, a fresh database per store. Everything is real: the
// SQLite file on disk, the PostgreSQL server over its Unix socket.
import path from 'node:path';
import { afterAll } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../electron/store/database';
import { createSqliteStore, type Store, type StoreEngine } from '../../electron/store/store';
import { openPgStore } from '../../electron/store/pg/pg-store';
import { startPostgres, type TestPostgres } from './postgres';
import { makeTempDir, removeDir } from './temp-dir';

export const ENGINES: readonly StoreEngine[] = ['sqlite', 'postgres'];

export interface TestStore {
  store: Store;
  /** The SQLite connection (sqlite only). */
  db?: Db;
  /** The SQLite data folder, or the PostgreSQL URL. */
  where: string;
  /** A second, independent store on the same database: another process or server replica. */
  another(): Promise<Store>;
}

/**
 * Returns a function that opens a fresh, migrated store on `engine`. Call at the top of a describe block; every
 * store (and the PostgreSQL cluster, started on first use) is closed when the file's tests end.
 */
export const storeFactory = (engine: StoreEngine) => {
  let server: TestPostgres | null = null;
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    server?.stop();
  });
  return async (label = 'store'): Promise<TestStore> => {
    if (engine === 'sqlite') {
      const dir = makeTempDir(label);
      const open = (): { db: Db; store: Store } => {
        const db = openDatabase(dir);
        const store = createSqliteStore(db);
        cleanups.push(() => closeDatabase(db));
        return { db, store };
      };
      cleanups.push(() => removeDir(dir));
      const first = open();
      return { ...first, where: path.join(dir), another: async () => open().store };
    }
    server ??= startPostgres();
    const url = server.url(await server.createDatabase(label));
    const open = async (): Promise<Store> => {
      const store = await openPgStore(url, { max: 4 });
      cleanups.push(() => store.close());
      return store;
    };
    return { store: await open(), where: url, another: open };
  };
};
