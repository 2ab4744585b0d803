// Never two sync runs at once: an in-process mutex (one run after another), and across processes an exclusive
// SQLite lock on a side file for the run's duration — so `lanyard sync` in a shell and the scheduler of a running
// app cannot both apply ops. The OS drops the lock when a process dies (kill -9 included): no stale lock.
import path from 'node:path';
import Database from 'better-sqlite3';
import { LanyardError } from '../../app/errors';

export const RUN_LOCK_FILE = 'sync-run.lock';

const tryLockFile = (dataDir: string): (() => void) | null => {
  const db = new Database(path.join(dataDir, RUN_LOCK_FILE));
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS lock (pid INTEGER); COMMIT;');
  } catch (err) {
    db.close();
    if (/locked|busy/i.test(String((err as { code?: string }).code ?? err))) return null;
    throw err;
  }
  return () => db.close();
};

export const createRunLock = (dataDir: string) => {
  let tail: Promise<unknown> = Promise.resolve();
  let busy = false;
  return {
    get busy(): boolean {
      return busy;
    },
    /** Runs `fn` when no other run is in progress in this process; fails at once if another process runs one. */
    exclusive<T>(fn: () => Promise<T>): Promise<T> {
      const next = tail.then(async () => {
        const release = tryLockFile(dataDir);
        if (!release) {
          throw new LanyardError(
            'conflict',
            'Another Lanyard process is running a sync on this data folder.',
            {
              hint: 'Wait for it to finish (see `lanyard runs`), then try again.',
            },
          );
        }
        busy = true;
        try {
          return await fn();
        } finally {
          busy = false;
          release();
        }
      });
      tail = next.catch(() => undefined);
      return next;
    },
  };
};

export type RunLock = ReturnType<typeof createRunLock>;
