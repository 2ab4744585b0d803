// Exactly one scheduler across replicas on one PostgreSQL database (issue #14 item 4), against a real PostgreSQL:
// one holder at a time; a killed holder is replaced at once; a frozen holder (what a network cut looks like to the
// server) is replaced within the bound, and on waking finds it lost the lock before it could run anything; a
// holder whose session the server ends learns it at once.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  schedulerLockHolder,
  takeoverBoundMs,
  tryAcquirePgSchedulerLock,
} from '../../electron/store/pg/scheduler-lock';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { FIXTURES, spawnTs, stopChildren, waitForLine, type Spawned } from '../helpers/processes';

const HEARTBEAT_MS = 300;
const RETRY_MS = 200;
const BOUND_MS = takeoverBoundMs(HEARTBEAT_MS, RETRY_MS);

let server: TestPostgres;
beforeAll(() => {
  server = startPostgres();
});
afterAll(() => server?.stop());
afterEach(() => stopChildren());

const replica = (database: string): Spawned =>
  spawnTs(`${FIXTURES}/pg-scheduler-replica.ts`, [
    JSON.stringify(server.config(database)),
    String(HEARTBEAT_MS),
    String(RETRY_MS),
  ]);

/** Waits for a line on either replica; returns which one printed it. */
const firstToPrint = (pattern: RegExp, ...replicas: Spawned[]): Promise<Spawned> =>
  Promise.race(replicas.map((r) => waitForLine(r, pattern).then(() => r)));

const withinBound = <T>(p: Promise<T>, what: string): Promise<T> =>
  Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not happen within ${BOUND_MS} ms`)), BOUND_MS),
    ),
  ]);

describe('the PostgreSQL scheduler lock', () => {
  it('has one holder at a time, names it, and passes on when released', async () => {
    const db = await server.createDatabase('lock');
    const a = await tryAcquirePgSchedulerLock({ connection: server.config(db), heartbeatMs: HEARTBEAT_MS });
    expect(a).not.toBeNull();
    expect(await tryAcquirePgSchedulerLock({ connection: server.config(db) })).toBeNull();
    expect(await schedulerLockHolder(server.config(db))).toBe(`lanyard scheduler (pid ${process.pid})`);
    expect(await a!.stillHeld()).toBe(true);
    // Another database on the same server is another workspace: its lock is free.
    const other = await tryAcquirePgSchedulerLock({
      connection: server.config(await server.createDatabase('x')),
    });
    expect(other).not.toBeNull();
    await other!.release();
    await a!.release();
    expect(await a!.stillHeld()).toBe(false);
    expect(await schedulerLockHolder(server.config(db))).toBeNull();
    const b = await tryAcquirePgSchedulerLock({ connection: server.config(db) });
    expect(b).not.toBeNull();
    await b!.release();
  });

  it('a standby takes over within the bound when the holder is killed', async () => {
    const db = await server.createDatabase('kill');
    const first = replica(db);
    await waitForLine(first, /^held /);
    const second = replica(db);
    // Several retries later the standby still waits: the holder is alive.
    await new Promise((r) => setTimeout(r, RETRY_MS * 4));
    expect(second.stdout()).toBe('');
    first.child.kill('SIGKILL');
    await withinBound(waitForLine(second, /^held /), 'the takeover after SIGKILL');
  });

  it('a frozen holder (silent, like a network cut) is replaced within the bound and, on waking, knows it lost the lock', async () => {
    const db = await server.createDatabase('freeze');
    const first = replica(db);
    await waitForLine(first, /^held /);
    const second = replica(db);
    first.child.kill('SIGSTOP');
    try {
      await withinBound(waitForLine(second, /^held /), 'the takeover from a frozen holder');
    } finally {
      first.child.kill('SIGCONT');
    }
    // Woken up, the old holder asks before running anything: the server says it no longer holds the lock.
    first.child.kill('SIGUSR2');
    await waitForLine(first, /^checked: false$/);
    expect(first.stdout()).toMatch(/^lost: /m);
    expect(await schedulerLockHolder(server.config(db))).toBe(`lanyard scheduler (pid ${second.child.pid})`);
  });

  it('the holder learns at once when the server ends its session, and a standby takes over', async () => {
    const db = await server.createDatabase('terminate');
    const first = replica(db);
    const line = await waitForLine(first, /^held /);
    const second = replica(db);
    const admin = new pg.Client(server.config(db));
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [Number(line.split(' ')[1])]);
    } finally {
      await admin.end();
    }
    await withinBound(waitForLine(first, /^lost: /), 'noticing the ended session');
    const next = await withinBound(firstToPrint(/^held /, first, second), 'the takeover');
    expect([first, second]).toContain(next);
  });
});
