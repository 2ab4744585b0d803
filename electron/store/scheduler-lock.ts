// Guarantees at most one Lanyard process per data dir runs the scheduler.
// The lock is an exclusive SQLite lock on a side file: the OS releases it when the process exits or crashes,
// so there is no stale lock to clean up after a kill -9. The holder writes its pid into the file, so the next
// holder can say whose place it took; a waiting process simply tries again (see createLanyard's hand-over).
import path from 'node:path';
import Database from 'better-sqlite3';

export interface SchedulerLock {
  readonly file: string;
  /** The pid the previous holder wrote, or null for the first holder of this file. */
  readonly previousPid: number | null;
  release(): void;
}

export const LOCK_FILE = 'scheduler.lock';

/** Takes the lock, or returns null when another process holds it. */
export const tryAcquireSchedulerLock = (dataDir: string): SchedulerLock | null => {
  const file = path.join(dataDir, LOCK_FILE);
  const db = new Database(file);
  let previousPid: number | null = null;
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    // BEGIN EXCLUSIVE takes the OS-level lock; in EXCLUSIVE locking mode it is kept after COMMIT.
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS lock (pid INTEGER);');
    previousPid = db.prepare<[], { pid: number }>('SELECT pid FROM lock LIMIT 1').get()?.pid ?? null;
    db.prepare('DELETE FROM lock').run();
    db.prepare('INSERT INTO lock (pid) VALUES (?)').run(process.pid);
    db.exec('COMMIT');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY' || /locked|busy/i.test(String(err))) return null;
    throw err;
  }
  let released = false;
  return {
    file,
    previousPid,
    release() {
      if (released) return;
      released = true;
      db.close();
    },
  };
};
