// Which engine the core under test runs on. `npm test` runs the store, journal, ledger, sync, offboarding and
// review suites twice (vitest.config.ts): on SQLite, and with LANYARD_TEST_ENGINE=postgres on the PostgreSQL cluster
// the project's global setup started. Fixtures that open a core pass `database: coreDatabase()` to createLanyard.
import { execFileSync } from 'node:child_process';

export const TEST_ENGINE: 'sqlite' | 'postgres' =
  process.env.LANYARD_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

let n = 0;
const byDataDir = new Map<string, string>();

/**
 * On the PostgreSQL project: the database of the core whose data folder is `dataDir`, as a URL — a new empty one
 * the first time (created synchronously with psql, so fixtures stay synchronous), the same one when a test opens
 * the core again on that folder (a restart). On SQLite: undefined (the core uses its data folder).
 */
export const coreDatabase = (dataDir: string): string | undefined => {
  if (TEST_ENGINE !== 'postgres') return undefined;
  const known = byDataDir.get(dataDir);
  if (known) return known;
  const socket = process.env.LANYARD_TEST_PG_SOCKET;
  if (!socket)
    throw new Error(
      'LANYARD_TEST_ENGINE=postgres needs the postgres project’s global setup (vitest.config.ts)',
    );
  const name = `core_${process.pid}_${++n}`;
  execFileSync(
    'psql',
    ['-h', socket, '-U', 'lanyard_admin', '-d', 'postgres', '-qc', `CREATE DATABASE ${name}`],
    {
      stdio: 'pipe',
    },
  );
  const url = `postgres://lanyard_admin@/${name}?host=${encodeURIComponent(socket)}`;
  byDataDir.set(dataDir, url);
  return url;
};
