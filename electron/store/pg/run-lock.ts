// Never two sync runs at once across server replicas on one PostgreSQL database: the run holds a session
// advisory lock ("LANY" "RUNS") on a connection of its own for its whole duration. The server frees it when the
// session ends, so a replica that dies mid-run leaves no stale lock; the next run reconciles what it journaled.
// The desktop's counterpart is the side-file lock in sync/engine/run-lock.ts.
import type pg from 'pg';

export const RUN_LOCK_KEY = ((0x4c414e59n << 32n) | 0x52554e53n).toString();

/** Takes the run lock, returning its release, or null when another replica is running a sync. */
export const tryPgRunLock = async (pool: pg.Pool): Promise<(() => Promise<void>) | null> => {
  const client = await pool.connect();
  let got = false;
  try {
    const r = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS got', [
      RUN_LOCK_KEY,
    ]);
    got = r.rows[0]!.got;
  } finally {
    if (!got) client.release();
  }
  if (!got) return null;
  return async () => {
    try {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [RUN_LOCK_KEY]);
      client.release();
    } catch (err) {
      client.release(err as Error); // destroys the connection, which frees the lock
    }
  };
};
