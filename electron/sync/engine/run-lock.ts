// Never two sync runs at once: an in-process mutex (one run after another), and across processes a lock held for
// the run's duration, so `lanyard sync` in a shell and the scheduler of a running app (or two server replicas on
// one PostgreSQL database) cannot both apply ops. Whoever dies, the lock goes with it: no stale lock.
// - SQLite: an exclusive SQLite lock on a side file in the data folder; the OS drops it when the process dies
//   (kill -9 included);
// - PostgreSQL: a session-level advisory lock ("LANY" "SYNC") on one pooled connection kept for the run; the
//   server frees it when that session ends.
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { LanyardError } from '../../app/errors';
import type { Store } from '../../store/store';

export const RUN_LOCK_FILE = 'sync-run.lock';

/** "LANY" "SYNC" as one bigint, constant for every Lanyard database. */
export const RUN_LOCK_KEY = ((0x4c414e59n << 32n) | 0x53594e43n).toString();

/** Runs `fn` holding the cross-process lock, or returns `busy` at once when another process holds it. */
type CrossProcess = <T>(fn: () => Promise<T>) => Promise<{ busy: true } | { busy: false; value: T }>;

const lockFile =
  (dataDir: string): CrossProcess =>
  async (fn) => {
    const db = new Database(path.join(dataDir, RUN_LOCK_FILE));
    try {
      db.pragma('busy_timeout = 0');
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS lock (pid INTEGER); COMMIT;');
    } catch (err) {
      db.close();
      if (/locked|busy/i.test(String((err as { code?: string }).code ?? err))) return { busy: true };
      throw err;
    }
    try {
      return { busy: false, value: await fn() };
    } finally {
      db.close();
    }
  };

const advisoryLock =
  (store: Store): CrossProcess =>
  (fn) =>
    // One connection of the pool is kept for the run: the lock belongs to its session. The run's own queries use
    // the others (store.q() outside this callback's executor).
    store
      .q()
      .connection()
      .execute(async (conn) => {
        const got = await sql<{
          ok: boolean;
        }>`SELECT pg_try_advisory_lock(${RUN_LOCK_KEY}::bigint) AS ok`.execute(conn);
        if (!got.rows[0]?.ok) return { busy: true as const };
        try {
          return { busy: false as const, value: await fn() };
        } finally {
          await sql`SELECT pg_advisory_unlock(${RUN_LOCK_KEY}::bigint)`.execute(conn);
        }
      });

export const createRunLock = (dataDir: string, store: Pick<Store, 'engine' | 'q'>) => {
  const crossProcess = store.engine === 'postgres' ? advisoryLock(store as Store) : lockFile(dataDir);
  let tail: Promise<unknown> = Promise.resolve();
  let busy = false;
  return {
    get busy(): boolean {
      return busy;
    },
    /** Runs `fn` when no other run is in progress in this process; fails at once if another process runs one. */
    exclusive<T>(fn: () => Promise<T>): Promise<T> {
      const next = tail.then(async () => {
        const r = await crossProcess(async () => {
          busy = true;
          try {
            return await fn();
          } finally {
            busy = false;
          }
        });
        if (r.busy) {
          throw new LanyardError(
            'conflict',
            'Another Lanyard process is running a sync on this data folder.',
            {
              hint: 'Wait for it to finish (see `lanyard runs`), then try again.',
            },
          );
        }
        return r.value;
      });
      tail = next.catch(() => undefined);
      return next;
    },
  };
};

export type RunLock = ReturnType<typeof createRunLock>;
