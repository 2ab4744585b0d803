// Exactly one scheduler across server replicas on one PostgreSQL database (issue #14): the process that holds a
// session-level advisory lock on a dedicated connection runs the scheduler; the others wait and retry.
//
// Why the lock is lost in bounded time, whatever happens to its holder:
// - the holder exits or is killed: the kernel closes its socket, its backend ends and PostgreSQL frees the lock at
//   once;
// - the holder freezes or the network is cut (no FIN ever arrives): the holder's connection sets
//   idle_session_timeout to IDLE_FACTOR heartbeats, so the server ends the silent session and frees the lock;
// - on the holder's side, a heartbeat (SELECT 1 every heartbeatMs) that does not answer within one period, or any
//   connection error, ends the hold: `lost` resolves and the caller stops scheduling. That happens (at most two
//   periods after the last good heartbeat) before the server frees the lock (three periods), so two replicas never
//   both believe they hold it.
// A standby that retries every retryMs therefore takes over within takeoverBoundMs.
import pg from 'pg';
import type { Logger } from '../../log/logger';

/** The advisory lock's key: "LANY" "SCHD" as one bigint, constant for every Lanyard database. */
export const SCHEDULER_LOCK_KEY = ((0x4c414e59n << 32n) | 0x53434844n).toString();

/** pg_locks shows a bigint advisory key as classid (high 32 bits), objid (low 32 bits), objsubid 1. */
const KEY_MATCH = 'objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = $1::bigint';

/** Silent heartbeats after which the server ends the holder's session. */
const IDLE_FACTOR = 3;
export const DEFAULT_HEARTBEAT_MS = 2_000;

export interface PgSchedulerLockOptions {
  connection: pg.ClientConfig;
  /** How often the holder proves it is alive (default 2 s). */
  heartbeatMs?: number;
  log?: Logger;
}

export interface PgSchedulerLock {
  /** The holder's backend process id on the server (what pg_locks shows). */
  readonly backendPid: number;
  /** Resolves with the reason once the hold has ended without release(): stop scheduling then. */
  readonly lost: Promise<string>;
  /**
   * Asks the server, now, whether this session still holds the lock (false ends the hold). The scheduler calls it
   * before each run: after a freeze, a due run must not start on a lock the server has already freed.
   */
  stillHeld(): Promise<boolean>;
  /** Gives the lock up (unlock, then close the connection). */
  release(): Promise<void>;
}

/** The longest a standby retrying every retryMs waits after the holder dies or goes silent. */
export const takeoverBoundMs = (heartbeatMs: number, retryMs: number): number =>
  IDLE_FACTOR * heartbeatMs + retryMs + 1_000;

const closeQuietly = (client: pg.Client): void => {
  client.end().catch(() => undefined);
};

/** Takes the lock, or returns null when another session holds it. Connection problems throw. */
export const tryAcquirePgSchedulerLock = async (
  opts: PgSchedulerLockOptions,
): Promise<PgSchedulerLock | null> => {
  const heartbeatMs = opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const client = new pg.Client({
    ...opts.connection,
    keepAlive: true,
    keepAliveInitialDelayMillis: heartbeatMs,
    connectionTimeoutMillis: opts.connection.connectionTimeoutMillis ?? 10_000,
    query_timeout: heartbeatMs,
    application_name: `lanyard scheduler (pid ${process.pid})`,
  });
  // Until the hold is set up, an error here is the caller's to see (thrown from connect/query).
  client.on('error', () => undefined);
  await client.connect();
  let got: boolean;
  let backendPid: number;
  try {
    await client.query(`SET idle_session_timeout = ${IDLE_FACTOR * heartbeatMs}`);
    const r = await client.query<{ got: boolean; pid: number }>(
      'SELECT pg_try_advisory_lock($1::bigint) AS got, pg_backend_pid() AS pid',
      [SCHEDULER_LOCK_KEY],
    );
    got = r.rows[0]!.got;
    backendPid = r.rows[0]!.pid;
  } catch (err) {
    closeQuietly(client);
    throw err;
  }
  if (!got) {
    closeQuietly(client);
    return null;
  }

  let ended = false;
  let resolveLost!: (why: string) => void;
  const lost = new Promise<string>((resolve) => (resolveLost = resolve));
  const lose = (why: string): void => {
    if (ended) return;
    ended = true;
    clearInterval(timer);
    opts.log?.warn('lost the scheduler lock', { reason: why });
    resolveLost(why);
    closeQuietly(client);
  };
  const timer = setInterval(() => {
    client.query('SELECT 1').catch((err: unknown) => lose(`heartbeat failed: ${(err as Error).message}`));
  }, heartbeatMs);
  timer.unref();
  client.on('error', (err) => lose(`connection error: ${err.message}`));
  client.on('end', () => lose('the connection to the database ended'));

  return {
    backendPid,
    lost,
    async stillHeld() {
      if (ended) return false;
      try {
        const r = await client.query<{ held: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'advisory'
             AND granted AND ${KEY_MATCH}) AS held`,
          [SCHEDULER_LOCK_KEY],
        );
        if (r.rows[0]!.held) return true;
        lose('the server no longer lists this session as the holder');
      } catch (err) {
        lose(`could not confirm the lock: ${(err as Error).message}`);
      }
      return false;
    },
    async release() {
      if (ended) return;
      ended = true;
      clearInterval(timer);
      try {
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [SCHEDULER_LOCK_KEY]);
      } catch {
        // the session is ending anyway, and with it the lock
      }
      await client.end().catch(() => undefined);
    },
  };
};

/** Who holds the lock now, for a standby's status line ("lanyard scheduler (pid 4242)"), or null. */
export const schedulerLockHolder = async (connection: pg.ClientConfig): Promise<string | null> => {
  const client = new pg.Client({ ...connection, query_timeout: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const r = await client.query<{ name: string | null; pid: number }>(
      `SELECT a.application_name AS name, l.pid
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND ${KEY_MATCH}`,
      [SCHEDULER_LOCK_KEY],
    );
    const row = r.rows[0];
    return row ? row.name || `backend ${row.pid}` : null;
  } finally {
    await client.end().catch(() => undefined);
  }
};
